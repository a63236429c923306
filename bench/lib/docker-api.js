// Minimal Engine API client over the unix socket (plain node:http, no dependencies), plus the
// bench containers' lifecycle: `cb-<run>-<n>`, label ctop-bench=<run>, network none, `sleep 3600`.
import http from 'node:http';

export const BENCH_LABEL = 'ctop-bench';
/**
 * This run's value of the label, and its containers' name prefix: benches started together by
 * bench/run.js share it (CTOP_BENCH_RUN), and a bench run by someone else on the same engine at the
 * same time neither sees nor removes ours.
 */
export const BENCH_RUN = process.env.CTOP_BENCH_RUN || String(process.pid);
export const BENCH_SELECTOR = `${BENCH_LABEL}=${BENCH_RUN}`;
/** Control containers (engine-cost.js): like the bench ones, but no watcher's `-l` matches them. */
export const CONTROL_SELECTOR = `${BENCH_LABEL}=${BENCH_RUN}-control`;
export const BENCH_IMAGE = process.env.CTOP_BENCH_IMAGE ?? 'ctop-test/busybox:latest';

/** The engine socket: DOCKER_HOST when it is unix://, else the default path. */
export function socketPath() {
  const host = process.env.DOCKER_HOST;
  if (host && host.startsWith('unix://')) return host.slice('unix://'.length);
  if (host) throw new Error(`bench needs a local unix socket engine, DOCKER_HOST=${host}`);
  return '/var/run/docker.sock';
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
let apiPrefix = '';

/** One request; resolves with { status, body } (body parsed as JSON when it looks like JSON). */
export function request(method, path, body, { timeoutMs = 60_000 } = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      {
        socketPath: socketPath(),
        agent,
        method,
        path: apiPrefix + path,
        headers: payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {},
        timeout: timeoutMs,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => {
          let parsed = text;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            /* keep text */
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: timed out`)));
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

/** Pins requests to the daemon's API version (one-shot needs ≥ 1.41); returns it. */
export async function negotiateApiVersion() {
  apiPrefix = '';
  const { status, body } = await request('GET', '/version');
  if (status !== 200) throw new Error(`GET /version: ${status}`);
  apiPrefix = `/v${body.ApiVersion}`;
  return { apiVersion: body.ApiVersion, engine: body.Version, prefix: apiPrefix };
}

export function apiVersionPrefix() {
  return apiPrefix;
}

async function runLimited(items, limit, fn) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Running bench containers (or the control ones), oldest first: [{ id, name }]. */
export async function listBenchContainers({ all = false, control = false } = {}) {
  const filters = encodeURIComponent(JSON.stringify({ label: [control ? CONTROL_SELECTOR : BENCH_SELECTOR] }));
  const { status, body } = await request('GET', `/containers/json?all=${all ? 1 : 0}&filters=${filters}`);
  if (status !== 200) throw new Error(`list containers: ${status} ${JSON.stringify(body)}`);
  return body
    .map((c) => ({ id: c.Id, name: (c.Names?.[0] ?? '').replace(/^\//, ''), created: c.Created }))
    .sort((a, b) => a.created - b.created || a.name.localeCompare(b.name, 'en', { numeric: true }));
}

/**
 * Creates and starts bench containers until `n` are running, and `control` control containers
 * (`cb-<run>-ctl-<i>`); returns the bench ones. The two kinds start interleaved, so both groups'
 * shims are alike in age and start-up order (their Go runtimes' GC and scavenger bursts too).
 */
export async function ensureBenchContainers(n, { log = () => {}, control = 0 } = {}) {
  const missing = async (want, prefix, isControl) => {
    const have = await listBenchContainers({ control: isControl });
    const taken = new Set(have.map((c) => c.name));
    const names = [];
    for (let i = 0; names.length < want - have.length; i++) if (!taken.has(`${prefix}${i}`)) names.push(`${prefix}${i}`);
    return { have: have.length, names: names.map((name) => ({ name, isControl })) };
  };
  const bench = await missing(n, `cb-${BENCH_RUN}-`, false);
  const ctl = await missing(control, `cb-${BENCH_RUN}-ctl-`, true);
  const todo = [];
  // Pairs alternate which kind starts first, so neither group is systematically the earlier.
  for (let i = 0; i < Math.max(bench.names.length, ctl.names.length); i++) todo.push(...(i % 2 ? [ctl.names[i], bench.names[i]] : [bench.names[i], ctl.names[i]]).filter(Boolean));
  if (todo.length > 0) {
    log(`starting ${todo.length} container(s) (${bench.have} running${control ? `, ${ctl.have} control` : ''})`);
    await runLimited(todo, 6, async ({ name, isControl }) => {
      const created = await request('POST', `/containers/create?name=${name}`, {
        Image: BENCH_IMAGE,
        Cmd: ['sleep', '3600'],
        Labels: { [BENCH_LABEL]: isControl ? `${BENCH_RUN}-control` : BENCH_RUN, 'ctop-test': '1' },
        // AutoRemove: a bench killed with SIGKILL leaves nothing behind once `sleep 3600` ends.
        HostConfig: { NetworkMode: 'none', AutoRemove: true },
        NetworkDisabled: true,
      });
      if (created.status !== 201) throw new Error(`create ${name}: ${created.status} ${JSON.stringify(created.body)}`);
      const started = await request('POST', `/containers/${created.body.Id}/start`);
      if (started.status !== 204 && started.status !== 304) throw new Error(`start ${name}: ${started.status} ${JSON.stringify(started.body)}`);
    });
  }
  const now = await listBenchContainers();
  if (now.length < n) throw new Error(`wanted ${n} running bench containers, have ${now.length}`);
  if (control > 0 && (await listBenchContainers({ control: true })).length < control) throw new Error(`wanted ${control} running control containers`);
  return now;
}

export const BUSY_NAME = `cb-${BENCH_RUN}-busy`;

/**
 * A container that spins one CPU under `--cpus 0.5` (CFS quota 50 ms per 100 ms period): its CPU %
 * must read 50. Labelled like the others, so cleanup removes it; started after them, so it is the
 * newest (listBenchContainers sorts oldest first). Returns its id.
 */
export async function startBusyContainer() {
  const have = (await listBenchContainers()).find((c) => c.name === BUSY_NAME);
  if (have) return have.id;
  const created = await request('POST', `/containers/create?name=${BUSY_NAME}`, {
    Image: BENCH_IMAGE,
    // The loop is a child of `sleep 3600`, which is PID 1: the container ends (and is removed) within the hour even if the bench is killed hard.
    Cmd: ['sh', '-c', 'sh -c "while :; do :; done" & exec sleep 3600'],
    Labels: { [BENCH_LABEL]: BENCH_RUN, 'ctop-test': '1' },
    HostConfig: { NetworkMode: 'none', AutoRemove: true, NanoCpus: 500_000_000 },
    NetworkDisabled: true,
  });
  if (created.status !== 201) throw new Error(`create ${BUSY_NAME}: ${created.status} ${JSON.stringify(created.body)}`);
  const started = await request('POST', `/containers/${created.body.Id}/start`);
  if (started.status !== 204 && started.status !== 304) throw new Error(`start ${BUSY_NAME}: ${started.status}`);
  return created.body.Id;
}

/** Removes one container by name or id (force); a missing one is fine. */
export async function removeContainer(nameOrId) {
  await request('DELETE', `/containers/${encodeURIComponent(nameOrId)}?force=1`);
}

/** Force-removes every container of this run (label ctop-bench=<run> or <run>-control, running or not). */
export async function removeBenchContainers({ log = () => {} } = {}) {
  let list;
  try {
    list = [...(await listBenchContainers({ all: true })), ...(await listBenchContainers({ all: true, control: true }))];
  } catch (err) {
    log(`cleanup: cannot list containers: ${err.message}`);
    return;
  }
  if (list.length === 0) return;
  log(`removing ${list.length} bench container(s)`);
  await runLimited(list, 8, async (c) => {
    try {
      await request('DELETE', `/containers/${c.id}?force=1`);
    } catch (err) {
      log(`cleanup: ${c.name}: ${err.message}`);
    }
  });
}

export function closeAgent() {
  agent.destroy();
}

/**
 * Follows /events (containers only) and counts events that are not about bench containers: other
 * people's activity on a shared engine, which shows up as engine CPU we did not cause.
 */
export function watchForeignActivity() {
  let count = 0;
  const actions = {};
  const filters = encodeURIComponent(JSON.stringify({ type: ['container'] }));
  const req = http.get({ socketPath: socketPath(), path: `${apiPrefix}/events?filters=${filters}` }, (res) => {
    let buf = '';
    res.setEncoding('utf8');
    res.on('data', (d) => {
      buf += d;
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        try {
          const e = JSON.parse(line);
          const run = e.Actor?.Attributes?.[BENCH_LABEL];
          if (run === BENCH_RUN || run === `${BENCH_RUN}-control`) continue;
          const action = String(e.Action ?? e.status ?? '?').split(':')[0];
          count++;
          actions[action] = (actions[action] ?? 0) + 1;
        } catch {
          /* partial line */
        }
      }
    });
    res.on('error', () => {});
  });
  req.on('error', () => {});
  return {
    /** Events since the last call, then resets. */
    take() {
      const r = { count, actions: { ...actions } };
      count = 0;
      for (const k of Object.keys(actions)) delete actions[k];
      return r;
    },
    close() {
      req.destroy();
    },
  };
}

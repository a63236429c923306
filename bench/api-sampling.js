#!/usr/bin/env node
// Design question for the API source: what does the engine spend (dockerd + containerd + the
// watched shims, net of its idle baseline) to give a client fresh counters for N idle containers
// at 1 Hz, with
//   oneshot   — GET /containers/{id}/stats?stream=false&one-shot=true, per container per tick
//   stream    — one persistent GET /containers/{id}/stats?stream=true per container
//   twosample — GET /containers/{id}/stats?stream=false (the engine's two-sample record, 1–2 s),
//               per container per tick (at most 2 in flight per container)
// The client runs inside this process (plain node:http); its own CPU is reported beside.
// Usage: node bench/api-sampling.js [--n 10,50] [--duration 40]
import http from 'node:http';
import { parseArgs } from 'node:util';
import { apiVersionPrefix, ensureBenchContainers, negotiateApiVersion, removeBenchContainers, request, socketPath, watchForeignActivity } from './lib/docker-api.js';
import { fmt, hostFacts, log, median, numberList, onCleanup, percentile, runBench, sleep, table, writeResults } from './lib/harness.js';
import { engineDelta, findEngine, snapshotEngine } from './lib/proc-cpu.js';

const USAGE = `usage: node bench/api-sampling.js [options]
  --n <list>        container counts (default 10,50)
  --duration <s>    seconds per mode (default 40)
  --modes <list>    subset of oneshot,stream,twosample (default all; idle always runs)
  --interval <ms>   tick for oneshot and twosample (default 1000)
  --settle <s>      pause between modes (default 3)
  --help`;

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '10,50' },
    duration: { type: 'string', default: '40' },
    modes: { type: 'string', default: 'oneshot,stream,twosample' },
    interval: { type: 'string', default: '1000' },
    settle: { type: 'string', default: '3' },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const NS = numberList(args.n).sort((a, b) => a - b);
const DURATION_MS = Number(args.duration) * 1000;
const INTERVAL_MS = Number(args.interval);
const SETTLE_MS = Number(args.settle) * 1000;
const MODES = args.modes.split(',').map((s) => s.trim());
for (const m of MODES) if (!['oneshot', 'stream', 'twosample'].includes(m)) throw new Error(`unknown mode ${m}`);
if (!(DURATION_MS >= 5000)) throw new Error('--duration must be at least 5 seconds');

const LABELS = {
  oneshot: 'one-shot per tick',
  stream: 'persistent stream',
  twosample: 'stream=false per tick',
};

/** A stats record with real counters (a stopped container's record has Go's zero time). */
const isReal = (o) => typeof o?.read === 'string' && !o.read.startsWith('0001-') && o.cpu_stats?.cpu_usage?.total_usage !== undefined;

/** GET with timing; `agent` may be false for a dedicated socket. Resolves, never rejects. */
function timedGet(path, agent, live) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const req = http.get({ socketPath: socketPath(), path: apiVersionPrefix() + path, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => {
        live.delete(req);
        let o = null;
        try {
          o = JSON.parse(text);
        } catch {
          /* counted below */
        }
        resolve({ ms: performance.now() - t0, ok: res.statusCode === 200 && isReal(o), status: res.statusCode });
      });
      res.on('error', () => resolve({ ms: performance.now() - t0, ok: false, status: 'aborted' }));
    });
    live.add(req);
    req.on('error', (err) => {
      live.delete(req);
      resolve({ ms: performance.now() - t0, ok: false, status: err.code ?? err.message });
    });
  });
}

/** Drift-free ticker: fn(tickIndex) at t0 + k·interval until stopped. */
function ticker(intervalMs, fn) {
  const t0 = performance.now();
  let k = 0;
  let timer = null;
  let stopped = false;
  const next = () => {
    if (stopped) return;
    fn(k++);
    timer = setTimeout(next, Math.max(0, t0 + k * intervalMs - performance.now()));
  };
  next();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** Starts a client mode against `ids`; returns { stop(), stats() }. */
function startMode(mode, ids) {
  const live = new Set();
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  let stopping = false;
  const st = { requests: 0, records: 0, failed: 0, skipped: 0, late: 0, latencies: [], statuses: {} };
  const done = (r) => {
    st.latencies.push(r.ms);
    if (r.ms > INTERVAL_MS) st.late++;
    if (r.ok) st.records++;
    else {
      st.failed++;
      st.statuses[r.status] = (st.statuses[r.status] ?? 0) + 1;
    }
  };
  let stopTicker = () => {};
  if (mode === 'oneshot' || mode === 'twosample') {
    const query = mode === 'oneshot' ? 'stream=false&one-shot=true' : 'stream=false';
    const maxInFlight = mode === 'oneshot' ? 1 : 2;
    const inFlight = new Map(ids.map((id) => [id, 0]));
    stopTicker = ticker(INTERVAL_MS, () => {
      for (const id of ids) {
        if (inFlight.get(id) >= maxInFlight) {
          st.skipped++;
          continue;
        }
        inFlight.set(id, inFlight.get(id) + 1);
        st.requests++;
        timedGet(`/containers/${id}/stats?${query}`, agent, live).then((r) => {
          inFlight.set(id, inFlight.get(id) - 1);
          if (!stopping) done(r);
        });
      }
    });
  } else {
    for (const id of ids) {
      st.requests++;
      const req = http.get({ socketPath: socketPath(), path: `${apiVersionPrefix()}/containers/${id}/stats?stream=true`, agent: false }, (res) => {
        let buf = '';
        res.setEncoding('utf8');
        res.on('data', (d) => {
          buf += d;
          let i;
          while ((i = buf.indexOf('\n')) >= 0) {
            const line = buf.slice(0, i);
            buf = buf.slice(i + 1);
            if (stopping || !line.trim()) continue;
            try {
              if (isReal(JSON.parse(line))) st.records++;
              else st.failed++;
            } catch {
              st.failed++;
            }
          }
        });
        res.on('error', () => {});
      });
      req.on('error', (err) => {
        if (!stopping) st.statuses[err.code ?? err.message] = (st.statuses[err.code ?? err.message] ?? 0) + 1;
      });
      live.add(req);
    }
  }
  return {
    stop() {
      stopping = true;
      stopTicker();
      for (const req of live) req.destroy();
      agent.destroy();
    },
    stats: () => ({ ...st, latencies: [...st.latencies] }),
  };
}

async function runPhase({ mode, ids, engine, benchIds, foreign }) {
  foreign.take();
  const before = snapshotEngine(engine);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const client = mode === 'idle' ? null : startMode(mode, ids);
  await sleep(DURATION_MS);
  const after = snapshotEngine(engine);
  const cpu = process.cpuUsage(cpu0);
  const wallS = (performance.now() - t0) / 1000;
  const st = client ? client.stats() : null;
  client?.stop();
  return { mode, wallS, clientCpuS: (cpu.user + cpu.system) / 1e6, engine: engineDelta(before, after, benchIds), client: st, foreign: foreign.take() };
}

async function main() {
  const api = await negotiateApiVersion();
  const engine = findEngine(socketPath());
  const host = await hostFacts(request);
  log(`engine ${api.engine} (API ${api.apiVersion}); dockerd pid ${engine.dockerd}, containerd pid ${engine.containerd}`);
  await removeBenchContainers({ log });
  const foreign = watchForeignActivity();
  onCleanup(() => foreign.close());
  const results = { bench: 'api-sampling', startedAt: new Date().toISOString(), host, engineProcesses: engine, durationS: DURATION_MS / 1000, intervalMs: INTERVAL_MS, runs: [] };

  for (const n of NS) {
    const ids = (await ensureBenchContainers(n, { log })).slice(0, n).map((c) => c.id);
    const benchIds = new Set(ids);
    await sleep(Math.max(SETTLE_MS, 8000));
    const phases = [];
    for (const mode of ['idle', ...MODES, 'idle']) {
      log(`N=${n}: ${mode} for ${DURATION_MS / 1000}s`);
      const p = await runPhase({ mode, ids, engine, benchIds, foreign });
      log(`N=${n}: ${mode}: engine ${fmt(p.engine.engine)}s (dockerd ${fmt(p.engine.dockerd)}, containerd ${fmt(p.engine.containerd)}, shims ${fmt(p.engine.shimsBench)}), client ${fmt(p.clientCpuS)}s, records ${p.client?.records ?? '-'}, foreign events ${p.foreign.count}`);
      phases.push(p);
      await sleep(SETTLE_MS);
    }
    results.runs.push(summarise(n, phases));
  }
  results.finishedAt = new Date().toISOString();
  print(results);
  log(`results: ${writeResults('api-sampling', results)}`);
}

function summarise(n, phases) {
  const idle = phases.filter((p) => p.mode === 'idle');
  const baseline = idle.reduce((s, p) => s + p.engine.engine, 0) / idle.length;
  const modes = {};
  for (const p of phases.filter((q) => q.mode !== 'idle')) {
    const c = p.client;
    modes[p.mode] = {
      engineCpuS: p.engine.engine,
      engineNetS: p.engine.engine - baseline,
      engineNetMsPerContainerSecond: ((p.engine.engine - baseline) / n / p.wallS) * 1000,
      breakdown: { dockerd: p.engine.dockerd, containerd: p.engine.containerd, shims: p.engine.shimsBench },
      clientCpuS: p.clientCpuS,
      requests: c.requests,
      records: c.records,
      // Fresh records per container per second: 1.0 means every container got a sample every tick.
      coverage: c.records / n / p.wallS,
      failed: c.failed,
      statuses: c.statuses,
      skipped: c.skipped,
      late: c.late,
      latencyMs: c.latencies.length ? { p50: median(c.latencies), p95: percentile(c.latencies, 95), max: Math.max(...c.latencies) } : null,
    };
  }
  return { n, baselineEngineS: baseline, idleSpreadS: idle.length === 2 ? Math.abs(idle[0].engine.engine - idle[1].engine.engine) : null, modes, phases: phases.map(({ client, ...rest }) => rest) };
}

function print(results) {
  const rows = [];
  for (const r of results.runs) {
    rows.push([String(r.n), 'idle baseline', fmt(r.baselineEngineS), null, null, null, null, null, null, `spread ${fmt(r.idleSpreadS)}`]);
    for (const [mode, m] of Object.entries(r.modes)) {
      rows.push([
        String(r.n),
        LABELS[mode],
        fmt(m.engineNetS),
        fmt(m.engineNetMsPerContainerSecond, 3),
        `${fmt(m.breakdown.dockerd, 1)}/${fmt(m.breakdown.containerd, 1)}/${fmt(m.breakdown.shims, 1)}`,
        fmt(m.clientCpuS),
        fmt(m.coverage, 2),
        m.latencyMs ? `${fmt(m.latencyMs.p50, 0)}/${fmt(m.latencyMs.p95, 0)}` : null,
        String(m.late),
        m.failed || m.skipped ? `failed ${m.failed}, skipped ${m.skipped}` : '',
      ]);
    }
  }
  console.log(`\napi-sampling: engine CPU over ${results.durationS} s (dockerd + containerd + watched shims, net of idle baseline), ${results.intervalMs} ms tick\n`);
  console.log(table(['N', 'mode', 'engine s', 'ms/ctr/s', 'dockerd/ctrd/shims', 'client s', 'fresh/ctr/s', 'p50/p95 ms', 'late', 'notes'], rows));
}

runBench(main);

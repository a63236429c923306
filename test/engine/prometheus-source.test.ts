// --prometheus against a real Prometheus (the Debian binary, started here on loopback):
//  (a) it scrapes recorded cAdvisor expositions served by a tiny static server: a kubelet's
//      (namespaces, pods, pause sandboxes, pod cgroups) and a standalone cAdvisor's (compose labels);
//  (b) it scrapes two `ctop-ts serve` instances, on the shared engine and on a private dockerd, and
//      the table agrees with `docker stats` on each;
//  (c) a recorded --prometheus session replays like any other.
// The binary runs as users run it (node bin/ctop-ts.js): build first (npx tsc -p tsconfig.json).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Store } from '../../src/core/history/store.js';
import { Sampler } from '../../src/sampling/sampler.js';
import { prefillStore } from '../../src/sources/prometheus/history-prefill.js';
import { createPrometheusSession } from '../../src/sources/prometheus/prometheus-session.js';
import { startDockerd, dockerdMissingReason, type PrivateDockerd } from '../helpers/dockerd.js';
import { describeEngine, docker, removeContainers, runContainer, TEST_IMAGE, TEST_LABEL } from '../helpers/engine.js';
import { startFixtureServer, type FixtureServer } from '../helpers/prometheus-fixture-server.js';
import { describePrometheus, prometheusMissingReason, startPrometheus, type PrometheusServer } from '../helpers/prometheus.js';
import { missingDependencyOutcome } from '../helpers/requirement.js';
import { parseDockerSize, startCtop, type CtopProcess } from '../helpers/serve-process.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = join(ROOT, 'fixtures', 'prometheus');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function ctop(args: string[], timeoutMs = 30_000): Promise<Run> {
  assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'build first: npx tsc -p tsconfig.json');
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/ctop-ts.js', ...args], { cwd: ROOT, timeout: timeoutMs, encoding: 'utf8' }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

export const lines = (text: string) => text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, any>);
/** `--json --group-by` prints group objects (and, since the fleet work, their containers too). */
const groupsOf = (text: string) => lines(text).filter((x) => x.type === 'group');

const PROD = ['api-7f9b8c5d4-xk2lp/api', 'web-6d4cf56db6-abcde/log-shipper', 'web-6d4cf56db6-abcde/nginx'];

describePrometheus('--prometheus: recorded cAdvisor expositions scraped by a real Prometheus', () => {
  let kubelet: FixtureServer;
  let cadvisor: FixtureServer;
  let prom: PrometheusServer;
  let empty: PrometheusServer;
  let dir: string;
  let P: string[];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ctop-prom-src-'));
    kubelet = await startFixtureServer({ file: join(FIXTURES, 'kubelet-cadvisor.prom') });
    cadvisor = await startFixtureServer({ file: join(FIXTURES, 'docker-cadvisor.prom'), path: '/metrics' });
    prom = await startPrometheus({ scrapeTargets: [{ url: kubelet.url, job: 'kubelet' }, { url: cadvisor.url, job: 'cadvisor' }] });
    empty = await startPrometheus({});
    await prom.waitForTargetsUp();
    // rate() divides by the whole window: a series younger than the window reads low, so wait
    // until the 10 s window is full of scrapes.
    await prom.waitForQuery('count_over_time(up{job="kubelet"}[1m])', (s) => (s[0]?.value ?? 0) >= 12, 40_000);
    P = ['--prometheus', prom.url, '--prometheus-window', '10s'];
  });
  after(async () => {
    await prom?.stop();
    await empty?.stop();
    await kubelet?.stop();
    await cadvisor?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('--group-by namespace: each namespace has its pods, no pause containers, totals add up', async () => {
    const table = await ctop([...P, '--no-stream', '--group-by', 'namespace']);
    assert.equal(table.code, 0, table.stderr);
    assert.doesNotMatch(table.stdout, /pause|POD/);
    assert.match(table.stdout, /^prod\s+3\/3 running\s+/m);
    assert.match(table.stdout, /^staging\s+1\/1 running/m);
    assert.match(table.stdout, /^kube-system\s+1\/1 running/m);

    const groups = groupsOf((await ctop([...P, '--no-stream', '--json', '--group-by', 'namespace'])).stdout);
    const rows = lines((await ctop([...P, '--no-stream', '--json'])).stdout);
    // Members may be listed by fleet key (host/id) or by the engine's id, as container objects are.
    const nameOf = new Map(rows.flatMap((r) => [[r.id, r.name], [`${r.host}/${r.id}`, r.name]]));
    const prod = groups.find((g) => g.value === 'prod')!;
    assert.deepEqual(prod.members.map((id: string) => nameOf.get(id)).sort(), PROD);
    // CPU: the fixture's counters grow 1 %/s: 25 + 5 + 50 s → 80 %.
    assert.ok(Math.abs(prod.cpuPercent - 80) < 2, `prod CPU ${prod.cpuPercent}`);
    assert.equal(prod.memUsage, 52428800 + 20971520 + 157286400);
    const none = groups.find((g) => g.value === null)!;
    assert.equal(none.count, 3, 'the docker host’s containers have no namespace');
  });

  it('-l namespace=prod gives the prod pods, as JSON with host and source', async () => {
    const r = await ctop([...P, '--no-stream', '--json', '-l', 'namespace=prod']);
    assert.equal(r.code, 0, r.stderr);
    const rows = lines(r.stdout);
    assert.deepEqual(rows.map((x) => x.name).sort(), PROD);
    for (const row of rows) {
      assert.equal(row.source, 'prometheus');
      assert.equal(row.host, new URL(kubelet.url).host);
      assert.equal(row.labels.namespace, 'prod');
    }
    const nginx = rows.find((x) => x.name.endsWith('/nginx'))!;
    assert.ok(Math.abs(nginx.cpuPercent - 25) < 1, `nginx CPU ${nginx.cpuPercent}`);
    assert.ok(Math.abs(nginx.netRxRate - 10_000) < 300, `pod network ${nginx.netRxRate}`);
  });

  it('pushed-down set and regex matchers select what local matching would', async () => {
    const r = await ctop([...P, '--no-stream', '--json', '-l', 'namespace in (prod,staging),container notin (api)', '-f', 'image~nginx']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(lines(r.stdout).map((x) => x.name).sort(), ['web-5b7d9f8c7-qq8zz/nginx', 'web-6d4cf56db6-abcde/nginx']);
    const compose = await ctop([...P, '--no-stream', '--json', '-l', 'com.docker.compose.project=shop', '-f', 'name~db']);
    assert.deepEqual(lines(compose.stdout).map((x) => x.name), ['shop-db-1']);
    const lossy = await ctop([...P, '--no-stream', '--json', '-l', 'app.tier=front']);
    assert.deepEqual(lines(lossy.stdout).map((x) => [x.name, x.labels['app.tier']]), [['shop-web-1', 'front']]);
  });

  it('--group-by host: one group per scrape target', async () => {
    const groups = groupsOf((await ctop([...P, '--no-stream', '--json', '--group-by', 'host'])).stdout);
    assert.deepEqual(groups.map((g) => [g.value, g.count]).sort(), [
      [new URL(kubelet.url).host, 5],
      [new URL(cadvisor.url).host, 3],
    ].sort());
  });

  it('history from query_range: sparklines pre-filled for all, the detail chart\'s last hour for one', async () => {
    const session = await createPrometheusSession({ url: prom.url, window: '10s', intervalMs: 1000 });
    const store = new Store();
    assert.equal(await prefillStore(session, store, 1000), 8);
    const snap = await new Sampler({ session, store, intervalMs: 1000 }).tick();
    const api = snap.rows.find((r) => r.info.name.endsWith('/api'))!;
    const h = snap.history.get(api.info.id)!;
    const filled = h.cpuPercent.filter((x): x is number => x !== null);
    assert.ok(filled.length >= 10, `sparkline starts with ${filled.length} points`);
    assert.ok(Math.abs(filled.at(-2)! - 50) < 2, `seeded CPU ${filled.at(-2)}`);
    const hour = await session.history(api.info.id, 120);
    session.close();
    assert.equal(hour!.timestamps.length, 121);
    assert.equal(hour!.timestamps[1] - hour!.timestamps[0], 30_000);
    assert.ok(hour!.memUsage.some((x) => x === 157286400));
  });

  it('clear errors: no container metrics, unreachable, a bad rate window', async () => {
    const none = await ctop(['--prometheus', empty.url, '--no-stream']);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /^ctop-ts: Prometheus at http:\/\/127\.0\.0\.1:\d+ has no container metrics .*\n  hint: is cAdvisor or ctop-ts serve scraped here\?\n$/);
    const down = await ctop(['--prometheus', 'http://127.0.0.1:1', '--no-stream']);
    assert.equal(down.code, 1);
    assert.match(down.stderr, /cannot reach Prometheus at http:\/\/127\.0\.0\.1:1: ECONNREFUSED/);
    const bad = await ctop(['--prometheus', prom.url, '--prometheus-window', 'soon', '--no-stream']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /expected a PromQL duration/);
  });

  it('(c) a recorded --prometheus session replays like any other', async () => {
    const file = join(dir, 'fleet.ndjson');
    const rec = await ctop([...P, '--json', '-i', '500ms', '--record', file, '-l', 'namespace=prod'], 3000);
    assert.ok(rec.stdout.length > 0, rec.stderr);
    const live = lines(rec.stdout);
    const replay = await ctop(['--replay', file, '--no-stream', '--json']);
    assert.equal(replay.code, 0, replay.stderr);
    const rows = lines(replay.stdout);
    assert.deepEqual(rows.map((x) => x.name).sort(), PROD);
    assert.ok(rows.every((x) => x.source === 'prometheus'));
    const first = live.find((x) => x.name.endsWith('/api'))!;
    const again = rows.find((x) => x.name.endsWith('/api'))!;
    assert.equal(again.memUsage, first.memUsage);
    assert.ok(Math.abs(again.cpuPercent - 50) < 2);
  });

  // Last: it stops the docker-host fixture.
  it('a scrape target that goes down keeps its rows, marked stale; the other host stays live', async () => {
    const session = await createPrometheusSession({ url: prom.url, window: '10s', intervalMs: 1000 });
    const sampler = new Sampler({ session, store: new Store(), intervalMs: 1000 });
    await sampler.tick();
    await cadvisor.stop();
    await prom.waitForQuery('up{job="cadvisor"} == 0', (x) => x.length > 0, 15_000);
    let snap = await sampler.tick();
    for (let i = 0; i < 5 && !snap.rows.some((r) => r.stale); i++) {
      await new Promise((res) => setTimeout(res, 1000));
      snap = await sampler.tick();
    }
    session.close();
    const downHost = new URL(cadvisor.url).host;
    const stale = snap.rows.filter((r) => r.stale);
    assert.deepEqual(stale.map((r) => r.info.name).sort(), ['blog-app-1', 'shop-db-1', 'shop-web-1']);
    assert.ok(stale.every((r) => r.info.host === downHost && /up == 0/.test(r.stale!.reason) && r.stats.memUsage !== null));
    const live = snap.rows.filter((r) => !r.stale);
    assert.equal(live.length, 5);
    assert.ok(live.every((r) => r.stats.cpuPercent !== null));
    assert.deepEqual(session.engines?.().map((e) => [e.name, e.state]).sort(), [[downHost, 'down'], [new URL(kubelet.url).host, 'up']].sort());
  });
});

const RUN = `${process.pid}-${Date.now()}`;

/** A container's CPU time (ns) from its cgroup on the shared engine: v1 cpuacct or v2 cpu.stat, either driver. */
function cgroupCpuNs(id: string): number {
  for (const p of [`/sys/fs/cgroup/cpuacct/docker/${id}/cpuacct.usage`, `/sys/fs/cgroup/cpu,cpuacct/docker/${id}/cpuacct.usage`, `/sys/fs/cgroup/cpuacct/system.slice/docker-${id}.scope/cpuacct.usage`])
    if (existsSync(p)) return Number(readFileSync(p, 'utf8'));
  for (const p of [`/sys/fs/cgroup/system.slice/docker-${id}.scope/cpu.stat`, `/sys/fs/cgroup/docker/${id}/cpu.stat`])
    if (existsSync(p)) return Number(/usage_usec (\d+)/.exec(readFileSync(p, 'utf8'))![1]) * 1000;
  throw new Error(`cgroup of ${id} not found`);
}

/** `docker stats --no-stream` MEM USAGE of one container, in bytes (on the engine `cli` talks to). */
async function dockerStatsMem(cli: (args: string[]) => Promise<{ code: number; stdout: string; stderr: string }>, name: string): Promise<number> {
  const r = await cli(['stats', '--no-stream', '--format', '{{.MemUsage}}', name]);
  assert.equal(r.code, 0, r.stderr);
  return parseDockerSize(r.stdout.split('/')[0]);
}

describeEngine('(b) --prometheus over two `ctop-ts serve` hosts (shared engine + a private dockerd)', () => {
  const ids: string[] = [];
  const serves: CtopProcess[] = [];
  let engine2: PrivateDockerd | null = null;
  let prom: PrometheusServer | undefined;
  let P: string[] = [];
  let hosts: string[] = [];
  const busy = `ctop-test-prombusy-${RUN}`;
  const mem = `ctop-test-prommem-${RUN}`;
  const mem2 = `ctop-test-prommem2-${RUN}`;

  before(async () => {
    for (const missing of [await prometheusMissingReason(), await dockerdMissingReason()]) {
      if (missing && missingDependencyOutcome(process.env) === 'fail') throw new Error(missing);
      if (missing) return;
    }
    ids.push(await runContainer({ name: busy, cpus: 0.5, labels: { 'ctop-prom-run': RUN }, cmd: 'while :; do :; done' }));
    ids.push(await runContainer({ name: mem, shmSize: '256m', labels: { 'ctop-prom-run': RUN }, cmd: 'dd if=/dev/zero of=/dev/shm/fill bs=1M count=100 2>/dev/null; exec sleep 3600' }));
    engine2 = await startDockerd({ name: 'prom16' });
    const run2 = await engine2.docker(['run', '-d', '--network', 'none', '--label', TEST_LABEL, '--label', `ctop-prom-run=${RUN}`, '--name', mem2, '--shm-size', '256m', TEST_IMAGE, 'sh', '-c', 'dd if=/dev/zero of=/dev/shm/fill bs=1M count=60 2>/dev/null; exec sleep 3600']);
    assert.equal(run2.code, 0, run2.stderr);
    const a = startCtop(['serve', '--listen', '127.0.0.1:0', '-l', `ctop-prom-run=${RUN}`]);
    const b = startCtop(['serve', '--listen', '127.0.0.1:0', '-l', `ctop-prom-run=${RUN}`], { DOCKER_HOST: engine2.host });
    serves.push(a, b);
    const urls = [(await a.waitFor(/serving (http:\/\/\S+\/metrics)/))[1], (await b.waitFor(/serving (http:\/\/\S+\/metrics)/))[1]];
    hosts = urls.map((u) => new URL(u).host);
    prom = await startPrometheus({ scrapeTargets: urls.map((url, i) => ({ url, job: `serve${i}` })) });
    await prom.waitForTargetsUp();
    // A full 10 s rate window of scrapes.
    await prom.waitForQuery('count_over_time(up{job="serve0"}[1m])', (s) => (s[0]?.value ?? 0) >= 12, 40_000);
    P = ['--prometheus', prom.url, '--prometheus-window', '10s', '-l', `ctop-prom-run=${RUN}`];
  });
  after(async () => {
    await prom?.stop();
    for (const s of serves) await s.stop();
    await removeContainers(ids);
    await engine2?.destroy();
  });

  it('shows both hosts\' containers with CPU and memory that agree with docker stats', async (t) => {
    if (!prom) return t.skip('prometheus or a private dockerd is not available');
    // Ground truth for CPU over the same 10 s window as the PromQL rate(): the cgroup's own counter.
    // On an idle machine that is 50 %; on a loaded one the loop gets less, and we must agree with it.
    const c0 = cgroupCpuNs(ids[0]);
    const t0 = Date.now();
    await new Promise((res) => setTimeout(res, 10_000));
    const truthCpu = ((cgroupCpuNs(ids[0]) - c0) / 1e6 / (Date.now() - t0)) * 100;
    const r = await ctop([...P, '--no-stream', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const rows = lines(r.stdout);
    assert.deepEqual(rows.map((x) => x.name).sort(), [busy, mem, mem2].sort());
    assert.deepEqual(new Set(rows.map((x) => x.host)), new Set(hosts));
    const cpu = rows.find((x) => x.name === busy)!;
    assert.ok(Math.abs(cpu.cpuPercent - truthCpu) <= 5, `--cpus 0.5 loop reads ${cpu.cpuPercent}, its cgroup ${truthCpu}`);
    if (truthCpu >= 45) assert.ok(Math.abs(cpu.cpuPercent - 50) <= 5, `--cpus 0.5 loop reads ${cpu.cpuPercent}`);
    t.diagnostic(`--cpus 0.5 loop: ${cpu.cpuPercent.toFixed(1)} % via Prometheus, ${truthCpu.toFixed(1)} % by its cgroup`);
    assert.equal(cpu.cpuLimitCores, 0.5);
    const truth1 = await dockerStatsMem((args) => docker(args), mem);
    const truth2 = await dockerStatsMem((args) => engine2!.docker(args), mem2);
    const m1 = rows.find((x) => x.name === mem)!.memUsage;
    const m2 = rows.find((x) => x.name === mem2)!.memUsage;
    assert.ok(Math.abs(m1 - truth1) / truth1 < 0.03, `${mem}: ${m1} vs docker stats ${truth1}`);
    assert.ok(Math.abs(m2 - truth2) / truth2 < 0.03, `${mem2}: ${m2} vs docker stats ${truth2}`);
  });

  it('--group-by host: one group per serve instance, totals = sum of its rows', async (t) => {
    if (!prom) return t.skip('prometheus or a private dockerd is not available');
    const groups = groupsOf((await ctop([...P, '--no-stream', '--json', '--group-by', 'host'])).stdout);
    const rows = lines((await ctop([...P, '--no-stream', '--json'])).stdout);
    assert.deepEqual(groups.map((g) => g.value).sort(), [...hosts].sort());
    for (const g of groups) {
      const members = rows.filter((x) => x.host === g.value);
      assert.equal(g.count, members.length);
      const memSum = members.reduce((a, x) => a + x.memUsage, 0);
      assert.ok(Math.abs(g.memUsage - memSum) / memSum < 0.01, `${g.value}: ${g.memUsage} vs ${memSum}`);
    }
    const table = await ctop([...P, '--no-stream', '--group-by', 'host']);
    for (const h of hosts) assert.match(table.stdout, new RegExp(`^${h.replace(/\./g, '\\.')}\\s+\\d/\\d running`, 'm'));
  });
});

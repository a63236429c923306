// --prometheus against a real Prometheus (the Debian binary, started here on loopback):
//  (a) it scrapes recorded cAdvisor expositions served by a tiny static server: a kubelet's
//      (namespaces, pods, pause sandboxes, pod cgroups) and a standalone cAdvisor's (compose labels);
//  (c) a recorded --prometheus session replays like any other.
// (b), two `ctop-ts serve` hosts, is in prometheus-serve-fleet.test.ts.
// The binary runs as users run it (node bin/ctop-ts.js): build first (npx tsc -p tsconfig.json).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Store } from '../../src/core/history/store.js';
import { buildPredicate } from '../../src/core/query/query.js';
import { Sampler } from '../../src/sampling/sampler.js';
import { prefillStore } from '../../src/sources/prometheus/history-prefill.js';
import { createPrometheusSession } from '../../src/sources/prometheus/prometheus-session.js';
import { startFixtureServer, type FixtureServer } from '../helpers/prometheus-fixture-server.js';
import { launch, WAIT } from '../helpers/live-screen.js';
import { tmuxAvailable } from '../helpers/tmux.js';
import { describePrometheus, startPrometheus, type PrometheusServer } from '../helpers/prometheus.js';
import { missingDependencyOutcome } from '../helpers/requirement.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = join(ROOT, 'fixtures', 'prometheus');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function ctop(args: string[], timeoutMs = 30_000): Promise<Run> {
  assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'build first: npx tsc -p tsconfig.json');
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/ctop-ts.js', ...args], { cwd: ROOT, timeout: timeoutMs, encoding: 'utf8' }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

const lines = (text: string) => text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, any>);
/** `--json --group-by` prints group objects (and, since the fleet work, their containers too). */
const groupsOf = (text: string) => lines(text).filter((x) => x.type === 'group');

const PROD = ['api-7f9b8c5d4-xk2lp/api', 'web-6d4cf56db6-abcde/log-shipper', 'web-6d4cf56db6-abcde/nginx'];

describePrometheus('--prometheus: recorded cAdvisor expositions scraped by a real Prometheus', () => {
  let kubelet: FixtureServer;
  let cadvisor: FixtureServer;
  let prom: PrometheusServer;
  let empty: PrometheusServer;
  let limited: PrometheusServer;
  let dir: string;
  let P: string[];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ctop-prom-src-'));
    kubelet = await startFixtureServer({ file: join(FIXTURES, 'kubelet-cadvisor.prom') });
    cadvisor = await startFixtureServer({ file: join(FIXTURES, 'docker-cadvisor.prom'), path: '/metrics' });
    prom = await startPrometheus({ scrapeTargets: [{ url: kubelet.url, job: 'kubelet' }, { url: cadvisor.url, job: 'cadvisor' }] });
    empty = await startPrometheus({});
    limited = await startPrometheus({ scrapeTargets: [{ url: kubelet.url, job: 'kubelet' }], extraArgs: ['--query.max-samples=20'] });
    await prom.waitForTargetsUp();
    // rate() divides by the whole window: a series younger than the window reads low, so wait
    // until the 10 s window is full of scrapes.
    await prom.waitForQuery('count_over_time(up{job="kubelet"}[1m])', (s) => (s[0]?.value ?? 0) >= 12, 40_000);
    P = ['--prometheus', prom.url, '--prometheus-window', '10s'];
  });
  after(async () => {
    await prom?.stop();
    await empty?.stop();
    await limited?.stop();
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

  it('check reads the fleet too: api (50 %) and nginx (25 %) breach cpu=20, log-shipper (5 %) is perfdata only', async () => {
    const warn = await ctop(['check', ...P, '-l', 'namespace=prod', '-w', 'cpu=20', '-c', 'cpu=90']);
    assert.equal(warn.code, 1, warn.stdout + warn.stderr);
    assert.match(warn.stdout, /^CTOP-TS WARNING - 2 of 3 containers: .*\/api cpu 50% > 20, .*\/nginx cpu 25% > 20 \|/);
    assert.match(warn.stdout, /'[^']*\/web-6d4cf56db6-abcde\/log-shipper cpu'=5%;20;90;0;/);
    const ok = await ctop(['check', ...P, '-l', 'namespace=prod', '-w', 'cpu=95']);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /^CTOP-TS OK - /);
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

  it('pushdown never changes the answer: every selector form, pushed down vs filtered locally only', async () => {
    const selectors = [
      'namespace=prod', 'namespace!=prod', 'namespace=', '!namespace', 'container', '!container', 'container=nginx',
      'namespace in (prod,staging)', 'namespace notin (prod)', 'com.docker.compose.project=shop',
      'com.docker.compose.service!=db', 'app.tier in (front,data)', 'app.tier', 'name~^shop', 'name~NGINX', 'image~nginx|ghost',
      'image~^docker\\.io/', 'name~^(?!shop)', 'pod notin (a.b,c|d)',
    ];
    const names = async (sel: string, push: boolean) => {
      const session = await createPrometheusSession({ url: prom.url, window: '10s', selectors: [sel], pushdown: push });
      const { predicate } = buildPredicate([sel]);
      const out = session.containers().filter((c) => !predicate || predicate(c)).map((c) => c.name).sort();
      session.close();
      return out;
    };
    let nonEmpty = 0;
    for (const sel of selectors) {
      const pushed = await names(sel, true);
      assert.deepEqual(pushed, await names(sel, false), sel);
      if (pushed.length > 0 && pushed.length < 8) nonEmpty++;
    }
    assert.ok(nonEmpty >= selectors.length - 2, `only ${nonEmpty} selectors picked a proper subset`);
    // And the narrowing happens in Prometheus: only the prod rows arrive.
    const narrow = await createPrometheusSession({ url: prom.url, window: '10s', selectors: ['namespace=prod'] });
    assert.equal(narrow.containers().length, 3);
    narrow.close();
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

  it('clear errors: no container metrics, unreachable, a server limit, a bad rate window', async () => {
    const none = await ctop(['--prometheus', empty.url, '--no-stream']);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /^ctop-ts: Prometheus at http:\/\/127\.0\.0\.1:\d+ has no container metrics .*\n  hint: is cAdvisor or ctop-ts serve scraped here\?\n$/);
    const down = await ctop(['--prometheus', 'http://127.0.0.1:1', '--no-stream']);
    assert.equal(down.code, 1);
    assert.match(down.stderr, /cannot reach Prometheus at http:\/\/127\.0\.0\.1:1: ECONNREFUSED/);
    await limited.waitForTargetsUp();
    const limit = await ctop(['--prometheus', limited.url, '--no-stream']);
    assert.equal(limit.code, 1);
    assert.match(limit.stderr, /^ctop-ts: Prometheus at \S+: execution: query processing would load too many samples into memory in query execution\n  hint: the query hit a server limit: narrow the selection with -l or raise the server's limits\n$/);
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

  it('the live screen: grouped by namespace, fleet capacity in the header, actions refused', async (t) => {
    if (!(await tmuxAvailable())) {
      if (missingDependencyOutcome(process.env) === 'fail') throw new Error('tmux is not installed');
      return t.skip('tmux is not installed');
    }
    const ui = await launch(`--prometheus ${prom.url} --prometheus-window 10s -g namespace`, 150, 30);
    try {
      const screen = await ui.tmux.waitForScreen((s) => /api-7f9b8c5/.test(s) && /50\.0%/.test(s), WAIT);
      assert.match(screen, /Prometheus 2\.\d+/);
      assert.match(screen, /of 600%/, 'CPU capacity: machine_cpu_cores of both targets (4 + 2)');
      assert.match(screen, /prod/);
      assert.doesNotMatch(screen, /pause|POD/);
      await ui.tmux.sendKeys('m');
      await ui.tmux.waitForScreen(/prometheus \(a read-only source\): no engine to act on/, WAIT);
    } finally {
      await ui.stop();
    }
  });

  // Last: it stops the docker-host fixture.
  it('a scrape target that goes down keeps its rows, marked stale; the other host stays live', async () => {
    const session = await createPrometheusSession({ url: prom.url, window: '10s', intervalMs: 1000 });
    const sampler = new Sampler({ session, store: new Store(), intervalMs: 1000 });
    await sampler.tick();
    const heard: string[] = [];
    session.onEngineChange?.((e) => heard.push(`${e.name} ${e.state}`));
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
    for (const r of stale) assert.ok(r.info.host === downHost && /up == 0/.test(r.stale!.reason) && r.stats.memUsage !== null, JSON.stringify([r.info.host, r.stale, r.stats.memUsage]));
    const live = snap.rows.filter((r) => !r.stale);
    assert.equal(live.length, 5);
    for (const r of live) assert.ok(r.stats.cpuPercent !== null, `${r.info.name}: ${JSON.stringify(r.stats)}`);
    assert.deepEqual(session.engines?.().map((e) => [e.name, e.state]).sort(), [[downHost, 'down'], [new URL(kubelet.url).host, 'up']].sort());
    assert.deepEqual(heard, [`${downHost} down`], 'listeners (streaming --json engine lines) hear the one target');
  });
});

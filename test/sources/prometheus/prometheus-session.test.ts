// The session against recorded API answers: numbers on the first tick, a fixed number of queries
// per tick, a slow or failing server that keeps the last rows, and record → replay.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Store } from '../../../src/core/history/store.js';
import { Sampler } from '../../../src/sampling/sampler.js';
import { createPrometheusSession, type PrometheusSession } from '../../../src/sources/prometheus/prometheus-session.js';
import { prefillStore } from '../../../src/sources/prometheus/history-prefill.js';
import { recordSession } from '../../../src/sources/replay/recorder.js';
import { createReplaySession } from '../../../src/sources/replay/replay-session.js';
import { recordedTick, startFakePrometheus, type FakePrometheus } from './fake-prometheus.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const INTERVAL = 400;

describe('prometheus session', () => {
  let fake: FakePrometheus;
  let dir: string;
  before(async () => {
    fake = await startFakePrometheus();
    dir = mkdtempSync(join(tmpdir(), 'ctop-prom-session-'));
  });
  after(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the first tick already has CPU % and rates, marked source prometheus', async () => {
    const session = await createPrometheusSession({ url: fake.url, intervalMs: INTERVAL });
    const snap = await new Sampler({ session, store: new Store(), intervalMs: INTERVAL }).tick();
    session.close();
    assert.equal(snap.rows.length, 8);
    assert.ok(snap.rows.every((r) => r.source === 'prometheus' && r.info.state === 'running'));
    const nginx = snap.rows.find((r) => r.info.name === 'web-6d4cf56db6-abcde/nginx')!;
    assert.ok(Math.abs((nginx.stats.cpuPercent ?? 0) - 25) < 0.5, String(nginx.stats.cpuPercent));
    assert.ok(nginx.stats.netRxRate !== null);
    assert.match(session.host?.engine ?? '', /^Prometheus 2\.42\.0 \(http:\/\/127\.0\.0\.1:\d+\)$/);
  });

  it('asks the same handful of queries every tick, and pushes -l down into them', async () => {
    const session = await createPrometheusSession({ url: fake.url, intervalMs: INTERVAL, selectors: ['namespace=prod'] });
    const sampler = new Sampler({ session, store: new Store(), intervalMs: INTERVAL });
    await sleep(INTERVAL);
    const before = fake.requests.length;
    await sampler.tick();
    await sleep(INTERVAL);
    await sampler.tick();
    session.close();
    const asked = fake.requests.slice(before);
    assert.equal(asked.length, 6, 'three queries per tick');
    assert.ok(asked.every((r) => (r.params.get('query') ?? '').includes('namespace="prod"')));
  });

  it('a slow server keeps the last numbers and says so; an error marks it down', async () => {
    const session = await createPrometheusSession({ url: fake.url, intervalMs: INTERVAL });
    const sampler = new Sampler({ session, store: new Store(), intervalMs: INTERVAL });
    const first = await sampler.tick();
    await sleep(INTERVAL);
    fake.delayMs = 1500;
    const t0 = Date.now();
    const slow = await sampler.tick();
    assert.ok(Date.now() - t0 < INTERVAL, 'the tick did not wait for the slow server');
    assert.equal(slow.rows.length, first.rows.length);
    assert.deepEqual(slow.rows.map((r) => r.stats.cpuPercent), first.rows.map((r) => r.stats.cpuPercent));
    assert.equal(session.engines?.()[0].state, 'connecting');
    assert.match(session.engines?.()[0].reason ?? '', /slow: no answer within 240 ms/);
    // The next tick, with the batch still out: every row keeps its numbers, marked stale.
    const marked = await sampler.tick();
    assert.ok(marked.rows.length > 0 && marked.rows.every((r) => /slow/.test(r.stale?.reason ?? '')), JSON.stringify(marked.rows[0].stale));
    assert.deepEqual(marked.rows.map((r) => r.stats.cpuPercent), first.rows.map((r) => r.stats.cpuPercent));
    fake.delayMs = 0;
    await sleep(1600);
    fake.handler = (_r, res) => (res.writeHead(503).end('Service Unavailable'), true);
    await sampler.tick();
    await sleep(100);
    fake.handler = null;
    const status = session.engines?.()[0];
    assert.equal(status?.state, 'down');
    assert.match(status?.reason ?? '', /answered 503: Service Unavailable/);
    assert.match(session.sourceLabel(), /^prometheus \(down: /);
    const stale = await sampler.tick();
    assert.equal(stale.rows.length, first.rows.length, 'rows stay while the server is down');
    session.close();
  });

  it('refuses a server without container metrics', async () => {
    fake.handler = (r, res) =>
      (r.params.get('query') ?? '').startsWith('count(')
        ? (res.writeHead(200).end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } })), true)
        : false;
    await assert.rejects(createPrometheusSession({ url: fake.url }), (err: Error & { hint?: string }) =>
      /has no container metrics/.test(err.message) && err.hint === 'is cAdvisor or ctop-ts serve scraped here?');
    fake.handler = null;
  });

  it('a recorded session replays with the same numbers', async () => {
    const file = join(dir, 'prom.ndjson');
    const live = recordSession(await createPrometheusSession({ url: fake.url, intervalMs: INTERVAL }), file, INTERVAL);
    const liveSampler = new Sampler({ session: live, store: new Store(), intervalMs: INTERVAL });
    const recorded = [await liveSampler.tick()];
    await sleep(INTERVAL);
    recorded.push(await liveSampler.tick());
    live.close();
    const replay = await createReplaySession(file);
    const replaySampler = new Sampler({ session: replay, store: new Store(), intervalMs: INTERVAL });
    for (const want of recorded) {
      const got = await replaySampler.tick();
      assert.deepEqual(got.rows.map((r) => [r.info.name, r.source, r.stats]), want.rows.map((r) => [r.info.name, r.source, r.stats]));
    }
  });

  it('pre-fills sparklines: two range queries for every container, seeded into the store', async () => {
    const session = await createPrometheusSession({ url: fake.url, intervalMs: 1000 });
    const rows = session.containers();
    fake.handler = (r, res) => {
      if (!r.path.endsWith('/query_range')) return false;
      const start = Number(r.params.get('start'));
      const step = Number(r.params.get('step'));
      const cpu = (r.params.get('query') ?? '').startsWith('100 *');
      // Answer for every container with only the identifying labels, as the real `by (…)` does.
      const result = (JSON.parse(recordedTick[0]) as { data: { result: { metric: Record<string, string> }[] } }).data.result
        .filter((x) => x.metric.ctop_q === 'start')
        .map((x) => ({ metric: { job: x.metric.job, instance: x.metric.instance, id: x.metric.id }, values: [0, 1, 2].map((i) => [start + (117 + i) * step, String(cpu ? 10 + i : 1000 + i)]) }));
      res.writeHead(200).end(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } }));
      return true;
    };
    const store = new Store();
    const seeded = await prefillStore(session, store, 1000);
    fake.handler = null;
    assert.equal(seeded, rows.length);
    const snap = await new Sampler({ session, store, intervalMs: 1000 }).tick();
    session.close();
    const h = snap.history.get(rows[0].id)!;
    assert.equal(h.cpuPercent.length, 121, '120 seeded points and this tick');
    assert.deepEqual(h.cpuPercent.slice(116, 120), [null, 10, 11, 12]);
    assert.deepEqual(h.memUsage.slice(117, 120), [1000, 1001, 1002]);
    assert.equal(h.cpuPercent[120], snap.rows.find((r) => r.info.id === rows[0].id)!.stats.cpuPercent);
  });

  it('history: the last hour from query_range, on a grid that fits the chart', async () => {
    const session = (await createPrometheusSession({ url: fake.url, intervalMs: INTERVAL })) as PrometheusSession;
    const id = session.containers().find((c) => c.name === 'shop-db-1')!.id;
    fake.handler = (r, res) => {
      if (!r.path.endsWith('/query_range')) return false;
      const start = Number(r.params.get('start'));
      const step = Number(r.params.get('step'));
      const values = [0, 1, 2].map((i) => [start + i * step, String(i + 1)]);
      res.writeHead(200).end(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values }] } }));
      return true;
    };
    const mark = fake.requests.length;
    const h = await session.history(id, 120);
    fake.handler = null;
    session.close();
    assert.ok(h);
    assert.equal(h.timestamps.length, 121);
    assert.equal(h.timestamps[1] - h.timestamps[0], 30_000);
    assert.deepEqual(h.memUsage.slice(0, 4), [1, 2, 3, null]);
    const asked = fake.requests.slice(mark).filter((r) => r.path.endsWith('/query_range'));
    assert.equal(asked.length, 6);
    assert.match(asked[0].params.get('query') ?? '', /name="shop-db-1"/);
  });
});

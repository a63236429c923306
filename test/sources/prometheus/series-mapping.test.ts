// Mapping recorded /api/v1/query answers (fixtures/prometheus/tick-*.json: the tick's three queries
// against a real Prometheus 2.42 scraping kubelet-cadvisor.prom and docker-cadvisor.prom, whose
// counters grow by 1 %/s of their value, so rates are value/100) into rows.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { PromVectorSample } from '../../../src/sources/prometheus/prom-client.js';
import { containerIdOf, fleetCapacity, hasContainerMetrics, labelKeyMapper, mapSeries, type PromRow } from '../../../src/sources/prometheus/series-mapping.js';

const dir = new URL('../../../fixtures/prometheus/', import.meta.url);
const samples: PromVectorSample[] = [0, 1, 2].flatMap(
  (i) => (JSON.parse(readFileSync(new URL(`tick-${i}.json`, dir), 'utf8')) as { data: { result: PromVectorSample[] } }).data.result,
);
const time = Number(readFileSync(new URL('tick.time', dir), 'utf8'));
const rows = mapSeries(samples, { time });
const byName = (name: string): PromRow => {
  const r = rows.find((x) => x.info.name === name);
  assert.ok(r, `no row ${name}; rows: ${rows.map((x) => x.info.name).join(', ')}`);
  return r;
};
const near = (actual: number | null, expected: number, tol: number, what: string) =>
  assert.ok(actual !== null && Math.abs(actual - expected) <= tol, `${what}: ${actual} not within ${tol} of ${expected}`);

describe('series → rows', () => {
  it('one row per container: no pause sandboxes, no pod or system cgroups', () => {
    assert.deepEqual(rows.map((r) => r.info.name).sort(), [
      'api-7f9b8c5d4-xk2lp/api',
      'blog-app-1',
      'coredns-5d78c9869d-h2x7k/coredns',
      'shop-db-1',
      'shop-web-1',
      'web-5b7d9f8c7-qq8zz/nginx',
      'web-6d4cf56db6-abcde/log-shipper',
      'web-6d4cf56db6-abcde/nginx',
    ]);
    assert.ok(rows.every((r) => !r.info.image.includes('pause')));
  });

  it('CPU % with docker meaning (100 = one core) from rate()', () => {
    near(byName('web-6d4cf56db6-abcde/nginx').stats.cpuPercent, 25, 0.5, 'nginx');
    near(byName('api-7f9b8c5d4-xk2lp/api').stats.cpuPercent, 50, 1, 'api');
    near(byName('shop-db-1').stats.cpuPercent, 80, 1.5, 'shop-db-1');
    const nginx = byName('web-6d4cf56db6-abcde/nginx').stats;
    assert.equal(nginx.cpuLimitCores, 0.5);
    near(nginx.cpuLimitPercent, 50, 1, 'nginx of its limit');
  });

  it('memory: working set; limit 0 (unlimited) becomes the machine memory, as docker shows', () => {
    const nginx = byName('web-6d4cf56db6-abcde/nginx').stats;
    assert.equal(nginx.memUsage, 52428800);
    assert.equal(nginx.memLimit, 268435456);
    assert.equal(nginx.memPercent, 19.53125);
    assert.equal(byName('web-6d4cf56db6-abcde/log-shipper').stats.memLimit, 8344305664);
    assert.equal(byName('shop-web-1').stats.memLimit, 4124508160);
  });

  it('kubelet network comes from the pod sandbox and is shown on each container of the pod', () => {
    const a = byName('web-6d4cf56db6-abcde/nginx').stats;
    const b = byName('web-6d4cf56db6-abcde/log-shipper').stats;
    near(a.netRxRate, 10_000, 200, 'pod rx rate');
    assert.equal(a.netRxRate, b.netRxRate);
    assert.equal(a.netTxBytes, b.netTxBytes);
    near(byName('shop-web-1').stats.netTxRate, 80_000, 1600, 'docker container tx rate');
  });

  it('block IO summed over devices; PIDs from container_threads', () => {
    const db = byName('shop-db-1').stats;
    near(db.blockReadRate, 500_000, 10_000, 'read rate');
    near(db.blockWriteRate, 900_000, 18_000, 'write rate');
    assert.equal(byName('api-7f9b8c5d4-xk2lp/api').stats.pids, 31);
    assert.equal(byName('api-7f9b8c5d4-xk2lp/api').stats.pidsLimit, 4096);
    assert.equal(db.pids, null, 'standalone cAdvisor without the process group: unknown, not 0');
  });

  it('identity: host = instance, id = host/runtime id, Kubernetes and container labels', () => {
    const api = byName('api-7f9b8c5d4-xk2lp/api').info;
    assert.match(api.host ?? '', /^127\.0\.0\.1:\d+$/);
    assert.equal(api.engineId, '79d767dd9d8416dfa28260d1630f10513113a172adf272129c3664b5c042e52b');
    assert.equal(api.id, `${api.host}/${api.engineId}`);
    assert.deepEqual(api.labels, { container: 'api', namespace: 'prod', pod: 'api-7f9b8c5d4-xk2lp' });
    const web = byName('shop-web-1').info;
    assert.equal(web.labels['com.docker.compose.project'], 'shop', 'well-known keys mapped back');
    assert.equal(web.labels.app_tier, 'front', 'unknown keys stay sanitised (cAdvisor is lossy)');
    assert.equal(web.health, 'healthy');
    assert.equal(byName('shop-db-1').info.health, null, '-1: no healthcheck');
    assert.equal(byName('blog-app-1').info.health, 'unhealthy');
  });

  it('a key the user names maps back to its own spelling', () => {
    const mapped = mapSeries(samples, { time, keyMapper: labelKeyMapper(['app.tier']) });
    assert.equal(mapped.find((r) => r.info.name === 'shop-web-1')?.info.labels['app.tier'], 'front');
  });

  it('drops containers last seen too long ago (cAdvisor timestamps linger 5 min)', () => {
    const later = mapSeries(samples, { time: time + 600, maxSeenAgeSeconds: 120 });
    assert.deepEqual(later.filter((r) => !r.info.labels.pod).map((r) => r.info.name), []);
    assert.equal(later.length, 5, 'kubelet rows carry no last_seen here and stay');
  });

  it('drops a removed container whose rate() lingers after its gauges went (no start time)', () => {
    const ghost = { metric: { ctop_q: 'cpu', job: 'cadvisor', instance: 'h:1', id: `/docker/${'f'.repeat(64)}` }, value: [time, '0.5'] as [number, string] };
    assert.equal(mapSeries([...samples, ghost], { time }).length, 8);
    assert.equal(mapSeries([ghost], { time }).length, 1, 'a source without start times keeps its rows');
  });

  it('runtime IDs from cgroup paths', () => {
    const hex = 'a'.repeat(64);
    assert.equal(containerIdOf({ id: `/system.slice/docker-${hex}.scope` }), hex);
    assert.equal(containerIdOf({ id: `/docker/${hex}` }), hex);
    assert.equal(containerIdOf({ id: '', name: 'web' }), 'web');
  });

  it('fleet capacity: machine CPUs and memory summed over scrape targets', () => {
    assert.deepEqual(fleetCapacity(samples), { ncpu: 6, memTotal: 8344305664 + 4124508160 });
  });

  it('knows an answer without container metrics', () => {
    assert.equal(hasContainerMetrics([]), false);
    assert.equal(hasContainerMetrics(samples), true);
  });
});

// What one --prometheus tick costs over a big fleet: a synthetic kubelet exposition with N
// containers (default 500; every pod also has a pause sandbox and a pod cgroup, as a kubelet
// serves them) scraped by a real Prometheus, then the session's ticks measured: queries, bytes
// received and wall time per tick, with and without a selector pushed down.
//
//   node --import tsx bench/prometheus-tick.ts [--n 500] [--ticks 5]
import { startPrometheus } from '../test/helpers/prometheus.js';
import { startFixtureServer } from '../test/helpers/prometheus-fixture-server.js';
import { createPrometheusSession } from '../src/sources/prometheus/prometheus-session.js';
import { Sampler } from '../src/sampling/sampler.js';
import { Store } from '../src/core/history/store.js';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg('n', 500);
const TICKS = arg('ticks', 5);
const PER_POD = 4;
const NAMESPACES = ['prod', 'staging', 'batch', 'web', 'infra'];

/** A kubelet-style exposition: N containers in N/4 pods, each pod with a pause sandbox and a pod cgroup. */
export function syntheticKubelet(n: number): string {
  const fam = new Map<string, { type: string; lines: string[] }>();
  const add = (name: string, type: string, labels: Record<string, string>, v: number) => {
    if (!fam.has(name)) fam.set(name, { type, lines: [] });
    const l = Object.entries(labels).map(([k, x]) => `${k}="${x}"`).join(',');
    fam.get(name)!.lines.push(`${name}{${l}} ${v}`);
  };
  const hex = (i: number) => i.toString(16).padStart(64, '0');
  for (let p = 0; p < Math.ceil(n / PER_POD); p++) {
    const ns = NAMESPACES[p % NAMESPACES.length];
    const pod = `app${p}-7d9f8c-${(p * 7919).toString(36).padStart(5, 'x')}`;
    const podcg = `/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod${p}.slice`;
    const base = { namespace: ns, pod };
    add('container_cpu_usage_seconds_total', 'counter', { ...base, container: '', id: podcg, image: '', name: '', cpu: 'total' }, 100);
    add('container_memory_working_set_bytes', 'gauge', { ...base, container: '', id: podcg, image: '', name: '' }, 1e8);
    const sandbox = { ...base, container: '', id: `${podcg}/cri-containerd-${hex(p + 1e6)}.scope`, image: 'registry.k8s.io/pause:3.9', name: hex(p + 1e6) };
    add('container_cpu_usage_seconds_total', 'counter', { ...sandbox, cpu: 'total' }, 0.1);
    add('container_memory_working_set_bytes', 'gauge', sandbox, 300000);
    add('container_network_receive_bytes_total', 'counter', { ...sandbox, interface: 'eth0' }, 1e6 + p);
    add('container_network_transmit_bytes_total', 'counter', { ...sandbox, interface: 'eth0' }, 5e5 + p);
    for (let c = 0; c < PER_POD && p * PER_POD + c < n; c++) {
      const i = p * PER_POD + c;
      const L = { ...base, container: `c${c}`, id: `${podcg}/cri-containerd-${hex(i)}.scope`, image: `registry.example/app${c}:1.${i % 10}`, name: hex(i) };
      add('container_cpu_usage_seconds_total', 'counter', { ...L, cpu: 'total' }, 1 + (i % 50));
      add('container_cpu_cfs_periods_total', 'counter', L, 10000);
      add('container_cpu_cfs_throttled_periods_total', 'counter', L, 10);
      add('container_cpu_cfs_throttled_seconds_total', 'counter', L, 0.5);
      add('container_spec_cpu_quota', 'gauge', L, 50000);
      add('container_spec_cpu_period', 'gauge', L, 100000);
      add('container_memory_working_set_bytes', 'gauge', L, 5e7 + i * 1000);
      add('container_spec_memory_limit_bytes', 'gauge', L, 5.36870912e8);
      add('container_threads', 'gauge', L, 5 + (i % 7));
      add('container_threads_max', 'gauge', L, 4096);
      add('container_start_time_seconds', 'gauge', L, 1764900000);
      add('container_oom_events_total', 'counter', L, 0);
      add('container_fs_reads_bytes_total', 'counter', { ...L, device: '/dev/vda' }, 1e6);
      add('container_fs_writes_bytes_total', 'counter', { ...L, device: '/dev/vda' }, 2e6);
    }
  }
  let out = '';
  for (const [name, f] of fam) out += `# HELP ${name} ${name}\n# TYPE ${name} ${f.type}\n${f.lines.join('\n')}\n`;
  return out + '# HELP machine_memory_bytes m\n# TYPE machine_memory_bytes gauge\nmachine_memory_bytes{machine_id="m"} 6.8719476736e+10\n';
}

async function measure(url: string, selectors: string[]) {
  const session = await createPrometheusSession({ url, window: '10s', intervalMs: 1000, selectors, timeoutMs: 20_000 });
  const sampler = new Sampler({ session, store: new Store(), intervalMs: 1000 });
  const perTick: { queries: number; bytes: number; decoded: number; ms: number; rows: number }[] = [];
  for (let i = 0; i < TICKS; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    const before = session.cost();
    const t0 = performance.now();
    session.beginTick?.();
    await session.source.sample(session.containers()[0]); // waits for this tick's batch
    const ms = performance.now() - t0;
    const after = session.cost();
    perTick.push({ queries: after.queries - before.queries, bytes: after.bytes - before.bytes, decoded: after.decodedBytes - before.decodedBytes, ms, rows: session.containers().length });
  }
  const snap = await sampler.tick();
  session.close();
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return {
    rows: snap.rows.length,
    queriesPerTick: med(perTick.map((t) => t.queries)),
    wireBytesPerTick: med(perTick.map((t) => t.bytes)),
    jsonBytesPerTick: med(perTick.map((t) => t.decoded)),
    msPerTickMedian: Math.round(med(perTick.map((t) => t.ms))),
    msPerTickMax: Math.round(Math.max(...perTick.map((t) => t.ms))),
  };
}

const text = syntheticKubelet(N);
const fx = await startFixtureServer({ text });
const prom = await startPrometheus({ scrapeTargets: [{ url: fx.url, job: 'kubelet' }], scrapeIntervalSeconds: 2 });
try {
  await prom.waitForTargetsUp(60_000);
  await prom.waitForQuery('count_over_time(up[1m])', (s) => (s[0]?.value ?? 0) >= 7, 60_000);
  const series = (await prom.query('count({__name__=~"container_.*"})'))[0]?.value;
  const all = await measure(prom.url, []);
  const one = await measure(prom.url, ['namespace=prod']);
  console.log(JSON.stringify({ containers: N, expositionBytes: text.length, seriesInPrometheus: series, all, namespaceProd: one }, null, 2));
} finally {
  await prom.stop();
  await fx.stop();
}

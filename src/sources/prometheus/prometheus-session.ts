// A Prometheus server as a session: the whole fleet it scrapes (cAdvisor, kubelets, `ctop-ts serve`)
// in one table. Each tick asks a few instant queries that return every selected container at once;
// the numbers are PromQL's rate()s, handed to the sampler as computed stats (RawSample.computed)
// with `source: "prometheus"`, since there are no raw counters to difference.
//
// The batch runs in the background from beginTick(); sample() waits for it within the sampler's
// deadline. A slow or unreachable server never holds the UI: rows keep the last numbers (same
// timestamp, so the sampler keeps their stats) and the engine state says why.
import type { EngineEvent, EngineStatus, History, HostInfo, RawSample } from '../../core/model/types.js';
import { parseFilter, parseSelector, type SelectorTerm } from '../../core/query/selector.js';
import { refusingCommands } from '../../commands/engine-commands.js';
import type { Session } from '../session.js';
import type { StatsSource } from '../source.js';
import { PromClient, PromError, type PromAuth, type PromVectorSample } from './prom-client.js';
import { buildTickQueries, pushdown, recentQueries } from './promql-builder.js';
import { downTargets, fleetCapacity, labelKeyMapper, mapSeries, type PromRow } from './series-mapping.js';
import { fetchHistory, fetchRecent } from './prom-history.js';

export interface PrometheusSessionOptions extends PromAuth {
  url: string;
  /** -l selectors and -f filter text: pushed down as label matchers where they can be. */
  selectors?: readonly string[];
  filter?: string;
  /** --group-by key: a label key named here is shown under its own name (cAdvisor sanitises keys). */
  groupBy?: string;
  /** rate() window (default 1m). */
  window?: string;
  timeoutMs?: number;
  /** The sampler's interval: a tick waits for its batch at most 60 % of it. */
  intervalMs?: number;
  /** false: send no selector to Prometheus (everything is filtered locally); for tests and comparison. */
  pushdown?: boolean;
}

/** The session plus what only Prometheus can do: a container's last hour, for the detail charts. */
export interface PrometheusSession extends Session {
  history(id: string, points: number): Promise<History | null>;
  /** Every container's recent CPU % and memory (`points` samples `stepMs` apart), to pre-fill a store. */
  recentHistory(points: number, stepMs: number): Promise<Map<string, History>>;
  /** Queries, bytes and milliseconds spent so far (for --verbose and the benchmark). */
  cost(): { queries: number; bytes: number; decodedBytes: number; ms: number };
}

interface Batch {
  time: number; // ms since epoch, the queries' evaluation time
  rows: Map<string, PromRow>;
  capacity: { ncpu: number; memTotal: number };
  /** Scrape targets Prometheus cannot reach now (`up == 0`). */
  down: Set<string>;
}

const NULL_COUNTERS = {
  cpuTotalNs: null, systemCpuNs: null, onlineCpus: null, memUsage: null, memTotalInactiveFile: null, memInactiveFile: null,
  memLimit: null, netRxBytes: null, netTxBytes: null, blkReadBytes: null, blkWriteBytes: null, pids: null, pidsLimit: null,
  cpuLimitCores: null, throttlePeriods: null, throttledPeriods: null, throttledTimeNs: null, oomKills: null, pressure: null,
} as const;

function selectorTerms(opts: PrometheusSessionOptions): SelectorTerm[] {
  const terms = (opts.selectors ?? []).flatMap((s) => parseSelector(s).terms);
  if (opts.filter) terms.push(...parseFilter(opts.filter).terms);
  return terms;
}

export async function createPrometheusSession(opts: PrometheusSessionOptions): Promise<PrometheusSession> {
  const client = new PromClient({ ...opts, timeoutMs: opts.timeoutMs ?? 5000 });
  const window = opts.window ?? '1m';
  const terms = selectorTerms(opts);
  const wanted = terms.flatMap((t) => ('key' in t ? [t.key] : []));
  if (opts.groupBy) wanted.push(opts.groupBy.replace(/^label:/, ''));
  const keyMapper = labelKeyMapper(wanted);
  const build = { pushdown: pushdown(opts.pushdown === false ? [] : terms), window };
  const queries = buildTickQueries(build);

  const fetchBatch = async (previous: Batch | null): Promise<Batch> => {
    const time = Date.now();
    const results = await Promise.all(queries.map((q) => client.query(q, time / 1000)));
    const samples: PromVectorSample[] = results.flat();
    // cAdvisor's own timestamps keep a removed container's series for the 5 min lookback:
    // a container not seen for 2 minutes is gone.
    const rows = mapSeries(samples, { time: time / 1000, keyMapper, maxSeenAgeSeconds: 120 });
    const byId = new Map(rows.map((r) => [r.info.id, r]));
    const down = downTargets(samples);
    // A failed scrape makes Prometheus mark the target's series stale at once: gauges vanish while
    // rate()s linger for a window, so its containers would show half-empty, then vanish. Keep their
    // last full rows instead, shown stale (engines() says which host is down).
    for (const r of previous?.rows.values() ?? []) if (down.has(r.promLabels.instance ?? '')) byId.set(r.info.id, r);
    return { time, rows: byId, capacity: fleetCapacity(samples), down };
  };

  // Opening checks the server answers and holds container metrics at all, so a wrong URL is one
  // clear line rather than an empty table.
  const probe = await client.query('count(container_cpu_usage_seconds_total) or count(container_memory_working_set_bytes)', Date.now() / 1000);
  if (probe.length === 0)
    throw new PromError(
      `Prometheus at ${client.display()} has no container metrics (container_cpu_usage_seconds_total, container_memory_working_set_bytes)`,
      'format',
      'is cAdvisor or ctop-ts serve scraped here?',
    );
  let latest = await fetchBatch(null);
  const version = await client.buildVersion().catch(() => null);

  let inflight: Promise<void> | null = null;
  let status: EngineStatus = { name: client.display(), state: 'up', reason: null, since: Date.now(), sourceLabel: 'prometheus' };
  const statusListeners = new Set<(s: EngineStatus) => void>();
  const downSince = new Map<string, number>(); // instance → when its target went down
  /**
   * One entry per host (scrape target) in the table, so a target Prometheus cannot scrape marks
   * only its own rows stale; when Prometheus itself fails or is slow, every host says so.
   */
  const hostStatuses = (): EngineStatus[] => {
    const hosts = new Map<string, string>();
    for (const r of latest.rows.values()) if (r.info.host !== undefined) hosts.set(r.info.host, r.promLabels.instance ?? '');
    if (hosts.size === 0) return [status];
    for (const i of downSince.keys()) if (!latest.down.has(i)) downSince.delete(i);
    return [...hosts].map(([host, instance]): EngineStatus => {
      if (status.state !== 'up') return { ...status, name: host };
      if (!latest.down.has(instance)) return { ...status, name: host };
      if (!downSince.has(instance)) downSince.set(instance, Date.now());
      return { name: host, state: 'down', reason: 'Prometheus cannot scrape this target (up == 0)', since: downSince.get(instance)!, sourceLabel: 'prometheus' };
    });
  };
  // Listeners hear each host whose state or reason changed (Prometheus itself, or one target).
  let told = new Map(hostStatuses().map((e) => [e.name, e]));
  const tellChanges = () => {
    const now = new Map(hostStatuses().map((e) => [e.name, e]));
    for (const [name, e] of now) {
      const before = told.get(name);
      if (!before || before.state !== e.state || before.reason !== e.reason) for (const l of statusListeners) l(e);
    }
    told = now;
  };
  const setStatus = (state: EngineStatus['state'], reason: string | null) => {
    if (status.state === state && status.reason === reason) return;
    status = { ...status, state, reason, since: Date.now() };
    tellChanges();
  };
  const intervalMs = opts.intervalMs ?? 1000;
  // What this tick's reads wait for: the batch, but never past most of the tick (then the rows
  // keep their last numbers, and the engine state says Prometheus is slow).
  let tickWait: Promise<unknown> = Promise.resolve();

  const source: StatsSource = {
    kind: 'prometheus',
    concurrency: 1024, // sample() only reads the batch in memory
    async sample(c): Promise<RawSample | null> {
      await tickWait;
      const row = latest.rows.get(c.id);
      if (!row) return null;
      return { ...NULL_COUNTERS, id: c.id, source: 'prometheus', timestamp: latest.time, computed: row.stats };
    },
    label: () => 'prometheus',
  };

  const host: HostInfo = {
    engine: `Prometheus${version ? ` ${version}` : ''} (${client.display()})`,
    apiVersion: 'v1',
    hostname: client.base.host,
    // The whole fleet's, from machine_cpu_cores / machine_memory_bytes (0: not exported, e.g. by serve).
    ncpu: latest.capacity.ncpu,
    memTotal: latest.capacity.memTotal,
    cgroupVersion: null,
    cgroupDriver: null,
    local: false,
  };

  return {
    host,
    source,
    commands: refusingCommands('prometheus (a read-only source)'),
    containers: () => [...latest.rows.values()].map((r) => r.info),
    sourceLabel: () => (status.state === 'up' ? 'prometheus' : `prometheus (${status.state}: ${status.reason ?? ''})`),
    beginTick() {
      const now = Date.now();
      // The batch from opening (or one still in flight from a slow server) serves this tick.
      if (inflight) return; // a slow batch from an earlier tick: this tick shows the last numbers
      if (now - latest.time < intervalMs / 2) return;
      const started = latest.time;
      const batch = fetchBatch(latest)
        .then((b) => {
          latest = b;
          host.ncpu = b.capacity.ncpu;
          host.memTotal = b.capacity.memTotal;
          if (status.state === 'up') tellChanges(); // a target may have gone down or come back
          else setStatus('up', null);
        })
        .catch((err: unknown) => {
          setStatus('down', err instanceof Error ? err.message : String(err));
        })
        .finally(() => {
          inflight = null;
        });
      inflight = batch;
      const waitMs = Math.max(120, intervalMs * 0.6);
      let timer: NodeJS.Timeout | undefined;
      tickWait = Promise.race([batch, new Promise<void>((r) => (timer = setTimeout(r, waitMs)))]).then(() => {
        clearTimeout(timer);
        if (latest.time === started && status.state === 'up') setStatus('connecting', `slow: no answer within ${Math.round(waitMs)} ms`);
      });
    },
    onEvent: (_l: (e: EngineEvent) => void) => () => undefined,
    engines: () => hostStatuses(),
    onEngineChange(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    history: (id, points) => {
      const row = latest.rows.get(id);
      return row ? fetchHistory(client, row.promLabels, window, points) : Promise.resolve(null);
    },
    recentHistory: (points, stepMs) => fetchRecent(client, recentQueries(build), points, Math.max(0.001, stepMs / 1000)),
    cost: () => ({ ...client.cost }),
    close: () => client.close(),
  };
}

// From the tick's query results (series tagged with `ctop_q`) to one row per container: its
// identity and labels from the series' labels, its numbers from the columns. Pure.
import type { ContainerInfo, ContainerState, ContainerStats, HealthStatus, Pressure } from '../../core/model/types.js';
import { COLUMN_LABEL, KUBE_KEYS, sanitizeLabelName } from './promql-builder.js';
import { parsePromValue, type PromVectorSample } from './prom-client.js';

export interface PromRow {
  info: ContainerInfo;
  stats: ContainerStats;
  /** The series' identifying Prometheus labels, for query_range (detail charts). */
  promLabels: Record<string, string>;
}

// Well-known label keys whose sanitised form is unambiguous enough to map back. cAdvisor turns
// every '.', '-' and '/' into '_', so the original key is lost: these, and any key the user names
// in a selector or --group-by, are restored; every other key is shown in its sanitised form.
const KNOWN_KEYS = [
  'com.docker.compose.project',
  'com.docker.compose.service',
  'com.docker.compose.container-number',
  'com.docker.compose.oneoff',
  'com.docker.compose.version',
  'com.docker.compose.config-hash',
  'com.docker.compose.project.working_dir',
  'com.docker.compose.project.config_files',
  'com.docker.compose.depends_on',
  'com.docker.compose.image',
  'io.kubernetes.pod.name',
  'io.kubernetes.pod.namespace',
  'io.kubernetes.pod.uid',
  'io.kubernetes.container.name',
  'org.opencontainers.image.title',
  'org.opencontainers.image.version',
  'org.opencontainers.image.source',
  'org.opencontainers.image.revision',
  'org.opencontainers.image.created',
  'org.opencontainers.image.vendor',
  'org.opencontainers.image.licenses',
  'org.opencontainers.image.description',
];

export type LabelKeyMapper = (sanitised: string) => string;

/** `wanted`: keys from -l/-f/--group-by; they win over the built-in list. */
export function labelKeyMapper(wanted: readonly string[] = []): LabelKeyMapper {
  const back = new Map<string, string>();
  for (const k of [...KNOWN_KEYS, ...wanted]) if (!KUBE_KEYS.has(k)) back.set(sanitizeLabelName(k), k);
  return (s) => back.get(s) ?? s;
}

const STATES = new Set(['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead']);

const HEX_ID = /([0-9a-f]{64})/g;

/** The container's runtime ID from cAdvisor's cgroup-path `id` (…/docker-<64hex>.scope, /docker/<64hex>, …). */
export function containerIdOf(labels: Record<string, string>): string {
  const id = labels.id ?? '';
  const all = id.match(HEX_ID);
  if (all) return all[all.length - 1];
  return id || labels.name || '';
}

/** Which container a series belongs to: (job, instance, cgroup path or name). */
export function seriesKey(labels: Record<string, string>): string {
  return [labels.job ?? '', labels.instance ?? '', labels.id || labels.name || ''].join('\u0000');
}

const podKey = (l: Record<string, string>) => [l.job ?? '', l.instance ?? '', l.namespace ?? '', l.pod ?? ''].join('\u0000');

/** The host a row belongs to: the scrape target (`instance`), else the job; `ctop-ts serve` watching several engines adds the engine's name. */
export function hostOf(labels: Record<string, string>): string {
  const target = labels.instance || labels.job || 'prometheus';
  return labels.engine ? `${target}/${labels.engine}` : target;
}

function finite(v: number | undefined): number | null {
  return v === undefined || !Number.isFinite(v) ? null : v;
}

const health = (v: number | null): HealthStatus => (v === null ? null : v === 1 ? 'healthy' : v === 0 ? 'unhealthy' : null);

export interface MapOptions {
  /** Query evaluation time, unix seconds. */
  time: number;
  keyMapper?: LabelKeyMapper;
  /** cAdvisor timestamps its samples, so a removed container's series linger for the 5 min lookback: drop those last seen longer ago. */
  maxSeenAgeSeconds?: number;
}

/**
 * Joins the columns into rows. A container appears when any of its series does; a missing column
 * is null (`--`), never 0. Kubelet network series (pod sandbox) are given to each of the pod's
 * containers, as docker stats shows a shared network namespace's counters on every container in it.
 */
export function mapSeries(samples: readonly PromVectorSample[], opts: MapOptions): PromRow[] {
  const mapKey = opts.keyMapper ?? labelKeyMapper();
  const cols = new Map<string, { labels: Record<string, string>; values: Map<string, number>; state?: string }>();
  const pods = new Map<string, Map<string, number>>();
  const machineMem = new Map<string, number>();
  for (const s of samples) {
    const col = s.metric[COLUMN_LABEL];
    if (col === undefined) continue;
    const v = parsePromValue(s.value[1]);
    if (col === 'machine_cores' || col === 'up') continue; // fleetCapacity() and downTargets() read these
    if (col === 'machine_mem') {
      machineMem.set(`${s.metric.job ?? ''}\u0000${s.metric.instance ?? ''}`, v);
      continue;
    }
    if (col.startsWith('pod_')) {
      const k = podKey(s.metric);
      if (!pods.has(k)) pods.set(k, new Map());
      pods.get(k)!.set(col.slice(4), v);
      continue;
    }
    const key = seriesKey(s.metric);
    let entry = cols.get(key);
    if (!entry) cols.set(key, (entry = { labels: s.metric, values: new Map() }));
    else if (col === 'start') entry.labels = s.metric; // value columns carry only the identifying labels
    entry.values.set(col, v);
    if (col === 'state' && s.metric.state) entry.state = s.metric.state;
  }

  // A removed container's gauges (start time included) vanish from instant queries at once, while
  // its rate()s linger for one window: rows without a start time are such ghosts, unless this
  // source exports no start time at all.
  const hasStart = [...cols.values()].some((e) => e.values.has('start'));
  const rows: PromRow[] = [];
  for (const { labels, values, state } of cols.values()) {
    if (hasStart && !values.has('start')) continue;
    const get = (k: string) => finite(values.get(k));
    const seen = get('seen');
    if (seen !== null && opts.maxSeenAgeSeconds !== undefined && opts.time - seen > opts.maxSeenAgeSeconds) continue;
    const kube = Boolean(labels.container);
    const net = kube ? pods.get(podKey(labels)) : undefined;
    const netGet = (k: string) => (kube ? finite(net?.get(k)) : get(k));

    const host = hostOf(labels);
    const cid = containerIdOf(labels);
    const containerLabels: Record<string, string> = {};
    for (const [k, v] of Object.entries(labels)) {
      if (v === '') continue;
      if (k.startsWith('container_label_')) containerLabels[mapKey(k.slice('container_label_'.length))] = v;
      else if (KUBE_KEYS.has(k)) containerLabels[k] = v;
    }
    const start = get('start');
    const info: ContainerInfo = {
      id: `${host}/${cid}`,
      engineId: cid,
      host,
      name: kube ? `${labels.pod}/${labels.container}` : labels.name || cid.slice(0, 12),
      image: labels.image ?? '',
      labels: containerLabels,
      // cAdvisor only lists live containers; `ctop-ts serve` says which state each one is in.
      state: state && STATES.has(state) ? (state as ContainerState) : 'running',
      status: state && state !== 'running' ? `${state[0].toUpperCase()}${state.slice(1)} (prometheus)` : 'Up (prometheus)',
      health: health(get('health')),
      created: start ?? 0,
      networkMode: kube ? `pod:${labels.pod}` : '',
    };

    const cpu = get('cpu');
    const cpuPercent = cpu === null ? null : cpu * 100;
    const cores = get('cpulimit') ?? get('ctop_cpulimit');
    const cpuLimitCores = cores !== null && cores > 0 ? cores : null;
    const mem = get('mem');
    const hostMem = finite(machineMem.get(`${labels.job ?? ''}\u0000${labels.instance ?? ''}`));
    const rawLimit = get('limit');
    // cAdvisor exports "unlimited" as 0; docker shows host memory, and clamps larger limits to it.
    const memLimit = rawLimit !== null && rawLimit > 0 ? (hostMem !== null ? Math.min(rawLimit, hostMem) : rawLimit) : hostMem;
    const pidsLimit = get('pidslimit') ?? get('ctop_pids_limit');
    const throttledS = get('throttled_s');
    const psi: Pressure = { cpu: get('psi_cpu'), memory: get('psi_mem'), io: get('psi_io') };
    const stats: ContainerStats = {
      cpuPercent,
      cpuLimitPercent: cpuPercent !== null && cpuLimitCores !== null ? cpuPercent / cpuLimitCores : null,
      memUsage: mem,
      memLimit,
      memPercent: mem !== null && memLimit !== null && memLimit > 0 ? (mem / memLimit) * 100 : null,
      netRxBytes: netGet('rx'),
      netTxBytes: netGet('tx'),
      netRxRate: netGet('rx_rate'),
      netTxRate: netGet('tx_rate'),
      blockReadBytes: get('rd'),
      blockWriteBytes: get('wr'),
      blockReadRate: get('rd_rate'),
      blockWriteRate: get('wr_rate'),
      pids: get('pids') ?? get('ctop_pids'),
      pidsLimit: pidsLimit !== null && pidsLimit > 0 ? pidsLimit : null,
      cpuLimitCores,
      throttlePeriods: get('periods'),
      throttledPeriods: get('throttled'),
      throttledTimeNs: throttledS === null ? null : Math.round(throttledS * 1e9),
      oomKills: get('oom') ?? get('ctop_oom'),
      pressure: psi.cpu === null && psi.memory === null && psi.io === null ? null : psi,
    };
    const promLabels: Record<string, string> = {};
    for (const k of ['job', 'instance', 'id', 'name', 'namespace', 'pod', 'container']) if (labels[k]) promLabels[k] = labels[k];
    rows.push({ info, stats, promLabels });
  }
  rows.sort((a, b) => (a.info.id < b.info.id ? -1 : a.info.id > b.info.id ? 1 : 0));
  return rows;
}

/** The fleet's CPUs and memory (cAdvisor's machine_* per scrape target), for the header; 0 when unknown. */
export function fleetCapacity(samples: readonly PromVectorSample[]): { ncpu: number; memTotal: number } {
  const mem = new Map<string, number>();
  const cores = new Map<string, number>();
  for (const s of samples) {
    const col = s.metric[COLUMN_LABEL];
    const v = parsePromValue(s.value[1]);
    if (!Number.isFinite(v)) continue;
    // One machine per target, even when two jobs scrape it.
    if (col === 'machine_mem') mem.set(s.metric.instance ?? '', v);
    else if (col === 'machine_cores') cores.set(s.metric.instance ?? '', v);
  }
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  return { ncpu: sum(cores), memTotal: sum(mem) };
}

/** Scrape targets (`instance`) whose last scrape failed (`up == 0`). */
export function downTargets(samples: readonly PromVectorSample[]): Set<string> {
  const down = new Set<string>();
  for (const s of samples) if (s.metric[COLUMN_LABEL] === 'up' && parsePromValue(s.value[1]) === 0 && s.metric.instance) down.add(s.metric.instance);
  return down;
}

/** True when the answer holds at least one series of a metric we know: else the source is not cAdvisor-like. */
export function hasContainerMetrics(samples: readonly PromVectorSample[]): boolean {
  return samples.some((s) => s.metric[COLUMN_LABEL] !== undefined && s.metric[COLUMN_LABEL] !== 'machine_mem');
}

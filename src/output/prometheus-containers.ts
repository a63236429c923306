// Container metrics under cAdvisor's names, types, units and labels (reference export-and-fleet
// §2.4–2.5), so dashboards and alerts written for cAdvisor work unchanged, plus ctop-ts's extras
// under `ctop_container_`. Counters come straight from the raw cumulative sample of this scrape
// (ns → s); gauges from the same sample or the delta calculator's docker-parity numbers.
import type { ContainerInfo, ContainerStats, HostInfo, RawSample, SampleDetail } from '../core/model/types.js';
import { labelBlock, sanitizeLabelName, type Family, type MetricType } from './prometheus-text.js';

export interface ExportContainer {
  info: ContainerInfo;
  /** This scrape's raw counters; null when the container is stopped or could not be read. */
  raw: RawSample | null;
  stats: ContainerStats;
  /** Docker's RestartCount, where the engine was asked (null: not known yet). */
  restartCount?: number | null;
}

export interface ContainerExportOptions {
  host: HostInfo | null;
  /** Which container labels become `container_label_*` metric labels; undefined: all (cAdvisor's default). */
  labelAllowed?: (key: string) => boolean;
  /** Unix seconds of this scrape, for container_last_seen. */
  nowSeconds: number;
  /** cAdvisor's `device` label for a block device (`/dev/sda`); '' when unknown. */
  deviceName?: (major: number, minor: number) => string;
}

const NS = 1e9;

/**
 * cAdvisor's `id` is the cgroup path; ctop-ts derives the engine's usual one from its cgroup
 * driver (Docker: /docker/<id> or /system.slice/docker-<id>.scope; Podman: libpod_parent/libpod-<id>
 * or machine.slice/libpod-<id>.scope). Dashboards use it to tell containers from system cgroups.
 */
export function cgroupId(info: ContainerInfo, host: HostInfo | null): string {
  const id = info.engineId ?? info.id;
  const systemd = host?.cgroupDriver === 'systemd';
  if (host && /podman/i.test(host.engine)) return systemd ? `/machine.slice/libpod-${id}.scope` : `/libpod_parent/libpod-${id}`;
  return systemd ? `/system.slice/docker-${id}.scope` : `/docker/${id}`;
}

/**
 * `container_label_<sanitised key>` for every allowed label key on any container, the union
 * cAdvisor builds so that a family has one label set. Keys that sanitise alike: the first in
 * sorted order wins (cAdvisor leaves it to Go's map order).
 */
export function labelColumns(containers: readonly ExportContainer[], allowed?: (key: string) => boolean): [string, string][] {
  const keys = new Set<string>();
  for (const c of containers) for (const k of Object.keys(c.info.labels)) if (!allowed || allowed(k)) keys.add(k);
  const taken = new Set<string>();
  const out: [string, string][] = [];
  for (const key of [...keys].sort()) {
    const name = `container_label_${sanitizeLabelName(key).replace(/^_+/, '')}`;
    if (taken.has(name)) continue;
    taken.add(name);
    out.push([name, key]);
  }
  return out;
}

/**
 * Unlimited limits are 0 in cAdvisor. Our sources report an unlimited container's limit as host
 * memory (docker's convention), so a limit at or above host memory reads as unlimited.
 */
export function specMemoryLimit(raw: RawSample, host: HostInfo | null): number | null {
  if (raw.memLimit === null) return null;
  if (raw.memLimit >= 2 ** 62 || (host && host.memTotal > 0 && raw.memLimit >= host.memTotal)) return 0;
  return raw.memLimit;
}

/** Usage minus inactive file, clamped at 0: cAdvisor's working set (docker's MEM USAGE but for the clamp). */
export function workingSet(raw: RawSample): number | null {
  if (raw.memUsage === null) return null;
  const inactive = raw.memTotalInactiveFile ?? raw.memInactiveFile ?? 0;
  return raw.memUsage > inactive ? raw.memUsage - inactive : 0;
}

const HEALTH: Record<string, number> = { healthy: 1, starting: 0, unhealthy: 0 };

interface Def {
  name: string;
  help: string;
  type: MetricType;
  unit?: Family['unit'];
  /** Extra label (name, value) and value for one container; return null to skip it. */
  get: (c: ExportContainer, o: ContainerExportOptions) => number | null | [string, string, number][];
}

const rawNum = (pick: (r: RawSample) => number | null, scale = 1) => (c: ExportContainer) => {
  const v = c.raw ? pick(c.raw) : null;
  return v === null ? null : v / scale;
};

type NetKey = keyof NonNullable<SampleDetail['networks']>[number];
type BlkKey = 'readBytes' | 'writeBytes' | 'reads' | 'writes';

/** One series per interface; without the split, the totals under interface="" (bytes only). */
const perInterface = (key: Exclude<NetKey, 'name'>, total?: (r: RawSample) => number | null) => (c: ExportContainer): [string, string, number][] | null => {
  const nets = c.raw?.detail?.networks;
  if (nets) return nets.map((n) => ['interface', n.name, n[key]]);
  const v = c.raw && total ? total(c.raw) : null;
  return v === null || v === undefined ? null : [['interface', '', v]];
};

/** One series per block device; without the split, the totals under device="" (bytes only). */
const perDevice = (key: BlkKey, total?: (r: RawSample) => number | null) => (c: ExportContainer, o: ContainerExportOptions): [string, string, number][] | null => {
  const devs = c.raw?.detail?.blkio;
  if (devs) return devs.map((d) => ['device', o.deviceName?.(d.major, d.minor) ?? '', d[key]]);
  const v = c.raw && total ? total(c.raw) : null;
  return v === null || v === undefined ? null : [['device', '', v]];
};

const detailNum = (pick: (d: SampleDetail) => number | null, scale = 1) => (c: ExportContainer) => {
  const v = c.raw?.detail ? pick(c.raw.detail) : null;
  return v === null ? null : v / scale;
};

// Order: cAdvisor families (alphabetical, as client_golang writes them), then ctop extras.
const DEFS: Def[] = [
  { name: 'container_cpu_cfs_periods_total', help: 'Number of elapsed enforcement period intervals.', type: 'counter', get: (c) => (c.raw?.cpuLimitCores ? c.raw.throttlePeriods : null) },
  { name: 'container_cpu_cfs_throttled_periods_total', help: 'Number of throttled period intervals.', type: 'counter', get: (c) => (c.raw?.cpuLimitCores ? c.raw.throttledPeriods : null) },
  { name: 'container_cpu_cfs_throttled_seconds_total', help: 'Total time duration the container has been throttled.', type: 'counter', unit: 'seconds', get: (c) => (c.raw?.cpuLimitCores && c.raw.throttledTimeNs !== null ? c.raw.throttledTimeNs / NS : null) },
  { name: 'container_cpu_usage_seconds_total', help: 'Cumulative cpu time consumed in seconds.', type: 'counter', unit: 'seconds', get: (c) => (c.raw?.cpuTotalNs != null ? [['cpu', 'total', c.raw.cpuTotalNs / NS]] : null) },
  { name: 'container_cpu_system_seconds_total', help: 'Cumulative system cpu time consumed in seconds.', type: 'counter', unit: 'seconds', get: detailNum((d) => d.cpuSystemNs, NS) },
  { name: 'container_cpu_user_seconds_total', help: 'Cumulative user cpu time consumed in seconds.', type: 'counter', unit: 'seconds', get: detailNum((d) => d.cpuUserNs, NS) },
  { name: 'container_fs_reads_bytes_total', help: 'Cumulative count of bytes read', type: 'counter', unit: 'bytes', get: perDevice('readBytes', (r) => r.blkReadBytes) },
  { name: 'container_fs_reads_total', help: 'Cumulative count of reads completed', type: 'counter', get: perDevice('reads') },
  { name: 'container_fs_writes_bytes_total', help: 'Cumulative count of bytes written', type: 'counter', unit: 'bytes', get: perDevice('writeBytes', (r) => r.blkWriteBytes) },
  { name: 'container_fs_writes_total', help: 'Cumulative count of writes completed', type: 'counter', get: perDevice('writes') },
  { name: 'container_health_state', help: 'The result of the container\'s health check: 1 healthy, 0 starting or unhealthy, -1 no health check', type: 'gauge', get: (c) => (c.info.health ? HEALTH[c.info.health] : -1) },
  { name: 'container_last_seen', help: 'Last time a container was seen by the exporter', type: 'gauge', get: (_c, o) => o.nowSeconds },
  { name: 'container_memory_cache', help: 'Number of bytes of page cache memory.', type: 'gauge', get: detailNum((d) => d.memCache) },
  { name: 'container_memory_mapped_file', help: 'Size of memory mapped files in bytes.', type: 'gauge', get: detailNum((d) => d.memMappedFile) },
  { name: 'container_memory_rss', help: 'Size of RSS in bytes.', type: 'gauge', get: detailNum((d) => d.memRss) },
  { name: 'container_memory_swap', help: 'Container swap usage in bytes.', type: 'gauge', get: detailNum((d) => d.memSwap) },
  { name: 'container_memory_usage_bytes', help: 'Current memory usage in bytes, including all memory regardless of when it was accessed', type: 'gauge', unit: 'bytes', get: rawNum((r) => r.memUsage) },
  { name: 'container_memory_working_set_bytes', help: 'Current working set in bytes.', type: 'gauge', unit: 'bytes', get: (c) => (c.raw ? workingSet(c.raw) : null) },
  { name: 'container_network_receive_bytes_total', help: 'Cumulative count of bytes received', type: 'counter', unit: 'bytes', get: perInterface('rxBytes', (r) => r.netRxBytes) },
  { name: 'container_network_receive_errors_total', help: 'Cumulative count of errors encountered while receiving', type: 'counter', get: perInterface('rxErrors') },
  { name: 'container_network_receive_packets_dropped_total', help: 'Cumulative count of packets dropped while receiving', type: 'counter', get: perInterface('rxDropped') },
  { name: 'container_network_receive_packets_total', help: 'Cumulative count of packets received', type: 'counter', get: perInterface('rxPackets') },
  { name: 'container_network_transmit_bytes_total', help: 'Cumulative count of bytes transmitted', type: 'counter', unit: 'bytes', get: perInterface('txBytes', (r) => r.netTxBytes) },
  { name: 'container_network_transmit_errors_total', help: 'Cumulative count of errors encountered while transmitting', type: 'counter', get: perInterface('txErrors') },
  { name: 'container_network_transmit_packets_dropped_total', help: 'Cumulative count of packets dropped while transmitting', type: 'counter', get: perInterface('txDropped') },
  { name: 'container_network_transmit_packets_total', help: 'Cumulative count of packets transmitted', type: 'counter', get: perInterface('txPackets') },
  { name: 'container_spec_memory_limit_bytes', help: 'Memory limit for the container.', type: 'gauge', unit: 'bytes', get: (c, o) => (c.raw ? specMemoryLimit(c.raw, o.host) : null) },
  { name: 'container_start_time_seconds', help: 'Start time of the container since unix epoch in seconds.', type: 'gauge', unit: 'seconds', get: (c) => c.info.created },
  // ctop-ts extras (README "Exporting metrics").
  { name: 'ctop_container_cpu_limit_cores', help: 'CPU limit of the container in cores (quota / period); absent when unlimited.', type: 'gauge', get: (c) => c.raw?.cpuLimitCores ?? null },
  { name: 'ctop_container_oom_kills_total', help: 'Processes of the container killed by the kernel OOM killer (memory.events oom_kill).', type: 'counter', get: rawNum((r) => r.oomKills) },
  { name: 'ctop_container_pids', help: 'Processes and threads in the container (pids.current), as docker stats PIDS.', type: 'gauge', get: rawNum((r) => r.pids) },
  { name: 'ctop_container_pids_limit', help: 'The container\'s pids.max; absent when unlimited.', type: 'gauge', get: (c) => c.stats.pidsLimit },
  {
    name: 'ctop_container_pressure_some_avg10_ratio',
    help: 'Pressure stall information: share of the last 10 s in which some task of the container stalled on the resource.',
    type: 'gauge',
    unit: 'ratio',
    get: (c) => {
      const p = c.raw?.pressure;
      if (!p) return null;
      const out: [string, string, number][] = [];
      for (const r of ['cpu', 'io', 'memory'] as const) if (p[r] !== null) out.push(['resource', r, p[r]! / 100]);
      return out;
    },
  },
  { name: 'ctop_container_restarts', help: 'Times the engine restarted the container (Docker\'s RestartCount, from inspect).', type: 'gauge', get: (c) => c.restartCount ?? null },
  { name: 'ctop_container_state', help: 'The container\'s state (label state), always 1.', type: 'gauge', get: (c) => [['state', c.info.state, 1]] },
];

/** Every container family for one scrape, in a fixed order; empty families are left out by the writer. */
export function containerFamilies(containers: readonly ExportContainer[], opts: ContainerExportOptions): Family[] {
  const columns = labelColumns(containers, opts.labelAllowed);
  const multiEngine = containers.some((c) => c.info.host !== undefined);
  // One label block per container, shared by every family (the cost of a scrape is mostly here).
  const blocks = containers.map((c) => {
    const pairs: [string, string][] = columns.map(([name, key]) => [name, c.info.labels[key] ?? '']);
    if (multiEngine) pairs.push(['engine', c.info.host ?? '']);
    pairs.push(['id', cgroupId(c.info, opts.host)], ['image', c.info.image], ['name', c.info.name]);
    return labelBlock(pairs);
  });
  return DEFS.map((d) => {
    const family: Family = { name: d.name, help: d.help, type: d.type, unit: d.unit, series: [] };
    containers.forEach((c, i) => {
      const v = d.get(c, opts);
      if (v === null || v === undefined) return;
      if (typeof v === 'number') family.series.push({ labels: blocks[i], value: v });
      else for (const [k, lv, n] of v) family.series.push({ labels: `${blocks[i]},${labelBlock([[k, lv]])}`, value: n });
    });
    return family;
  });
}

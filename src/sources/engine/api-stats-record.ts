// Maps one Engine API stats record (GET /containers/{id}/stats) to raw counters. Pure: fixtures
// drive it directly. Sums follow docker/cli so that the same record gives docker's numbers.
import type { RawSample } from '../../core/model/types.js';
import { apiDetail } from '../sample-detail.js';

type Num = number | undefined | null;
interface BlkioEntry { major?: number; minor?: number; op?: string; value?: number }
interface CpuStats {
  cpu_usage?: { total_usage?: Num; percpu_usage?: number[] | null };
  system_cpu_usage?: Num;
  online_cpus?: Num;
  throttling_data?: { periods?: Num; throttled_periods?: Num; throttled_time?: Num };
}
export interface ApiStatsRecord {
  id?: string;
  name?: string;
  read?: string;
  cpu_stats?: CpuStats;
  precpu_stats?: CpuStats;
  memory_stats?: { usage?: Num; limit?: Num; failcnt?: Num; stats?: Record<string, number> | null };
  networks?: Record<string, { rx_bytes?: Num; tx_bytes?: Num }> | null;
  blkio_stats?: { io_service_bytes_recursive?: BlkioEntry[] | null };
  pids_stats?: { current?: Num; limit?: Num };
}

const num = (v: Num): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Go's zero time ("0001-01-01T00:00:00Z") marks an empty pre-sample. */
function parseTime(read: string | undefined): number | null {
  if (!read || read.startsWith('0001-')) return null;
  const t = Date.parse(read);
  return Number.isNaN(t) ? null : t;
}

function onlineCpus(cpu: CpuStats | undefined): number | null {
  const online = num(cpu?.online_cpus);
  if (online) return online;
  const per = cpu?.cpu_usage?.percpu_usage;
  return per && per.length > 0 ? per.length : null;
}

/** Σ rx/tx over the sandbox interfaces; none (host/none network) reads as 0, as docker shows it. */
export function networkTotals(networks: ApiStatsRecord['networks']): { rx: number; tx: number } {
  let rx = 0;
  let tx = 0;
  for (const n of Object.values(networks ?? {})) {
    rx += num(n.rx_bytes) ?? 0;
    tx += num(n.tx_bytes) ?? 0;
  }
  return { rx, tx };
}

/** docker/cli: ops starting with r/R are reads, w/W writes; Sync, Async, Total, Discard are ignored. */
export function blockTotals(entries: BlkioEntry[] | null | undefined): { read: number; write: number } {
  let read = 0;
  let write = 0;
  for (const e of entries ?? []) {
    const c = e.op?.[0];
    if (c === 'r' || c === 'R') read += e.value ?? 0;
    else if (c === 'w' || c === 'W') write += e.value ?? 0;
  }
  return { read, write };
}

/**
 * The daemon's answer for a container that is not running: Go's zero `read` time and every counter
 * zero, so omitempty dropped most fields. docker prints it as zeros, and so do we.
 */
export function isNotRunningRecord(rec: ApiStatsRecord): boolean {
  return rec.read?.startsWith('0001-') ?? false;
}

export function parseApiStats(rec: ApiStatsRecord, id: string, receivedAt: number): RawSample {
  // Missing fields of a not-running record are zeros the engine left out, not unknowns.
  const zero = isNotRunningRecord(rec) ? 0 : null;
  const cpu = rec.cpu_stats;
  const pre = rec.precpu_stats;
  const preCpu = num(pre?.cpu_usage?.total_usage);
  const preSys = num(pre?.system_cpu_usage);
  const mem = rec.memory_stats ?? {};
  const stats = mem.stats ?? null;
  const isV1 = stats !== null && 'total_inactive_file' in stats;
  const net = networkTotals(rec.networks);
  const blk = blockTotals(rec.blkio_stats?.io_service_bytes_recursive);
  const throttle = cpu?.throttling_data;
  const pidsLimit = num(rec.pids_stats?.limit);
  return {
    id,
    source: 'api',
    timestamp: parseTime(rec.read) ?? receivedAt,
    cpuTotalNs: num(cpu?.cpu_usage?.total_usage),
    systemCpuNs: num(cpu?.system_cpu_usage),
    onlineCpus: onlineCpus(cpu),
    pre: preCpu !== null && preSys ? { cpuTotalNs: preCpu, systemCpuNs: preSys } : null,
    memUsage: num(mem.usage) ?? zero,
    memTotalInactiveFile: stats && 'total_inactive_file' in stats ? num(stats.total_inactive_file) : null,
    memInactiveFile: stats && 'inactive_file' in stats ? num(stats.inactive_file) : null,
    memLimit: num(mem.limit) ?? zero,
    netRxBytes: net.rx,
    netTxBytes: net.tx,
    blkReadBytes: blk.read,
    blkWriteBytes: blk.write,
    pids: num(rec.pids_stats?.current) ?? zero,
    pidsLimit: pidsLimit && pidsLimit < 2 ** 53 ? pidsLimit : null,
    cpuLimitCores: null, // not in the stats record; the source fills it from inspect
    throttlePeriods: num(throttle?.periods),
    throttledPeriods: num(throttle?.throttled_periods),
    throttledTimeNs: num(throttle?.throttled_time),
    // v2 reports memory.events `oom` as failcnt (omitted when 0); on v1 failcnt means something else.
    oomKills: stats === null || isV1 ? null : (num(mem.failcnt) ?? 0),
    pressure: null,
    detail: apiDetail(rec), // per interface/device and split counters, for the exporters
  };
}

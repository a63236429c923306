// Pure functions from raw cumulative counters to the numbers people read.
// CPU % and memory follow docker/cli's stats_helpers.go operation for operation, so that for the
// same record we print what `docker stats` prints (JS numbers are IEEE doubles, as Go's float64).
import type { ContainerStats, RawSample } from '../model/types.js';

export interface DeltaOptions {
  /** Host memory in bytes; limits above it are clamped to it, as the daemon does. 0/undefined: no clamp. */
  hostMemBytes?: number;
}

/** Counters at or above 2^53 lose precision in doubles; limits that large mean "unlimited". */
const UNLIMITED = 2 ** 53;

/**
 * docker's calculateCPUPercentUnix: convert each counter to float first, then subtract; only the
 * current sample supplies onlineCPUs; non-positive deltas give 0 (not null: docker prints 0.00%).
 */
export function cpuPercent(
  preCpuNs: number,
  preSystemNs: number,
  curCpuNs: number,
  curSystemNs: number,
  onlineCpus: number,
): number {
  const cpuDelta = curCpuNs - preCpuNs;
  const systemDelta = curSystemNs - preSystemNs;
  if (systemDelta > 0 && cpuDelta > 0) return (cpuDelta / systemDelta) * onlineCpus * 100;
  return 0;
}

/** docker's calculateMemUsageUnixNoCache: v1 `total_inactive_file`, then the v1/v2 `inactive_file`. */
export function memUsageNoCache(usage: number, totalInactiveFile: number | null, inactiveFile: number | null): number {
  if (totalInactiveFile !== null && totalInactiveFile < usage) return usage - totalInactiveFile;
  const inactive = inactiveFile ?? 0;
  if (inactive < usage) return usage - inactive;
  return usage;
}

export function clampLimit(limit: number, hostMemBytes: number | undefined): number {
  if (hostMemBytes && hostMemBytes > 0 && limit > hostMemBytes) return hostMemBytes;
  return limit;
}

/** Bytes per second between two cumulative counters; a counter that went down (restart) gives no rate. */
export function rate(prev: number | null | undefined, cur: number | null, dtSeconds: number): number | null {
  if (cur === null || prev === null || prev === undefined || !(dtSeconds > 0)) return null;
  if (cur < prev) return null;
  return (cur - prev) / dtSeconds;
}

function cpuOf(prev: RawSample | null, cur: RawSample): number | null {
  if (cur.cpuTotalNs === null) return null;
  // No CPU time used at all (e.g. the engine's all-zero record for a stopped container) is 0 % over
  // any window, which is what docker prints; no pre-sample is needed to know that.
  if (cur.cpuTotalNs === 0) return 0;
  if (cur.systemCpuNs === null) return null;
  // The engine's own earlier sample wins: it is what docker stats uses for this record.
  const pre = cur.pre && cur.pre.systemCpuNs > 0 ? cur.pre : prev;
  if (!pre || pre.cpuTotalNs === null || pre.systemCpuNs === null) return null;
  // A container restart resets its counter: no honest percentage for this tick.
  if (cur.cpuTotalNs < pre.cpuTotalNs) return null;
  const online = cur.onlineCpus ?? 0;
  if (online <= 0) return null;
  return cpuPercent(pre.cpuTotalNs, pre.systemCpuNs, cur.cpuTotalNs, cur.systemCpuNs, online);
}

/**
 * Compute one container's numbers from its previous and current raw samples. `prev` may be null
 * (first tick): CPU % and rates are then null unless the record carries the engine's own pre-sample.
 */
export function computeStats(prev: RawSample | null, cur: RawSample, opts: DeltaOptions = {}): ContainerStats {
  // A source that answers computed numbers (Prometheus: PromQL rate()s) is passed through as is.
  if (cur.computed) return cur.computed;
  const cpu = cpuOf(prev, cur);
  const memUsage =
    cur.memUsage === null ? null : memUsageNoCache(cur.memUsage, cur.memTotalInactiveFile, cur.memInactiveFile);
  const memLimit = cur.memLimit === null ? null : clampLimit(cur.memLimit, opts.hostMemBytes);
  const memPercent = memUsage === null || memLimit === null ? null : memLimit !== 0 ? (memUsage / memLimit) * 100 : 0;
  const dt = prev ? (cur.timestamp - prev.timestamp) / 1000 : 0;
  const cpuLimitCores = cur.cpuLimitCores !== null && cur.cpuLimitCores > 0 ? cur.cpuLimitCores : null;
  return {
    cpuPercent: cpu,
    cpuLimitPercent: cpu !== null && cpuLimitCores !== null ? cpu / cpuLimitCores : null,
    memUsage,
    memLimit,
    memPercent,
    netRxBytes: cur.netRxBytes,
    netTxBytes: cur.netTxBytes,
    netRxRate: rate(prev?.netRxBytes, cur.netRxBytes, dt),
    netTxRate: rate(prev?.netTxBytes, cur.netTxBytes, dt),
    blockReadBytes: cur.blkReadBytes,
    blockWriteBytes: cur.blkWriteBytes,
    blockReadRate: rate(prev?.blkReadBytes, cur.blkReadBytes, dt),
    blockWriteRate: rate(prev?.blkWriteBytes, cur.blkWriteBytes, dt),
    pids: cur.pids,
    pidsLimit: cur.pidsLimit !== null && cur.pidsLimit > 0 && cur.pidsLimit < UNLIMITED ? cur.pidsLimit : null,
    cpuLimitCores,
    throttlePeriods: cur.throttlePeriods,
    throttledPeriods: cur.throttledPeriods,
    throttledTimeNs: cur.throttledTimeNs,
    oomKills: cur.oomKills,
    pressure: cur.pressure,
  };
}

/** A stopped container reads as zeros, like docker (the daemon answers with an all-zero record). */
export function stoppedStats(): ContainerStats {
  return {
    cpuPercent: 0,
    cpuLimitPercent: null,
    memUsage: 0,
    memLimit: 0,
    memPercent: 0,
    netRxBytes: 0,
    netTxBytes: 0,
    netRxRate: 0,
    netTxRate: 0,
    blockReadBytes: 0,
    blockWriteBytes: 0,
    blockReadRate: 0,
    blockWriteRate: 0,
    pids: 0,
    pidsLimit: null,
    cpuLimitCores: null,
    throttlePeriods: null,
    throttledPeriods: null,
    throttledTimeNs: null,
    oomKills: null,
    pressure: null,
  };
}

/** Nothing could be read this tick: every value unknown (printed as `--`). */
export function unknownStats(): ContainerStats {
  const s = stoppedStats();
  for (const k of Object.keys(s) as (keyof ContainerStats)[]) (s as unknown as Record<string, null>)[k] = null;
  return s;
}

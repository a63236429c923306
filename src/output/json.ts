// --json: one object per line (NDJSON) with raw numbers: bytes, percent as numbers, rates per
// second. Unknown values are null, never a made-up 0. The schema is documented in the README;
// bump JSON_SCHEMA_VERSION on any incompatible change.
import type { ContainerRow, EngineEvent } from '../core/model/types.js';
import { sanitize } from '../core/model/sanitize.js';

export const JSON_SCHEMA_VERSION = 1;

export function containerJson(row: ContainerRow): Record<string, unknown> {
  const { info, stats } = row;
  return {
    type: 'container',
    schema: JSON_SCHEMA_VERSION,
    id: info.id,
    name: sanitize(info.name),
    image: sanitize(info.image),
    labels: info.labels,
    state: info.state,
    health: info.health,
    source: row.source,
    cpuPercent: stats.cpuPercent,
    cpuLimitPercent: stats.cpuLimitPercent,
    cpuLimitCores: stats.cpuLimitCores,
    memUsage: stats.memUsage,
    memLimit: stats.memLimit,
    memPercent: stats.memPercent,
    netRxBytes: stats.netRxBytes,
    netTxBytes: stats.netTxBytes,
    netRxRate: stats.netRxRate,
    netTxRate: stats.netTxRate,
    blockReadBytes: stats.blockReadBytes,
    blockWriteBytes: stats.blockWriteBytes,
    blockReadRate: stats.blockReadRate,
    blockWriteRate: stats.blockWriteRate,
    pids: stats.pids,
    pidsLimit: stats.pidsLimit,
    throttlePeriods: stats.throttlePeriods,
    throttledPeriods: stats.throttledPeriods,
    throttledTimeNs: stats.throttledTimeNs,
    oomKills: stats.oomKills,
    pressure: stats.pressure,
    timestamp: new Date(row.timestamp).toISOString(),
  };
}

export function eventJson(e: EngineEvent, labels: Record<string, string> | null = null): Record<string, unknown> {
  return {
    type: 'event',
    schema: JSON_SCHEMA_VERSION,
    time: new Date(e.time).toISOString(),
    id: e.id,
    action: e.action,
    detail: e.detail,
    name: e.name === null ? null : sanitize(e.name),
    image: e.image === null ? null : sanitize(e.image),
    exitCode: e.exitCode,
    signal: e.signal,
    labels,
  };
}

export function ndjson(objects: Iterable<Record<string, unknown>>): string {
  let out = '';
  for (const o of objects) out += JSON.stringify(o) + '\n';
  return out;
}

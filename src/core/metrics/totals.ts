// Totals over a set of containers, the one definition the header, the group rows, `--group-by`
// tables and JSON all use.
//
// The rule for members whose value is unknown (null: the first tick, a failed read, a stale
// engine): the known values are summed and the unknown ones are counted, not guessed. A total is
// null only when no member's value is known — a made-up 0 would read as "idle", and blanking a
// whole total for one unreadable member would hide everything the others say. `unknown` says how
// many members with counters had no CPU or memory reading, so a view can say the sum is partial.
// A container without counters (stopped, created, restarting: core/model/container-states.ts)
// adds 0, like docker's all-zero record for it.
import { hasCounters } from '../model/container-states.js';
import type { ContainerRow, ContainerStats } from '../model/types.js';

export interface Totals {
  cpuPercent: number | null; // 100 % = one core, as per container
  memUsage: number | null;
  /** memUsage as a percentage of host memory; per-container MEM % (of each limit) does not add up. */
  memHostPercent: number | null;
  netRxBytes: number | null;
  netTxBytes: number | null;
  netRxRate: number | null;
  netTxRate: number | null;
  blockReadBytes: number | null;
  blockWriteBytes: number | null;
  blockReadRate: number | null;
  blockWriteRate: number | null;
  pids: number | null;
  /** Members with counters whose CPU % or memory was unknown: left out of the sums. */
  unknown: number;
}

type SummedField = Exclude<keyof Totals, 'memHostPercent' | 'unknown'> & keyof ContainerStats;
const SUMMED: readonly SummedField[] = [
  'cpuPercent',
  'memUsage',
  'netRxBytes',
  'netTxBytes',
  'netRxRate',
  'netTxRate',
  'blockReadBytes',
  'blockWriteBytes',
  'blockReadRate',
  'blockWriteRate',
  'pids',
];

/** Engines that do not report host memory leave it 0: unknown. */
const hostMemory = (memTotal: number | null | undefined): number | null => (memTotal !== null && memTotal !== undefined && memTotal > 0 ? memTotal : null);

export function sumTotals(rows: readonly ContainerRow[], memTotal: number | null = null): Totals {
  const totals = { memHostPercent: null, unknown: 0 } as Totals;
  for (const field of SUMMED) {
    let total: number | null = null;
    for (const row of rows) {
      // A container without counters is zeros, like docker, even if its row carries old or null values.
      const v = hasCounters(row.info.state) ? row.stats[field] : 0;
      if (v !== null) total = (total ?? 0) + v;
    }
    totals[field] = total;
  }
  for (const row of rows) if (hasCounters(row.info.state) && (row.stats.cpuPercent === null || row.stats.memUsage === null)) totals.unknown++;
  const host = hostMemory(memTotal);
  if (totals.memUsage !== null && host !== null) totals.memHostPercent = (totals.memUsage / host) * 100;
  return totals;
}

// Group order for the grouped live table: groups sort by their totals with the same fields,
// directions and unknown-last rule as containers (sort-rows.ts), ties by the group's value, so a
// group keeps its place from one tick to the next unless its own totals move it.
import type { RowGroup } from './grouping.js';
import { compareKeys, compareText, DESCENDING, STATE_RANK, sum, type SortField, type SortKey } from './sort-rows.js';

const UNKNOWN_RANK = Object.keys(STATE_RANK).length;

/** The primary value, then a secondary one where a field has it (nulls are "unknown"). */
function keysOf(group: RowGroup, field: SortField): [SortKey, SortKey] {
  const t = group.totals;
  switch (field) {
    case 'cpu':
      return [t.cpuPercent, null];
    case 'mem':
      return [t.memUsage, null];
    case 'net':
      return [sum(t.netRxRate, t.netTxRate), sum(t.netRxBytes, t.netTxBytes)];
    case 'io':
      return [sum(t.blockReadRate, t.blockWriteRate), sum(t.blockReadBytes, t.blockWriteBytes)];
    case 'pids':
      return [t.pids, null];
    case 'name':
      return [group.value, null]; // the (none) group's null value sorts last either way
    case 'state': {
      // Like a container's state: the group's liveliest member, then more of them running first.
      let best = UNKNOWN_RANK;
      for (const r of group.rows) best = Math.min(best, STATE_RANK[r.info.state] ?? UNKNOWN_RANK);
      return [best, -group.running];
    }
    case 'uptime': {
      // The group has been up as long as its longest-running live member.
      let oldest: number | null = null;
      for (const r of group.rows) {
        if (r.info.state !== 'running' && r.info.state !== 'paused') continue;
        if (oldest === null || r.info.created < oldest) oldest = r.info.created;
      }
      return [oldest === null ? null : -oldest, null];
    }
  }
}

/** The value tie-break: code-unit order after case folding, the `(none)` group last. */
function compareValues(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return compareText(a, b);
}

export function compareGroups(field: SortField, reverse = false): (a: RowGroup, b: RowGroup) => number {
  const sign = DESCENDING[field] !== reverse ? -1 : 1;
  return (a, b) => {
    const [a1, a2] = keysOf(a, field);
    const [b1, b2] = keysOf(b, field);
    // The tie-break does not flip with `reverse`, as for containers.
    return compareKeys(a1, b1, sign) || compareKeys(a2, b2, sign) || (field === 'name' ? 0 : compareValues(a.value, b.value));
  };
}

/** A sorted copy; the input is left alone. */
export function sortGroups(groups: readonly RowGroup[], field: SortField, reverse = false): RowGroup[] {
  return [...groups].sort(compareGroups(field, reverse));
}

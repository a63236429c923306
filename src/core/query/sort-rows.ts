// Row order for the views. The order is total (ties fall back to name, then id), so a row
// keeps its place from one tick to the next unless its own sort value moves it.
import type { ContainerRow, ContainerState } from '../model/types.js';

export const SORT_FIELDS = ['cpu', 'mem', 'net', 'io', 'pids', 'name', 'state', 'uptime'] as const;
export type SortField = (typeof SORT_FIELDS)[number];

export function isSortField(s: string): s is SortField {
  return (SORT_FIELDS as readonly string[]).includes(s);
}

/** Busiest first, like top; names and states read A→Z / running first. `reverse` flips this. */
export const DESCENDING: Record<SortField, boolean> = {
  cpu: true,
  mem: true,
  net: true,
  io: true,
  pids: true,
  name: false,
  state: false,
  uptime: true,
};

// Live containers first; the rest roughly by how recently they could have been live.
export const STATE_RANK: Record<ContainerState, number> = {
  running: 0,
  paused: 1,
  restarting: 2,
  created: 3,
  removing: 4,
  exited: 5,
  dead: 6,
};

export type SortKey = number | string | null;
type Key = SortKey;

/** The primary value, then a secondary one where a field has it (nulls are "unknown"). */
function keysOf(row: ContainerRow, field: SortField): [Key, Key] {
  const s = row.stats;
  switch (field) {
    case 'cpu':
      return [s.cpuPercent, null];
    case 'mem':
      return [s.memUsage, null];
    // Rates say who is busy now; the cumulative bytes order rows while rates are still unknown
    // (first tick, --no-stream).
    case 'net':
      return [sum(s.netRxRate, s.netTxRate), sum(s.netRxBytes, s.netTxBytes)];
    case 'io':
      return [sum(s.blockReadRate, s.blockWriteRate), sum(s.blockReadBytes, s.blockWriteBytes)];
    case 'pids':
      return [s.pids, null];
    case 'name':
      return [row.info.name, null];
    case 'state':
      return [STATE_RANK[row.info.state] ?? Object.keys(STATE_RANK).length, null];
    case 'uptime': {
      // Only live containers have an uptime; created is the proxy the container list gives us.
      const live = row.info.state === 'running' || row.info.state === 'paused';
      return [live ? -row.info.created : null, null];
    }
  }
}

export function sum(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : a + b;
}

const isUnknown = (k: Key): boolean => k === null || (typeof k === 'number' && Number.isNaN(k));

// Code-unit order after case folding: deterministic, unlike localeCompare, across machines.
export function compareText(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Unknown values go last whatever the direction; known ones in `sign` order. */
export function compareKeys(a: Key, b: Key, sign: number): number {
  const ua = isUnknown(a);
  const ub = isUnknown(b);
  if (ua || ub) return ua === ub ? 0 : ua ? 1 : -1;
  if (typeof a === 'string' && typeof b === 'string') return sign * compareText(a, b);
  return a === b ? 0 : sign * ((a as number) < (b as number) ? -1 : 1);
}

export function compareRows(field: SortField, reverse = false): (a: ContainerRow, b: ContainerRow) => number {
  const sign = DESCENDING[field] !== reverse ? -1 : 1;
  return (a, b) => {
    const [a1, a2] = keysOf(a, field);
    const [b1, b2] = keysOf(b, field);
    return (
      compareKeys(a1, b1, sign) ||
      compareKeys(a2, b2, sign) ||
      // The tie-break does not flip with `reverse`, so equal rows keep their order either way.
      (field === 'name' ? 0 : compareText(a.info.name, b.info.name)) ||
      (a.info.id < b.info.id ? -1 : a.info.id > b.info.id ? 1 : 0)
    );
  };
}

/** A sorted copy; the input is left alone. */
export function sortRows(rows: readonly ContainerRow[], field: SortField, reverse = false): ContainerRow[] {
  return [...rows].sort(compareRows(field, reverse));
}

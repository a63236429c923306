// The numbers a threshold can test, per container and per group, with their unit (for parsing
// `512MiB` or `80%`, for messages, for perfdata's UOM), their possible values (so a range that
// can never alert is refused) and the perfdata min/max.
import { bytesSize } from '../metrics/go-format.js';
import type { GroupTotals } from '../query/grouping.js';
import type { ContainerRow } from '../model/types.js';

export type FieldUnit = '%' | 'B' | 'B/s' | '';

/** What the check knows about a container beyond its stats row (read from the engine once). */
export interface ContainerFacts {
  restarts: number | null;
  exitCode: number | null;
  /** ms since epoch of the last OOM kill the engine reported, null when none is known. */
  lastOomKill: number | null;
}

export interface GroupSample {
  totals: GroupTotals;
  count: number;
  running: number;
}

export interface CheckField {
  readonly name: string;
  readonly help: string;
  readonly unit: FieldUnit;
  readonly lo: number;
  readonly hi: number;
  readonly container?: (row: ContainerRow, facts: ContainerFacts | undefined) => number | null;
  readonly group?: (g: GroupSample) => number | null;
  /** perfdata max for a container value (e.g. the memory limit). */
  readonly max?: (row: ContainerRow) => number | null;
}

const pct = (a: number | null, b: number | null) => (a === null || b === null || b <= 0 ? null : (a / b) * 100);

export const CHECK_FIELDS: readonly CheckField[] = [
  { name: 'cpu', help: "CPU % as docker stats shows it (100 = one core)", unit: '%', lo: 0, hi: Infinity, container: (r) => r.stats.cpuPercent, group: (g) => g.totals.cpuPercent },
  { name: 'cpu_limit%', help: "CPU % of the container's own CPU limit (--cpus)", unit: '%', lo: 0, hi: Infinity, container: (r) => r.stats.cpuLimitPercent },
  { name: 'mem', help: 'memory used, bytes (docker MEM USAGE); suffixes B kB MB GB KiB MiB GiB', unit: 'B', lo: 0, hi: Infinity, container: (r) => r.stats.memUsage, group: (g) => g.totals.memUsage, max: (r) => r.stats.memLimit },
  { name: 'mem%', help: 'memory used, % of the limit (docker MEM %); groups: % of host memory', unit: '%', lo: 0, hi: 100, container: (r) => r.stats.memPercent, group: (g) => g.totals.memHostPercent },
  { name: 'pids', help: 'processes and threads (docker PIDS)', unit: '', lo: 0, hi: Infinity, container: (r) => r.stats.pids, group: (g) => g.totals.pids, max: (r) => r.stats.pidsLimit },
  { name: 'pids%', help: 'PIDs, % of the pids limit', unit: '%', lo: 0, hi: 100, container: (r) => pct(r.stats.pids, r.stats.pidsLimit) },
  { name: 'net_rx', help: 'network received, bytes per second', unit: 'B/s', lo: 0, hi: Infinity, container: (r) => r.stats.netRxRate, group: (g) => g.totals.netRxRate },
  { name: 'net_tx', help: 'network sent, bytes per second', unit: 'B/s', lo: 0, hi: Infinity, container: (r) => r.stats.netTxRate, group: (g) => g.totals.netTxRate },
  { name: 'block_read', help: 'block device reads, bytes per second', unit: 'B/s', lo: 0, hi: Infinity, container: (r) => r.stats.blockReadRate, group: (g) => g.totals.blockReadRate },
  { name: 'block_write', help: 'block device writes, bytes per second', unit: 'B/s', lo: 0, hi: Infinity, container: (r) => r.stats.blockWriteRate, group: (g) => g.totals.blockWriteRate },
  { name: 'throttled%', help: 'CFS periods throttled, % since the container started', unit: '%', lo: 0, hi: 100, container: (r) => pct(r.stats.throttledPeriods, r.stats.throttlePeriods) },
  { name: 'psi_cpu', help: 'CPU pressure, some avg10 (% of time stalled)', unit: '%', lo: 0, hi: 100, container: (r) => r.stats.pressure?.cpu ?? null },
  { name: 'psi_mem', help: 'memory pressure, some avg10 (% of time stalled)', unit: '%', lo: 0, hi: 100, container: (r) => r.stats.pressure?.memory ?? null },
  { name: 'psi_io', help: 'I/O pressure, some avg10 (% of time stalled)', unit: '%', lo: 0, hi: 100, container: (r) => r.stats.pressure?.io ?? null },
  { name: 'oom_kills', help: "OOM kills counted by the container's cgroup", unit: '', lo: 0, hi: Infinity, container: (r) => r.stats.oomKills },
  { name: 'restarts', help: "the engine's restart count", unit: '', lo: 0, hi: Infinity, container: (_r, f) => f?.restarts ?? null },
  { name: 'running', help: 'running containers in the group (with --group-by; else all selected)', unit: '', lo: 0, hi: Infinity, group: (g) => g.running },
  { name: 'containers', help: 'containers in the group, any state', unit: '', lo: 0, hi: Infinity, group: (g) => g.count },
];

export function fieldByName(name: string): CheckField | undefined {
  return CHECK_FIELDS.find((f) => f.name === name);
}

const BYTE_UNITS: Record<string, number> = { B: 1, kB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4 };

/** The multiplier of a unit suffix a field accepts (NaN: not allowed). */
export function unitScale(field: CheckField, unit: string): number {
  if (unit === '') return 1;
  if (field.unit === '%') return unit === '%' ? 1 : NaN;
  if (field.unit === 'B') return BYTE_UNITS[unit] ?? NaN;
  if (field.unit === 'B/s') return unit.endsWith('/s') ? (BYTE_UNITS[unit.slice(0, -2)] ?? NaN) : NaN;
  return NaN;
}

/** A value as people read it in the status line: `93.4%`, `1.2GiB`, `12.5MiB/s`, `7`. */
export function displayValue(field: CheckField, x: number): string {
  if (field.unit === '%') return `${Number(x.toFixed(1))}%`;
  if (field.unit === 'B') return bytesSize(Math.round(x));
  if (field.unit === 'B/s') return `${bytesSize(Math.round(x))}/s`;
  return String(Number(x.toFixed(2)));
}

/** perfdata's unit of measurement: `%`, `B` (rates too: perfdata has no per-second unit), or none. */
export const perfUnit = (field: CheckField): string => (field.unit === 'B/s' ? 'B' : field.unit);

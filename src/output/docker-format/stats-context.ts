// What a `--format` template sees for one container: docker's statsContext (Container, Name, ID,
// CPUPerc, MemUsage, MemPerc, NetIO, BlockIO, PIDs, printed exactly as docker prints them) plus
// ctop-ts's extra fields, and the header map a `table` template is run against first.
import { sanitize, truncateId } from '../../core/model/sanitize.js';
import type { ContainerRow } from '../../core/model/types.js';
import { dockerCells } from '../table.js';
import { GoFloat, goShortestFloat, GoStruct, type GoValue } from './go-values.js';

/** docker's statsContext methods, which `{{json .}}` encodes (in this order, sorted on output). */
export const DOCKER_FIELDS = ['Container', 'Name', 'ID', 'CPUPerc', 'MemUsage', 'MemPerc', 'NetIO', 'BlockIO', 'PIDs'] as const;

/** Column titles of a `table` template: docker's for its fields, ours for the extras. */
export const FORMAT_HEADERS: ReadonlyMap<string, string> = new Map([
  ['Container', 'CONTAINER'],
  ['Name', 'NAME'],
  ['ID', 'CONTAINER ID'],
  ['CPUPerc', 'CPU %'],
  ['MemUsage', 'MEM USAGE / LIMIT'],
  ['MemPerc', 'MEM %'],
  ['NetIO', 'NET I/O'],
  ['BlockIO', 'BLOCK I/O'],
  ['PIDs', 'PIDS'],
  // ctop-ts extras
  ['Image', 'IMAGE'],
  ['State', 'STATE'],
  ['Status', 'STATUS'],
  ['Health', 'HEALTH'],
  ['Host', 'HOST'],
  ['Source', 'SOURCE'],
  ['Labels', 'LABELS'],
  ['CPUPercent', 'CPU %'],
  ['CPULimitPercent', 'CPU % OF LIMIT'],
  ['CPULimitCores', 'CPU LIMIT'],
  ['MemBytes', 'MEM USAGE'],
  ['MemLimitBytes', 'MEM LIMIT'],
  ['MemPercent', 'MEM %'],
  ['NetRxBytes', 'NET RX'],
  ['NetTxBytes', 'NET TX'],
  ['NetRxRate', 'NET RX/S'],
  ['NetTxRate', 'NET TX/S'],
  ['BlockReadBytes', 'BLOCK READ'],
  ['BlockWriteBytes', 'BLOCK WRITE'],
  ['BlockReadRate', 'BLOCK READ/S'],
  ['BlockWriteRate', 'BLOCK WRITE/S'],
  ['PIDsLimit', 'PIDS LIMIT'],
  ['ThrottledPeriods', 'THROTTLED PERIODS'],
  ['ThrottledTimeNs', 'THROTTLED TIME'],
  ['OOMKills', 'OOM KILLS'],
  ['Timestamp', 'TIMESTAMP'],
]);

// Unknown numbers are Go's nil: `{{.CPUPercent}}` prints `<no value>`, `json` gives null.
const float = (x: number | null): GoValue => (x === null ? null : new GoFloat(x));
const int = (x: number | null): GoValue => (x === null ? null : Math.round(x));

/**
 * The template's `.` for one row. Values are computed on first use only; docker's strings come
 * from the same cells as the `--no-stream` table, so a template and the table never disagree.
 * `.Container` is what docker 28.2 prints when it lists containers itself: the short ID.
 */
export function statsContext(row: ContainerRow, noTrunc: boolean): GoStruct {
  let cells: string[] | null = null;
  const cell = (i: number) => () => (cells ??= dockerCells(row, noTrunc))[i];
  const { info, stats } = row;
  const fields = new Map<string, () => GoValue>([
    ['Container', () => truncateId(info.engineId ?? info.id)],
    ['Name', cell(1)],
    ['ID', cell(0)],
    ['CPUPerc', cell(2)],
    ['MemUsage', cell(3)],
    ['MemPerc', cell(4)],
    ['NetIO', cell(5)],
    ['BlockIO', cell(6)],
    ['PIDs', cell(7)],
    ['Image', () => sanitize(info.image)],
    ['State', () => info.state],
    ['Status', () => sanitize(info.status)],
    ['Health', () => info.health ?? ''],
    ['Host', () => info.host ?? ''],
    ['Source', () => row.source ?? ''],
    ['Labels', () => new Map(Object.entries(info.labels).map(([k, v]) => [sanitize(k), sanitize(v)]))],
    ['CPUPercent', () => float(stats.cpuPercent)],
    ['CPULimitPercent', () => float(stats.cpuLimitPercent)],
    ['CPULimitCores', () => float(stats.cpuLimitCores)],
    ['MemBytes', () => int(stats.memUsage)],
    ['MemLimitBytes', () => int(stats.memLimit)],
    ['MemPercent', () => float(stats.memPercent)],
    ['NetRxBytes', () => int(stats.netRxBytes)],
    ['NetTxBytes', () => int(stats.netTxBytes)],
    ['NetRxRate', () => float(stats.netRxRate)],
    ['NetTxRate', () => float(stats.netTxRate)],
    ['BlockReadBytes', () => int(stats.blockReadBytes)],
    ['BlockWriteBytes', () => int(stats.blockWriteBytes)],
    ['BlockReadRate', () => float(stats.blockReadRate)],
    ['BlockWriteRate', () => float(stats.blockWriteRate)],
    ['PIDsLimit', () => int(stats.pidsLimit)],
    ['ThrottledPeriods', () => int(stats.throttledPeriods)],
    ['ThrottledTimeNs', () => int(stats.throttledTimeNs)],
    ['OOMKills', () => int(stats.oomKills)],
    ['Timestamp', () => new Date(row.timestamp).toISOString()],
  ]);
  return new GoStruct('*container.statsContext', fields, DOCKER_FIELDS, () => goStructText(row, noTrunc));
}

/**
 * `{{.}}`: Go's %v of docker's statsContext value: {HeaderContext{nil} StatsEntry{Container Name ID
 * CPUPercentage Memory MemoryLimit MemoryPercentage NetworkRx NetworkTx BlockRead BlockWrite
 * PidsCurrent IsInvalid} os trunc}, the numbers as float64s.
 */
function goStructText(row: ContainerRow, noTrunc: boolean): string {
  const s = row.stats;
  const f = (x: number | null) => goShortestFloat(x ?? 0);
  const invalid = s.cpuPercent === null || s.memUsage === null || s.memLimit === null;
  const name = `/${row.info.name}`;
  const entry = [truncateId(row.info.engineId ?? row.info.id), name, row.info.engineId ?? row.info.id, f(s.cpuPercent), f(s.memUsage), f(s.memLimit), f(s.memPercent), f(s.netRxBytes), f(s.netTxBytes), f(s.blockReadBytes), f(s.blockWriteBytes), String(s.pids ?? 0), String(invalid)];
  return `{{<nil>} {${entry.join(' ')}} linux ${!noTrunc}}`;
}

/** The header pass's `.`: docker runs a table template once against map[string]string of titles. */
export const headerContext = (): ReadonlyMap<string, string> => FORMAT_HEADERS;

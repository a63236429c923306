// The `--no-stream` table: docker's columns, unit style and rounding, so scripts written for
// `docker stats --no-stream` keep working. Values we could not read print `--`, as docker does.
import { bytesSize, humanSize, percent } from '../core/metrics/go-format.js';
import { displayName, sanitize, truncateId } from '../core/model/sanitize.js';
import type { ContainerRow } from '../core/model/types.js';
import { renderTable } from './tabwriter.js';

export const DOCKER_HEADER = ['CONTAINER ID', 'NAME', 'CPU %', 'MEM USAGE / LIMIT', 'MEM %', 'NET I/O', 'BLOCK I/O', 'PIDS'];

const pct = (v: number | null) => (v === null ? '--' : percent(v));
const pair = (a: number | null, b: number | null, f: (n: number) => string) =>
  a === null || b === null ? '--' : `${f(a)} / ${f(b)}`;

export function dockerCells(row: ContainerRow, noTrunc: boolean): string[] {
  const s = row.stats;
  return [
    truncateId(row.info.engineId ?? row.info.id, noTrunc),
    displayName(sanitize(row.info.name)),
    pct(s.cpuPercent),
    s.memUsage === null || s.memLimit === null ? '-- / --' : `${bytesSize(s.memUsage)} / ${bytesSize(s.memLimit)}`,
    pct(s.memPercent),
    pair(s.netRxBytes, s.netTxBytes, humanSize),
    pair(s.blockReadBytes, s.blockWriteBytes, humanSize),
    s.pids === null ? '--' : String(s.pids),
  ];
}

export function dockerTable(rows: readonly ContainerRow[], noTrunc: boolean, severalHosts = rows.some((r) => r.info.host !== undefined)): string {
  // Several engines: a HOST column first; with one engine the table stays docker's, byte for byte.
  if (severalHosts)
    return renderTable([['HOST', ...DOCKER_HEADER], ...rows.map((r) => [sanitize(r.info.host ?? ''), ...dockerCells(r, noTrunc)])]);
  return renderTable([DOCKER_HEADER, ...rows.map((r) => dockerCells(r, noTrunc))]);
}

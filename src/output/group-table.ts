// `--no-stream --group-by`: docker's table, with each group's totals line followed by its
// members (ID indented). Columns, units and rounding are docker's, so a group line reads like a
// container that is the sum of its members. All rows stay in one tabwriter block so every
// column lines up across groups.
import { bytesSize, humanSize, percent } from '../core/metrics/go-format.js';
import { NONE_GROUP, type RowGroup } from '../core/query/grouping.js';
import { sanitize } from '../core/model/sanitize.js';
import { DOCKER_HEADER, dockerCells } from './table.js';
import { renderTable } from './tabwriter.js';

export interface GroupTableOptions {
  noTrunc?: boolean;
}

const MEMBER_INDENT = '  ';
const UNKNOWN = '--';

const orUnknown = (v: number | null, f: (n: number) => string): string => (v === null ? UNKNOWN : f(v));
const pair = (a: number | null, b: number | null, f: (n: number) => string): string =>
  a === null || b === null ? UNKNOWN : `${f(a)} / ${f(b)}`;

/** A group's totals as a docker row; its limit is the host, since its MEM % is of the host. */
export function groupCells(group: RowGroup): string[] {
  const t = group.totals;
  return [
    group.value === null ? NONE_GROUP : sanitize(group.value),
    `${group.running}/${group.count} running`,
    orUnknown(t.cpuPercent, percent),
    t.memUsage === null ? '-- / --' : `${bytesSize(t.memUsage)} / ${orUnknown(group.memTotal, bytesSize)}`,
    orUnknown(t.memHostPercent, percent),
    pair(t.netRxBytes, t.netTxBytes, humanSize),
    pair(t.blockReadBytes, t.blockWriteBytes, humanSize),
    orUnknown(t.pids, String),
  ];
}

export function groupTable(groups: readonly RowGroup[], opts: GroupTableOptions = {}): string {
  const noTrunc = opts.noTrunc ?? false;
  const lines: string[][] = [DOCKER_HEADER];
  for (const group of groups) {
    lines.push(groupCells(group));
    for (const row of group.rows) {
      const cells = dockerCells(row, noTrunc);
      lines.push([MEMBER_INDENT + cells[0], ...cells.slice(1)]);
    }
  }
  return renderTable(lines);
}

// `--json --group-by`: one object per group (NDJSON), raw numbers as in json.ts; null where a
// total is unknown (core/metrics/totals.ts), each followed by its members' container objects. Members are listed by full id so they can be joined with container objects.
import type { RowGroup } from '../core/query/grouping.js';
import { sanitize } from '../core/model/sanitize.js';
import type { ContainerRow } from '../core/model/types.js';
import { containerLine, JSON_SCHEMA_VERSION, ndjson } from './json.js';

export function groupJson(group: RowGroup): Record<string, unknown> {
  const t = group.totals;
  return {
    type: 'group',
    schema: JSON_SCHEMA_VERSION,
    key: sanitize(group.key),
    value: group.value === null ? null : sanitize(group.value), // null: the `(none)` group
    count: group.count,
    running: group.running,
    cpuPercent: t.cpuPercent,
    memUsage: t.memUsage,
    memHostPercent: t.memHostPercent,
    netRxBytes: t.netRxBytes,
    netTxBytes: t.netTxBytes,
    netRxRate: t.netRxRate,
    netTxRate: t.netTxRate,
    blockReadBytes: t.blockReadBytes,
    blockWriteBytes: t.blockWriteBytes,
    blockReadRate: t.blockReadRate,
    blockWriteRate: t.blockWriteRate,
    pids: t.pids,
    members: [...group.ids],
  };
}

export function groupsNdjson(groups: readonly RowGroup[]): string {
  return ndjson(groups.map(groupJson));
}

/**
 * `--json --group-by`, streaming or not: each group's object, then its members' container
 * objects, group after group. `include` picks the members to print (streaming prints a member
 * only when it has a new sample); the group's totals and `members` always cover all of them.
 */
export function groupsWithMembersNdjson(groups: readonly RowGroup[], include: (row: ContainerRow) => boolean = () => true): string {
  let out = '';
  for (const g of groups) {
    out += JSON.stringify(groupJson(g)) + '\n';
    for (const row of g.rows) if (include(row)) out += containerLine(row);
  }
  return out;
}

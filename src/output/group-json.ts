// `--json --group-by`: one object per group (NDJSON), raw numbers as in json.ts; null where a
// total is unknown. Members are listed by full id so they can be joined with container objects.
import type { RowGroup } from '../core/query/grouping.js';
import { sanitize } from '../core/model/sanitize.js';
import { JSON_SCHEMA_VERSION, ndjson } from './json.js';

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

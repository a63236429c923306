// --group-by for --no-stream: the table, or NDJSON with each group's totals followed by its members.
import { groupKeyOf, groupRows } from '../core/query/grouping.js';
import type { ContainerRow } from '../core/model/types.js';
import { groupsWithMembersNdjson } from './group-json.js';
import { groupTable } from './group-table.js';

export interface GroupedOptions {
  json: boolean;
  noTrunc: boolean;
  memTotal: number;
}

export function groupedOutput(rows: readonly ContainerRow[], spec: string, opts: GroupedOptions): string {
  const groups = groupRows(rows, groupKeyOf(spec), { memTotal: opts.memTotal });
  return opts.json ? groupsWithMembersNdjson(groups) : groupTable(groups, { noTrunc: opts.noTrunc });
}

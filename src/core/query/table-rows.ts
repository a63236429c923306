// The live table's lines, derived from the visible rows: plain containers, or (grouped) a totals
// row per group followed, when the group is expanded, by its members. Pure, so the view reducer
// can rebuild it on every tick and key and keep the selection on the same line by id.
import { groupRows, type GroupKey, type RowGroup } from './grouping.js';
import { sortGroups } from './sort-groups.js';
import { sortRows, type SortField } from './sort-rows.js';
import type { ContainerRow } from '../model/types.js';

/** Group lines are identified as `group:<value>`; container ids are hex, so these never clash. */
export const GROUP_ID_PREFIX = 'group:';
/** The `(none)` group (members lack the key). NUL cannot occur in a label value. */
export const NONE_GROUP_ID = `${GROUP_ID_PREFIX}\u0000none`;

export function groupItemId(value: string | null): string {
  return value === null ? NONE_GROUP_ID : `${GROUP_ID_PREFIX}${value}`;
}

export function isGroupId(id: string | null | undefined): boolean {
  return typeof id === 'string' && id.startsWith(GROUP_ID_PREFIX);
}

export type TableItem =
  | { readonly kind: 'container'; readonly id: string; readonly row: ContainerRow; /** 1: a group member */ readonly depth: 0 | 1 }
  | { readonly kind: 'group'; readonly id: string; readonly group: RowGroup; readonly expanded: boolean };

export interface TableRowsInput {
  /** The rows to show, already filtered. */
  rows: readonly ContainerRow[];
  sort: SortField;
  reverse: boolean;
  /** null: no grouping. */
  groupBy: GroupKey | null;
  /** Ids of collapsed groups; every other group is expanded. */
  collapsed: ReadonlySet<string>;
  /** Host memory, for the groups' memory share. */
  memTotal?: number | null;
}

export interface TableRows {
  /** Containers in display order (grouped: group by group, collapsed members included). */
  rows: ContainerRow[];
  /** The table's lines, top to bottom. */
  items: TableItem[];
  /** Sorted groups; empty when not grouped. */
  groups: RowGroup[];
}

/**
 * Sort the containers (ties by name, then id), then, grouped, split them into groups (members
 * keep that order) and sort the groups by their totals on the same field.
 */
export function deriveTableRows(input: TableRowsInput): TableRows {
  const sorted = sortRows(input.rows, input.sort, input.reverse);
  if (input.groupBy === null) {
    return { rows: sorted, items: sorted.map((row) => ({ kind: 'container', id: row.info.id, row, depth: 0 })), groups: [] };
  }
  const groups = sortGroups(groupRows(sorted, input.groupBy, { memTotal: input.memTotal }), input.sort, input.reverse);
  const rows: ContainerRow[] = [];
  const items: TableItem[] = [];
  for (const group of groups) {
    const id = groupItemId(group.value);
    const expanded = !input.collapsed.has(id);
    items.push({ kind: 'group', id, group, expanded });
    for (const row of group.rows) {
      rows.push(row);
      if (expanded) items.push({ kind: 'container', id: row.info.id, row, depth: 1 });
    }
  }
  return { rows, items, groups };
}

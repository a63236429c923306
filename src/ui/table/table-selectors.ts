// What the table shows for its state, derived on demand: the query and `/` filter, the stable
// sort, the grouping, the selected container, and the scroll window. Pure; it takes only the
// fields it reads, so it depends on no state module (table-state.ts builds on it).
import { onlyProblems } from './rule-marks.js';
import { groupKeyOf, type GroupKey } from '../../core/query/grouping.js';
import { visibleRows, type ContainerPredicate } from '../../core/query/row-filter.js';
import type { SortField } from '../../core/query/sort-rows.js';
import { deriveTableRows, type TableItem, type TableRows } from '../../core/query/table-rows.js';
import type { ContainerRow, Snapshot } from '../../core/model/types.js';

export type Grouping = { readonly spec: string; readonly key: GroupKey } | null;

/** A grouping spec as state; null for none (or a spec with no key in it). */
export function groupingOf(spec: string | null | undefined): Grouping {
  if (!spec) return null;
  try {
    return { spec, key: groupKeyOf(spec) };
  } catch {
    return null;
  }
}

export interface QueryParts {
  readonly predicate?: ContainerPredicate;
  readonly filter: { readonly predicate?: ContainerPredicate };
}

/** The -l/-f query and the `/` filter: a container shows when both match. */
export function queryPredicate(s: QueryParts): ContainerPredicate | undefined {
  const query = s.predicate;
  const filter = s.filter.predicate;
  return query && filter ? (c) => query(c) && filter(c) : (query ?? filter);
}

export interface RowsQuery extends QueryParts {
  readonly shown: Snapshot;
  readonly all: boolean;
  readonly problemsOnly?: boolean;
  readonly sort: SortField;
  readonly reverse: boolean;
  readonly groupBy: Grouping;
  readonly collapsed: ReadonlySet<string>;
}

/** The table for a state: filter, the stable sort (ties by name, then id), then grouping. */
export function deriveRows(s: RowsQuery): TableRows {
  const visible = visibleRows(s.shown.rows, s.all, queryPredicate(s));
  return deriveTableRows({
    rows: s.problemsOnly ? onlyProblems(visible, s.shown.timestamp) : visible,
    sort: s.sort,
    reverse: s.reverse,
    groupBy: s.groupBy?.key ?? null,
    collapsed: s.collapsed,
    memTotal: s.shown.host?.memTotal,
  });
}

/** The selected container; undefined when nothing, or a group row, is selected. */
export function selectedRow(s: { readonly items: readonly TableItem[]; readonly cursor: number }): ContainerRow | undefined {
  const item = s.items[s.cursor];
  return item?.kind === 'container' ? item.row : undefined;
}

/** The first visible row that keeps `cursor` on screen, moving the window as little as possible. */
export function windowTop(scrollTop: number, cursor: number, pageSize: number, count: number): number {
  const page = Math.max(1, pageSize);
  let top = Math.min(scrollTop, Math.max(0, count - page)); // no blank space below the last row
  if (cursor >= 0) {
    if (cursor < top) top = cursor;
    else if (cursor >= top + page) top = cursor - page + 1;
  }
  return Math.max(0, top);
}

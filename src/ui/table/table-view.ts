// What the table shows for a view state, derived on demand: the query and `/` filter, the stable
// sort, the grouping, the selected container, and the scroll window. Pure, like the reducer.
import { groupKeyOf } from '../../core/query/grouping.js';
import { visibleRows, type ContainerPredicate } from '../../core/query/row-filter.js';
import { deriveTableRows, type TableRows } from '../../core/query/table-rows.js';
import type { ContainerRow } from '../../core/model/types.js';
import type { ViewState } from '../view-reducer.js';

/** A grouping spec as state; null for none (or a spec with no key in it). */
export function groupingOf(spec: string | null | undefined): ViewState['groupBy'] {
  if (!spec) return null;
  try {
    return { spec, key: groupKeyOf(spec) };
  } catch {
    return null;
  }
}

/** The -l/-f query and the `/` filter: a container shows when both match. */
export function queryPredicate(s: Pick<ViewState, 'predicate' | 'filter'>): ContainerPredicate | undefined {
  const query = s.predicate;
  const filter = s.filter.predicate;
  return query && filter ? (c) => query(c) && filter(c) : (query ?? filter);
}

/** The table for a state: filter, the stable sort (ties by name, then id), then grouping. */
export function deriveRows(s: Pick<ViewState, 'shown' | 'all' | 'predicate' | 'filter' | 'sort' | 'reverse' | 'groupBy' | 'collapsed'>): TableRows {
  return deriveTableRows({
    rows: visibleRows(s.shown.rows, s.all, queryPredicate(s)),
    sort: s.sort,
    reverse: s.reverse,
    groupBy: s.groupBy?.key ?? null,
    collapsed: s.collapsed,
    memTotal: s.shown.host?.memTotal,
  });
}

/** The selected container; undefined when nothing, or a group row, is selected. */
export function selectedRow(s: Pick<ViewState, 'items' | 'cursor'>): ContainerRow | undefined {
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

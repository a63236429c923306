// The table's state as a pure reducer: which rows show in which order, which one is selected
// (tracked by id, so re-sorting and containers coming and going never move it to another
// container), the scroll window, pause, and hidden columns.
//
// Snapshots arrive as actions rather than being read at render time, because keeping the
// selection put needs the previous order: when the selected container disappears, the row that
// takes its place is selected, which only the reducer can know. The page height is an argument
// (the app lays it out each frame); the window shown is `visibleTop()` of it, never a stored size.
import type { ContainerPredicate } from '../../core/query/row-filter.js';
import { SORT_FIELDS, type SortField } from '../../core/query/sort-rows.js';
import type { GroupKey } from '../../core/query/grouping.js';
import type { TableItem, TableRows } from '../../core/query/table-rows.js';
import type { ContainerRow, Snapshot } from '../../core/model/types.js';
import type { ColumnId } from './columns.js';
import { NO_FILTER, type CompiledFilter } from '../filter/filter-prompt-reducer.js';
import { deriveRows, groupingOf, windowTop } from './table-selectors.js';

export interface TableState {
  /** What the screen shows: the latest snapshot, or the one held while paused. */
  readonly shown: Snapshot;
  /** The newest snapshot from the store (differs from `shown` only while paused). */
  readonly latest: Snapshot;
  readonly paused: boolean;
  /** `shown` filtered (all/running, the query, the `/` filter) and sorted: the containers in display order (grouped: group by group). */
  readonly rows: readonly ContainerRow[];
  /** The table's lines top to bottom: containers, or (grouped) each group's row then its members when expanded. */
  readonly items: readonly TableItem[];
  readonly selectedId: string | null;
  /** Until the user moves the selection it stays on the first row, like top's. */
  readonly followTop: boolean;
  /** Index of the selected line in `items` (-1 when there are none). */
  readonly cursor: number;
  /** First visible row as of the last move; the frame's window is visibleTop() of it. */
  readonly scrollTop: number;
  readonly sort: SortField;
  readonly reverse: boolean;
  readonly all: boolean;
  /** `!`: only the rows breaching a --warning/--critical rule. */
  readonly problemsOnly: boolean;
  readonly hidden: readonly ColumnId[];
  /** The -l/-f query. */
  readonly predicate?: ContainerPredicate;
  /** The `/` filter in force, ANDed with `predicate`; its text is '' when there is none. */
  readonly filter: CompiledFilter;
  /** The grouping in force (-g, `l`); null: none. */
  readonly groupBy: { readonly spec: string; readonly key: GroupKey } | null;
  /** Ids (`group:<value>`) of collapsed groups; the others show their members. */
  readonly collapsed: ReadonlySet<string>;
}

export interface TableInit {
  snapshot: Snapshot;
  all?: boolean;
  sort?: SortField;
  reverse?: boolean;
  hidden?: readonly ColumnId[];
  predicate?: ContainerPredicate;
  /** -g/--group-by: compose, image, state or a label key. */
  groupBy?: string | null;
}

const NONE: ReadonlySet<string> = new Set();

export function initTable(init: TableInit, page: number): TableState {
  const base: TableState = {
    shown: init.snapshot,
    latest: init.snapshot,
    paused: false,
    rows: [],
    items: [],
    selectedId: null,
    followTop: true,
    cursor: -1,
    scrollTop: 0,
    sort: init.sort ?? 'cpu',
    reverse: init.reverse ?? false,
    all: init.all ?? false,
    problemsOnly: false,
    hidden: init.hidden ?? [],
    predicate: init.predicate,
    filter: NO_FILTER,
    groupBy: groupingOf(init.groupBy),
    collapsed: NONE,
  };
  return rederive(base, page);
}

/** The first visible row for a page height: the stored window moved as little as keeps the cursor in view. */
export function visibleTop(t: Pick<TableState, 'scrollTop' | 'cursor' | 'items'>, page: number): number {
  return windowTop(t.scrollTop, t.cursor, page, t.items.length);
}

function placeCursor(t: TableState, cursor: number, page: number): TableState {
  const n = t.items.length;
  const c = n === 0 ? -1 : Math.min(Math.max(cursor, 0), n - 1);
  const selectedId = c < 0 ? null : t.items[c].id;
  return { ...t, cursor: c, selectedId, scrollTop: windowTop(t.scrollTop, c, page, n) };
}

/** Installs new rows, keeping the selection on the same line (container or group) when it is still there. */
function withRows(t: TableState, { rows, items }: TableRows, page: number): TableState {
  let cursor = t.followTop || t.selectedId === null ? -1 : items.findIndex((i) => i.id === t.selectedId);
  if (cursor < 0 && items.length > 0) {
    // Gone (or nothing selected yet): whichever row now sits where the selection was.
    cursor = t.followTop ? 0 : Math.min(Math.max(t.cursor, 0), items.length - 1);
  }
  return placeCursor({ ...t, rows, items }, cursor, page);
}

/** After anything that changes what rows show or their order. */
export function rederive(t: TableState, page: number): TableState {
  return withRows(t, deriveRows(t), page);
}

export function tableSnapshot(t: TableState, snapshot: Snapshot, page: number): TableState {
  if (snapshot === t.latest) return t;
  if (t.paused) return { ...t, latest: snapshot };
  const next = { ...t, latest: snapshot, shown: snapshot };
  // Events publish a snapshot with the same rows: nothing to re-sort.
  return snapshot.rows === t.shown.rows ? next : rederive(next, page);
}

/** Moves the selection; `containersOnly` (the detail view) steps over group rows. */
export function moveBy(t: TableState, delta: number, page: number, containersOnly = false): TableState {
  if (t.items.length === 0) return t;
  let cursor = Math.min(Math.max(t.cursor + delta, 0), t.items.length - 1);
  if (containersOnly) {
    const step = delta < 0 ? -1 : 1;
    while (cursor >= 0 && cursor < t.items.length && t.items[cursor].kind === 'group') cursor += step;
    if (cursor < 0 || cursor >= t.items.length) return t;
  }
  return placeCursor({ ...t, followTop: false }, cursor, page);
}

export function resort(t: TableState, sort: SortField, reverse: boolean, page: number): TableState {
  return rederive({ ...t, sort, reverse }, page);
}

export function sortNext(t: TableState, page: number): TableState {
  return resort(t, SORT_FIELDS[(SORT_FIELDS.indexOf(t.sort) + 1) % SORT_FIELDS.length], false, page);
}

/** `1`–`8`: that column; again reverses it. */
export function sortByIndex(t: TableState, index: number, page: number): TableState {
  const field = SORT_FIELDS[index];
  return field ? resort(t, field, field === t.sort ? !t.reverse : false, page) : t;
}

export function toggleGroup(t: TableState, id: string, page: number): TableState {
  const collapsed = new Set(t.collapsed);
  if (!collapsed.delete(id)) collapsed.add(id);
  return rederive({ ...t, collapsed, followTop: false }, page);
}

export function regroup(t: TableState, spec: string | null, page: number): TableState {
  return rederive({ ...t, groupBy: groupingOf(spec), collapsed: NONE }, page);
}

export function setFilter(t: TableState, filter: CompiledFilter, page: number): TableState {
  // Same text, same filter: keep it (and the rows) as they are.
  return filter.text === t.filter.text ? t : rederive({ ...t, filter }, page);
}

export function togglePause(t: TableState, page: number): TableState {
  return t.paused ? rederive({ ...t, paused: false, shown: t.latest }, page) : { ...t, paused: true };
}

export function toggleColumn(t: TableState, id: ColumnId | undefined): TableState {
  if (!id) return t;
  return { ...t, hidden: t.hidden.includes(id) ? t.hidden.filter((h) => h !== id) : [...t.hidden, id] };
}

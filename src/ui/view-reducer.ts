// The live screen's view state as a pure reducer: which rows show in which order, which one is
// selected (tracked by container id, so re-sorting and containers coming and going never move
// it to another container), the scroll window, the open view, pause, and hidden columns.
//
// Snapshots from the store arrive as actions rather than being read at render time, because
// keeping the selection put needs the previous order: when the selected container disappears,
// the row that takes its place is selected, which only the reducer can know.
//
// Extension points for later features: add a View (keymap.ts) and its commands here, and a
// body for it in app.tsx. The detail view reads `selectedId`; a filter prompt would add its
// text here and apply it in `deriveRows`; marks would be a set of ids beside `selectedId`.
import { visibleRows, type ContainerPredicate } from '../core/row-filter.js';
import { SORT_FIELDS, sortRows, type SortField } from '../core/sort-rows.js';
import type { ContainerRow, Snapshot } from '../core/types.js';
import { HIDEABLE, type ColumnId } from './columns.js';
import { HELP_LINE_COUNT } from './help-layout.js';
import { resolveKey, type View } from './keymap.js';

export interface ViewState {
  readonly view: View;
  /** Where Esc returns to from help. */
  readonly helpReturn: View;
  /** What the screen shows: the latest snapshot, or the one held while paused. */
  readonly shown: Snapshot;
  /** The newest snapshot from the store (differs from `shown` only while paused). */
  readonly latest: Snapshot;
  /** `shown` filtered (all/running, the query) and sorted: the table's rows. */
  readonly rows: readonly ContainerRow[];
  readonly selectedId: string | null;
  /** Until the user moves the selection it stays on the first row, like top's. */
  readonly followTop: boolean;
  /** Index of the selected row in `rows` (-1 when there are none). */
  readonly cursor: number;
  /** First visible row. */
  readonly scrollTop: number;
  /** Table rows that fit on screen; set by the app from the terminal size. */
  readonly pageSize: number;
  readonly sort: SortField;
  readonly reverse: boolean;
  readonly all: boolean;
  readonly paused: boolean;
  readonly hidden: readonly ColumnId[];
  /** Cursor in the column chooser, an index into HIDEABLE. */
  readonly chooserIndex: number;
  readonly helpScroll: number;
  /** One line of feedback ("/ (filter) is coming soon"); cleared by the next key. */
  readonly notice: string | null;
  readonly quit: boolean;
  readonly predicate?: ContainerPredicate;
}

export type ViewAction =
  | { type: 'snapshot'; snapshot: Snapshot }
  | { type: 'key'; key: string }
  | { type: 'resize'; pageSize: number };

export interface ViewInit {
  snapshot: Snapshot;
  all?: boolean;
  sort?: SortField;
  reverse?: boolean;
  hidden?: readonly ColumnId[];
  pageSize?: number;
  predicate?: ContainerPredicate;
}

export function initViewState(init: ViewInit): ViewState {
  const base: ViewState = {
    view: 'table',
    helpReturn: 'table',
    shown: init.snapshot,
    latest: init.snapshot,
    rows: [],
    selectedId: null,
    followTop: true,
    cursor: -1,
    scrollTop: 0,
    pageSize: Math.max(1, init.pageSize ?? 20),
    sort: init.sort ?? 'cpu',
    reverse: init.reverse ?? false,
    all: init.all ?? false,
    paused: false,
    hidden: init.hidden ?? [],
    chooserIndex: 0,
    helpScroll: 0,
    notice: null,
    quit: false,
    predicate: init.predicate,
  };
  return withRows(base, deriveRows(base));
}

/** The table's rows for a state: filter, then the stable sort (ties by name, then id). */
export function deriveRows(s: Pick<ViewState, 'shown' | 'all' | 'predicate' | 'sort' | 'reverse'>): ContainerRow[] {
  return sortRows(visibleRows(s.shown.rows, s.all, s.predicate), s.sort, s.reverse);
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

/** Installs new rows, keeping the selection on the same container when it is still there. */
function withRows(s: ViewState, rows: readonly ContainerRow[]): ViewState {
  let cursor = s.followTop || s.selectedId === null ? -1 : rows.findIndex((r) => r.info.id === s.selectedId);
  if (cursor < 0 && rows.length > 0) {
    // Gone (or nothing selected yet): whichever row now sits where the selection was.
    cursor = s.followTop ? 0 : Math.min(Math.max(s.cursor, 0), rows.length - 1);
  }
  return placeCursor({ ...s, rows }, cursor);
}

function placeCursor(s: ViewState, cursor: number): ViewState {
  const n = s.rows.length;
  const c = n === 0 ? -1 : Math.min(Math.max(cursor, 0), n - 1);
  return { ...s, cursor: c, selectedId: c < 0 ? null : s.rows[c].info.id, scrollTop: windowTop(s.scrollTop, c, s.pageSize, n) };
}

function resort(s: ViewState, sort: SortField, reverse: boolean): ViewState {
  const next = { ...s, sort, reverse };
  return withRows(next, deriveRows(next));
}

function moveBy(s: ViewState, delta: number): ViewState {
  if (s.rows.length === 0) return s;
  return placeCursor({ ...s, followTop: false }, s.cursor + delta);
}

function scrollHelp(s: ViewState, delta: number): ViewState {
  const max = Math.max(0, HELP_LINE_COUNT - s.pageSize);
  return { ...s, helpScroll: Math.min(max, Math.max(0, s.helpScroll + delta)) };
}

function soon(s: ViewState, key: string, what: string): ViewState {
  return { ...s, notice: `${key === 'space' ? 'Space' : key} (${what}) is coming soon` };
}

function command(s: ViewState, key: string): ViewState {
  const binding = resolveKey(s.view, key);
  if (!binding) return s;
  const inHelp = s.view === 'help';
  const inChooser = s.view === 'columns';
  switch (binding.command) {
    case 'quit':
      return { ...s, quit: true };
    case 'back':
      return { ...s, view: inHelp ? s.helpReturn : 'table' };
    case 'up':
      return inHelp ? scrollHelp(s, -1) : inChooser ? { ...s, chooserIndex: Math.max(0, s.chooserIndex - 1) } : moveBy(s, -1);
    case 'down':
      return inHelp ? scrollHelp(s, 1) : inChooser ? { ...s, chooserIndex: Math.min(HIDEABLE.length - 1, s.chooserIndex + 1) } : moveBy(s, 1);
    case 'pageUp':
      return inHelp ? scrollHelp(s, -s.pageSize) : moveBy(s, -s.pageSize);
    case 'pageDown':
      return inHelp ? scrollHelp(s, s.pageSize) : moveBy(s, s.pageSize);
    case 'top':
      return inHelp ? { ...s, helpScroll: 0 } : moveBy(s, -s.rows.length);
    case 'bottom':
      return inHelp ? scrollHelp(s, Number.MAX_SAFE_INTEGER / 2) : moveBy(s, s.rows.length);
    case 'open':
      return s.selectedId === null ? s : { ...s, view: 'detail', followTop: false };
    case 'sortNext':
      return resort(s, SORT_FIELDS[(SORT_FIELDS.indexOf(s.sort) + 1) % SORT_FIELDS.length], false);
    case 'sortReverse':
      return resort(s, s.sort, !s.reverse);
    case 'sortBy': {
      const field = SORT_FIELDS[Number(key) - 1];
      if (!field) return s;
      return resort(s, field, field === s.sort ? !s.reverse : false);
    }
    case 'toggleAll': {
      const next = { ...s, all: !s.all };
      return withRows(next, deriveRows(next));
    }
    case 'columns':
      return { ...s, view: 'columns' };
    case 'toggleColumn': {
      const id = HIDEABLE[s.chooserIndex];
      if (!id) return s;
      return { ...s, hidden: s.hidden.includes(id) ? s.hidden.filter((h) => h !== id) : [...s.hidden, id] };
    }
    case 'pause': {
      if (!s.paused) return { ...s, paused: true };
      const next = { ...s, paused: false, shown: s.latest };
      return withRows(next, deriveRows(next));
    }
    case 'help':
      return { ...s, view: 'help', helpReturn: s.view, helpScroll: 0 };
    case 'filter':
    case 'groupBy':
    case 'events':
    case 'mark':
    case 'actions':
    case 'logs':
    case 'exec':
      return soon(s, key, binding.help);
  }
}

export function viewReducer(s: ViewState, action: ViewAction): ViewState {
  switch (action.type) {
    case 'snapshot': {
      if (action.snapshot === s.latest) return s;
      if (s.paused) return { ...s, latest: action.snapshot };
      const next = { ...s, latest: action.snapshot, shown: action.snapshot };
      // Events publish a snapshot with the same rows: nothing to re-sort.
      return action.snapshot.rows === s.shown.rows ? next : withRows(next, deriveRows(next));
    }
    case 'key': {
      if (s.quit) return s;
      const cleared = s.notice === null ? s : { ...s, notice: null };
      return command(cleared, action.key);
    }
    case 'resize': {
      const pageSize = Math.max(1, action.pageSize);
      if (pageSize === s.pageSize) return s;
      return placeCursor({ ...s, pageSize }, s.cursor);
    }
  }
}

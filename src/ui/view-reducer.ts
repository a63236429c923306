// The live screen's view state as a pure reducer: which rows show in which order, which one is
// selected (tracked by container id, so re-sorting and containers coming and going never move
// it to another container), the scroll window, the open view, pause, and hidden columns.
//
// Snapshots from the store arrive as actions rather than being read at render time, because
// keeping the selection put needs the previous order: when the selected container disappears,
// the row that takes its place is selected, which only the reducer can know.
//
// Extension points for later features: add a View (keymap.ts) and its commands here, and a
// body for it in app.tsx. The detail view reads `selectedId`. The table's lines are `items`
// (containers, or group rows and their members when grouped); `cursor` indexes them, so use
// `selectedRow()` for the selected container rather than `rows[cursor]`. The `/` prompt and the
// `l` picker are panels over the table: while one is open, keys go to it (filterKey, pickerKey).
//
// Commands whose work is outside the screen (the actions menu, exec) leave an `effect` here,
// which the input hook takes at once (hooks/use-commands.ts): the reducer still decides what
// every key means, so a view or prompt that wants the key simply does not produce one.
import type { ActionTarget } from '../core/model/actions.js';
import type { GroupKey } from '../core/query/grouping.js';
import type { ContainerPredicate } from '../core/query/row-filter.js';
import { SORT_FIELDS, type SortField } from '../core/query/sort-rows.js';
import { isGroupId, type TableItem, type TableRows } from '../core/query/table-rows.js';
import type { ContainerRow, Snapshot } from '../core/model/types.js';
import { HIDEABLE, type ColumnId } from './table/columns.js';
import { HELP_LINE_COUNT } from './help/help-layout.js';
import { NO_FILTER, openPrompt, promptKey, type CompiledFilter, type FilterPrompt } from './filter/filter-prompt-reducer.js';
import { movePicker, openGroupPicker, type GroupPicker } from './groups/group-picker.js';
import { resolveKey, type View } from './keys/keymap.js';
import { actionTargets, pruneMarks, toggleMark } from './table/marks.js';
import { deriveRows, groupingOf, selectedRow, windowTop } from './table/table-view.js';

export interface ViewState {
  readonly view: View;
  /** Where Esc returns to from help. */
  readonly helpReturn: View;
  /** What the screen shows: the latest snapshot, or the one held while paused. */
  readonly shown: Snapshot;
  /** The newest snapshot from the store (differs from `shown` only while paused). */
  readonly latest: Snapshot;
  /** `shown` filtered (all/running, the query, the `/` filter) and sorted: the containers in display order (grouped: group by group). */
  readonly rows: readonly ContainerRow[];
  readonly selectedId: string | null;
  /** Until the user moves the selection it stays on the first row, like top's. */
  readonly followTop: boolean;
  /** Index of the selected line in `items` (-1 when there are none); grouped, not an index into `rows`. */
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
  /** Detail view: environment values shown (v). Off again on leaving or moving, so secrets do not stay on screen. */
  readonly showEnv: boolean;
  /** The events pane under the table (e). */
  readonly eventsPane: boolean;
  /** Marked container ids (Space); marks of containers that are gone are dropped. */
  readonly marked: ReadonlySet<string>;
  /** The container the log view follows (L); null while it is closed. */
  readonly logTarget: { readonly id: string; readonly name: string } | null;
  /** Work for the input hook to do once (then `effectTaken`); null almost always. */
  readonly effect: ViewEffect | null;
  /** The table's lines top to bottom: containers, or (grouped) each group's row then its members when expanded. */
  readonly items: readonly TableItem[];
  /** The `/` filter in force, ANDed with `predicate` (the -l/-f query); its text is '' when there is none. */
  readonly filter: CompiledFilter;
  /** The `/` prompt while it is open (its text, when it parses, is `filter`: a live preview). */
  readonly prompt: FilterPrompt | null;
  /** The grouping in force (-g, `l`); null: none. */
  readonly groupBy: { readonly spec: string; readonly key: GroupKey } | null;
  /** Ids (`group:<value>`) of collapsed groups; the others show their members. */
  readonly collapsed: ReadonlySet<string>;
  /** The `l` picker while it is open. */
  readonly picker: GroupPicker | null;
}

export type ViewEffect =
  /** Open the actions menu for these containers (the marked visible rows, else the selected one). */
  | { type: 'actions'; targets: readonly ActionTarget[] }
  /** A shell in this container. */
  | { type: 'exec'; id: string; name: string };

export type ViewAction =
  | { type: 'snapshot'; snapshot: Snapshot }
  | { type: 'key'; key: string }
  | { type: 'resize'; pageSize: number }
  /** After an action ran on them (the actions flow's onFinished). */
  | { type: 'clearMarks' }
  /** Feedback from outside the reducer, e.g. exec's outcome; cleared by the next key like any notice. */
  | { type: 'notice'; notice: string | null }
  | { type: 'effectTaken' };

export interface ViewInit {
  snapshot: Snapshot;
  all?: boolean;
  sort?: SortField;
  reverse?: boolean;
  hidden?: readonly ColumnId[];
  pageSize?: number;
  predicate?: ContainerPredicate;
  /** -g/--group-by: compose, image, state or a label key. */
  groupBy?: string | null;
}

const NO_MARKS: ReadonlySet<string> = new Set();

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
    showEnv: false,
    eventsPane: false,
    marked: NO_MARKS,
    logTarget: null,
    effect: null,
    items: [],
    filter: NO_FILTER,
    prompt: null,
    groupBy: groupingOf(init.groupBy),
    collapsed: NO_MARKS,
    picker: null,
  };
  return withRows(base, deriveRows(base));
}

/** Installs new rows, keeping the selection on the same line (container or group) when it is still there. */
function withRows(s: ViewState, { rows, items }: TableRows): ViewState {
  let cursor = s.followTop || s.selectedId === null ? -1 : items.findIndex((i) => i.id === s.selectedId);
  if (cursor < 0 && items.length > 0) {
    // Gone (or nothing selected yet): whichever row now sits where the selection was.
    cursor = s.followTop ? 0 : Math.min(Math.max(s.cursor, 0), items.length - 1);
  }
  return placeCursor({ ...s, rows, items }, cursor);
}

function placeCursor(s: ViewState, cursor: number): ViewState {
  const n = s.items.length;
  const c = n === 0 ? -1 : Math.min(Math.max(cursor, 0), n - 1);
  const selectedId = c < 0 ? null : s.items[c].id;
  // Revealed environment values belong to one container: another one starts hidden.
  const showEnv = s.showEnv && selectedId === s.selectedId;
  return { ...s, cursor: c, selectedId, showEnv, scrollTop: windowTop(s.scrollTop, c, s.pageSize, n) };
}

/** Esc in the table closes what is open (marks, then the events pane) before it quits. */
function escapeTable(s: ViewState): ViewState {
  if (s.marked.size > 0) return { ...s, marked: NO_MARKS, notice: 'marks cleared' };
  if (s.eventsPane) return { ...s, eventsPane: false };
  return { ...s, quit: true };
}

function resort(s: ViewState, sort: SortField, reverse: boolean): ViewState {
  const next = { ...s, sort, reverse };
  return withRows(next, deriveRows(next));
}

function moveBy(s: ViewState, delta: number): ViewState {
  if (s.items.length === 0) return s;
  let cursor = Math.min(Math.max(s.cursor + delta, 0), s.items.length - 1);
  if (s.view !== 'table') {
    // Outside the table (the detail view) only containers are selectable: step over group rows.
    const step = delta < 0 ? -1 : 1;
    while (cursor >= 0 && cursor < s.items.length && s.items[cursor].kind === 'group') cursor += step;
    if (cursor < 0 || cursor >= s.items.length) return s;
  }
  return placeCursor({ ...s, followTop: false }, cursor);
}

function toggleGroup(s: ViewState, id: string): ViewState {
  const collapsed = new Set(s.collapsed);
  if (!collapsed.delete(id)) collapsed.add(id);
  const next = { ...s, collapsed, followTop: false };
  return withRows(next, deriveRows(next));
}

function regroup(s: ViewState, spec: string | null): ViewState {
  const next = { ...s, groupBy: groupingOf(spec), collapsed: NO_MARKS };
  return withRows(next, deriveRows(next));
}

/** A key while the `/` prompt is open: text for the prompt, except Ctrl-C. */
function filterKey(s: ViewState, prompt: FilterPrompt, key: string): ViewState {
  if (resolveKey('filter', key)?.command === 'quit') return { ...s, quit: true };
  const step = promptKey(prompt, key);
  const next = { ...s, prompt: step.prompt, notice: step.notice ?? s.notice };
  // Same text, same filter: keep it (and the rows) as they are.
  if (step.filter === undefined || step.filter.text === s.filter.text) return next;
  const filtered = { ...next, filter: step.filter };
  return withRows(filtered, deriveRows(filtered));
}

/** A key while the `l` picker is open. */
function pickerKey(s: ViewState, picker: GroupPicker, key: string): ViewState {
  switch (resolveKey('groups', key)?.command) {
    case 'quit':
      return { ...s, quit: true };
    case 'back':
      return { ...s, picker: null };
    case 'up':
      return { ...s, picker: movePicker(picker, -1) };
    case 'down':
      return { ...s, picker: movePicker(picker, 1) };
    case 'pickGroup':
      return regroup({ ...s, picker: null }, picker.options[picker.cursor]?.spec ?? null);
    default:
      return s;
  }
}

function scrollHelp(s: ViewState, delta: number): ViewState {
  const max = Math.max(0, HELP_LINE_COUNT - s.pageSize);
  return { ...s, helpScroll: Math.min(max, Math.max(0, s.helpScroll + delta)) };
}

function command(s: ViewState, key: string): ViewState {
  const binding = resolveKey(s.view, key);
  if (!binding) return s;
  const inHelp = s.view === 'help';
  const inChooser = s.view === 'columns';
  switch (binding.command) {
    case 'quit':
      return key === 'escape' && s.view === 'table' ? escapeTable(s) : { ...s, quit: true };
    case 'back':
      // Leaving the logs stops following them; help returns to whatever it was opened from.
      return { ...s, view: inHelp ? s.helpReturn : 'table', showEnv: false, logTarget: inHelp ? s.logTarget : null };
    case 'up':
      return inHelp ? scrollHelp(s, -1) : inChooser ? { ...s, chooserIndex: Math.max(0, s.chooserIndex - 1) } : moveBy(s, -1);
    case 'down':
      return inHelp ? scrollHelp(s, 1) : inChooser ? { ...s, chooserIndex: Math.min(HIDEABLE.length - 1, s.chooserIndex + 1) } : moveBy(s, 1);
    case 'pageUp':
      return inHelp ? scrollHelp(s, -s.pageSize) : moveBy(s, -s.pageSize);
    case 'pageDown':
      return inHelp ? scrollHelp(s, s.pageSize) : moveBy(s, s.pageSize);
    case 'top':
      return inHelp ? { ...s, helpScroll: 0 } : moveBy(s, -s.items.length);
    case 'bottom':
      return inHelp ? scrollHelp(s, Number.MAX_SAFE_INTEGER / 2) : moveBy(s, s.items.length);
    case 'open':
      if (s.selectedId !== null && isGroupId(s.selectedId)) return toggleGroup(s, s.selectedId);
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
    case 'toggleEnv':
      return { ...s, showEnv: !s.showEnv };
    case 'events':
      return { ...s, eventsPane: !s.eventsPane };
    case 'mark':
      return toggleMark(s);
    case 'actions':
      return { ...s, effect: { type: 'actions', targets: actionTargets(s) } };
    case 'logs': {
      const row = selectedRow(s);
      return row ? { ...s, view: 'logs', logTarget: { id: row.info.id, name: row.info.name } } : s;
    }
    case 'exec': {
      const row = selectedRow(s);
      return row ? { ...s, effect: { type: 'exec', id: row.info.id, name: row.info.name } } : s;
    }
    case 'filter':
      return { ...s, prompt: openPrompt(s.filter.text) };
    case 'groupBy':
      return { ...s, picker: openGroupPicker(s.shown.rows, s.groupBy?.spec ?? null) };
    case 'delegated':
    case 'applyFilter':
    case 'clearFilter':
    case 'editFilter':
    case 'pickGroup':
      return s; // handled by their own panel (filterKey, pickerKey) or hook
  }
}

export function viewReducer(s: ViewState, action: ViewAction): ViewState {
  switch (action.type) {
    case 'snapshot': {
      if (action.snapshot === s.latest) return s;
      if (s.paused) return { ...s, latest: action.snapshot };
      const next = { ...s, latest: action.snapshot, shown: action.snapshot };
      // Events publish a snapshot with the same rows: nothing to re-sort.
      if (action.snapshot.rows === s.shown.rows) return next;
      return withRows({ ...next, marked: pruneMarks(s.marked, action.snapshot.rows) }, deriveRows(next));
    }
    case 'key': {
      if (s.quit) return s;
      const cleared = s.notice === null ? s : { ...s, notice: null };
      if (cleared.prompt) return filterKey(cleared, cleared.prompt, action.key);
      if (cleared.picker) return pickerKey(cleared, cleared.picker, action.key);
      return command(cleared, action.key);
    }
    case 'resize': {
      const pageSize = Math.max(1, action.pageSize);
      if (pageSize === s.pageSize) return s;
      return placeCursor({ ...s, pageSize }, s.cursor);
    }
    case 'clearMarks':
      return s.marked.size === 0 ? s : { ...s, marked: NO_MARKS };
    case 'notice':
      return s.notice === action.notice ? s : { ...s, notice: action.notice };
    case 'effectTaken':
      return s.effect === null ? s : { ...s, effect: null };
  }
}

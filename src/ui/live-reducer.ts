// The root reducer: composes the feature slices (live-state.ts). A key resolves through the one
// keymap (keys/keymap.ts) in the scope that is open — the actions menu's step, the `/` prompt,
// the `l` picker, else the view — and the command goes to that feature's reducer. Sizes come in
// as `env`, measured from the frame being shown.
import { actionsReducer, CLOSED } from '../core/model/actions.js';
import { displayName } from '../core/model/sanitize.js';
import { isGroupId } from '../core/query/table-rows.js';
import { actionsCommand, actionsScope } from './actions/actions-keys.js';
import { openPrompt, promptKey } from './filter/filter-prompt-reducer.js';
import { movePicker, openGroupPicker } from './groups/group-picker.js';
import { helpCommand, openHelp } from './help/help-state.js';
import { resolveKey, type CommandId } from './keys/keymap.js';
import { initialLogViewState, logViewCommand, reduceLogView } from './logs/log-view-reducer.js';
import type { LiveAction, LiveEnv, LiveState } from './live-state.js';
import { chooserCommand } from './table/column-chooser-state.js';
import { actionTargets, NO_MARKS, pruneMarks, toggleMark } from './table/marks.js';
import * as table from './table/table-state.js';
import { selectedRow } from './table/table-selectors.js';
import { nextEngineView } from './chrome/engine-switch.js';
import { COLUMNS } from './table/columns.js';
import { hasLiveRules } from './table/rule-marks.js';

const QUIT_QUESTION = 'quit? Esc again or q quits · any other key carries on';
const GROUP_ROW = 'a group row: select one of its containers (Enter expands or collapses it)';

/** L and x need one container: on a group row they say so instead of doing nothing. */
function noContainer(s: LiveState): LiveState {
  return s.table.selectedId !== null && isGroupId(s.table.selectedId) ? { ...s, notice: GROUP_ROW } : s;
}

/** A new table slice; revealed environment values belong to one container, so another starts hidden. */
function withTable(s: LiveState, t: table.TableState): LiveState {
  if (t === s.table) return s;
  return { ...s, table: t, showEnv: s.showEnv && t.selectedId === s.table.selectedId };
}

/**
 * The detail view shows the selected row; when its container leaves the table (it exited while
 * only running ones are listed, or was removed) the selection lands on a neighbour. Showing the
 * neighbour's details instead would hide the crash being watched: back to the table, saying why.
 */
function leaveGoneDetail(before: LiveState, after: LiveState): LiveState {
  const id = before.table.selectedId;
  if (before.view !== 'detail' || id === null || after.table.selectedId === id) return after;
  const name = displayName(before.table.shown.rows.find((r) => r.info.id === id)?.info.name ?? id.slice(0, 12));
  const now = after.table.shown.rows.find((r) => r.info.id === id);
  const why = now ? `${name} is ${now.info.state} now: back to the table (a lists stopped containers)` : `${name} was removed: back to the table`;
  return { ...after, view: 'table', showEnv: false, notice: why };
}

function quit(s: LiveState): LiveState {
  return { ...s, quit: true };
}

/** Esc in the table closes what is open (marks, then the events pane); with nothing open it asks first. */
function escapeTable(s: LiveState, asked: boolean): LiveState {
  if (s.marked.size > 0) return { ...s, marked: NO_MARKS, notice: 'marks cleared' };
  if (s.eventsPane) return { ...s, eventsPane: false };
  return asked ? quit(s) : { ...s, quitAsked: true, notice: QUIT_QUESTION };
}

function tableKey(s: LiveState, command: CommandId, key: string, env: LiveEnv, asked: boolean): LiveState {
  const t = s.table;
  const page = env.page;
  switch (command) {
    case 'quit':
      return quit(s);
    case 'back':
      return escapeTable(s, asked);
    case 'up':
      return withTable(s, table.moveBy(t, -1, page));
    case 'down':
      return withTable(s, table.moveBy(t, 1, page));
    case 'pageUp':
      return withTable(s, table.moveBy(t, -page, page));
    case 'pageDown':
      return withTable(s, table.moveBy(t, page, page));
    case 'top':
      return withTable(s, table.moveBy(t, -t.items.length, page));
    case 'bottom':
      return withTable(s, table.moveBy(t, t.items.length, page));
    case 'open':
      if (t.selectedId !== null && isGroupId(t.selectedId)) return withTable(s, table.toggleGroup(t, t.selectedId, page));
      return t.selectedId === null ? s : { ...s, view: 'detail', table: { ...t, followTop: false } };
    case 'sortNext':
      return withTable(s, table.sortNext(t, page));
    case 'sortReverse':
      return withTable(s, table.resort(t, t.sort, !t.reverse, page));
    case 'sortBy':
      return withTable(s, table.sortByIndex(t, Number(key) - 1, page));
    case 'toggleAll':
      return withTable(s, table.rederive({ ...t, all: !t.all }, page));
    case 'problemsOnly':
      if (!hasLiveRules()) return { ...s, notice: 'no --warning/--critical rules: every row is shown' };
      return { ...withTable(s, table.rederive({ ...t, problemsOnly: !t.problemsOnly }, page)), notice: t.problemsOnly ? 'all rows' : 'problems only (! shows all)' };
    case 'pause':
      return withTable(s, table.togglePause(t, page));
    case 'columns':
      return { ...s, view: 'columns' };
    case 'help':
      return { ...s, view: 'help', help: openHelp(s.view) };
    case 'events':
      return { ...s, eventsPane: !s.eventsPane };
    case 'mark':
      return { ...s, marked: toggleMark(t, s.marked) };
    case 'actions':
      return { ...s, actions: actionsReducer(CLOSED, { type: 'open', targets: actionTargets(t, s.marked), disabled: env.actionsDisabled }) };
    case 'logs': {
      const row = selectedRow(t);
      return row ? { ...s, view: 'logs', logs: initialLogViewState(row.info.id, row.info.name) } : noContainer(s);
    }
    case 'exec': {
      const row = selectedRow(t);
      if (!row) return noContainer(s);
      const { id, name, host, engineId } = row.info;
      return { ...s, effect: { type: 'exec', id, name, ...(host !== undefined ? { host } : {}), ...(engineId !== undefined ? { engineId } : {}) } };
    }
    case 'filter':
      return { ...s, prompt: openPrompt(t.filter.text) };
    case 'groupBy':
      return { ...s, picker: openGroupPicker(t.shown.rows, t.groupBy?.spec ?? null) };
    case 'saveView': {
      const columns = COLUMNS.filter((c) => c.required || !t.hidden.includes(c.id)).map((c) => c.id);
      return { ...s, effect: { type: 'saveView', columns, sort: t.sort, reverse: t.reverse, groupBy: t.groupBy?.spec ?? null } };
    }
    case 'engines': {
      // The snapshot's own time, not the clock: the reducer stays pure.
      const next = nextEngineView(t.shown.engines, t.filter.text, t.shown.timestamp);
      if (!next) return { ...s, notice: 'one engine: nothing to switch (watch several with -H or --context)' };
      return { ...withTable(s, table.setFilter(t, next.filter, page)), notice: next.notice };
    }
    default:
      return s;
  }
}

function detailKey(s: LiveState, command: CommandId | undefined, env: LiveEnv): LiveState {
  switch (command) {
    case 'quit':
      return quit(s);
    case 'back':
      return { ...s, view: 'table', showEnv: false };
    case 'up':
      return withTable(s, table.moveBy(s.table, -1, env.page, true));
    case 'down':
      return withTable(s, table.moveBy(s.table, 1, env.page, true));
    case 'toggleEnv':
      return { ...s, showEnv: !s.showEnv };
    case 'pause':
      return withTable(s, table.togglePause(s.table, env.page));
    case 'help':
      return { ...s, view: 'help', help: openHelp('detail') };
    default:
      return s;
  }
}

function helpKey(s: LiveState, command: CommandId | undefined, env: LiveEnv): LiveState {
  const step = helpCommand(s.help, command, env.helpPage, env.helpLines);
  if (step === 'quit') return quit(s);
  if (step === 'close') return { ...s, view: s.help.returnTo };
  return step === s.help ? s : { ...s, help: step };
}

function columnsKey(s: LiveState, command: CommandId | undefined): LiveState {
  const step = chooserCommand(s.chooser, command);
  if (step === 'quit') return quit(s);
  if (step === 'close') return { ...s, view: 'table' };
  const next = step.cursor === s.chooser ? s : { ...s, chooser: step.cursor };
  return step.toggle ? { ...next, table: table.toggleColumn(s.table, step.toggle) } : next;
}

function logsKey(s: LiveState, key: string, env: LiveEnv): LiveState {
  const logs = s.logs!;
  const action = logViewCommand(logs, key);
  if (action?.type === 'close') return { ...s, view: 'table', logs: null };
  if (action) return { ...s, logs: reduceLogView(logs, action, env.logs) };
  // Keys the log view leaves: quit and help (in the search prompt, only Ctrl-C).
  const command = resolveKey(logs.draft !== null ? 'logSearch' : 'logs', key)?.command;
  if (command === 'quit') return quit(s);
  if (command === 'help') return { ...s, view: 'help', help: openHelp('logs') };
  return s;
}

function promptKeyRoot(s: LiveState, key: string, env: LiveEnv): LiveState {
  if (resolveKey('filter', key)?.command === 'quit') return quit(s);
  const step = promptKey(s.prompt!, key);
  const next = { ...s, prompt: step.prompt, notice: step.notice ?? s.notice };
  return step.filter === undefined ? next : withTable(next, table.setFilter(next.table, step.filter, env.page));
}

function pickerKey(s: LiveState, key: string, env: LiveEnv): LiveState {
  const picker = s.picker!;
  switch (resolveKey('groups', key)?.command) {
    case 'quit':
      return quit(s);
    case 'back':
      return { ...s, picker: null };
    case 'up':
      return { ...s, picker: movePicker(picker, -1) };
    case 'down':
      return { ...s, picker: movePicker(picker, 1) };
    case 'pickGroup':
      return withTable({ ...s, picker: null }, table.regroup(s.table, picker.options[picker.cursor]?.spec ?? null, env.page));
    default:
      return s;
  }
}

function onKey(state: LiveState, key: string, env: LiveEnv): LiveState {
  if (state.quit) return state;
  const asked = state.quitAsked;
  const s = state.notice === null && !asked ? state : { ...state, notice: null, quitAsked: false };
  const flow = actionsScope(s.actions);
  if (flow) {
    // The menu is modal: keys it does not bind do nothing (Ctrl-C still quits).
    if (resolveKey(flow, key)?.command === 'quit') return quit(s);
    const event = actionsCommand(s.actions, key);
    return event ? { ...s, actions: actionsReducer(s.actions, event) } : s;
  }
  if (s.prompt) return promptKeyRoot(s, key, env);
  if (s.picker) return pickerKey(s, key, env);
  switch (s.view) {
    case 'logs':
      return s.logs ? logsKey(s, key, env) : { ...s, view: 'table' };
    case 'detail':
      return detailKey(s, resolveKey('detail', key)?.command, env);
    case 'help':
      return helpKey(s, resolveKey('help', key)?.command, env);
    case 'columns':
      return columnsKey(s, resolveKey('columns', key)?.command);
    case 'table': {
      const command = resolveKey('table', key)?.command;
      return command ? tableKey(s, command, key, env, asked) : s;
    }
  }
}

export function liveReducer(s: LiveState, action: LiveAction, env: LiveEnv): LiveState {
  switch (action.type) {
    case 'snapshot': {
      const t = table.tableSnapshot(s.table, action.snapshot, env.page);
      if (t === s.table) return s;
      const marked = t.shown === s.table.shown ? s.marked : pruneMarks(s.marked, t.shown.rows);
      return leaveGoneDetail(s, { ...withTable(s, t), marked });
    }
    case 'key':
      return onKey(s, action.key, env);
    case 'actions':
      return { ...s, actions: actionsReducer(s.actions, action.event) };
    case 'clearMarks':
      return s.marked.size === 0 ? s : { ...s, marked: NO_MARKS };
    case 'notice':
      return s.notice === action.notice ? s : { ...s, notice: action.notice };
    case 'effectTaken':
      return s.effect === null ? s : { ...s, effect: null };
  }
}

// The live screen's state: one slice per feature, each with its own pure reducer in its folder —
// the table (table/table-state.ts), marks (table/marks.ts), the `/` prompt (filter/), the `l`
// picker (groups/), the log view (logs/), the actions flow (core/model/actions.ts) — plus which
// view is open and the little the root keeps itself. live-reducer.ts composes them.
import { CLOSED, type ActionsEvent, type ActionsFlow } from '../core/model/actions.js';
import type { Snapshot } from '../core/model/types.js';
import type { FilterPrompt } from './filter/filter-prompt-reducer.js';
import type { GroupPicker } from './groups/group-picker.js';
import { openHelp, type HelpState } from './help/help-state.js';
import type { View } from './keys/keymap.js';
import type { LogViewport, LogViewState } from './logs/log-view-reducer.js';
import { NO_MARKS, type Marks } from './table/marks.js';
import { initTable, type TableInit, type TableState } from './table/table-state.js';

export interface LiveState {
  readonly table: TableState;
  readonly view: View;
  /** Help's scroll and the view Esc returns to (help/help-state.ts). */
  readonly help: HelpState;
  /** The column chooser's cursor, an index into HIDEABLE (table/column-chooser-state.ts). */
  readonly chooser: number;
  /** Detail view: environment values shown (v). Off again on leaving or moving, so secrets do not stay on screen. */
  readonly showEnv: boolean;
  /** The log view while it is open (L): its container, scroll and search. */
  readonly logs: LogViewState | null;
  /** The `/` prompt while it is open (its text, when it parses, is the table's filter: a live preview). */
  readonly prompt: FilterPrompt | null;
  /** The `l` picker while it is open. */
  readonly picker: GroupPicker | null;
  /** The actions menu (m): closed, or the step it is at. */
  readonly actions: ActionsFlow;
  /** Marked container ids (Space); marks of containers that are gone are dropped. */
  readonly marked: Marks;
  /** The events pane under the table (e). */
  readonly eventsPane: boolean;
  /** One line of feedback; cleared by the next key. */
  readonly notice: string | null;
  /** Esc at top level asked "quit?": a second Esc quits, any other key carries on. */
  readonly quitAsked: boolean;
  readonly quit: boolean;
  /** Work outside the screen for the input hook to do once (then `effectTaken`); null almost always. */
  readonly effect: LiveEffect | null;
}

/** A shell in this container (x). */
export type LiveEffect =
  | { type: 'exec'; id: string; name: string; host?: string; engineId?: string }
  /** `W`: the view's columns, sort and grouping, for the config file (config/config-save.ts). */
  | { type: 'saveView'; columns: string[]; sort: string; reverse: boolean; groupBy: string | null };

/** What the frame being shown measures: arguments to the reducer, never state. */
export interface LiveEnv {
  /** Table rows that fit (the table's height less its column header). */
  page: number;
  /** Help lines that fit under its title. */
  helpPage: number;
  /** Help's lines at the frame's width (help-layout helpLineCount); the one-column count when absent. */
  helpLines?: number;
  /** The log view's lines and size. */
  logs: LogViewport;
  /** Why the actions menu refuses (--read-only, or no engine); null when it works. */
  actionsDisabled: string | null;
}

export type LiveAction =
  | { type: 'snapshot'; snapshot: Snapshot }
  | { type: 'key'; key: string }
  /** From the actions driver (progress of a running request). */
  | { type: 'actions'; event: ActionsEvent }
  /** After an action ran on them (the actions driver's onFinished). */
  | { type: 'clearMarks' }
  /** Feedback from outside the reducer, e.g. exec's outcome; cleared by the next key like any notice. */
  | { type: 'notice'; notice: string | null }
  | { type: 'effectTaken' };

export const DEFAULT_ENV: LiveEnv = { page: 20, helpPage: 20, logs: { lines: [], width: 80, height: 20 }, actionsDisabled: null };

export function initLiveState(init: TableInit, env: LiveEnv = DEFAULT_ENV): LiveState {
  return {
    table: initTable(init, env.page),
    view: 'table',
    help: openHelp('table'),
    chooser: 0,
    showEnv: false,
    logs: null,
    prompt: null,
    picker: null,
    actions: CLOSED,
    marked: NO_MARKS,
    eventsPane: false,
    notice: null,
    quitAsked: false,
    quit: false,
    effect: null,
  };
}

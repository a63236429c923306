// Every key the live screen knows, as data: key → command, per scope. Every scope resolves its
// keys through this one table (the root reducer, live-reducer.ts, asks `resolveKey(scope, key)` for
// the scope that is open), and the help overlay and the footer hints are generated from it, so
// what a key does and what the screen says it does cannot drift. Text prompts (the `/` filter,
// the log search) bind their editing keys here too; a key they do not bind is text.
import { ACTION_SPECS, KILL_SIGNALS } from '../../core/model/actions.js';
import { SORT_FIELDS } from '../../core/query/sort-rows.js';

export { keysFromInput } from './input-keys.js';

/** What fills the body. */
export type View = 'table' | 'help' | 'columns' | 'detail' | 'logs';
/**
 * Where keys resolve: a view, a prompt or panel over it (the `/` filter, the `l` picker, the log
 * search) or a step of the actions menu (menu, signal, confirm, the force-remove's second
 * confirm, progress, result).
 */
export type KeyScope = View | 'filter' | 'groups' | 'logSearch' | 'actions' | 'signal' | 'confirm' | 'confirmForce' | 'actionRunning' | 'actionResult';

export type CommandId =
  | 'quit'
  | 'back'
  | 'up'
  | 'down'
  | 'pageUp'
  | 'pageDown'
  | 'halfPageUp'
  | 'halfPageDown'
  | 'top'
  | 'bottom'
  | 'open'
  | 'sortNext'
  | 'sortReverse'
  | 'sortBy'
  | 'toggleAll'
  | 'problemsOnly'
  | 'columns'
  | 'toggleColumn'
  | 'pause'
  | 'help'
  | 'toggleEnv'
  | 'events'
  | 'engines'
  | 'saveView'
  | 'mark'
  | 'actions'
  | 'logs'
  | 'exec'
  | 'filter'
  | 'groupBy'
  | 'pickGroup'
  // Text prompts (the `/` filter, the log search).
  | 'accept'
  | 'cancel'
  | 'deleteBack'
  | 'deleteWord'
  | 'clearLine'
  | 'cursorLeft'
  | 'cursorRight'
  | 'cursorHome'
  | 'cursorEnd'
  // The log viewer.
  | 'search'
  | 'nextMatch'
  | 'prevMatch'
  | 'toggleTimestamps'
  | 'toggleWrap'
  // The actions menu.
  | 'select'
  | 'chooseAction'
  | 'signal'
  | 'confirm';

export interface Binding {
  command: CommandId;
  /** Normalised key names: a character ('j', 'G', '/'), or up, down, left, right, pageup, pagedown, home, end, enter, escape, space, tab, backspace, ctrl+<letter>. */
  keys: readonly string[];
  /** How help shows the keys, when joining them would be clumsy. */
  label?: string;
  scopes: readonly KeyScope[];
  help: string;
  /** The footer's word for it; bindings without one are in help only. */
  hint?: string;
  /** The command's argument: an action kind, a signal, a sort field (by key index). */
  arg?: string;
  /** Changes containers: off under --read-only (help says so). */
  writes?: boolean;
}

const VIEWS: readonly View[] = ['table', 'help', 'columns', 'detail', 'logs'];
const ACTION_STEPS: readonly KeyScope[] = ['actions', 'signal', 'confirm', 'confirmForce', 'actionRunning', 'actionResult'];
const PROMPTS: readonly KeyScope[] = ['filter', 'logSearch'];
const DIGITS = SORT_FIELDS.map((_, i) => String(i + 1));
const SORT_LIST = SORT_FIELDS.map((f, i) => `${i + 1} ${f}`).join(', ');

export const KEYMAP: readonly Binding[] = [
  // Everywhere (the views; a prompt or a menu takes q as text or ignores it).
  { command: 'help', keys: ['?', 'h'], scopes: ['table', 'detail', 'logs'], help: 'this help', hint: 'help' },
  { command: 'quit', keys: ['q', 'ctrl+c'], scopes: [...VIEWS, 'groups'], help: 'quit', hint: 'quit' },
  // The table, most used first (the footer shows hints in this order, while they fit).
  { command: 'open', keys: ['enter', 'right', 'o'], scopes: ['table'], help: 'open the detail view (on a group row: expand/collapse)', hint: 'detail' },
  { command: 'filter', keys: ['/'], scopes: ['table'], help: 'filter by selector (app=web) or text; ANDed with -l/-f', hint: 'filter' },
  { command: 'actions', keys: ['m'], scopes: ['table'], help: 'actions menu (the marked rows, else the selected one)', hint: 'actions', writes: true },
  { command: 'logs', keys: ['L'], scopes: ['table'], help: 'logs of the selected container', hint: 'logs' },
  { command: 'exec', keys: ['x'], scopes: ['table'], help: 'shell in the selected container', hint: 'shell', writes: true },
  { command: 'events', keys: ['e'], scopes: ['table'], help: 'events pane on/off', hint: 'events' },
  { command: 'saveView', keys: ['W'], scopes: ['table'], help: 'write the columns, sort and grouping to the config file' },
  { command: 'engines', keys: ['H'], scopes: ['table'], help: 'engines: each one\'s state; show the next engine alone, then all (several -H / --context)' },
  { command: 'sortNext', keys: ['s'], scopes: ['table'], help: `next sort field (${SORT_FIELDS.join(' → ')})`, hint: 'sort' },
  { command: 'groupBy', keys: ['l'], scopes: ['table'], help: 'group by a label key, compose, image or state', hint: 'group' },
  { command: 'toggleAll', keys: ['a'], scopes: ['table'], help: 'all containers / running only', hint: 'all' },
  { command: 'problemsOnly', keys: ['!'], scopes: ['table'], help: 'problems only: the rows breaching --warning/--critical, or all' },
  { command: 'mark', keys: ['space'], scopes: ['table'], help: 'mark/unmark the row (on a group row: all its members)', hint: 'mark' },
  { command: 'pause', keys: ['p'], scopes: ['table', 'detail'], help: 'pause the display (sampling continues)', hint: 'pause' },
  { command: 'sortReverse', keys: ['r'], scopes: ['table'], help: 'reverse the sort', hint: 'reverse' },
  { command: 'columns', keys: ['c'], scopes: ['table'], help: 'choose columns', hint: 'columns' },
  { command: 'sortBy', keys: DIGITS, label: `1–${DIGITS.length}`, scopes: ['table'], help: `sort by ${SORT_LIST}; again reverses` },
  { command: 'up', keys: ['k', 'up'], scopes: ['table'], help: 'move up' },
  { command: 'down', keys: ['j', 'down'], scopes: ['table'], help: 'move down' },
  { command: 'pageUp', keys: ['pageup'], scopes: ['table', 'help'], help: 'page up' },
  { command: 'pageDown', keys: ['pagedown'], scopes: ['table', 'help'], help: 'page down' },
  { command: 'top', keys: ['g', 'home'], scopes: ['table', 'help'], help: 'first row' },
  { command: 'bottom', keys: ['G', 'end'], scopes: ['table', 'help'], help: 'last row' },
  { command: 'back', keys: ['escape'], scopes: ['table'], help: 'clear the marks, close the events pane; with nothing open, asks before quitting' },
  // The detail view.
  { command: 'back', keys: ['escape', 'left'], scopes: ['detail'], help: 'back to the table', hint: 'back' },
  { command: 'up', keys: ['k', 'up'], scopes: ['detail'], help: 'previous container', hint: 'prev' },
  { command: 'down', keys: ['j', 'down'], scopes: ['detail'], help: 'next container', hint: 'next' },
  { command: 'toggleEnv', keys: ['v'], scopes: ['detail'], help: 'show/hide environment values', hint: 'env' },
  // The log viewer.
  { command: 'back', keys: ['escape', 'left'], scopes: ['logs'], help: 'back to the table', hint: 'close' },
  { command: 'down', keys: ['j', 'down'], scopes: ['logs'], help: 'scroll a line down', hint: 'down' },
  { command: 'up', keys: ['k', 'up'], scopes: ['logs'], help: 'scroll a line up', hint: 'up' },
  { command: 'pageDown', keys: ['pagedown', 'ctrl+f'], scopes: ['logs'], help: 'scroll a page', hint: 'page' },
  { command: 'pageUp', keys: ['pageup', 'ctrl+b'], scopes: ['logs'], help: 'scroll a page up' },
  { command: 'halfPageDown', keys: ['ctrl+d'], scopes: ['logs'], help: 'scroll half a page' },
  { command: 'halfPageUp', keys: ['ctrl+u'], scopes: ['logs'], help: 'scroll half a page up' },
  { command: 'top', keys: ['g', 'home'], scopes: ['logs'], help: 'oldest line', hint: 'top' },
  { command: 'bottom', keys: ['G', 'end'], scopes: ['logs'], help: 'newest line, and follow', hint: 'follow' },
  { command: 'search', keys: ['/'], scopes: ['logs'], help: 'search (Enter finds, Esc cancels)', hint: 'search' },
  { command: 'nextMatch', keys: ['n'], scopes: ['logs'], help: 'next match' },
  { command: 'prevMatch', keys: ['N'], scopes: ['logs'], help: 'previous match' },
  { command: 'toggleTimestamps', keys: ['t'], scopes: ['logs'], help: 'timestamps on/off', hint: 'time' },
  { command: 'toggleWrap', keys: ['w'], scopes: ['logs'], help: 'wrap long lines on/off', hint: 'wrap' },
  // Text prompts: the `/` filter and the log search. Every key not bound here is text (q, j, / too).
  { command: 'accept', keys: ['enter'], scopes: ['filter'], help: 'keep the filter, close the prompt', hint: 'keeps' },
  { command: 'cancel', keys: ['escape'], scopes: ['filter'], help: 'clear the filter, close the prompt', hint: 'clears' },
  { command: 'accept', keys: ['enter'], scopes: ['logSearch'], help: 'find', hint: 'find' },
  { command: 'cancel', keys: ['escape'], scopes: ['logSearch'], help: 'cancel the search', hint: 'cancel' },
  { command: 'deleteBack', keys: ['backspace'], scopes: PROMPTS, help: 'delete the character before the cursor' },
  { command: 'clearLine', keys: ['ctrl+u'], scopes: PROMPTS, help: 'clear the line', hint: 'erases' },
  { command: 'deleteWord', keys: ['ctrl+w'], scopes: PROMPTS, help: 'delete the word before the cursor' },
  { command: 'cursorLeft', keys: ['left'], scopes: ['filter'], help: 'move the cursor' },
  { command: 'cursorRight', keys: ['right'], scopes: ['filter'], help: 'cursor right' },
  { command: 'cursorHome', keys: ['home', 'ctrl+a'], scopes: ['filter'], help: 'cursor to the start' },
  { command: 'cursorEnd', keys: ['end', 'ctrl+e'], scopes: ['filter'], help: 'cursor to the end' },
  { command: 'quit', keys: ['ctrl+c'], scopes: [...PROMPTS, ...ACTION_STEPS], help: 'quit' },
  // The group picker.
  { command: 'up', keys: ['k', 'up'], scopes: ['groups'], help: 'previous key', hint: 'up' },
  { command: 'down', keys: ['j', 'down'], scopes: ['groups'], help: 'next key', hint: 'down' },
  { command: 'pickGroup', keys: ['enter', 'right', 'space'], scopes: ['groups'], help: 'group by it', hint: 'picks' },
  { command: 'back', keys: ['escape', 'left', 'l'], scopes: ['groups'], help: 'close the picker', hint: 'closes' },
  // The actions menu: its steps, one scope each. Action keys come from the actions' own table.
  { command: 'up', keys: ['k', 'up'], scopes: ['actions', 'signal'], help: 'move up', hint: 'up' },
  { command: 'down', keys: ['j', 'down'], scopes: ['actions', 'signal'], help: 'move down', hint: 'down' },
  { command: 'select', keys: ['enter'], scopes: ['actions', 'signal'], help: 'choose the highlighted one', hint: 'choose' },
  ...ACTION_SPECS.map(
    (s): Binding => ({ command: 'chooseAction', keys: [s.key], scopes: ['actions'], help: s.label, arg: s.kind, writes: true }),
  ),
  ...KILL_SIGNALS.map((sig, i): Binding => ({ command: 'signal', keys: [String(i + 1)], scopes: ['signal'], help: `kill: ${sig}`, arg: sig })),
  { command: 'confirm', keys: ['y'], scopes: ['confirm'], help: 'confirm', hint: 'confirm' },
  { command: 'confirm', keys: ['Y'], label: 'Y (shift+y)', scopes: ['confirmForce'], help: 'confirm the second step of remove --force', hint: 'force-remove' },
  { command: 'back', keys: ['n', 'N', 'escape', 'left'], label: 'n/Esc', scopes: ['confirm', 'confirmForce'], help: 'cancel', hint: 'cancel' },
  { command: 'back', keys: ['escape', 'left'], scopes: ['actions', 'signal', 'actionRunning', 'actionResult'], help: 'close (a running action carries on)', hint: 'close' },
  { command: 'select', keys: ['enter'], scopes: ['actionResult'], help: 'dismiss the result', hint: 'close' },
  // Help.
  { command: 'back', keys: ['escape', 'left', '?', 'h'], scopes: ['help'], help: 'close help', hint: 'closes' },
  { command: 'up', keys: ['k', 'up'], scopes: ['help'], help: 'scroll up', hint: 'up' },
  { command: 'down', keys: ['j', 'down'], scopes: ['help'], help: 'scroll down', hint: 'down' },
  // The column chooser.
  { command: 'up', keys: ['k', 'up'], scopes: ['columns'], help: 'previous column', hint: 'up' },
  { command: 'down', keys: ['j', 'down'], scopes: ['columns'], help: 'next column', hint: 'down' },
  { command: 'toggleColumn', keys: ['space', 'enter', 'x'], scopes: ['columns'], help: 'show/hide the column', hint: 'show/hide' },
  { command: 'back', keys: ['escape', 'left', 'c'], scopes: ['columns'], help: 'close the chooser', hint: 'closes' },
];

/** The binding for a key in a scope, if any (first match wins). */
export function resolveKey(scope: KeyScope, key: string, keymap: readonly Binding[] = KEYMAP): Binding | undefined {
  return keymap.find((b) => b.scopes.includes(scope) && b.keys.includes(key));
}

/** Every binding of a scope, in table order. */
export function bindingsOf(scope: KeyScope, keymap: readonly Binding[] = KEYMAP): Binding[] {
  return keymap.filter((b) => b.scopes.includes(scope));
}

/** Text-prompt scopes: a key they do not bind is typed. */
export function isTextScope(scope: KeyScope): boolean {
  return PROMPTS.includes(scope);
}

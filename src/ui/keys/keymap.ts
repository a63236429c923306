// Every key the live screen knows, as data: key → command, per view. The reducer resolves keys
// through this table and the help overlay is generated from it, so the two cannot drift.
// Keys DESIGN.md gives to later features are here already as `soon` commands: they do nothing
// yet but say so, and help lists them. Keys an open view handles itself (the log viewer, the
// actions menu) are listed as `delegated`, so help shows them from this one table too.
import type { Key } from 'ink';
import { SORT_FIELDS } from '../../core/query/sort-rows.js';

/** What fills the body. */
export type View = 'table' | 'help' | 'columns' | 'detail' | 'logs';
/**
 * Where keys resolve: a view, or a panel over the table (not a view): the actions menu, the `/`
 * filter prompt, the `l` group picker.
 */
export type KeyScope = View | 'actions' | 'filter' | 'groups';

export type CommandId =
  | 'quit'
  | 'back'
  | 'up'
  | 'down'
  | 'pageUp'
  | 'pageDown'
  | 'top'
  | 'bottom'
  | 'open'
  | 'sortNext'
  | 'sortReverse'
  | 'sortBy'
  | 'toggleAll'
  | 'columns'
  | 'toggleColumn'
  | 'pause'
  | 'help'
  | 'toggleEnv'
  | 'events'
  | 'mark'
  | 'actions'
  | 'logs'
  | 'exec'
  /** Handled by the open view's own hook (log viewer, actions menu); listed for help only. */
  | 'delegated'
  | 'filter'
  | 'groupBy'
  // The filter prompt (filter-prompt-reducer.ts) and the group picker.
  | 'applyFilter'
  | 'clearFilter'
  | 'editFilter'
  | 'pickGroup';

export interface Binding {
  command: CommandId;
  /** Normalised key names: a character ('j', 'G', '/'), or up, down, left, right, pageup, pagedown, home, end, enter, escape, space, tab, backspace, ctrl+<letter>. */
  keys: readonly string[];
  /** How help shows the keys, when joining them would be clumsy. */
  label?: string;
  views: readonly KeyScope[];
  help: string;
  /** Reserved for a later feature: does nothing yet. */
  soon?: boolean;
  /** Changes containers: off under --read-only (help says so). */
  writes?: boolean;
}

const ANYWHERE: readonly View[] = ['table', 'help', 'columns', 'detail', 'logs'];
const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
const SORT_LIST = SORT_FIELDS.map((f, i) => `${i + 1} ${f}`).join(', ');

export const KEYMAP: readonly Binding[] = [
  // The table.
  { command: 'up', keys: ['k', 'up'], views: ['table'], help: 'move up' },
  { command: 'down', keys: ['j', 'down'], views: ['table'], help: 'move down' },
  { command: 'pageUp', keys: ['pageup'], views: ['table', 'help'], help: 'page up' },
  { command: 'pageDown', keys: ['pagedown'], views: ['table', 'help'], help: 'page down' },
  { command: 'top', keys: ['g', 'home'], views: ['table', 'help'], help: 'first row' },
  { command: 'bottom', keys: ['G', 'end'], views: ['table', 'help'], help: 'last row' },
  { command: 'open', keys: ['enter', 'right', 'o'], views: ['table'], help: 'open the detail view (on a group row: expand/collapse)' },
  { command: 'sortNext', keys: ['s'], views: ['table'], help: `next sort field (${SORT_FIELDS.join(' → ')})` },
  { command: 'sortReverse', keys: ['r'], views: ['table'], help: 'reverse the sort' },
  { command: 'sortBy', keys: DIGITS, label: '1–9', views: ['table'], help: `sort by ${SORT_LIST}; again reverses` },
  { command: 'toggleAll', keys: ['a'], views: ['table'], help: 'all containers / running only' },
  { command: 'columns', keys: ['c'], views: ['table'], help: 'choose columns' },
  { command: 'pause', keys: ['p'], views: ['table', 'detail'], help: 'pause the display (sampling continues)' },
  { command: 'help', keys: ['?', 'h'], views: ['table', 'detail', 'logs'], help: 'this help' },
  { command: 'quit', keys: ['escape'], views: ['table'], help: 'clear the marks, close the events pane, else quit' },
  { command: 'filter', keys: ['/'], views: ['table'], help: 'filter by selector (app=web) or text; ANDed with -l/-f' },
  { command: 'groupBy', keys: ['l'], views: ['table'], help: 'group by a label key, compose, image or state' },
  { command: 'events', keys: ['e'], views: ['table'], help: 'events pane on/off' },
  { command: 'mark', keys: ['space'], views: ['table'], help: 'mark/unmark the row' },
  { command: 'actions', keys: ['m'], views: ['table'], help: 'actions menu (the marked rows, else the selected one)', writes: true },
  { command: 'logs', keys: ['L'], views: ['table'], help: 'logs of the selected container' },
  { command: 'exec', keys: ['x'], views: ['table'], help: 'shell in the selected container', writes: true },
  // The detail view.
  { command: 'up', keys: ['k', 'up'], views: ['detail'], help: 'previous container' },
  { command: 'down', keys: ['j', 'down'], views: ['detail'], help: 'next container' },
  { command: 'toggleEnv', keys: ['v'], views: ['detail'], help: 'show/hide environment values' },
  { command: 'back', keys: ['escape', 'left'], views: ['detail'], help: 'back to the table' },
  // The log viewer (hooks/use-log-viewer.ts handles these; keys it leaves fall through here).
  { command: 'delegated', keys: ['j', 'k', 'down', 'up'], label: 'j k ↓ ↑', views: ['logs'], help: 'scroll a line' },
  { command: 'delegated', keys: ['pagedown', 'pageup', 'ctrl+f', 'ctrl+b'], label: 'PgDn PgUp', views: ['logs'], help: 'scroll a page' },
  { command: 'delegated', keys: ['ctrl+d', 'ctrl+u'], views: ['logs'], help: 'scroll half a page' },
  { command: 'delegated', keys: ['g', 'home'], views: ['logs'], help: 'oldest line' },
  { command: 'delegated', keys: ['G', 'end'], views: ['logs'], help: 'newest line, and follow' },
  { command: 'delegated', keys: ['/'], views: ['logs'], help: 'search (Enter finds, Esc cancels)' },
  { command: 'delegated', keys: ['n', 'N'], views: ['logs'], help: 'next / previous match' },
  { command: 'delegated', keys: ['t'], views: ['logs'], help: 'timestamps on/off' },
  { command: 'delegated', keys: ['w'], views: ['logs'], help: 'wrap long lines on/off' },
  { command: 'back', keys: ['escape', 'left'], views: ['logs'], help: 'back to the table' },
  // The actions menu (hooks/use-actions-flow.ts handles these while it is open).
  { command: 'delegated', keys: ['s'], views: ['actions'], help: 'start' },
  { command: 'delegated', keys: ['t'], views: ['actions'], help: 'stop' },
  { command: 'delegated', keys: ['r'], views: ['actions'], help: 'restart' },
  { command: 'delegated', keys: ['p'], views: ['actions'], help: 'pause' },
  { command: 'delegated', keys: ['u'], views: ['actions'], help: 'unpause' },
  { command: 'delegated', keys: ['K'], views: ['actions'], help: 'kill, then choose the signal' },
  { command: 'delegated', keys: ['d'], views: ['actions'], help: 'remove' },
  { command: 'delegated', keys: ['D'], views: ['actions'], help: 'remove --force (confirmed twice)' },
  { command: 'delegated', keys: ['j', 'k', 'down', 'up', 'enter'], label: 'j k ↓ ↑ Enter', views: ['actions'], help: 'move and choose' },
  { command: 'delegated', keys: ['1', '2', '3', '4', '5', '6'], label: '1–6', views: ['actions'], help: 'kill: the signal (TERM KILL INT HUP USR1 USR2)' },
  { command: 'delegated', keys: ['y'], views: ['actions'], help: 'confirm' },
  { command: 'delegated', keys: ['Y'], views: ['actions'], help: 'confirm the second step of remove --force' },
  { command: 'delegated', keys: ['n', 'escape', 'left'], label: 'n Esc', views: ['actions'], help: 'cancel / close' },
  // The filter prompt: every other key is text (q, j and / too).
  { command: 'applyFilter', keys: ['enter'], views: ['filter'], help: 'keep the filter, close the prompt' },
  { command: 'clearFilter', keys: ['escape'], views: ['filter'], help: 'clear the filter, close the prompt' },
  { command: 'editFilter', keys: ['backspace'], views: ['filter'], help: 'delete the character before the cursor' },
  { command: 'editFilter', keys: ['ctrl+u'], views: ['filter'], help: 'clear the line' },
  { command: 'editFilter', keys: ['ctrl+w'], views: ['filter'], help: 'delete the word before the cursor' },
  { command: 'editFilter', keys: ['left', 'right', 'home', 'end', 'ctrl+a', 'ctrl+e'], label: '← → Home End', views: ['filter'], help: 'move the cursor' },
  { command: 'quit', keys: ['ctrl+c'], views: ['filter'], help: 'quit' },
  // The group picker.
  { command: 'up', keys: ['k', 'up'], views: ['groups'], help: 'previous key' },
  { command: 'down', keys: ['j', 'down'], views: ['groups'], help: 'next key' },
  { command: 'pickGroup', keys: ['enter', 'right', 'space'], views: ['groups'], help: 'group by it' },
  { command: 'back', keys: ['escape', 'left', 'l'], views: ['groups'], help: 'close the picker' },
  { command: 'quit', keys: ['q', 'ctrl+c'], views: ['groups'], help: 'quit' },
  // Help.
  { command: 'up', keys: ['k', 'up'], views: ['help'], help: 'scroll up' },
  { command: 'down', keys: ['j', 'down'], views: ['help'], help: 'scroll down' },
  { command: 'back', keys: ['escape', 'left', '?', 'h'], views: ['help'], help: 'close help' },
  // The column chooser.
  { command: 'up', keys: ['k', 'up'], views: ['columns'], help: 'previous column' },
  { command: 'down', keys: ['j', 'down'], views: ['columns'], help: 'next column' },
  { command: 'toggleColumn', keys: ['space', 'enter', 'x'], views: ['columns'], help: 'show/hide the column' },
  { command: 'back', keys: ['escape', 'left', 'c'], views: ['columns'], help: 'close the chooser' },
  { command: 'quit', keys: ['q', 'ctrl+c'], views: ANYWHERE, help: 'quit' },
];

/** The binding for a key in a view, if any (first match wins). */
export function resolveKey(view: KeyScope, key: string): Binding | undefined {
  return KEYMAP.find((b) => b.views.includes(view) && b.keys.includes(key));
}

/**
 * Ink's (input, key) as key names. Plain text arrives in chunks ("jjj" when keys come fast or
 * tmux sends several), so each character is its own key.
 */
export function keysFromInput(input: string, key: Key): string[] {
  if (key.upArrow) return ['up'];
  if (key.downArrow) return ['down'];
  if (key.leftArrow) return ['left'];
  if (key.rightArrow) return ['right'];
  if (key.pageUp) return ['pageup'];
  if (key.pageDown) return ['pagedown'];
  if (key.home) return ['home'];
  if (key.end) return ['end'];
  if (key.return) return ['enter'];
  if (key.escape) return ['escape'];
  if (key.tab) return ['tab'];
  if (key.backspace || key.delete) return ['backspace'];
  if (key.ctrl) return input.length === 1 ? [`ctrl+${input.toLowerCase()}`] : [];
  if (key.meta) return []; // Alt+key: nothing is bound to it
  const out: string[] = [];
  for (const ch of input) {
    if (ch === ' ') out.push('space');
    else if (ch === '\r' || ch === '\n') out.push('enter');
    else if (ch === '\x03') out.push('ctrl+c');
    else if (ch >= ' ' && ch !== '\x7f') out.push(ch);
  }
  return out;
}

const KEY_NAMES: Record<string, string> = {
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  home: 'Home',
  end: 'End',
  enter: 'Enter',
  escape: 'Esc',
  space: 'Space',
  tab: 'Tab',
  backspace: 'Backspace',
};

export function keyLabel(key: string): string {
  if (KEY_NAMES[key]) return KEY_NAMES[key];
  if (key.startsWith('ctrl+')) return `Ctrl-${key.slice(5).toUpperCase()}`;
  return key;
}

export function bindingLabel(b: Binding): string {
  return b.label ?? b.keys.map(keyLabel).join(' ');
}

export interface HelpSection {
  title: string;
  entries: { keys: string; help: string; soon: boolean }[];
}

const SECTION_TITLES: readonly [string, (b: Binding) => boolean][] = [
  ['Everywhere', (b) => b.views.length === ANYWHERE.length],
  ['Table', (b) => b.views[0] === 'table'],
  ['Detail view', (b) => b.views[0] === 'detail'],
  ['Logs', (b) => b.views[0] === 'logs'],
  ['Actions menu', (b) => b.views[0] === 'actions'],
  ['Filter prompt', (b) => b.views[0] === 'filter'],
  ['Group picker', (b) => b.views[0] === 'groups'],
  ['Help', (b) => b.views[0] === 'help'],
  ['Column chooser', (b) => b.views[0] === 'columns'],
];

export const READ_ONLY_HELP = 'disabled (--read-only)';

/** The help overlay's content, straight from KEYMAP; under --read-only, keys that change containers say they are off. */
export function helpSections(keymap: readonly Binding[] = KEYMAP, opts: { readOnly?: boolean } = {}): HelpSection[] {
  const placed = new Set<Binding>();
  return SECTION_TITLES.map(([title, test]) => {
    const entries = keymap
      .filter((b) => !placed.has(b) && test(b))
      .map((b) => {
        placed.add(b);
        // Said first: a half-width help column cuts the end of long lines.
        const help = opts.readOnly && b.writes ? `${READ_ONLY_HELP}: ${b.help}` : b.help;
        return { keys: bindingLabel(b), help, soon: Boolean(b.soon) };
      });
    return { title, entries };
  }).filter((s) => s.entries.length > 0);
}

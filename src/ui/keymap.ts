// Every key the live screen knows, as data: key → command, per view. The reducer resolves keys
// through this table and the help overlay is generated from it, so the two cannot drift.
// Keys DESIGN.md gives to later features (/, l, e, Space, m, L, x) are here already as `soon`
// commands: they do nothing yet but say so, and help lists them.
import type { Key } from 'ink';
import { SORT_FIELDS } from '../core/sort-rows.js';

/** What fills the body. 'detail' is a placeholder until the detail view lands. */
export type View = 'table' | 'help' | 'columns' | 'detail';

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
  // Reserved for later features (no-ops for now):
  | 'filter'
  | 'groupBy'
  | 'events'
  | 'mark'
  | 'actions'
  | 'logs'
  | 'exec';

export interface Binding {
  command: CommandId;
  /** Normalised key names: a character ('j', 'G', '/'), or up, down, left, right, pageup, pagedown, home, end, enter, escape, space, tab, backspace, ctrl+<letter>. */
  keys: readonly string[];
  /** How help shows the keys, when joining them would be clumsy. */
  label?: string;
  views: readonly View[];
  help: string;
  /** Reserved for a later feature: does nothing yet. */
  soon?: boolean;
}

const ANYWHERE: readonly View[] = ['table', 'help', 'columns', 'detail'];
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
  { command: 'open', keys: ['enter', 'right', 'o'], views: ['table'], help: 'open the detail view' },
  { command: 'sortNext', keys: ['s'], views: ['table'], help: `next sort field (${SORT_FIELDS.join(' → ')})` },
  { command: 'sortReverse', keys: ['r'], views: ['table'], help: 'reverse the sort' },
  { command: 'sortBy', keys: DIGITS, label: '1–9', views: ['table'], help: `sort by ${SORT_LIST}; again reverses` },
  { command: 'toggleAll', keys: ['a'], views: ['table'], help: 'all containers / running only' },
  { command: 'columns', keys: ['c'], views: ['table'], help: 'choose columns' },
  { command: 'pause', keys: ['p'], views: ['table', 'detail'], help: 'pause the display (sampling continues)' },
  { command: 'help', keys: ['?', 'h'], views: ['table', 'detail'], help: 'this help' },
  { command: 'quit', keys: ['escape'], views: ['table'], help: 'quit (from the table, with nothing open)' },
  { command: 'filter', keys: ['/'], views: ['table'], help: 'filter by selector or text', soon: true },
  { command: 'groupBy', keys: ['l'], views: ['table'], help: 'group by a label key', soon: true },
  { command: 'events', keys: ['e'], views: ['table'], help: 'events pane on/off', soon: true },
  { command: 'mark', keys: ['space'], views: ['table'], help: 'mark/unmark the row', soon: true },
  { command: 'actions', keys: ['m'], views: ['table'], help: 'actions menu (stop, restart, …)', soon: true },
  { command: 'logs', keys: ['L'], views: ['table'], help: 'logs of the selected container', soon: true },
  { command: 'exec', keys: ['x'], views: ['table'], help: 'shell in the selected container', soon: true },
  // The detail view.
  { command: 'up', keys: ['k', 'up'], views: ['detail'], help: 'previous container' },
  { command: 'down', keys: ['j', 'down'], views: ['detail'], help: 'next container' },
  { command: 'back', keys: ['escape', 'left'], views: ['detail'], help: 'back to the table' },
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
export function resolveKey(view: View, key: string): Binding | undefined {
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
  ['Help', (b) => b.views[0] === 'help'],
  ['Column chooser', (b) => b.views[0] === 'columns'],
];

/** The help overlay's content, straight from KEYMAP. */
export function helpSections(keymap: readonly Binding[] = KEYMAP): HelpSection[] {
  const placed = new Set<Binding>();
  return SECTION_TITLES.map(([title, test]) => {
    const entries = keymap
      .filter((b) => !placed.has(b) && test(b))
      .map((b) => {
        placed.add(b);
        return { keys: bindingLabel(b), help: b.help, soon: Boolean(b.soon) };
      });
    return { title, entries };
  }).filter((s) => s.entries.length > 0);
}

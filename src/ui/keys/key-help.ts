// What the screen says about keys, generated from KEYMAP: the help overlay's sections and the
// hints of the footer (or of a panel's own hint line) for the scope that is open.
import { KEYMAP, type Binding, type KeyScope } from './keymap.js';

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
  entries: { keys: string; help: string }[];
}

const SECTIONS: readonly [string, readonly KeyScope[]][] = [
  ['Table', ['table']],
  ['Detail view', ['detail']],
  ['Logs', ['logs']],
  ['Log search', ['logSearch']],
  ['Actions menu', ['actions', 'signal', 'confirm', 'confirmForce', 'actionRunning', 'actionResult']],
  ['Filter prompt', ['filter']],
  ['Group picker', ['groups']],
  ['Help', ['help']],
  ['Column chooser', ['columns']],
];

export const READ_ONLY_HELP = 'disabled (--read-only)';

/**
 * The help overlay's content, straight from KEYMAP: a binding is listed once, in the section of
 * its first scope ("Everywhere" when it is bound in every view). Under --read-only, keys that
 * change containers say they are off.
 */
export function helpSections(keymap: readonly Binding[] = KEYMAP, opts: { readOnly?: boolean; first?: KeyScope } = {}): HelpSection[] {
  const everywhere = (b: Binding) => ['table', 'help', 'columns', 'detail', 'logs'].every((v) => b.scopes.includes(v as KeyScope));
  const entry = (b: Binding) => ({
    keys: bindingLabel(b),
    // Said first: a half-width help column cuts the end of long lines.
    help: opts.readOnly && b.writes ? `${READ_ONLY_HELP}: ${b.help}` : b.help,
  });
  const shown = keymap;
  const out: HelpSection[] = [{ title: 'Everywhere', entries: shown.filter(everywhere).map(entry) }];
  for (const [title, scopes] of SECTIONS) {
    out.push({ title, entries: shown.filter((b) => !everywhere(b) && scopes.includes(b.scopes[0])).map(entry) });
  }
  // The keys of the view help was opened from come first.
  const firstTitle = opts.first && SECTIONS.find(([, scopes]) => scopes.includes(opts.first!))?.[0];
  const at = out.findIndex((s) => s.title === firstTitle);
  if (at > 0) out.unshift(...out.splice(at, 1));
  return out.filter((s) => s.entries.length > 0);
}

export interface Hint {
  keys: string;
  what: string;
}

/**
 * The hints for a scope: its own bindings first (those listed under it), then the ones it shares
 * with the table (quit, help, pause), each in KEYMAP order — in the detail view "Esc back" must
 * not be the hint cut for lack of room.
 */
export function footerHints(scope: KeyScope, keymap: readonly Binding[] = KEYMAP): Hint[] {
  const withHint = keymap.filter((b) => b.scopes.includes(scope) && b.hint);
  const own = withHint.filter((b) => b.scopes[0] === scope);
  const shared = withHint.filter((b) => b.scopes[0] !== scope);
  return [...own, ...shared].map((b) => ({ keys: shortKeys(b), what: b.hint! }));
}

function shortKeys(b: Binding): string {
  if (b.label) return b.label;
  return keyLabel(b.keys[0]);
}

/** Hints as one line of text ("Esc close · / search · …"), as many whole hints as fit in `width`. */
export function hintText(scope: KeyScope, width = Infinity, sep = ' · '): string {
  let out = '';
  for (const h of footerHints(scope)) {
    const next = `${out ? out + sep : ''}${h.keys} ${h.what}`;
    if ([...next].length > width) break;
    out = next;
  }
  return out;
}

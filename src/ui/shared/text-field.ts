// A one-line text field (pure): text plus an insertion point, edited by the prompt commands of
// the keymap (Backspace, Ctrl-U, Ctrl-W, cursor moves) and by typed text. The `/` filter and the
// log search both edit through it, so they behave alike.
import type { CommandId } from '../keys/keymap.js';

export interface TextField {
  readonly text: string;
  /** Insertion point, a UTF-16 index on a code point boundary. */
  readonly cursor: number;
}

/** The index one code point before / after `i`. */
function before(text: string, i: number): number {
  if (i <= 0) return 0;
  const low = text.charCodeAt(i - 1);
  return low >= 0xdc00 && low <= 0xdfff && i >= 2 ? i - 2 : i - 1;
}

function after(text: string, i: number): number {
  if (i >= text.length) return text.length;
  const high = text.charCodeAt(i);
  return high >= 0xd800 && high <= 0xdbff && i + 1 < text.length ? i + 2 : i + 1;
}

/** Start of the word before the cursor (readline's Ctrl-W: blanks, then non-blanks). */
function wordStart(text: string, i: number): number {
  let j = i;
  while (j > 0 && text[j - 1] === ' ') j--;
  while (j > 0 && text[j - 1] !== ' ') j--;
  return j;
}

/** A key name that is text: one character, or Space. */
export function typedText(key: string): string | null {
  if (key === 'space') return ' ';
  return [...key].length === 1 ? key : null;
}

export function insertText(f: TextField, ch: string): TextField {
  return { text: f.text.slice(0, f.cursor) + ch + f.text.slice(f.cursor), cursor: f.cursor + ch.length };
}

/** One editing command; the same field when the command is not an edit (or changes nothing). */
export function editField(f: TextField, command: CommandId): TextField {
  const { text, cursor } = f;
  switch (command) {
    case 'deleteBack': {
      const at = before(text, cursor);
      return at === cursor ? f : { text: text.slice(0, at) + text.slice(cursor), cursor: at };
    }
    case 'clearLine':
      return text === '' ? f : { text: '', cursor: 0 };
    case 'deleteWord': {
      const start = wordStart(text, cursor);
      return start === cursor ? f : { text: text.slice(0, start) + text.slice(cursor), cursor: start };
    }
    case 'cursorLeft':
      return { text, cursor: before(text, cursor) };
    case 'cursorRight':
      return { text, cursor: after(text, cursor) };
    case 'cursorHome':
      return { text, cursor: 0 };
    case 'cursorEnd':
      return { text, cursor: text.length };
    default:
      return f;
  }
}

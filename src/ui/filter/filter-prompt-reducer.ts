// The `/` filter prompt as a pure reducer: a one-line text field whose text is parsed on every
// edit (parseFilter: a selector when it has an operator, otherwise free text). Text that parses
// becomes the table's filter at once (live preview); text that does not keeps the last valid
// filter in force and carries the error, with the offending position, for the caret line.
//
// Keys reach the prompt by name (keymap.ts keysFromInput: a chunk like "web" is three keys), so
// every printable character is text here, even the ones the table binds (q, j, /, …).
import type { ContainerPredicate } from '../../core/query/row-filter.js';
import { parseFilter, SelectorError } from '../../core/query/selector.js';
import { resolveKey } from '../keys/keymap.js';

/** The filter the prompt puts in force. `text` is '' when there is none. */
export interface CompiledFilter {
  readonly text: string;
  readonly predicate?: ContainerPredicate;
}

export const NO_FILTER: CompiledFilter = { text: '' };

export interface FilterError {
  readonly message: string;
  /** 0-based index into the text of the offending character (the text's length: its end). */
  readonly position: number;
}

export interface FilterPrompt {
  readonly text: string;
  /** Insertion point, a UTF-16 index on a code point boundary. */
  readonly cursor: number;
  readonly error: FilterError | null;
}

export type CompileResult = { readonly filter: CompiledFilter; readonly error?: undefined } | { readonly filter?: undefined; readonly error: FilterError };

export function compileFilter(text: string): CompileResult {
  try {
    const selector = parseFilter(text);
    if (selector.terms.length === 0) return { filter: NO_FILTER };
    return { filter: { text, predicate: (c) => selector.matches(c) } };
  } catch (err) {
    if (err instanceof SelectorError) return { error: { message: err.reason, position: err.position } };
    throw err;
  }
}

/** Opens on the filter in force, so `/` then Enter keeps it and `/` then edits refine it. */
export function openPrompt(text = ''): FilterPrompt {
  return { text, cursor: text.length, error: null };
}

export interface PromptStep {
  /** null: the prompt closed. */
  readonly prompt: FilterPrompt | null;
  /** The filter to put in force; undefined leaves the current one. */
  readonly filter?: CompiledFilter;
  /** One line of feedback for the footer. */
  readonly notice?: string;
}

const isText = (key: string): boolean => key === 'space' || [...key].length === 1;

function edit(prompt: FilterPrompt, text: string, cursor: number): PromptStep {
  if (text === prompt.text) return { prompt: cursor === prompt.cursor ? prompt : { ...prompt, cursor } };
  const result = compileFilter(text);
  return { prompt: { text, cursor, error: result.error ?? null }, filter: result.filter };
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

function editKey(p: FilterPrompt, key: string): PromptStep {
  const { text, cursor } = p;
  switch (key) {
    case 'backspace':
      return edit(p, text.slice(0, before(text, cursor)) + text.slice(cursor), before(text, cursor));
    case 'ctrl+u':
      return edit(p, '', 0);
    case 'ctrl+w': {
      const start = wordStart(text, cursor);
      return edit(p, text.slice(0, start) + text.slice(cursor), start);
    }
    case 'left':
      return edit(p, text, before(text, cursor));
    case 'right':
      return edit(p, text, after(text, cursor));
    case 'home':
    case 'ctrl+a':
      return edit(p, text, 0);
    case 'end':
    case 'ctrl+e':
      return edit(p, text, text.length);
    default:
      return { prompt: p };
  }
}

/** One key in the prompt. Ctrl-C (quit) is the caller's: it is not the prompt's to handle. */
export function promptKey(p: FilterPrompt, key: string): PromptStep {
  switch (resolveKey('filter', key)?.command) {
    case 'applyFilter':
      if (p.error) return { prompt: p, notice: 'The filter does not parse: fix it, or Esc to clear it' };
      return { prompt: null, filter: compileFilter(p.text).filter ?? NO_FILTER };
    case 'clearFilter':
      return { prompt: null, filter: NO_FILTER };
    case 'editFilter':
      return editKey(p, key);
  }
  if (!isText(key)) return { prompt: p };
  const ch = key === 'space' ? ' ' : key;
  return edit(p, p.text.slice(0, p.cursor) + ch + p.text.slice(p.cursor), p.cursor + ch.length);
}

// The `/` filter prompt as a pure reducer: a one-line text field whose text is parsed on every
// edit (parseFilter: a selector when it has an operator, otherwise free text). Text that parses
// becomes the table's filter at once (live preview); text that does not keeps the last valid
// filter in force and carries the error, with the offending position, for the caret line.
//
// Keys reach the prompt by name (keys/input-keys.ts: a chunk like "web" is three keys) and resolve
// through the keymap's `filter` scope; every key it does not bind is text, even the ones the table
// binds (q, j, /, …). Editing is the shared text field's (shared/text-field.ts).
import type { ContainerPredicate } from '../../core/query/row-filter.js';
import { parseFilter, SelectorError } from '../../core/query/selector.js';
import { resolveKey } from '../keys/keymap.js';
import { editField, insertText, typedText, type TextField } from '../shared/text-field.js';

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

export interface FilterPrompt extends TextField {
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

function edit(prompt: FilterPrompt, field: TextField): PromptStep {
  if (field.text === prompt.text) return { prompt: field.cursor === prompt.cursor ? prompt : { ...prompt, cursor: field.cursor } };
  const result = compileFilter(field.text);
  return { prompt: { ...field, error: result.error ?? null }, filter: result.filter };
}

/** One key in the prompt, resolved through the keymap's `filter` scope; a key it does not bind is text. Ctrl-C (quit) is the caller's. */
export function promptKey(p: FilterPrompt, key: string): PromptStep {
  const command = resolveKey('filter', key)?.command;
  switch (command) {
    case 'accept':
      if (p.error) return { prompt: p, notice: 'The filter does not parse: fix it, or Esc to clear it' };
      return { prompt: null, filter: compileFilter(p.text).filter ?? NO_FILTER };
    case 'cancel':
      return { prompt: null, filter: NO_FILTER };
    case undefined: {
      const ch = typedText(key);
      return ch === null ? { prompt: p } : edit(p, insertText(p, ch));
    }
    default:
      return edit(p, editField(p, command));
  }
}

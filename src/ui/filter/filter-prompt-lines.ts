// The `/` prompt's two lines (pure): the text with its cursor, scrolled sideways to keep the
// cursor in view, and under it either a hint or the parse error with a caret under the offending
// character (both lines share the scroll, so the caret stays aligned).
import { sanitize } from '../../core/model/sanitize.js';
import type { FilterPrompt } from './filter-prompt-reducer.js';
import { fitLine, lineWidth, spreadLine, type Segment } from '../shared/segments.js';
import { displayWidth, truncateEnd } from '../shared/text-fit.js';
import { hintText } from '../keys/key-help.js';

export const PROMPT_LINES = 2;
const PREFIX = '/ ';
/** The prompt's keys (from the keymap's `filter` scope), then what may be typed. */
const HINT = `${hintText('filter')} · app=web,tier!=db  name~^api  !key  or text`;

export interface PromptLineInput {
  prompt: FilterPrompt;
  width: number;
  /** Containers the text matches right now (the table's count), for the hint line. */
  matches: number;
}

/** Code points, each one terminal cell at least: control characters show as blanks. */
function cells(text: string): string[] {
  return Array.from(text, (ch) => sanitize(ch) || ' ');
}

const widthOf = (chars: readonly string[]): number => chars.reduce((w, ch) => w + displayWidth(ch), 0);

export function promptLines({ prompt, width, matches }: PromptLineInput): [Segment[], Segment[]] {
  const chars = cells(prompt.text);
  const cursor = Array.from(prompt.text.slice(0, prompt.cursor)).length;
  // Room for the text after the prefix, keeping one cell for the cursor at the end.
  const room = Math.max(1, width - displayWidth(PREFIX));
  let start = 0;
  while (start < cursor && widthOf(chars.slice(start, cursor)) + 1 > room) start++;
  const under = chars[cursor] ?? ' ';
  const first: Segment[] = [
    { text: PREFIX, tone: 'accent' },
    { text: chars.slice(start, cursor).join('') },
    { text: under, tone: 'cursor' },
    { text: chars.slice(cursor + 1).join('') },
  ];
  const left = fitLine(first, width);

  if (!prompt.error) {
    const count: Segment[] = [{ text: `${matches} shown`, tone: 'dim' }];
    return [left, spreadLine([{ text: HINT, tone: 'dim' }], lineWidth(count) + 2 < width ? count : [], width)];
  }
  // The caret's column: where the offending character is drawn (the text's end for "expected …").
  const at = Array.from(prompt.text.slice(0, prompt.error.position)).length;
  const column = Math.min(width - 1, displayWidth(PREFIX) + Math.max(0, widthOf(chars.slice(start, Math.max(start, at)))));
  const message = sanitize(prompt.error.message);
  const after = width - column - 2;
  let second: Segment[];
  if (displayWidth(message) <= after || column < 12) {
    second = [{ text: ' '.repeat(column) }, { text: '^', tone: 'danger' }, { text: ' ' + truncateEnd(message, Math.max(0, after)), tone: 'danger' }];
  } else {
    // No room right of the caret: the message ends just before it.
    const text = truncateEnd(message, column - 1);
    second = [{ text: ' '.repeat(column - 1 - displayWidth(text)) }, { text: text + ' ', tone: 'danger' }, { text: '^', tone: 'danger' }];
  }
  return [left, fitLine(second, width)];
}

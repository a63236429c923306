// What sits under the table: the footer, or instead the `/` prompt or the `l` picker. Their
// height comes out of the table's, so the frame stays within rows − 1 (pure).
import { PROMPT_LINES } from '../filter/filter-prompt-lines.js';
import { FOOTER_LINES } from './frame.js';
import type { LiveState } from '../live-state.js';

/** Options the picker shows at once; more scroll. */
export const PICKER_ROWS = 10;
/** The table keeps its column header and two rows. */
const MIN_TABLE = 3;

/** Lines for the bottom panel, out of `room` (the body plus the footer's line). */
export function bottomPanelHeight(s: Pick<LiveState, 'prompt' | 'picker'>, room: number): number {
  if (s.prompt) return PROMPT_LINES;
  if (s.picker) return 1 + Math.max(1, Math.min(s.picker.options.length, PICKER_ROWS, room - 1 - MIN_TABLE));
  return FOOTER_LINES;
}

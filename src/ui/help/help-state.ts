// The help overlay's state (pure): its scroll, and the view Esc returns to. The page height is an
// argument: the lines that fit under the title in the frame being shown.
import type { CommandId, View } from '../keys/keymap.js';
import { HELP_LINE_COUNT } from './help-layout.js';

export interface HelpState {
  readonly scroll: number;
  /** The view help was opened from, and returns to. */
  readonly returnTo: View;
}

export function openHelp(from: View): HelpState {
  return { scroll: 0, returnTo: from };
}

/**
 * A command in help: the new state, or 'close' (back to `returnTo`), or 'quit'. `lines`: how many
 * lines the overlay has at the frame's width (two columns are shorter than one), so the scroll
 * stops where the last line shows and ↑ after G moves at once.
 */
export function helpCommand(h: HelpState, command: CommandId | undefined, page: number, lines = HELP_LINE_COUNT): HelpState | 'close' | 'quit' {
  const max = Math.max(0, lines - page);
  const to = (scroll: number): HelpState => {
    const s = Math.min(max, Math.max(0, scroll));
    return s === h.scroll ? h : { ...h, scroll: s };
  };
  switch (command) {
    case 'quit':
      return 'quit';
    case 'back':
      return 'close';
    case 'up':
      return to(h.scroll - 1);
    case 'down':
      return to(h.scroll + 1);
    case 'pageUp':
      return to(h.scroll - page);
    case 'pageDown':
      return to(h.scroll + page);
    case 'top':
      return to(0);
    case 'bottom':
      return to(max);
    default:
      return h;
  }
}

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

/** A command in help: the new state, or 'close' (back to `returnTo`), or 'quit'. */
export function helpCommand(h: HelpState, command: CommandId | undefined, page: number): HelpState | 'close' | 'quit' {
  const max = Math.max(0, HELP_LINE_COUNT - page);
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

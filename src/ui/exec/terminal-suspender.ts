// The UiSuspender for the live screen: the main screen and cooked mode while a shell from `x`
// has the terminal, then the alternate screen, raw mode and Ink's frame back.
import type { UiSuspender } from '../../commands/engine-commands.js';
import { ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN } from '../shared/terminal.js';

const SHOW_CURSOR = '\x1b[?25h';
const HIDE_CURSOR = '\x1b[?25l'; // Ink hid it once at start and will not do it again

export interface TerminalSuspenderOptions {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  /**
   * Makes Ink draw its whole frame again: pass `useStdout().write` bound to ''. Ink
   * then erases (nothing, on the fresh alternate screen) and re-writes its last frame;
   * a plain re-render would be skipped because the output did not change.
   */
  repaint: () => void;
  /** false when the app is not on the alternate screen. */
  altScreen?: boolean;
}

export function createTerminalSuspender(o: TerminalSuspenderOptions): UiSuspender {
  const alt = o.altScreen ?? true;
  const raw = (on: boolean) => {
    if (o.stdin.isTTY) o.stdin.setRawMode(on);
  };
  return {
    suspend() {
      o.stdout.write(alt ? LEAVE_ALT_SCREEN : SHOW_CURSOR);
      raw(false);
    },
    resume() {
      raw(true);
      o.stdout.write(alt ? ENTER_ALT_SCREEN + HIDE_CURSOR : HIDE_CURSOR);
      o.repaint();
    },
  };
}

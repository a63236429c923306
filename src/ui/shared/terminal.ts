// Full screen on ink 6 is ours to do: enter the alternate screen before the first frame and
// leave it on every way out: quit, Ctrl-C, SIGTERM, SIGHUP, an uncaught exception. signal-exit
// covers signals and crashes; the returned restore() covers the normal path (call it in a
// finally). Restoring twice is harmless.
import { onExit } from 'signal-exit';

export const ENTER_ALT_SCREEN = '\x1b[?1049h\x1b[H'; // 1049 saves the main screen but does not home the cursor
export const LEAVE_ALT_SCREEN = '\x1b[?25h\x1b[?1049l'; // show the cursor (Ink hides it), back to the main screen

export interface FullscreenStreams {
  stdout: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
}

export function enterFullscreen({ stdout, stdin }: FullscreenStreams = { stdout: process.stdout, stdin: process.stdin }): () => void {
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    try {
      // A crash can leave raw mode on; the shell would then get no line editing.
      if (stdin?.isTTY && stdin.isRaw) stdin.setRawMode(false);
      stdout.write(LEAVE_ALT_SCREEN);
    } catch {
      // The terminal is gone (SIGHUP): nothing left to restore.
    }
  };
  stdout.write(ENTER_ALT_SCREEN);
  const unhook = onExit(restore, { alwaysLast: true });
  return () => {
    restore();
    unhook();
  };
}

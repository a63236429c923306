// Ink's (input, key) as key names, one per key pressed. Ink 6.8 hands over a whole chunk at once
// when keys arrive in one write (typing fast, tmux send-keys, a paste, a held Backspace, a slow
// ssh link): "jjj", "abc\x7f\x7f" or "\x15db". Each character of a chunk is its own key, control
// characters included, so a burst is applied exactly as if it had been typed slowly.

/** The parts of Ink's Key this needs (ink's own type has more). */
export interface InkKey {
  upArrow: boolean;
  downArrow: boolean;
  leftArrow: boolean;
  rightArrow: boolean;
  pageUp: boolean;
  pageDown: boolean;
  home?: boolean;
  end?: boolean;
  return: boolean;
  escape: boolean;
  tab: boolean;
  backspace: boolean;
  delete: boolean;
  ctrl: boolean;
  meta: boolean;
}

/** One character of a chunk as a key name: printable text, or the control key it encodes. */
export function charKey(ch: string): string | null {
  switch (ch) {
    case ' ':
      return 'space';
    case '\r':
    case '\n':
      return 'enter';
    case '\t':
      return 'tab';
    case '\x7f':
    case '\b':
      return 'backspace';
    case '\x1b':
      return 'escape';
  }
  const code = ch.codePointAt(0) ?? 0;
  if (code >= 1 && code <= 26) return `ctrl+${String.fromCharCode(code + 96)}`;
  if (code < 0x20 || (code >= 0x80 && code < 0xa0)) return null; // other C0/C1 controls: nothing
  return ch;
}

export function keysFromInput(input: string, key: InkKey): string[] {
  if (key.upArrow) return ['up'];
  if (key.downArrow) return ['down'];
  if (key.leftArrow) return ['left'];
  if (key.rightArrow) return ['right'];
  if (key.pageUp) return ['pageup'];
  if (key.pageDown) return ['pagedown'];
  if (key.home) return ['home'];
  if (key.end) return ['end'];
  if (key.return) return ['enter'];
  if (key.escape) return ['escape'];
  if (key.tab) return ['tab'];
  if (key.backspace || key.delete) return ['backspace'];
  if (key.ctrl) return input.length === 1 ? [`ctrl+${input.toLowerCase()}`] : [];
  if (key.meta) return []; // Alt+key: nothing is bound to it
  const out: string[] = [];
  for (const ch of input) {
    const name = charKey(ch);
    if (name !== null) out.push(name);
  }
  return out;
}

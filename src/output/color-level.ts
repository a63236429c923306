// Colour follows NO_COLOR, --no-color, FORCE_COLOR and the terminal — not CI. chalk (through its
// bundled supports-color, which Ink uses) switches colour off whenever a CI variable exists,
// `CI=false` and `CI=0` included. Before Ink loads, the CLI reads the terminal itself and tells
// chalk through FORCE_COLOR, only in that case: everywhere else chalk's own reading is right.

/** Colour depth (0 none, 1 basic, 2 256 colours, 3 truecolor) the terminal's variables announce. */
export function terminalColorLevel(env: NodeJS.ProcessEnv): 0 | 1 | 2 | 3 {
  const term = env.TERM ?? '';
  if (term === 'dumb') return 0;
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit' || term === 'xterm-kitty') return 3;
  if (/-256(colou?r)?$/i.test(term)) return 2;
  if (/^(screen|xterm|vt100|vt220|rxvt|tmux)|color|ansi|cygwin|linux/i.test(term) || 'COLORTERM' in env) return 1;
  return 0;
}

/**
 * The FORCE_COLOR value to set before Ink loads, or null to leave chalk alone: when colour is off
 * (the theme then has no styles), when the user set FORCE_COLOR, on a non-terminal, or without CI.
 */
export function forceColorFor(env: NodeJS.ProcessEnv, stdoutIsTTY: boolean, wantColor: boolean): string | null {
  if (!wantColor || 'FORCE_COLOR' in env || !stdoutIsTTY) return null;
  if (!('CI' in env) && !('CONTINUOUS_INTEGRATION' in env)) return null;
  const level = terminalColorLevel(env);
  return level > 0 ? String(level) : null;
}

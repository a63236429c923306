// Shared by the live screen's tmux tests: launch the built binary in tmux, read the selection
// and the frame back from the screen.
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTmux, type TmuxSession } from './tmux.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let launched = 0;
/** Generous: test machines run other suites alongside. */
export const WAIT = 20_000;

export interface Launched {
  tmux: TmuxSession;
  /** The program's pid (the shell execs it), to signal it directly. */
  pid: () => number;
  /** Ends the tmux session and removes the pid file. */
  stop: () => Promise<void>;
}

/** Starts `node bin/ctop-ts.js ARGS` in tmux, in the project folder. */
export async function launch(args: string, cols = 100, rows = 30, env: Record<string, string> = {}): Promise<Launched> {
  const pidFile = join(tmpdir(), `ctop-ui-e2e-${process.pid}-${++launched}.pid`);
  const tmux = await startTmux(['sh', '-c', `echo $$ > '${pidFile}'; exec node bin/ctop-ts.js ${args}`], { cols, rows, cwd: ROOT, env });
  return {
    tmux,
    pid: () => Number(readFileSync(pidFile, 'utf8').trim()),
    stop: async () => {
      await tmux.kill();
      rmSync(pidFile, { force: true });
    },
  };
}

/** The selected row's name when the state column is a glyph (terminals under 120 columns). */
export const selectedName = (screen: string) => /^›\S\s+(\S+)/m.exec(screen)?.[1] ?? null;

/** The selected row as shown (the one marked ›). */
export const selectedLine = (screen: string) => screen.split('\n').find((l) => l.startsWith('›')) ?? '';

/** Lines as the terminal shows them, trailing blank rows dropped. */
export function frameLines(screen: string): string[] {
  const lines = screen.replace(/\n$/, '').split('\n');
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  return lines;
}

export async function until(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}


// Helpers for end-to-end tests that drive the real terminal UI inside tmux.
// One private tmux server per test process (tmux -L ctop-test-<pid>) with its
// own config, so a developer's ~/.tmux.conf and other tests never interfere.
import { execFile, execFileSync } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { describeRequiring, exitOnTerminationSignals, requireOrSkip } from './requirement.js';

export const TMUX_SOCKET = `ctop-test-${process.pid}`;

const configPath = join(tmpdir(), `${TMUX_SOCKET}.tmux.conf`);
// status off: the program gets every row; remain-on-exit: the last screen and
// the exit status stay readable after the program ends; /bin/sh: same shell
// everywhere. TERM goes through default-terminal because tmux overwrites a
// TERM passed with new-session -e. exit-empty off: otherwise killing the last
// session races with the next new-session ("server exited unexpectedly");
// the server is killed on exit instead.
const config = [
  'set -s exit-empty off',
  'set -g status off',
  'set -g remain-on-exit on',
  'set -g default-shell /bin/sh',
  'set -g default-terminal xterm-256color',
  'set -g history-limit 5000',
];

let serverStarted = false;

function tmux(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'tmux',
      ['-L', TMUX_SOCKET, '-f', configPath, ...args],
      // The tmux client itself needs a known terminal type even when CI has none.
      { env: { ...process.env, TERM: 'xterm-256color' }, encoding: 'utf8', timeout: 15_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`tmux ${args.join(' ')} failed: ${stderr.trim() || error.message}`));
        else resolve(stdout);
      },
    );
  });
}

let available: Promise<boolean> | undefined;

/** True when a tmux binary runs; probed once per process. */
export function tmuxAvailable(): Promise<boolean> {
  available ??= new Promise((resolve) => execFile('tmux', ['-V'], (error) => resolve(!error)));
  return available;
}

async function tmuxMissingReason(): Promise<string | null> {
  return (await tmuxAvailable()) ? null : 'tmux is not installed: install it with scripts/engine-up.sh (or apt-get install tmux)';
}

/** In a test: `if (!(await requireTmux(t))) return;` — skips locally, fails under CI=true. */
export function requireTmux(t: TestContext): Promise<boolean> {
  return requireOrSkip(t, tmuxMissingReason);
}

/** A describe() that runs its body only when tmux is there. */
export function describeTmux(name: string, fn: () => void | Promise<void>): void {
  describeRequiring(name, tmuxMissingReason, fn);
}

export interface StartTmuxOptions {
  cols?: number;
  rows?: number;
  cwd?: string;
  /** Extra variables for the program; CI=false is set unless given here. TERM is always xterm-256color. */
  env?: Record<string, string>;
  /**
   * Keep the terminal open after the program ends and print `[exited N]`.
   * Use it when a test reads what a program printed just before exiting:
   * under load tmux can close a pane before it has read the last output.
   * waitForExit()/exitStatus() then read N from that line; paneDead() stays false.
   */
  holdOpen?: boolean;
}

const EXIT_MARK = /^\[exited (\d+)\]$/m;

const shellQuote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;

export type ScreenMatcher = RegExp | string | ((screen: string) => boolean);

let sequence = 0;
const live = new Set<TmuxSession>();

export class TmuxSession {
  constructor(
    readonly name: string,
    /** Pane id (%N): unlike a session name it can never prefix-match another session. */
    readonly pane: string,
    readonly holdOpen = false,
  ) {}

  /** tmux key names, e.g. sendKeys('j', 'Enter', 'C-c', 'Escape', 'Up'). */
  async sendKeys(...keys: string[]): Promise<void> {
    await tmux(['send-keys', '-t', this.pane, ...keys]);
  }

  /** Types text literally (no key-name lookup), e.g. a filter string. */
  async sendText(text: string): Promise<void> {
    await tmux(['send-keys', '-t', this.pane, '-l', text]);
  }

  /**
   * The visible screen as plain text, one line per row (trailing blanks trimmed
   * by tmux). history adds the scrollback: once the program has exited, tmux
   * scrolls the screen up one line to print "Pane is dead", so the top row of
   * the last screen is only in the history.
   */
  async capturePane({ escapes = false, history = false }: { escapes?: boolean; history?: boolean } = {}): Promise<string> {
    const flags = [...(escapes ? ['-e'] : []), ...(history ? ['-S', '-'] : [])];
    return tmux(['capture-pane', '-p', ...flags, '-t', this.pane]);
  }

  /** Polls the screen until it matches; resolves with that screen, or rejects showing the last one. */
  async waitForScreen(matcher: ScreenMatcher, timeoutMs = 10_000, intervalMs = 50): Promise<string> {
    const test =
      typeof matcher === 'function'
        ? matcher
        : typeof matcher === 'string'
          ? (s: string) => s.includes(matcher)
          : (s: string) => matcher.test(s);
    const deadline = Date.now() + timeoutMs;
    let screen = '';
    for (;;) {
      screen = await this.capturePane();
      if (test(screen)) return screen;
      if (Date.now() >= deadline) {
        throw new Error(`timed out after ${timeoutMs} ms waiting for ${String(matcher)}; screen was:\n${screen}`);
      }
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }

  async resize(cols: number, rows: number): Promise<void> {
    await tmux(['resize-window', '-t', this.pane, '-x', String(cols), '-y', String(rows)]);
  }

  async size(): Promise<{ cols: number; rows: number }> {
    const [cols, rows] = (await this.display('#{pane_width} #{pane_height}')).split(' ').map(Number);
    return { cols, rows };
  }

  /** True while the program shows the alternate screen. */
  async alternateOn(): Promise<boolean> {
    return (await this.display('#{alternate_on}')) === '1';
  }

  async paneDead(): Promise<boolean> {
    return (await this.display('#{pane_dead}')) === '1';
  }

  /**
   * The program's exit status (128 + n when killed by signal n, as shells do),
   * or null while it runs.
   */
  async exitStatus(): Promise<number | null> {
    if (this.holdOpen) {
      const mark = EXIT_MARK.exec(await this.capturePane({ history: true }));
      if (mark) return Number(mark[1]);
    }
    const format = '#{pane_dead}|#{pane_dead_status}|#{pane_dead_signal}';
    let [dead, status, signal] = (await this.display(format)).split('|');
    if (dead === '1' && !status && !signal) {
      // tmux 3.3 sometimes misses the SIGCHLD of a child that dies quickly:
      // the pane is dead but never reaped, so no status appears. Any other
      // child of the server exiting makes it reap them all; run-shell makes one.
      await tmux(['run-shell', 'true']);
      [dead, status, signal] = (await this.display(format)).split('|');
    }
    if (dead !== '1') return null;
    if (status) return Number(status);
    if (signal) return 128 + Number(signal);
    return null;
  }

  /** Waits for the program to end and resolves with its exit status. */
  async waitForExit(timeoutMs = 10_000, intervalMs = 50): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const status = await this.exitStatus();
      if (status !== null) return status;
      if (Date.now() >= deadline) {
        const state = await this.display('dead=#{pane_dead} status=#{pane_dead_status} signal=#{pane_dead_signal} pid=#{pane_pid}');
        throw new Error(`timed out after ${timeoutMs} ms waiting for the program to exit (${state})`);
      }
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }

  /** Ends the session (and its program); safe to call twice. */
  async kill(): Promise<void> {
    live.delete(this);
    await tmux(['kill-session', '-t', this.pane]).catch(() => undefined);
  }

  private async display(format: string): Promise<string> {
    return (await tmux(['display-message', '-p', '-t', this.pane, format])).trim();
  }
}

/**
 * Kills tmux servers of earlier test processes that died without cleanup
 * (SIGKILL): their socket name carries the owner's pid.
 */
function sweepOrphanServers(): void {
  const dir = join(process.env.TMUX_TMPDIR ?? '/tmp', `tmux-${process.getuid?.() ?? 0}`);
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const owner = /^ctop-test-(\d+)$/.exec(name)?.[1];
    if (!owner || Number(owner) === process.pid || pidAlive(Number(owner))) continue;
    try {
      execFileSync('tmux', ['-S', join(dir, name), 'kill-server'], { stdio: 'ignore', timeout: 5_000 });
    } catch {
      // No server behind it any more: remove the stale socket.
      rmSync(join(dir, name), { force: true });
    }
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Starts a program in a new detached session of the given size. A string runs
 * through /bin/sh -c; an array is the exact argv.
 */
export async function startTmux(command: string | string[], opts: StartTmuxOptions = {}): Promise<TmuxSession> {
  if (!serverStarted) {
    sweepOrphanServers();
    writeFileSync(configPath, config.join('\n') + '\n');
    serverStarted = true;
    exitOnTerminationSignals();
  }
  sequence += 1;
  const name = `s${sequence}`;
  // CI=false: Ink (is-in-ci) would otherwise render non-interactively when the
  // suite itself runs under CI=true.
  const env = { CI: 'false', ...opts.env };
  const args = ['new-session', '-d', '-P', '-F', '#{pane_id}', '-s', name];
  args.push('-x', String(opts.cols ?? 100), '-y', String(opts.rows ?? 30));
  if (opts.cwd) args.push('-c', opts.cwd);
  for (const [key, value] of Object.entries(env)) args.push('-e', `${key}=${value}`);
  if (opts.holdOpen) {
    // The program runs as a child of a shell that stays, so the pane's
    // terminal never closes under the program's last output.
    const program = typeof command === 'string' ? `/bin/sh -c ${shellQuote(command)}` : command.map(shellQuote).join(' ');
    args.push(`${program}; printf '\\n[exited %d]\\n' "$?"; exec sleep 2147483647`);
  } else {
    args.push(...(typeof command === 'string' ? [command] : command));
  }
  const pane = (await tmux(args)).trim();
  const session = new TmuxSession(name, pane, opts.holdOpen);
  live.add(session);
  return session;
}

/** Kills every session of this process's tmux server. */
export async function killTmuxServer(): Promise<void> {
  live.clear();
  if (!serverStarted) return;
  await tmux(['kill-server']).catch(() => undefined);
}

// Safety net: no tmux server (and no program inside it) outlives the test process.
process.on('exit', () => {
  if (!serverStarted) return;
  try {
    execFileSync('tmux', ['-L', TMUX_SOCKET, 'kill-server'], { stdio: 'ignore', timeout: 5_000 });
  } catch {
    // Already gone.
  }
  rmSync(configPath, { force: true });
});

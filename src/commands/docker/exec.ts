// `x`: an interactive shell in a container, on the user's own terminal. The UI steps aside
// (main screen, cooked mode), `docker exec -it <id> <shell>` runs with the terminal
// inherited, then the UI comes back exactly as it was.
//
// Why spawnSync: while it runs, Node's event loop is blocked, so Ink cannot read a single
// keystroke meant for the shell. With an async spawn both processes read the same tty
// (measured in tmux: the session was garbled and Node crashed on stdin), and
// stdin.pause() does not stop a stream that has a 'readable' listener, as Ink's has.
import { execFile, spawnSync, type SpawnSyncOptions, type SpawnSyncReturns } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import type Docker from 'dockerode';
import { sanitize, truncateId } from '../../core/model/sanitize.js';
import { engineErrorText } from './container-actions.js';
import type { ExecOutcome, UiSuspender } from '../engine-commands.js';

export type { ExecOutcome, UiSuspender } from '../engine-commands.js';

export const DEFAULT_SHELLS = ['/bin/bash', '/bin/sh'] as const;
const PROBE_TIMEOUT_MS = 10_000;

export { EXEC_READ_ONLY_REASON } from '../../core/model/actions.js';

export interface ExecShellOptions {
  /** Why exec is off (EXEC_READ_ONLY_REASON under --read-only): refused before anything runs. */
  disabled?: string | null;
  /** The app's -H value; DOCKER_HOST needs nothing (the child inherits the environment). */
  host?: string;
  shells?: readonly string[];
  env?: NodeJS.ProcessEnv;
  /** Defaults to whether stdin is a terminal; without one, -i only (tests). */
  tty?: boolean;
  /** For tests: replaces spawnSync for the interactive run. */
  run?: (cli: string, args: string[], options: SpawnSyncOptions) => SpawnSyncReturns<Buffer>;
}

/** The first executable `name` on PATH (or `name` itself when it is a path), else null. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = isAbsolute(name) || name.includes('/') ? [name] : (env.PATH ?? '').split(delimiter).filter(Boolean).map((d) => join(d, name));
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // not here
    }
  }
  return null;
}

type Probe = { found: true } | { found: false } | { error: string };
type ExitCode = { code: number } | { error: string };
type RunInContainer = (cmd: string[]) => Promise<ExitCode>;

/** A command's exit code through the engine API: precise, and errors are the engine's own. */
function apiRunner(docker: Docker, id: string): RunInContainer {
  return async (cmd) => {
    try {
      const exec = await docker.getContainer(id).exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
      const stream = (await exec.start({ hijack: true, stdin: false })) as NodeJS.ReadableStream;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, PROBE_TIMEOUT_MS);
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        stream.on('end', done);
        stream.on('close', done);
        stream.on('error', done);
        stream.resume();
      });
      const info = (await exec.inspect()) as { ExitCode?: number | null };
      return { code: info.ExitCode ?? -1 };
    } catch (err) {
      return { error: engineErrorText(err) };
    }
  };
}

/** The same through the CLI; a non-zero exit with the daemon's words on stderr is an error. */
function cliRunner(cli: string, hostArgs: string[], id: string, env: NodeJS.ProcessEnv): RunInContainer {
  return (cmd) =>
    new Promise((resolve) => {
      execFile(cli, [...hostArgs, 'exec', id, ...cmd], { env, timeout: PROBE_TIMEOUT_MS }, (error, _out, stderr) => {
        if (!error) return resolve({ code: 0 });
        const code = (error as { code?: unknown }).code;
        const text = sanitize(String(stderr).trim().split('\n')[0] ?? '');
        if (code === 126 || code === 127 || (typeof code === 'number' && text === '')) return resolve({ code });
        resolve({ error: text || error.message });
      });
    });
}

/**
 * `test -x <shell>`; when the image has no `test` binary (exit 126/127), running the
 * shell itself decides: a shell that runs is a shell that exists.
 */
async function shellExists(run: RunInContainer, shell: string): Promise<Probe> {
  const t = await run(['test', '-x', shell]);
  if ('error' in t) return t;
  if (t.code === 0) return { found: true };
  if (t.code !== 126 && t.code !== 127) return { found: false };
  const s = await run([shell, '-c', 'exit 0']);
  if ('error' in s) return s;
  return s.code === 0 ? { found: true } : { found: false };
}

/**
 * Runs an interactive shell in `containerId`. The probe happens before the UI is
 * suspended, so "no shell", "not running" or "no CLI" are reported without a flash.
 */
export async function execShell(
  engine: Docker | string,
  containerId: string,
  ui: UiSuspender,
  opts: ExecShellOptions = {},
): Promise<ExecOutcome> {
  if (opts.disabled) return { ok: false, reason: 'disabled', message: opts.disabled };
  const env = opts.env ?? process.env;
  const short = truncateId(containerId);
  const cli = findOnPath(typeof engine === 'string' ? engine : 'docker', env);
  if (!cli) {
    return {
      ok: false,
      reason: 'no-cli',
      message: `exec needs the docker CLI on PATH, and it was not found; in another terminal run: docker exec -it ${short} sh`,
    };
  }
  const hostArgs = opts.host ? ['-H', opts.host] : [];
  const run = typeof engine === 'string' ? cliRunner(cli, hostArgs, containerId, env) : apiRunner(engine, containerId);
  let shell: string | null = null;
  for (const candidate of opts.shells ?? DEFAULT_SHELLS) {
    const p = await shellExists(run, candidate);
    if ('error' in p) return { ok: false, reason: 'engine', message: friendlyEngineMessage(p.error, short) };
    if (p.found) {
      shell = candidate;
      break;
    }
  }
  if (!shell) {
    const tried = (opts.shells ?? DEFAULT_SHELLS).join(', ');
    return { ok: false, reason: 'no-shell', message: `no shell in container ${short} (tried ${tried}; a distroless or scratch image?)` };
  }

  const tty = opts.tty ?? process.stdin.isTTY === true;
  const args = [...hostArgs, 'exec', tty ? '-it' : '-i', containerId, shell];
  // The session itself goes over the tty (stdout); the CLI's own stderr carries only its
  // and the daemon's errors, which are captured so they can be shown once the UI is back.
  const options: SpawnSyncOptions = { stdio: ['inherit', 'inherit', 'pipe'], env };
  let r: SpawnSyncReturns<Buffer>;
  ui.suspend();
  try {
    r = (opts.run ?? spawnSync)(cli, args, options) as SpawnSyncReturns<Buffer>;
  } catch (err) {
    return { ok: false, reason: 'spawn', message: sanitize(String((err as Error).message ?? err)) };
  } finally {
    ui.resume();
  }
  if (r.error) return { ok: false, reason: 'spawn', message: sanitize(r.error.message) };
  const stderr = sanitize((r.stderr?.toString('utf8') ?? '').trim().split('\n')[0] ?? '');
  if (r.status !== 0 && stderr) return { ok: false, reason: 'engine', message: stderr };
  return { ok: true, shell, exitCode: r.status };
}

/**
 * The engine's words for people: no "Error response from daemon:" prefix, 64-character IDs cut to
 * the 12 the table shows, and "not running" (a created or exited container) said with what to do.
 */
export function friendlyEngineMessage(text: string, short: string): string {
  const t = text.replace(/^Error response from daemon:\s*/i, '').replace(/\b[0-9a-f]{64}\b/g, (id) => id.slice(0, 12));
  if (/is not running/i.test(t)) return `container ${short} is not running: start it first, then exec`;
  return t;
}

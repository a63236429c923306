// Helpers for tests against a real Docker engine (started by scripts/engine-up.sh).
// Containers always run with --network none (no traffic leaves this machine),
// a `ctop-test-` name and the label ctop-test=1, so cleanup can find them.
import { execFile, execFileSync } from 'node:child_process';
import type { TestContext } from 'node:test';
import { describeRequiring, exitOnTerminationSignals, requireOrSkip } from './requirement.js';

export const TEST_IMAGE = process.env.CTOP_TEST_IMAGE ?? 'ctop-test/busybox:latest';
export const TEST_LABEL = 'ctop-test=1';
export const TEST_NAME_PREFIX = 'ctop-test-';

export interface DockerResult {
  stdout: string;
  stderr: string;
  /** Exit code; 127 when the docker CLI is missing, -1 when killed by the timeout. */
  code: number;
}

/** Runs the docker CLI; never rejects, so callers decide what a failure means. */
export function docker(args: string[], opts: { timeoutMs?: number } = {}): Promise<DockerResult> {
  return new Promise((resolve) => {
    execFile(
      'docker',
      args,
      { timeout: opts.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (!error) return resolve({ stdout, stderr, code: 0 });
        const err = error as NodeJS.ErrnoException & { code?: unknown; killed?: boolean };
        if (err.code === 'ENOENT') return resolve({ stdout, stderr: 'docker CLI not found on PATH', code: 127 });
        const code = typeof err.code === 'number' ? err.code : err.killed ? -1 : 1;
        resolve({ stdout, stderr: stderr || err.message, code });
      },
    );
  });
}

async function dockerOrThrow(args: string[], opts?: { timeoutMs?: number }): Promise<string> {
  const r = await docker(args, opts);
  if (r.code !== 0) throw new Error(`docker ${args.join(' ')} failed (${r.code}): ${r.stderr.trim()}`);
  return r.stdout;
}

/** Where the CLI will look, for messages only. */
export function engineAddress(): string {
  return process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
}

let reachable: Promise<boolean> | undefined;

/** True when `docker info` answers; probed once per process. */
export function engineAvailable(): Promise<boolean> {
  reachable ??= docker(['info', '--format', '{{.ServerVersion}}'], { timeoutMs: 15_000 }).then(
    (r) => r.code === 0 && r.stdout.trim() !== '',
  );
  return reachable;
}

/** Null when engine and test image are usable, else why not (with the fix). */
export async function engineMissingReason(): Promise<string | null> {
  if (!(await engineAvailable())) {
    return `no Docker engine reachable at ${engineAddress()}: start one with scripts/engine-up.sh`;
  }
  const image = await docker(['image', 'inspect', '--format', '{{.Id}}', TEST_IMAGE]);
  if (image.code !== 0) return `test image ${TEST_IMAGE} is missing: build it with scripts/engine-up.sh`;
  return null;
}

/** In a test: `if (!(await requireEngine(t))) return;` — skips locally, fails under CI=true. */
export function requireEngine(t: TestContext): Promise<boolean> {
  return requireOrSkip(t, engineMissingReason);
}

/** A describe() that runs its body only when an engine and the test image are there. */
export function describeEngine(name: string, fn: () => void | Promise<void>): void {
  describeRequiring(name, engineMissingReason, fn);
}

export interface RunContainerOptions {
  /** Readable part of the name; the `ctop-test-` prefix and a unique suffix are added. */
  name?: string;
  /** Extra `docker run` flags, placed before the image. */
  args?: string[];
  /** A string runs through `sh -c`; an array is the exact argv. */
  cmd: string | string[];
  labels?: Record<string, string>;
  cpus?: number | string;
  memory?: number | string;
  shmSize?: number | string;
  image?: string;
}

let sequence = 0;

/** A unique container name: ctop-test-<base>-<pid>-<n>. A name already prefixed is kept. */
export function testContainerName(base = 'c'): string {
  if (base.startsWith(TEST_NAME_PREFIX)) return base;
  const safe = base.replace(/[^a-zA-Z0-9_.-]/g, '-');
  sequence += 1;
  return `${TEST_NAME_PREFIX}${safe}-${process.pid}-${sequence}`;
}

// Ids this process started and has not removed yet, for the exit safety net.
const started = new Set<string>();

/** Starts a detached busybox container and returns its full id. */
export async function runContainer(opts: RunContainerOptions): Promise<string> {
  const extra = opts.args ?? [];
  if (extra.some((a) => a === '--network' || a === '--net' || a.startsWith('--network=') || a.startsWith('--net='))) {
    throw new Error('test containers always run with --network none; do not pass --network');
  }
  const args = ['run', '-d', '--network', 'none', '--name', testContainerName(opts.name), '--label', TEST_LABEL];
  for (const [key, value] of Object.entries(opts.labels ?? {})) args.push('--label', `${key}=${value}`);
  if (opts.cpus !== undefined) args.push('--cpus', String(opts.cpus));
  if (opts.memory !== undefined) args.push('--memory', String(opts.memory));
  if (opts.shmSize !== undefined) args.push('--shm-size', String(opts.shmSize));
  args.push(...extra, opts.image ?? TEST_IMAGE);
  args.push(...(typeof opts.cmd === 'string' ? ['sh', '-c', opts.cmd] : opts.cmd));
  exitOnTerminationSignals();
  const id = (await dockerOrThrow(args)).trim();
  started.add(id);
  return id;
}

/** Force-removes containers (and their anonymous volumes); unknown ids are ignored. */
export async function removeContainers(ids: Iterable<string>): Promise<void> {
  const list = [...ids].filter(Boolean);
  if (list.length === 0) return;
  const r = await docker(['rm', '-f', '-v', ...list]);
  // "No such container" for some ids is fine: removal is the goal.
  if (r.code !== 0 && !/No such container/i.test(r.stderr)) {
    throw new Error(`docker rm failed (${r.code}): ${r.stderr.trim()}`);
  }
  for (const id of list) started.delete(id);
}

/** Removes every container labelled ctop-test=1, including other runs' leftovers. */
export async function removeAllTestContainers(): Promise<void> {
  const r = await docker(['ps', '-aq', '--no-trunc', '--filter', `label=${TEST_LABEL}`]);
  if (r.code !== 0) return;
  await removeContainers(r.stdout.split('\n').map((s) => s.trim()));
}

/** `docker inspect` of one container, parsed. */
export async function inspectContainer(id: string): Promise<Record<string, any>> {
  const out = await dockerOrThrow(['inspect', '--type', 'container', id]);
  return (JSON.parse(out) as Record<string, any>[])[0];
}

export interface WaitForOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Said in the timeout error, e.g. "container to report CPU > 50%". */
  message?: string;
}

/**
 * Polls until the predicate returns a truthy value and resolves with it.
 * Use this instead of fixed sleeps; a throwing predicate counts as "not yet".
 */
export async function waitFor<T>(
  predicate: () => T | Promise<T>,
  { timeoutMs = 10_000, intervalMs = 100, message }: WaitForOptions = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await predicate();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const why = lastError instanceof Error ? `; last error: ${lastError.message}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${message ?? 'condition'}${why}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

// Safety net: a test file that crashes or forgets cleanup must not leave
// busy containers burning CPU for the next test's measurements.
process.on('exit', () => {
  if (started.size === 0) return;
  try {
    execFileSync('docker', ['rm', '-f', '-v', ...started], { stdio: 'ignore', timeout: 30_000 });
  } catch {
    // Best effort while exiting; removeAllTestContainers() catches the rest.
  }
});

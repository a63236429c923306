// execShell with a fake CLI on PATH and a fake engine: the order of suspend / run /
// resume, the shell probe, and the messages for a missing CLI, shell or engine error.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { SpawnSyncReturns } from 'node:child_process';
import type Docker from 'dockerode';
import { EXEC_READ_ONLY_REASON, execShell, findOnPath } from '../../../src/commands/docker/exec.js';

const dir = mkdtempSync(join(tmpdir(), 'ctop-exec-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, body: string): string {
  const p = join(dir, name);
  writeFileSync(p, `#!/bin/sh\n${body}\n`);
  chmodSync(p, 0o755);
  return p;
}

// A `docker` that has /bin/sh but no /bin/bash, and logs its arguments.
const fakeCli = script('docker', `echo "$@" >> ${join(dir, 'args.log')}\ncase "$*" in *"test -x /bin/sh") exit 0;; *"test -x"*) exit 1;; esac\nexit 0`);
const env = { PATH: dir };

/** A dockerode whose exec reports `exitCodes[cmd joined]` (default 1), or throws `error`. */
function fakeEngine(exitCodes: Record<string, number>, error?: Error): Docker {
  return {
    getContainer: () => ({
      exec: async ({ Cmd }: { Cmd: string[] }) => {
        if (error) throw error;
        return {
          start: async () => {
            const s = new PassThrough();
            setImmediate(() => s.end());
            return s;
          },
          inspect: async () => ({ ExitCode: exitCodes[Cmd.join(' ')] ?? 1 }),
        };
      },
    }),
  } as unknown as Docker;
}

function recorder() {
  const log: string[] = [];
  const ui = { suspend: () => log.push('suspend'), resume: () => log.push('resume') };
  const run = (cli: string, args: string[]) => {
    log.push(`run ${args.join(' ')}`);
    return { status: 0, stderr: Buffer.from(''), pid: 1, output: [], stdout: Buffer.from(''), signal: null } as SpawnSyncReturns<Buffer>;
  };
  return { log, ui, run };
}

describe('execShell', () => {
  it('probes the shells in order, suspends, runs docker exec -it, resumes', async () => {
    const { log, ui, run } = recorder();
    const r = await execShell(fakeEngine({ 'test -x /bin/sh': 0 }), 'abc', ui, { env, run, tty: true });
    assert.deepEqual(r, { ok: true, shell: '/bin/sh', exitCode: 0 });
    assert.deepEqual(log, ['suspend', 'run exec -it abc /bin/sh', 'resume']);
  });

  it('prefers bash, and passes the app\'s -H', async () => {
    const { log, ui, run } = recorder();
    await execShell(fakeEngine({ 'test -x /bin/bash': 0 }), 'abc', ui, { env, run, tty: true, host: 'tcp://h:2375' });
    assert.equal(log[1], 'run -H tcp://h:2375 exec -it abc /bin/bash');
  });

  it('an image without `test` is probed by running the shell', async () => {
    const { ui, run } = recorder();
    const r = await execShell(fakeEngine({ 'test -x /bin/bash': 127, '/bin/bash -c exit 0': 127, 'test -x /bin/sh': 127, '/bin/sh -c exit 0': 0 }), 'abc', ui, { env, run });
    assert.deepEqual(r.ok && r.shell, '/bin/sh');
  });

  it('--read-only: refused before anything runs', async () => {
    const { log, ui, run } = recorder();
    const calls: string[] = [];
    const engine = { getContainer: () => calls.push('engine') } as unknown as Docker;
    const r = await execShell(engine, 'abc', ui, { env, run, disabled: EXEC_READ_ONLY_REASON });
    assert.deepEqual(r, { ok: false, reason: 'disabled', message: EXEC_READ_ONLY_REASON });
    assert.deepEqual([...log, ...calls], []);
  });

  it('no shell: a clear message, and the UI is never suspended', async () => {
    const { log, ui, run } = recorder();
    const r = await execShell(fakeEngine({}), 'abcdef0123456789', ui, { env, run });
    assert.deepEqual(r, { ok: false, reason: 'no-shell', message: 'no shell in container abcdef012345 (tried /bin/bash, /bin/sh; a distroless or scratch image?)' });
    assert.deepEqual(log, []);
  });

  it('an engine error (not running) comes back, said plainly, before suspending', async () => {
    const { log, ui, run } = recorder();
    const err = Object.assign(new Error('x'), { statusCode: 409, json: { message: 'Container abc is not running' } });
    const r = await execShell(fakeEngine({}, err), 'abc', ui, { env, run });
    assert.deepEqual(r, { ok: false, reason: 'engine', message: 'container abc is not running: start it first, then exec' });
    assert.deepEqual(log, []);
  });

  it('no docker CLI on PATH: says so and what to run instead', async () => {
    const { log, ui, run } = recorder();
    const r = await execShell(fakeEngine({ 'test -x /bin/sh': 0 }), 'abc', ui, { env: { PATH: join(dir, 'nowhere') }, run });
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.reason, 'no-cli');
    assert.match(!r.ok ? r.message : '', /docker CLI on PATH.*docker exec -it abc sh/);
    assert.deepEqual(log, []);
  });

  it('resumes the UI even when the run throws', async () => {
    const { log, ui } = recorder();
    const r = await execShell(fakeEngine({ 'test -x /bin/sh': 0 }), 'abc', ui, {
      env,
      run: () => {
        throw new Error('spawn failed');
      },
    });
    assert.deepEqual(log, ['suspend', 'resume']);
    assert.deepEqual(r, { ok: false, reason: 'spawn', message: 'spawn failed' });
  });

  it('a daemon error printed by the CLI is returned once the UI is back', async () => {
    const { ui } = recorder();
    const run = () => ({ status: 1, stderr: Buffer.from('Error response from daemon: Container abc is paused\n') }) as SpawnSyncReturns<Buffer>;
    const r = await execShell(fakeEngine({ 'test -x /bin/sh': 0 }), 'abc', ui, { env, run });
    assert.deepEqual(r, { ok: false, reason: 'engine', message: 'Error response from daemon: Container abc is paused' });
  });

  it('a shell that exits non-zero by itself is not an error', async () => {
    const { ui } = recorder();
    const run = () => ({ status: 3, stderr: Buffer.from('') }) as SpawnSyncReturns<Buffer>;
    assert.deepEqual(await execShell(fakeEngine({ 'test -x /bin/sh': 0 }), 'abc', ui, { env, run }), { ok: true, shell: '/bin/sh', exitCode: 3 });
  });

  it('with a CLI path instead of an engine, probes through the CLI', async () => {
    const { log, ui, run } = recorder();
    const r = await execShell(fakeCli, 'abc', ui, { env, run, tty: false });
    assert.deepEqual(r, { ok: true, shell: '/bin/sh', exitCode: 0 });
    assert.equal(log[1], 'run exec -i abc /bin/sh');
  });

  it('the CLI probe reports the daemon\'s error', async () => {
    const failing = script('docker-down', 'echo "Error response from daemon: Container abc is not running" >&2; exit 1');
    const { ui, run } = recorder();
    const r = await execShell(failing, 'abc', ui, { env, run });
    assert.deepEqual(r, { ok: false, reason: 'engine', message: 'container abc is not running: start it first, then exec' });
  });

  it('findOnPath', () => {
    assert.equal(findOnPath('docker', env), fakeCli);
    assert.equal(findOnPath('nope', env), null);
    assert.equal(findOnPath(fakeCli, {}), fakeCli);
  });
});

// execShell against the real engine: the shell probe (busybox has /bin/sh, no bash),
// a real `docker exec` session (fed from a pipe here; the UI feeds it the terminal), and
// the engine's refusal for a stopped container, reported before the UI is suspended.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, it } from 'node:test';
import { connect, parseEngineHost } from '../../src/sources/engine/connection.js';
import { execShell } from '../../src/commands/docker/exec.js';
import { describeEngine, docker as cli, removeContainers, runContainer, waitFor } from '../helpers/engine.js';

describeEngine('exec on the engine', () => {
  const engine = connect(parseEngineHost(undefined));
  const ids: string[] = [];
  after(() => removeContainers(ids));

  const ui = () => {
    const log: string[] = [];
    return { log, suspend: () => log.push('suspend'), resume: () => log.push('resume') };
  };

  it('finds /bin/sh in busybox and runs it, suspending and resuming the UI around it', async () => {
    const id = await runContainer({ name: 'ctop-act-exec', cmd: 'sleep 300' });
    ids.push(id);
    const u = ui();
    let output = '';
    const r = await execShell(engine, id, u, {
      tty: false,
      run: (cmd, args, options) => {
        const res = spawnSync(cmd, args, { ...options, stdio: 'pipe', input: 'echo hi-$((40+2)); exit 4\n' });
        output = res.stdout.toString();
        return res;
      },
    });
    assert.deepEqual(r, { ok: true, shell: '/bin/sh', exitCode: 4 });
    assert.equal(output.trim(), 'hi-42');
    assert.deepEqual(u.log, ['suspend', 'resume']);
  });

  it('the same through the CLI probe', async () => {
    const id = await runContainer({ name: 'ctop-act-exec-cli', cmd: 'sleep 300' });
    ids.push(id);
    const r = await execShell('docker', id, ui(), { tty: false, run: (c, a, o) => spawnSync(c, a, { ...o, stdio: 'pipe', input: 'exit 0\n' }) });
    assert.deepEqual(r, { ok: true, shell: '/bin/sh', exitCode: 0 });
  });

  it('a stopped container: the engine says why, and the UI never moves', async () => {
    const id = await runContainer({ name: 'ctop-act-exec-stopped', cmd: 'true' });
    ids.push(id);
    await waitFor(async () => (await cli(['inspect', '-f', '{{.State.Status}}', id])).stdout.trim() === 'exited');
    const u = ui();
    const r = await execShell(engine, id, u);
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.reason, 'engine');
    assert.match(!r.ok ? r.message : '', /is not running/);
    assert.deepEqual(u.log, []);
  });

  it('no shell at all: a clear message', async () => {
    const id = await runContainer({ name: 'ctop-act-exec-noshell', cmd: 'sleep 300' });
    ids.push(id);
    const r = await execShell(engine, id, ui(), { shells: ['/bin/zsh', '/usr/bin/fish'] });
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.reason, 'no-shell');
    assert.match(!r.ok ? r.message : '', /no shell in container [0-9a-f]{12} \(tried \/bin\/zsh, \/usr\/bin\/fish/);
  });
});

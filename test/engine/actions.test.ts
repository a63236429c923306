// runAction against the real engine: each action moves the container where `docker
// inspect` says it should be, and failures carry the engine's own words, the same the
// docker CLI prints after "Error response from daemon: ".
import assert from 'node:assert/strict';
import { after, it } from 'node:test';
import { buildRequest, type TargetStatus } from '../../src/core/model/actions.js';
import { runAction, runActionRequest } from '../../src/commands/docker/container-actions.js';
import { connect, parseEngineHost } from '../../src/sources/engine/connection.js';
import { describeEngine, docker as cli, inspectContainer, removeContainers, runContainer, waitFor } from '../helpers/engine.js';

// Exits at once on SIGTERM, so stop/restart do not sit out the 10 s grace period.
const POLITE = "trap 'exit 0' TERM; while true; do sleep 0.1; done";

describeEngine('container actions on the engine', () => {
  const engine = connect(parseEngineHost(undefined));
  const ids: string[] = [];
  after(() => removeContainers(ids));

  const start = async (name: string, cmd = POLITE) => {
    const id = await runContainer({ name: `ctop-act-${name}`, cmd });
    ids.push(id);
    await waitFor(async () => (await inspectContainer(id)).State.Running, { message: `${name} to run` });
    return id;
  };
  const status = async (id: string) => (await inspectContainer(id)).State.Status as string;
  /** What the docker CLI says for the same failure, without its prefix. */
  const cliError = async (args: string[]) => (await cli(args)).stderr.trim().replace(/^Error response from daemon: /, '').split('\n')[0];

  it('stop, then start, then restart', async () => {
    const id = await start('lifecycle');
    assert.deepEqual(await runAction(engine, id, 'stop'), { ok: true });
    assert.equal(await status(id), 'exited');
    assert.deepEqual(await runAction(engine, id, 'stop'), { ok: true }, 'stopping a stopped container is fine, as for the CLI');
    assert.deepEqual(await runAction(engine, id, 'start'), { ok: true });
    assert.equal(await status(id), 'running');
    const before = (await inspectContainer(id)).State.StartedAt;
    assert.deepEqual(await runAction(engine, id, 'restart'), { ok: true });
    const after = await inspectContainer(id);
    assert.equal(after.State.Status, 'running');
    assert.notEqual(after.State.StartedAt, before);
  });

  it('pause and unpause', async () => {
    const id = await start('pause');
    assert.deepEqual(await runAction(engine, id, 'pause'), { ok: true });
    assert.equal(await status(id), 'paused');
    assert.deepEqual(await runAction(engine, id, 'unpause'), { ok: true });
    assert.equal(await status(id), 'running');
  });

  it('kill with SIGKILL exits 137', async () => {
    const id = await start('kill');
    assert.deepEqual(await runAction(engine, id, 'kill', { signal: 'SIGKILL' }), { ok: true });
    const s = await waitFor(async () => {
      const c = await inspectContainer(id);
      return c.State.Status === 'exited' ? c.State : undefined;
    });
    assert.equal(s.ExitCode, 137);
  });

  it('kill sends the chosen signal', async () => {
    const id = await start('hup', "trap 'exit 3' HUP; while true; do sleep 0.1; done");
    assert.deepEqual(await runAction(engine, id, 'kill', { signal: 'SIGHUP' }), { ok: true });
    const s = await waitFor(async () => {
      const c = await inspectContainer(id);
      return c.State.Status === 'exited' ? c.State : undefined;
    });
    assert.equal(s.ExitCode, 3);
  });

  it('remove is refused while running, with the engine message; force removes', async () => {
    const id = await start('remove');
    const r = await runAction(engine, id, 'remove');
    assert.equal(r.ok, false);
    const msg = !r.ok ? r.error : '';
    assert.match(msg, /running container/i);
    assert.equal(msg, await cliError(['rm', id]));
    assert.equal(await status(id), 'running');
    assert.deepEqual(await runAction(engine, id, 'remove', { force: true }), { ok: true });
    assert.notEqual((await cli(['inspect', id])).code, 0);
  });

  it('errors come back verbatim: starting a removed container, pausing a stopped one', async () => {
    const id = await start('gone');
    await runAction(engine, id, 'remove', { force: true });
    const r = await runAction(engine, id, 'start');
    assert.deepEqual(r, { ok: false, error: await cliError(['start', id]) });
    assert.match(!r.ok ? r.error : '', /No such container/);

    const stopped = await start('stopped');
    await runAction(engine, stopped, 'stop');
    const p = await runAction(engine, stopped, 'pause');
    assert.equal(p.ok, false);
    assert.equal(!p.ok && p.error, await cliError(['pause', stopped]));
  });

  it('a marked set: one request, a result per container', async () => {
    const a = await start('set-a');
    const b = await start('set-b');
    const targets = [
      { id: a, name: 'a', state: 'running' as const },
      { id: b, name: 'b', state: 'running' as const },
      { id: 'ctop-act-does-not-exist', name: 'ghost', state: 'running' as const },
    ];
    const seen: TargetStatus[][] = [[], [], []];
    const results = await runActionRequest(engine, buildRequest('pause', targets), (i, s) => seen[i].push(s));
    assert.deepEqual(results.slice(0, 2), [{ state: 'ok' }, { state: 'ok' }]);
    assert.equal(results[2].state, 'error');
    assert.match(results[2].state === 'error' ? results[2].error : '', /No such container: ctop-act-does-not-exist/);
    assert.deepEqual(seen.map((s) => s[0].state), ['running', 'running', 'running']);
    assert.equal(await status(a), 'paused');
    assert.equal(await status(b), 'paused');
  });
});

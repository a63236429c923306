// A Prometheus row's commands go to the configured engine that knows the container's id
// (inspect on each engine in turn, a failure means "not here"), else the read-only refusal.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CommandRefused, refusingCommands, type CommandTarget, type EngineCommands } from '../../src/commands/engine-commands.js';
import { containerIdFor, routedCommands } from '../../src/commands/routed-commands.js';
import type { ContainerDetails } from '../../src/core/model/container-details.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

/** A fake engine owning some container ids; records every call it gets. */
function fakeEngine(name: string, owns: string[]) {
  const calls: string[] = [];
  const commands: EngineCommands = {
    unavailable: null,
    inspect: async (t: CommandTarget) => {
      calls.push(`inspect ${t.engineId}@${t.host}`);
      if (!owns.includes(t.engineId!)) throw new CommandRefused('container no longer exists');
      return { id: t.engineId, engine: name } as unknown as ContainerDetails;
    },
    runAction: async (t, action) => (calls.push(`${action} ${t.engineId}`), { ok: true }),
    followLogs: (t, o) => {
      calls.push(`logs ${t.engineId}`);
      o.onLines([{ stream: 'stdout', time: null, text: `hello from ${name}` }]);
      return { close: () => calls.push('close'), done: Promise.resolve() };
    },
    exec: async (t) => (calls.push(`exec ${t.engineId}`), { ok: true, shell: 'sh', exitCode: 0 }),
  };
  return { name, commands, calls };
}

const refuse = refusingCommands('prometheus (a read-only source)');
// What a Prometheus row keeps: cAdvisor's cgroup path as the engine id, under the scrape target.
const row = (cid: string): CommandTarget => ({ id: `node1:8080/${cid}`, engineId: cid, host: 'node1:8080', name: 'web' });

describe('routed commands for Prometheus rows', () => {
  it('reads the docker id out of cAdvisor and ctop-ts serve ids', () => {
    assert.equal(containerIdFor(row(`/system.slice/docker-${A}.scope`)), A);
    assert.equal(containerIdFor(row(`/docker/${A}`)), A);
    assert.equal(containerIdFor(row(A)), A);
    assert.equal(containerIdFor({ id: `host/${B}` }), B);
  });

  it('inspect, actions, exec and logs go to the engine that owns the id', async () => {
    const one = fakeEngine('one', [A]);
    const two = fakeEngine('two', [B]);
    const c = routedCommands(refuse, [one, two]);
    assert.equal(c.unavailable, null);
    const d = (await c.inspect(row(`/system.slice/docker-${B}.scope`))) as unknown as { engine: string };
    assert.equal(d.engine, 'two');
    assert.deepEqual(one.calls, [`inspect ${B}@one`]);
    assert.deepEqual(two.calls, [`inspect ${B}@two`]);
    assert.deepEqual(await c.runAction(row(B), 'stop'), { ok: true });
    assert.deepEqual(await c.exec(row(B), { suspend() {}, resume() {} }), { ok: true, shell: 'sh', exitCode: 0 });
    const lines: string[] = [];
    const f = c.followLogs(row(B), { onLines: (l) => lines.push(...l.map((x) => x.text)) });
    await f.done;
    assert.deepEqual(lines, ['hello from two']);
    // The owner is remembered: engine one is not asked again.
    assert.deepEqual(one.calls, [`inspect ${B}@one`]);
    assert.deepEqual(two.calls, [`inspect ${B}@two`, `stop ${B}`, `exec ${B}`, `logs ${B}`]);
  });

  it('no engine knows the id: the read-only refusal, word for word', async () => {
    const one = fakeEngine('one', [A]);
    const c = routedCommands(refuse, [one]);
    await assert.rejects(c.inspect(row(B)), (e: unknown) => e instanceof CommandRefused && e.message === 'prometheus (a read-only source): no engine to act on');
    assert.deepEqual(await c.runAction(row(B), 'restart'), { ok: false, error: 'prometheus (a read-only source): no engine to act on' });
    const r = await c.exec(row(B), { suspend() {}, resume() {} });
    assert.equal(r.ok, false);
    const lines: string[] = [];
    await c.followLogs(row(B), { onLines: (l) => lines.push(...l.map((x) => x.text)) }).done;
    assert.deepEqual(lines, ['— prometheus (a read-only source): no engine to act on —']);
  });

  it('exec disabled (--read-only) is refused before any engine is asked', async () => {
    const one = fakeEngine('one', [A]);
    const r = await routedCommands(refuse, [one]).exec(row(A), { suspend() {}, resume() {} }, { disabled: 'read-only' });
    assert.deepEqual(r, { ok: false, reason: 'disabled', message: 'read-only' });
    assert.deepEqual(one.calls, []);
  });

  it('closing logs before the owner is found opens no stream', async () => {
    const one = fakeEngine('one', [A]);
    const f = routedCommands(refuse, [one]).followLogs(row(A), { onLines: () => undefined });
    f.close();
    await f.done;
    assert.deepEqual(one.calls, [`inspect ${A}@one`]);
  });
});

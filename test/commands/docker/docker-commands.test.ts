// EngineCommands on a Docker engine: calls go to the engine's own id (a fleet key carries it in
// engineId), and a failed inspect becomes one screen-ready line.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type Docker from 'dockerode';
import { dockerCommands } from '../../../src/commands/docker/docker-commands.js';
import { CommandRefused } from '../../../src/commands/engine-commands.js';

function fakeDocker(calls: string[]): Docker {
  return {
    getContainer: (id: string) => ({
      inspect: async () => {
        calls.push(`inspect ${id}`);
        if (id === 'gone') throw Object.assign(new Error('no such container'), { statusCode: 404 });
        return { Id: id, Name: '/web', State: { Status: 'running' }, Config: { Labels: {} } };
      },
      stop: async () => void calls.push(`stop ${id}`),
    }),
  } as unknown as Docker;
}

describe('dockerCommands', () => {
  it('is available, and acts on the engine id, not a fleet key', async () => {
    const calls: string[] = [];
    const c = dockerCommands(fakeDocker(calls));
    assert.equal(c.unavailable, null);
    assert.deepEqual(await c.runAction({ id: 'edge/abc', host: 'edge', engineId: 'abc' }, 'stop'), { ok: true });
    assert.equal((await c.inspect({ id: 'abc' })).name, 'web');
    assert.deepEqual(calls, ['stop abc', 'inspect abc']);
  });

  it('a failed inspect is a CommandRefused with the engine\'s words', async () => {
    const c = dockerCommands(fakeDocker([]));
    await assert.rejects(c.inspect({ id: 'gone' }), (err: unknown) => err instanceof CommandRefused && err.message === 'container no longer exists');
  });
});

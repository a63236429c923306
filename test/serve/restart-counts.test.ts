import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ContainerInfo, EngineEvent } from '../../src/core/model/types.js';
import { RestartCounts } from '../../src/serve/restart-counts.js';
import type { Session } from '../../src/sources/session.js';

const info = (state: ContainerInfo['state'] = 'running'): ContainerInfo => ({ id: 'c1', name: 'web', image: 'i', labels: {}, state, status: '', health: null, created: 0, networkMode: 'none' });
const tick = () => new Promise((r) => setTimeout(r, 5));

function fake(unavailable: string | null = null) {
  const asked: string[] = [];
  let count = 0;
  let listener: ((e: EngineEvent) => void) | null = null;
  const session = {
    onEvent: (l: (e: EngineEvent) => void) => ((listener = l), () => (listener = null)),
    commands: {
      unavailable,
      inspect: async (t: { id: string }) => {
        asked.push(t.id);
        return { restartCount: ++count };
      },
      runAction: () => assert.fail('serve must never act on containers'),
    },
  } as unknown as Session;
  return { session, asked, emit: (action: string) => listener?.({ action, id: 'c1' } as EngineEvent) };
}

describe('RestartCounts', () => {
  it('asks once, answers from the cache, asks again on a state change or a start/die event', async () => {
    const f = fake();
    const r = new RestartCounts(f.session);
    assert.equal(r.get(info()), null); // not known yet: the scrape does not wait
    await tick();
    assert.equal(r.get(info()), 1);
    assert.equal(r.get(info()), 1);
    assert.equal(f.asked.length, 1);
    r.get(info('restarting'));
    await tick();
    assert.equal(r.get(info('restarting')), 2);
    f.emit('die');
    r.get(info('restarting'));
    await tick();
    assert.equal(r.get(info('restarting')), 3);
    f.emit('exec_start'); // not a lifecycle change
    r.get(info('restarting'));
    await tick();
    assert.equal(f.asked.length, 3);
    r.close();
  });
  it('replay and mock sessions are never asked', async () => {
    const f = fake('mock: no engine to act on');
    const r = new RestartCounts(f.session);
    assert.equal(r.get(info()), null);
    await tick();
    assert.equal(f.asked.length, 0);
  });
});

// lazyCommands: the implementation loads once, on first use or warm(); a log follower handed out
// before it has loaded starts its stream once it has, and one closed before then never starts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lazyCommands } from '../../src/commands/lazy-commands.js';
import { refusingCommands, type EngineCommands, type FollowLogsOptions } from '../../src/commands/engine-commands.js';

function counting(): { load: () => Promise<EngineCommands>; loads: () => number; follows: string[] } {
  let n = 0;
  const follows: string[] = [];
  const inner: EngineCommands = {
    ...refusingCommands('test'),
    unavailable: null,
    runAction: async () => ({ ok: true }),
    followLogs: (t, o: FollowLogsOptions) => {
      follows.push(t.id);
      o.onLines([{ stream: 'stdout', time: null, text: `hello ${t.id}` }]);
      return { close: () => undefined, done: Promise.resolve() };
    },
  };
  return { load: async () => (n++, inner), loads: () => n, follows };
}

describe('lazyCommands', () => {
  it('loads nothing until asked, then once', async () => {
    const c = counting();
    const lazy = lazyCommands(c.load);
    assert.equal(c.loads(), 0);
    assert.deepEqual(await lazy.runAction({ id: 'a' }, 'stop'), { ok: true });
    await lazy.warm();
    await lazy.runAction({ id: 'b' }, 'start');
    assert.equal(c.loads(), 1);
  });

  it('a follower starts once loaded; one closed first never starts', async () => {
    const c = counting();
    const lazy = lazyCommands(c.load);
    const lines: string[] = [];
    const open = lazy.followLogs({ id: 'x' }, { onLines: (l) => lines.push(...l.map((x) => x.text)) });
    const closed = lazy.followLogs({ id: 'y' }, { onLines: () => assert.fail('a closed follower received lines') });
    closed.close();
    await Promise.all([open.done, closed.done]);
    assert.deepEqual(c.follows, ['x']);
    assert.deepEqual(lines, ['hello x']);
  });

  it('a failed load reaches the follower as an error status and the callers as a rejection', async () => {
    const lazy = lazyCommands(() => Promise.reject(new Error('no dockerode')));
    const statuses: string[] = [];
    const f = lazy.followLogs({ id: 'x' }, { onLines: () => undefined, onStatus: (s) => statuses.push(s.state === 'error' ? `error: ${s.message}` : s.state) });
    await f.done;
    assert.deepEqual(statuses, ['error: no dockerode']);
    await assert.rejects(lazy.inspect({ id: 'x' }), /no dockerode/);
    await lazy.warm(); // never rejects
  });
});

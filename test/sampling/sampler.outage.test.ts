// The sampler while an engine is down (issue 11): rows keep their last numbers, marked stale, and
// nothing is read; the source forgets containers that vanish mid-read (the header count shrinks).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from '../../src/core/history/store.js';
import type { ContainerInfo, EngineStatus, RawSample } from '../../src/core/model/types.js';
import { Sampler } from '../../src/sampling/sampler.js';
import type { Session } from '../../src/sources/session.js';
import { refusingCommands } from '../../src/commands/engine-commands.js';

const info = (id: string, host?: string): ContainerInfo => ({
  id, name: id, image: 'img', labels: {}, state: 'running', status: '', health: null, created: 0, networkMode: 'none', ...(host && { host }),
});

function raw(id: string, t: number): RawSample {
  return {
    id, source: 'cgroup', timestamp: t, cpuTotalNs: t * 1e6, systemCpuNs: t * 4e6, onlineCpus: 2,
    memUsage: 100 + t, memTotalInactiveFile: null, memInactiveFile: 0, memLimit: 10_000,
    netRxBytes: 0, netTxBytes: 0, blkReadBytes: 0, blkWriteBytes: 0, pids: 1, pidsLimit: null,
    cpuLimitCores: null, throttlePeriods: null, throttledPeriods: null, throttledTimeNs: null, oomKills: null, pressure: null,
  };
}

function session(containers: () => ContainerInfo[], engines: () => EngineStatus[] | undefined, answer: (id: string, tick: number) => RawSample | null) {
  let tick = 0;
  const asked: string[] = [];
  const forgotten: string[] = [];
  const s: Session = {
    host: null,
    commands: refusingCommands('mock'),
    source: {
      kind: 'cgroup',
      sample: async (c) => {
        asked.push(c.id);
        return answer(c.id, tick);
      },
      forget: (id) => forgotten.push(id),
    },
    containers,
    sourceLabel: () => 'cgroup',
    beginTick: () => void tick++,
    onEvent: () => () => undefined,
    engines,
  };
  return { s, asked, forgotten };
}

const up: EngineStatus = { name: 'local', state: 'up', reason: null, since: 0, sourceLabel: 'cgroup' };
const down: EngineStatus = { name: 'local', state: 'down', reason: 'connection refused', since: 5000, sourceLabel: 'cgroup' };

describe('Sampler with an engine down', () => {
  it('keeps every row with its last numbers, marked stale, and reads nothing', async () => {
    let engines = [up];
    const { s, asked } = session(() => [info('a'), info('b')], () => engines, (id, t) => raw(id, t * 1000));
    const store = new Store();
    const sampler = new Sampler({ session: s, store, intervalMs: 1000 });
    await sampler.tick();
    const before = await sampler.tick();
    engines = [down];
    asked.length = 0;
    const during = await sampler.tick();
    assert.deepEqual(asked, []);
    assert.deepEqual(during.engines, [down]);
    assert.deepEqual(during.rows.map((r) => r.info.id), ['a', 'b']);
    for (const [i, r] of during.rows.entries()) {
      assert.deepEqual(r.stale, { since: 5000, reason: 'connection refused' });
      assert.deepEqual(r.stats, before.rows[i].stats);
      assert.equal(r.timestamp, before.rows[i].timestamp);
    }
    // History gets a gap, not a repeat of the last value.
    assert.equal(during.history.get('a')!.memUsage.at(-1), null);
    engines = [up];
    const after = await sampler.tick();
    assert.ok(after.rows.every((r) => !r.stale));
    assert.notEqual(after.rows[0].stats.cpuPercent, null); // delta from the pre-outage sample
  });

  it('with several engines only the down engine\'s rows are stale', async () => {
    const engines = [{ ...up, name: 'one' }, { ...down, name: 'two' }];
    const { s, asked } = session(() => [info('one/a', 'one'), info('two/b', 'two')], () => engines, (id, t) => raw(id, t * 1000));
    const snap = await new Sampler({ session: s, store: new Store(), intervalMs: 1000 }).tick();
    assert.deepEqual(asked, ['one/a']);
    assert.equal(snap.rows.find((r) => r.info.id === 'one/a')!.stale, undefined);
    assert.equal(snap.rows.find((r) => r.info.id === 'two/b')!.stale?.reason, 'connection refused');
  });
});

describe('Sampler and the source\'s per-container state', () => {
  it('forgets a container that vanished mid-read, so counts like "auto (cgroup N)" shrink', async () => {
    let list = [info('a'), info('b')];
    let gone = false;
    const { s, forgotten } = session(() => list, () => undefined, (id, t) => (id === 'b' && gone ? null : raw(id, t * 1000)));
    const sampler = new Sampler({ session: s, store: new Store(), intervalMs: 1000 });
    await sampler.tick();
    gone = true; // removed between the list and the read
    await sampler.tick();
    assert.deepEqual(forgotten, ['b']);
    list = [info('a')];
    await sampler.tick();
    assert.deepEqual(forgotten, ['b'], 'forgotten once');
  });
});

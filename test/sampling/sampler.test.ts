// The sampler's tick: which rows a tick publishes, from which samples, and what it tells the source.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from '../../src/core/history/store.js';
import type { ContainerInfo, ContainerState, RawSample } from '../../src/core/model/types.js';
import { Sampler } from '../../src/sampling/sampler.js';
import type { Session } from '../../src/sources/session.js';
import type { StatsSource } from '../../src/sources/source.js';

const info = (id: string, state: ContainerState = 'running'): ContainerInfo => ({
  id, name: id, image: 'img', labels: {}, state, status: '', health: null, created: 0, networkMode: 'none',
});

function raw(id: string, t: number, cpuNs: number, sysNs: number, net = 0): RawSample {
  return {
    id, source: 'mock', timestamp: t, cpuTotalNs: cpuNs, systemCpuNs: sysNs, onlineCpus: 2,
    memUsage: 100, memTotalInactiveFile: null, memInactiveFile: 0, memLimit: 1000,
    netRxBytes: net, netTxBytes: 0, blkReadBytes: 0, blkWriteBytes: 0, pids: 1, pidsLimit: null,
    cpuLimitCores: null, throttlePeriods: null, throttledPeriods: null, throttledTimeNs: null, oomKills: null, pressure: null,
  };
}

/** A session whose source answers from a script: a sample, null (gone), an error, or never. */
function scripted(containers: ContainerInfo[], answer: (id: string, tick: number) => RawSample | null | Error | 'hang') {
  let tick = 0;
  const forgotten: string[] = [];
  const source: StatsSource = {
    kind: 'mock',
    sample: (c) => {
      const a = answer(c.id, tick);
      if (a === 'hang') return new Promise(() => undefined);
      return a instanceof Error ? Promise.reject(a) : Promise.resolve(a);
    },
    forget: (id) => forgotten.push(id),
  };
  const session: Session = {
    host: null, source, docker: null, containers: () => containers, sourceLabel: () => 'mock',
    beginTick: () => void tick++, onEvent: () => () => undefined, close: () => undefined,
  };
  return { session, forgotten, setContainers: (c: ContainerInfo[]) => (containers = c) };
}

describe('Sampler.tick', () => {
  it('computes CPU % from the previous tick, and null on the first', async () => {
    const { session } = scripted([info('a')], (id, t) => raw(id, t * 1000, t * 5e8, t * 2e9));
    const sampler = new Sampler({ session, store: new Store(), intervalMs: 1000 });
    const first = await sampler.tick();
    assert.equal(first.rows[0].stats.cpuPercent, null);
    const second = await sampler.tick();
    assert.equal(second.rows[0].stats.cpuPercent, 50); // 0.5 s of CPU over 2 s of system time × 2 CPUs
  });

  it('stopped containers read as zeros without asking the source; restarting too, like docker', async () => {
    const asked: string[] = [];
    const { session } = scripted([info('up'), info('down', 'exited'), info('again', 'restarting')], (id, t) => {
      asked.push(id);
      return raw(id, t * 1000, 0, 0);
    });
    const snap = await new Sampler({ session, store: new Store(), intervalMs: 1000 }).tick();
    assert.deepEqual(asked, ['up']);
    const down = snap.rows.find((r) => r.info.id === 'down')!;
    assert.equal(down.stats.cpuPercent, 0);
    assert.equal(down.stats.memUsage, 0);
    assert.equal(snap.rows.find((r) => r.info.id === 'again')!.stats.pids, 0);
  });

  it('drops a container that vanished (null), shows -- for one that failed, and says why', async () => {
    const errors: string[] = [];
    const { session } = scripted([info('gone'), info('broken'), info('fine')], (id, t) =>
      id === 'gone' ? null : id === 'broken' ? new Error('EACCES') : raw(id, t * 1000, 0, 0),
    );
    const snap = await new Sampler({ session, store: new Store(), intervalMs: 1000, onError: (e, c) => errors.push(`${c.id}: ${(e as Error).message}`) }).tick();
    assert.deepEqual(snap.rows.map((r) => r.info.id), ['broken', 'fine']);
    assert.equal(snap.rows[0].stats.memUsage, null);
    assert.equal(snap.rows[0].source, null);
    assert.deepEqual(errors, ['broken: EACCES']);
  });

  it('a read that misses the deadline shows -- and does not stall the tick', async () => {
    const { session } = scripted([info('slow'), info('fast')], (id, t) => (id === 'slow' ? 'hang' : raw(id, t * 1000, 0, 0)));
    const started = Date.now();
    const snap = await new Sampler({ session, store: new Store(), intervalMs: 300 }).tick();
    assert.ok(Date.now() - started < 1000, 'the tick ends at its deadline');
    assert.equal(snap.rows.find((r) => r.info.id === 'slow')!.stats.cpuPercent, null);
    assert.equal(snap.rows.find((r) => r.info.id === 'fast')!.source, 'mock');
  });

  it('the same record twice keeps its numbers instead of a zero-length delta', async () => {
    // Ticks 1 and 2 have records; tick 3 returns tick 2's record again (a stream that is behind).
    const { session } = scripted([info('a')], (id, t) => raw(id, Math.min(t, 2) * 1000, Math.min(t, 2) * 5e8, Math.min(t, 2) * 2e9, Math.min(t, 2) * 1000));
    const sampler = new Sampler({ session, store: new Store(), intervalMs: 1000 });
    await sampler.tick();
    const second = await sampler.tick();
    const third = await sampler.tick();
    assert.equal(second.rows[0].stats.netRxRate, 1000);
    assert.deepEqual(third.rows[0].stats, second.rows[0].stats);
  });

  it('tells the source to forget containers that stopped or disappeared', async () => {
    const s = scripted([info('a'), info('b')], (id, t) => raw(id, t * 1000, 0, 0));
    const sampler = new Sampler({ session: s.session, store: new Store(), intervalMs: 1000 });
    await sampler.tick();
    s.setContainers([info('a', 'exited')]);
    await sampler.tick();
    assert.deepEqual(s.forgotten.sort(), ['a', 'b']);
  });
});

describe('Sampler.start/stop (paused while a shell from x has the terminal)', () => {
  it('stop then start while a tick is in flight: one loop afterwards, ticks never overlap', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    let calls = 0;
    let release: (() => void) | null = null;
    const { session } = scripted([info('a')], (id, t) => raw(id, t * 1000, 0, 0));
    const slow = session.source.sample;
    session.source.sample = async (c, signal) => {
      calls++;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      if (calls === 1) await new Promise<void>((r) => (release = r)); // the first tick hangs until released
      inFlight--;
      return slow(c, signal);
    };
    const sampler = new Sampler({ session, store: new Store(), intervalMs: 5 });
    sampler.start();
    while (!release) await new Promise((r) => setImmediate(r));
    sampler.stop();
    sampler.start(); // resumed before the old tick came back
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(calls, 1, 'the new loop waits for the tick in flight');
    (release as unknown as () => void)();
    const deadline = Date.now() + 2000;
    while (calls < 6 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    sampler.stop();
    assert.ok(calls >= 6, `ticks resumed (${calls})`);
    assert.equal(maxInFlight, 1, 'never two ticks at once');
  });
});

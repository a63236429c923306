// Sampler.firstGapMs: the second tick comes early (CPU % is a delta, so the first tick has none),
// then the full interval.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from '../../src/core/history/store.js';
import { Sampler } from '../../src/sampling/sampler.js';
import { createMockSession } from '../../src/sources/mock/mock-session.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function ticksWithin(ms: number, firstGapMs?: number): Promise<{ ticks: number; cpuKnown: boolean }> {
  const store = new Store({ historyLength: 10 });
  const sampler = new Sampler({ session: createMockSession({ seed: 3, count: 4 }), store, intervalMs: 5000, firstGapMs });
  let ticks = 0;
  store.subscribe(() => ticks++);
  sampler.start();
  await sleep(ms);
  sampler.stop();
  const running = store.getSnapshot().rows.filter((r) => r.info.state === 'running');
  return { ticks, cpuKnown: running.length > 0 && running.every((r) => r.stats.cpuPercent !== null) };
}

describe('Sampler firstGapMs', () => {
  it('takes the second tick after firstGapMs, so CPU % is known at once', async () => {
    const r = await ticksWithin(400, 50);
    assert.equal(r.ticks, 2); // the third waits the whole 5 s interval
    assert.equal(r.cpuKnown, true);
  });

  it('without it, the second tick waits the whole interval', async () => {
    const r = await ticksWithin(400);
    assert.equal(r.ticks, 1);
  });
});

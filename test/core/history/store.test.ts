// The store and its ring buffers: bounded history, immutable snapshots, one publish per tick.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { stoppedStats } from '../../../src/core/metrics/delta.js';
import { RingBuffer } from '../../../src/core/history/ring-buffer.js';
import { Store } from '../../../src/core/history/store.js';
import type { ContainerRow } from '../../../src/core/model/types.js';

function row(id: string, cpu: number, t: number): ContainerRow {
  return {
    info: { id, name: id, image: 'img', labels: {}, state: 'running', status: 'Up', health: null, created: 0, networkMode: 'none' },
    stats: { ...stoppedStats(), cpuPercent: cpu, memUsage: cpu * 10 },
    source: 'mock',
    timestamp: t,
  };
}
const tick = (store: Store, t: number, rows: ContainerRow[]) =>
  store.publishTick({ timestamp: t, rows, host: null, interval: 1000, sourceLabel: 'mock' });

describe('RingBuffer', () => {
  const cases: { capacity: number; push: number[]; want: number[] }[] = [
    { capacity: 3, push: [], want: [] },
    { capacity: 3, push: [1, 2], want: [1, 2] },
    { capacity: 3, push: [1, 2, 3], want: [1, 2, 3] },
    { capacity: 3, push: [1, 2, 3, 4, 5], want: [3, 4, 5] },
    { capacity: 1, push: [7, 8, 9], want: [9] },
  ];
  for (const c of cases) {
    it(`capacity ${c.capacity} after ${c.push.length} pushes`, () => {
      const rb = new RingBuffer<number>(c.capacity);
      c.push.forEach((x) => rb.push(x));
      assert.deepEqual(rb.toArray(), c.want);
      assert.equal(rb.length, c.want.length);
      assert.equal(rb.pushed, c.push.length);
    });
  }
  it('reads as of an earlier push count, minus what was evicted since', () => {
    const rb = new RingBuffer<number>(4);
    [1, 2, 3].forEach((x) => rb.push(x));
    const then = rb.pushed;
    [4, 5].forEach((x) => rb.push(x)); // evicts 1
    assert.deepEqual(rb.toArray(then), [2, 3]);
    assert.deepEqual(rb.toArray(), [2, 3, 4, 5]);
    assert.deepEqual(rb.toArray(0), []);
  });
  it('rejects a non-positive capacity', () => {
    assert.throws(() => new RingBuffer(0), RangeError);
  });
  it('keeps unknown values as null (NaN too), and doubles, large and negative numbers exactly', () => {
    const rb = new RingBuffer(6);
    [0.1, null, 1733400000123, -2.5, NaN, Number.MAX_SAFE_INTEGER].forEach((x) => rb.push(x));
    assert.deepEqual(rb.toArray(), [0.1, null, 1733400000123, -2.5, null, Number.MAX_SAFE_INTEGER]);
  });
});

describe('Store', () => {
  it('publishes one snapshot per tick, with rising seq, to every subscriber', () => {
    const store = new Store();
    let calls = 0;
    const off = store.subscribe(() => calls++);
    tick(store, 1000, [row('a', 1, 1000)]);
    tick(store, 2000, [row('a', 2, 2000)]);
    assert.equal(calls, 2);
    assert.equal(store.getSnapshot().seq, 2);
    off();
    tick(store, 3000, [row('a', 3, 3000)]);
    assert.equal(calls, 2, 'unsubscribed');
  });

  it('keeps at most historyLength samples per container, oldest first', () => {
    const store = new Store({ historyLength: 3 });
    for (let i = 1; i <= 5; i++) tick(store, i * 1000, [row('a', i, i * 1000)]);
    const h = store.getSnapshot().history.get('a')!;
    assert.deepEqual(h.cpuPercent, [3, 4, 5]);
    assert.deepEqual(h.timestamps, [3000, 4000, 5000]);
    assert.deepEqual(h.memUsage, [30, 40, 50]);
  });

  it("a snapshot's history does not change after later ticks, even when first read then", () => {
    const store = new Store({ historyLength: 10 });
    tick(store, 1000, [row('a', 1, 1000)]);
    const old = tick(store, 2000, [row('a', 2, 2000)]);
    tick(store, 3000, [row('a', 3, 3000)]);
    tick(store, 4000, [row('a', 4, 4000)]);
    assert.deepEqual(old.history.get('a')!.cpuPercent, [1, 2]);
    assert.deepEqual(store.getSnapshot().history.get('a')!.cpuPercent, [1, 2, 3, 4]);
  });

  it('drops the history of a container absent from a tick; a new one starts fresh', () => {
    const store = new Store();
    tick(store, 1000, [row('a', 1, 1000), row('b', 1, 1000)]);
    tick(store, 2000, [row('b', 2, 2000)]);
    assert.equal(store.getSnapshot().history.get('a'), undefined);
    tick(store, 3000, [row('a', 9, 3000), row('b', 3, 3000)]);
    assert.deepEqual(store.getSnapshot().history.get('a')!.cpuPercent, [9]);
    assert.deepEqual(store.getSnapshot().history.get('b')!.cpuPercent, [1, 2, 3]);
  });

  it('keeps the newest eventsLength events and publishes them at once', () => {
    const store = new Store({ eventsLength: 2 });
    let calls = 0;
    store.subscribe(() => calls++);
    const ev = (n: number) => ({ time: n, id: 'a', action: 'start', detail: null, name: 'a', image: null, exitCode: null, signal: null, attributes: {} });
    store.addEvents([ev(1), ev(2)]);
    store.addEvents([ev(3)]);
    store.addEvents([]);
    assert.deepEqual(store.getSnapshot().events.map((e) => e.time), [2, 3]);
    assert.equal(calls, 2);
  });
});

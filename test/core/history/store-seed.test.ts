// Store.seed: history read elsewhere (Prometheus's query_range) pre-fills a container's buffers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Store } from '../../../src/core/history/store.js';
import { stoppedStats } from '../../../src/core/metrics/delta.js';
import type { ContainerRow, History } from '../../../src/core/model/types.js';

const row = (id: string, cpu: number, t: number): ContainerRow => ({
  info: { id, name: id, image: 'i', labels: {}, state: 'running', status: 'Up', health: null, created: 0, networkMode: '' },
  stats: { ...stoppedStats(), cpuPercent: cpu },
  source: 'prometheus',
  timestamp: t,
});
const seeded = (points: (number | null)[]): History => ({
  timestamps: points.map((_, i) => 1000 * i),
  cpuPercent: points,
  memUsage: points.map(() => 7),
  netRxRate: points.map(() => null),
  netTxRate: points.map(() => null),
  blockReadRate: points.map(() => null),
  blockWriteRate: points.map(() => null),
});

describe('Store.seed', () => {
  it('the first tick after seeding shows the seeded points, then its own', () => {
    const store = new Store({ historyLength: 10 });
    store.seed('a', seeded([1, null, 3]));
    const snap = store.publishTick({ timestamp: 5000, rows: [row('a', 4, 5000), row('b', 9, 5000)], host: null, interval: 1000, sourceLabel: 'prometheus' });
    assert.deepEqual(snap.history.get('a')?.cpuPercent, [1, null, 3, 4]);
    assert.deepEqual(snap.history.get('a')?.timestamps, [0, 1000, 2000, 5000]);
    assert.deepEqual(snap.history.get('a')?.memUsage, [7, 7, 7, 0]);
    assert.deepEqual(snap.history.get('b')?.cpuPercent, [9], 'unseeded containers start empty');
  });

  it('keeps only the newest points that fit, and never overwrites history already recorded', () => {
    const store = new Store({ historyLength: 3 });
    store.seed('a', seeded([1, 2, 3, 4, 5]));
    store.publishTick({ timestamp: 9000, rows: [row('a', 6, 9000)], host: null, interval: 1000, sourceLabel: '' });
    store.seed('a', seeded([100, 100]));
    const snap = store.publishTick({ timestamp: 10000, rows: [row('a', 7, 10000)], host: null, interval: 1000, sourceLabel: '' });
    assert.deepEqual(snap.history.get('a')?.cpuPercent, [5, 6, 7]);
  });
});

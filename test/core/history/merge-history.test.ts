import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeOnGrid } from '../../../src/core/history/merge-history.js';
import type { History } from '../../../src/core/model/types.js';

const hist = (timestamps: number[], cpu: (number | null)[]): History => ({
  timestamps,
  cpuPercent: cpu,
  memUsage: cpu,
  netRxRate: cpu.map(() => null),
  netTxRate: cpu.map(() => null),
  blockReadRate: cpu.map(() => null),
  blockWriteRate: cpu.map(() => null),
});

describe('mergeOnGrid', () => {
  const long = hist([0, 30_000, 60_000, 90_000], [1, 2, 3, 4]);

  it('folds recent samples after the last point onto the grid (max per slot) and slides the window', () => {
    const recent = hist([80_000, 91_000, 100_000, 120_000, 125_000], [99, 5, 7, 6, 2]);
    const m = mergeOnGrid(long, recent);
    assert.deepEqual(m.timestamps, [60_000, 90_000, 120_000, 150_000], 'same length, slid by two slots');
    assert.deepEqual(m.cpuPercent, [3, 4, 7, 2], 'samples at or before the last grid point are already in it');
  });

  it('keeps the long history as is without recent samples', () => {
    assert.equal(mergeOnGrid(long, undefined), long);
    assert.deepEqual(mergeOnGrid(long, hist([10_000], [50])).cpuPercent, [1, 2, 3, 4]);
  });

  it('a gap in recent samples stays a gap', () => {
    const m = mergeOnGrid(long, hist([150_000], [8]));
    assert.deepEqual(m.cpuPercent, [3, 4, null, 8]);
  });
});

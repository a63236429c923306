import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  bytesAxis,
  fillGaps,
  lastKnown,
  peakOf,
  percentAxis,
  planChart,
  pointOfSample,
  rateAxis,
  resampleMax,
  rowOfValue,
  scaleMax,
} from '../../../src/ui/detail/chart-data.js';

describe('resampleMax', () => {
  test('shorter input is left-padded with nulls (newest at the right edge)', () => {
    assert.deepEqual(resampleMax([1, 2], 4), [null, null, 1, 2]);
    assert.deepEqual(resampleMax([], 3), [null, null, null]);
    assert.deepEqual(resampleMax([1, 2, 3], 0), []);
  });

  test('exact length passes through; NaN and Infinity become gaps', () => {
    assert.deepEqual(resampleMax([1, NaN, Infinity, null], 4), [1, null, null, null]);
  });

  test('longer input keeps the largest value per bucket, so a lone spike survives', () => {
    const values = new Array(600).fill(1);
    values[417] = 99;
    const out = resampleMax(values, 50);
    assert.equal(out.length, 50);
    assert.equal(out.filter((v) => v === 99).length, 1);
    assert.equal(out[pointOfSample(417, 600, 50)], 99);
  });

  test('a bucket with only gaps is a gap', () => {
    assert.deepEqual(resampleMax([1, 2, null, null, 5, 6], 3), [2, null, 6]);
  });
});

describe('pointOfSample agrees with resampleMax for every sample', () => {
  for (const [n, p] of [
    [10, 5],
    [600, 57],
    [7, 3],
    [101, 100],
    [3, 8],
  ]) {
    test(`${n} samples into ${p} points`, () => {
      for (let i = 0; i < n; i++) {
        const values = new Array(n).fill(0);
        values[i] = 1;
        const out = resampleMax(values, p);
        assert.equal(out[pointOfSample(i, n, p)], 1, `sample ${i}`);
      }
      assert.equal(pointOfSample(-1, n, p), -1);
      assert.equal(pointOfSample(n, n, p), -1);
    });
  }
});

describe('fillGaps', () => {
  test('carries the last value across gaps; leading gaps take the first value and are reported', () => {
    assert.deepEqual(fillGaps([null, null, 3, null, 5, null]), { values: [3, 3, 3, 3, 5, 5], firstKnown: 2 });
  });

  test('no data at all: zeros and firstKnown -1', () => {
    assert.deepEqual(fillGaps([null, null]), { values: [0, 0], firstKnown: -1 });
    assert.deepEqual(fillGaps([]), { values: [], firstKnown: -1 });
  });

  test('negatives clamp to 0 (rates never go below zero on a chart)', () => {
    assert.deepEqual(fillGaps([-5, 2]).values, [0, 2]);
  });
});

describe('scale', () => {
  test('the largest value, the limit, or the floor, whichever is largest', () => {
    assert.equal(scaleMax([[1, 5, null]]), 5);
    assert.equal(scaleMax([[1, 5]], 50), 50);
    assert.equal(scaleMax([[1, 5], [null, 9]], 2), 9);
    assert.equal(scaleMax([[0, 0]]), 1, 'flat zero still spans a range');
    assert.equal(scaleMax([[0.2]], null, 100), 100);
    assert.equal(scaleMax([[]], 0, 0) > 0, true);
  });

  test('lastKnown and peakOf skip gaps', () => {
    assert.equal(lastKnown([1, 2, null]), 2);
    assert.equal(lastKnown([null]), null);
    assert.equal(peakOf([null, 3, NaN, 1]), 3);
    assert.equal(peakOf([]), null);
  });

  test('rowOfValue: top row is max, bottom row is 0, out-of-range clamps', () => {
    assert.equal(rowOfValue(100, 100, 5), 0);
    assert.equal(rowOfValue(0, 100, 5), 4);
    assert.equal(rowOfValue(50, 100, 5), 2);
    assert.equal(rowOfValue(500, 100, 5), 0);
    assert.equal(rowOfValue(-3, 100, 5), 4);
  });
});

describe('planChart', () => {
  test('plot with a marker row when asked and tall enough', () => {
    assert.deepEqual(planChart(40, 8, 5, true), { mode: 'plot', plotRows: 6, markerRow: true, dataCols: 34 });
    assert.deepEqual(planChart(40, 8, 5, false), { mode: 'plot', plotRows: 7, markerRow: false, dataCols: 34 });
    assert.deepEqual(planChart(40, 3, 5, true), { mode: 'plot', plotRows: 2, markerRow: false, dataCols: 34 });
  });

  test('degrades to a sparkline, then to the title alone, then nothing', () => {
    assert.equal(planChart(40, 2, 5, true).mode, 'spark');
    assert.equal(planChart(7, 5, 5, false).mode, 'spark', 'no room for data columns');
    assert.equal(planChart(40, 1, 5, true).mode, 'title');
    assert.equal(planChart(0, 10, 5, true).mode, 'none');
    assert.equal(planChart(40, 0, 5, true).mode, 'none');
  });
});

describe('axis formats', () => {
  test('percent', () => {
    assert.deepEqual([0, 0.25, 2.5, 9.99, 45.4, 250].map(percentAxis), ['0%', '0.3%', '2.5%', '10%', '45%', '250%']);
    assert.equal(percentAxis(NaN), '0%');
  });

  test('bytes (binary, 3 significant digits)', () => {
    assert.deepEqual([0, 512, 1536, 64 * 1024 * 1024, 1.5 * 1024 ** 3, 1000 * 1024].map(bytesAxis), ['0B', '512B', '1.5KiB', '64MiB', '1.5GiB', '1000KiB']);
  });

  test('rates (decimal, per second)', () => {
    assert.deepEqual([0, 1234, 5.6e6, -1, 999_700].map(rateAxis), ['0B/s', '1.23kB/s', '5.6MB/s', '0B/s', '1000kB/s']);
  });
});

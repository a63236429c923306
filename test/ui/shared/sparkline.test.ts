import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bucketize, meter, sparkline } from '../../../src/ui/shared/sparkline.js';

describe('sparkline', () => {
  const cases: [string, (number | null)[], number, { min?: number; max?: number }, string][] = [
    ['empty history is blank, full width', [], 4, {}, '    '],
    ['zero width is empty', [1, 2, 3], 0, {}, ''],
    ['negative width is empty', [1], -2, {}, ''],
    ['fewer values than width pad on the left', [0, 100], 4, { min: 0, max: 100 }, '  ▁█'],
    ['more values than width keep the newest', [100, 0, 0, 100], 2, { min: 0, max: 100 }, '▁█'],
    ['unknown values are blank, not a floor bar', [null, NaN, 50], 3, { min: 0, max: 100 }, '  ▅'],
    ['infinite values are blank', [Infinity, -Infinity], 2, {}, '  '],
    ['constant zero is a floor', [0, 0, 0], 3, {}, '▁▁▁'],
    ['constant non-zero with auto range is full', [5, 5], 2, {}, '██'],
    ['values beyond max clamp to full', [500], 1, { min: 0, max: 100 }, '█'],
    ['values below min clamp to floor', [-5], 1, { min: 0, max: 100 }, '▁'],
    ['auto range includes 0', [2, 4, 8], 3, {}, '▃▅█'],
    ['eight levels across 0..7', [0, 1, 2, 3, 4, 5, 6, 7], 8, { min: 0, max: 7 }, '▁▂▃▄▅▆▇█'],
    ['negative values widen the auto range', [-1, 1], 2, {}, '▁█'],
  ];
  for (const [name, values, width, opts, expected] of cases) {
    test(name, () => {
      const out = sparkline(values, width, opts);
      assert.equal(out, expected);
      assert.equal([...out].length, Math.max(0, width));
    });
  }
});

describe('bucketize', () => {
  const ts = [1000, 2000, 3000, 4000, 5000, 6000];
  const cases: [string, readonly number[], (number | null)[], number, number, number, (number | null)[]][] = [
    ['one sample per bucket', ts, [1, 2, 3, 4, 5, 6], 6000, 6000, 6, [1, 2, 3, 4, 5, 6]],
    ['keeps the peak of each bucket', ts, [1, 9, 3, 4, 8, 6], 6000, 6000, 3, [9, 4, 8]],
    ['samples at or before the window start are out', ts, [1, 2, 3, 4, 5, 6], 6000, 3000, 3, [4, 5, 6]],
    ['empty buckets are null', [5000, 6000], [1, 2], 6000, 6000, 3, [null, null, 2]],
    ['unknown samples leave the bucket null', ts, [null, null, null, null, null, null], 6000, 6000, 2, [null, null]],
    ['samples after end are ignored', [7000], [5], 6000, 6000, 2, [null, null]],
    ['no buckets', ts, [1, 2, 3, 4, 5, 6], 6000, 6000, 0, []],
  ];
  for (const [name, t, v, end, windowMs, n, expected] of cases) {
    test(name, () => assert.deepEqual(bucketize(t, v, end, windowMs, n), expected));
  }
});

describe('meter', () => {
  const cases: [number | null, number, string][] = [
    [0, 4, '    '],
    [1, 4, '████'],
    [0.5, 4, '██  '],
    [0.0625, 2, '▏ '],
    [2, 3, '███'],
    [-1, 3, '   '],
    [null, 3, '   '],
    [0.5, 0, ''],
  ];
  for (const [f, w, expected] of cases) {
    test(`${f} in ${w}`, () => assert.equal(meter(f, w), expected));
  }
  test('custom empty glyph', () => assert.equal(meter(0.5, 4, '░'), '██░░'));
});

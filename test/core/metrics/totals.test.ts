// The one totals rule (header, groups, --group-by tables and JSON): known values are summed,
// unknown members counted; null only when nothing is known; no counters means 0, like docker.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sumTotals } from '../../../src/core/metrics/totals.js';
import { row } from '../../helpers/ui-fixtures.js';

describe('sumTotals', () => {
  const list = [row('a', { cpuPercent: 150, memUsage: 1024 ** 3 }), row('b', { cpuPercent: 50, memUsage: 1024 ** 3 }), row('c', {}, { state: 'exited' })];
  const pick = (t: ReturnType<typeof sumTotals>) => ({ cpuPercent: t.cpuPercent, memUsage: t.memUsage, unknown: t.unknown });
  const cases: [string, Parameters<typeof sumTotals>[0], ReturnType<typeof pick>][] = [
    ['sums known values; a stopped container adds 0 whatever its row holds', list, { cpuPercent: 200, memUsage: 2 * 1024 ** 3, unknown: 0 }],
    ['a running container not yet measured is left out and counted, never a made-up 0 for all', [...list, row('x', { memUsage: 5 })], { cpuPercent: 200, memUsage: 2 * 1024 ** 3 + 5, unknown: 1 }],
    ['a paused container has counters: unknown when unread', [row('p', {}, { state: 'paused' })], { cpuPercent: null, memUsage: null, unknown: 1 }],
    ['restarting has no counters: 0, like docker', [row('r', {}, { state: 'restarting' })], { cpuPercent: 0, memUsage: 0, unknown: 0 }],
    ['nothing known: null', [row('y'), row('z')], { cpuPercent: null, memUsage: null, unknown: 2 }],
    ['no rows: null', [], { cpuPercent: null, memUsage: null, unknown: 0 }],
  ];
  for (const [name, rows, expected] of cases) test(name, () => assert.deepEqual(pick(sumTotals(rows)), expected));

  test('memHostPercent is of host memory, when it is known', () => {
    assert.equal(sumTotals(list, 8 * 1024 ** 3).memHostPercent, 25);
    assert.equal(sumTotals(list, 0).memHostPercent, null);
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { unknownStats } from '../../../src/core/metrics/delta.js';
import { compareRows, isSortField, SORT_FIELDS, sortRows, type SortField } from '../../../src/core/query/sort-rows.js';
import type { ContainerRow, ContainerState, ContainerStats } from '../../../src/core/model/types.js';

function row(name: string, stats: Partial<ContainerStats> = {}, state: ContainerState = 'running', created = 0, id = name): ContainerRow {
  return {
    info: { id: id.padEnd(64, '0'), name, image: 'img', labels: {}, state, status: '', health: null, created, networkMode: 'bridge' },
    stats: { ...unknownStats(), ...stats },
    source: 'mock',
    timestamp: 0,
  };
}

const names = (rows: readonly ContainerRow[]): string[] => rows.map((r) => r.info.name);

describe('sortRows by field', () => {
  const cases: [SortField, ContainerRow[], string[], string[]][] = [
    // [field, rows, default order, reversed order]
    [
      'cpu',
      [row('a', { cpuPercent: 1 }), row('b', { cpuPercent: 50 }), row('c', { cpuPercent: null }), row('d', { cpuPercent: 7 })],
      ['b', 'd', 'a', 'c'],
      ['a', 'd', 'b', 'c'],
    ],
    [
      'mem',
      [row('a', { memUsage: 3 }), row('b', { memUsage: null }), row('c', { memUsage: 10 })],
      ['c', 'a', 'b'],
      ['a', 'c', 'b'],
    ],
    [
      'net', // rx + tx rate; one unknown side does not hide the other
      [row('a', { netRxRate: 5, netTxRate: 5 }), row('b', { netRxRate: null, netTxRate: 20 }), row('c', {}), row('d', { netRxRate: 1, netTxRate: 0 })],
      ['b', 'a', 'd', 'c'],
      ['d', 'a', 'b', 'c'],
    ],
    [
      'net', // before rates exist (first tick, --no-stream), cumulative bytes order the rows
      [row('a', { netRxBytes: 100, netTxBytes: 1 }), row('b', { netRxBytes: 900 }), row('c', {})],
      ['b', 'a', 'c'],
      ['a', 'b', 'c'],
    ],
    [
      'io',
      [row('a', { blockReadRate: 1, blockWriteRate: 1 }), row('b', { blockWriteRate: 9 }), row('c', { blockReadBytes: 1e9 })],
      ['b', 'a', 'c'],
      ['a', 'b', 'c'],
    ],
    [
      'pids',
      [row('a', { pids: 2 }), row('b', { pids: 0 }), row('c', { pids: 30 }), row('d', { pids: null })],
      ['c', 'a', 'b', 'd'],
      ['b', 'a', 'c', 'd'],
    ],
    [
      'name', // case-insensitive, A→Z by default
      [row('web'), row('Api'), row('db'), row('api')],
      ['Api', 'api', 'db', 'web'],
      ['web', 'db', 'api', 'Api'],
    ],
    [
      'state', // running first
      [row('x', {}, 'exited'), row('r', {}, 'running'), row('p', {}, 'paused'), row('c', {}, 'created'), row('d', {}, 'dead')],
      ['r', 'p', 'c', 'x', 'd'],
      ['d', 'x', 'c', 'p', 'r'],
    ],
    [
      'uptime', // longest first; stopped containers have none and go last
      [row('new', {}, 'running', 2000), row('old', {}, 'running', 1000), row('off', {}, 'exited', 1), row('mid', {}, 'paused', 1500)],
      ['old', 'mid', 'new', 'off'],
      ['new', 'mid', 'old', 'off'],
    ],
  ];
  for (const [field, rows, expected, reversed] of cases) {
    test(`${field}: ${expected.join(' ')}`, () => {
      assert.deepEqual(names(sortRows(rows, field)), expected);
      assert.deepEqual(names(sortRows(rows, field, true)), reversed);
    });
  }

  test('every field is covered and recognised', () => {
    assert.deepEqual(new Set(cases.map((c) => c[0])), new Set(SORT_FIELDS));
    for (const f of SORT_FIELDS) assert.ok(isSortField(f));
    assert.equal(isSortField('bogus'), false);
  });
});

describe('stability', () => {
  test('ties break by name, then id, in both directions', () => {
    const rows = [
      row('b', { cpuPercent: 5 }, 'running', 0, 'id2'),
      row('a', { cpuPercent: 5 }, 'running', 0, 'id9'),
      row('a', { cpuPercent: 5 }, 'running', 0, 'id1'),
      row('z', { cpuPercent: 9 }),
    ];
    const order = (rs: ContainerRow[]) => rs.map((r) => `${r.info.name}:${r.info.id.slice(0, 3)}`);
    assert.deepEqual(order(sortRows(rows, 'cpu')), ['z:z00', 'a:id1', 'a:id9', 'b:id2']);
    assert.deepEqual(order(sortRows(rows, 'cpu', true)), ['a:id1', 'a:id9', 'b:id2', 'z:z00']);
  });

  test('the result does not depend on input order', () => {
    const rows = Array.from({ length: 40 }, (_, i) =>
      row(`c${i % 7}`, { cpuPercent: i % 3 === 0 ? null : i % 4, pids: i % 5 }, i % 6 === 0 ? 'exited' : 'running', i % 4, `id${i}`),
    );
    for (const field of SORT_FIELDS) {
      for (const reverse of [false, true]) {
        const expected = sortRows(rows, field, reverse).map((r) => r.info.id);
        const shuffled = [...rows].reverse();
        for (let k = 0; k < 5; k++) {
          shuffled.push(shuffled.splice((k * 11) % shuffled.length, 1)[0]);
          assert.deepEqual(sortRows(shuffled, field, reverse).map((r) => r.info.id), expected, `${field} ${reverse}`);
        }
      }
    }
  });

  test('a row whose value did not change keeps its place between ticks', () => {
    const tick1 = [row('a', { cpuPercent: 1 }), row('b', { cpuPercent: 1 }), row('c', { cpuPercent: 3 })];
    const tick2 = [row('c', { cpuPercent: 0.5 }), row('b', { cpuPercent: 1 }), row('a', { cpuPercent: 1 })];
    assert.deepEqual(names(sortRows(tick1, 'cpu')), ['c', 'a', 'b']);
    assert.deepEqual(names(sortRows(tick2, 'cpu')), ['a', 'b', 'c']);
  });

  test('NaN sorts with the unknowns', () => {
    const rows = [row('a', { cpuPercent: Number.NaN }), row('b', { cpuPercent: 0 }), row('c', { cpuPercent: null })];
    assert.deepEqual(names(sortRows(rows, 'cpu')), ['b', 'a', 'c']);
    assert.deepEqual(names(sortRows(rows, 'cpu', true)), ['b', 'a', 'c']);
  });

  test('the input is not modified; compareRows is the same order', () => {
    const rows = [row('b', { pids: 1 }), row('a', { pids: 2 })];
    const copy = [...rows];
    const sorted = sortRows(rows, 'pids');
    assert.deepEqual(rows, copy);
    assert.deepEqual([...rows].sort(compareRows('pids')), sorted);
  });
});

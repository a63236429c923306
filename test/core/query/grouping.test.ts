import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { unknownStats } from '../../../src/core/metrics/delta.js';
import { COMPOSE_PROJECT, COMPOSE_SERVICE, groupKeyOf, groupRows, groupTotals, NONE_GROUP, type GroupTotals } from '../../../src/core/query/grouping.js';
import { SelectorError } from '../../../src/core/query/selector.js';
import type { ContainerRow, ContainerState, ContainerStats } from '../../../src/core/model/types.js';
import { groupJson } from '../../../src/output/group-json.js';
import { groupCells, groupTable } from '../../../src/output/group-table.js';

const NULL_STATS: ContainerStats = unknownStats();

function row(
  name: string,
  labels: Record<string, string>,
  stats: Partial<ContainerStats> = {},
  state: ContainerState = 'running',
  image = 'alpine:3.20',
): ContainerRow {
  return {
    info: { id: name.padEnd(64, '0'), name, image, labels, state, status: '', health: null, created: 0, networkMode: 'bridge' },
    stats: { ...NULL_STATS, ...stats },
    source: 'mock',
    timestamp: 0,
  };
}

const compose = (project: string, service: string): Record<string, string> => ({
  [COMPOSE_PROJECT]: project,
  [COMPOSE_SERVICE]: service,
});

const FULL = (n: number): Partial<ContainerStats> => ({
  cpuPercent: n,
  memUsage: n * 1000,
  netRxBytes: n * 10,
  netTxBytes: n * 20,
  netRxRate: n / 10,
  netTxRate: n / 20,
  blockReadBytes: n * 30,
  blockWriteBytes: n * 40,
  blockReadRate: n / 30,
  blockWriteRate: n / 40,
  pids: n,
});

describe('groupKeyOf', () => {
  const c = row('x', { ...compose('shop', 'web'), tier: 'front', compose: 'label-value' }, {}, 'paused', 'nginx:1');
  const cases: [string, string, string | null][] = [
    ['compose', 'compose', 'shop/web'],
    ['image', 'image', 'nginx:1'],
    ['state', 'state', 'paused'],
    ['tier', 'tier', 'front'],
    [COMPOSE_PROJECT, COMPOSE_PROJECT, 'shop'],
    ['missing', 'missing', null],
    ['label:compose', 'compose', 'label-value'], // a label that shadows a shortcut
    ['  tier  ', 'tier', 'front'],
    ['constructor', 'constructor', null],
  ];
  for (const [spec, key, value] of cases) {
    test(spec, () => {
      const k = groupKeyOf(spec);
      assert.equal(k.key, key);
      assert.equal(k.valueOf(c.info), value);
    });
  }

  test('compose without a service groups by project; without a project, (none)', () => {
    assert.equal(groupKeyOf('compose').valueOf(row('a', { [COMPOSE_PROJECT]: 'shop' }).info), 'shop');
    assert.equal(groupKeyOf('compose').valueOf(row('a', { [COMPOSE_SERVICE]: 'web' }).info), null);
  });

  test('an empty spec is a SelectorError', () => {
    assert.throws(() => groupKeyOf(''), SelectorError);
    assert.throws(() => groupKeyOf('label:'), SelectorError);
  });
});

describe('groupRows', () => {
  test('groups in value order, (none) last, members in input order', () => {
    const rows = [
      row('w2', compose('shop', 'web')),
      row('lone', {}),
      row('a1', compose('blog', 'app')),
      row('w1', compose('shop', 'web')),
      row('d1', compose('shop', 'db')),
    ];
    const groups = groupRows(rows, 'compose');
    assert.deepEqual(
      groups.map((g) => [g.key, g.value, g.ids.map((id) => id.replace(/0+$/, ''))]),
      [
        ['compose', 'blog/app', ['a1']],
        ['compose', 'shop/db', ['d1']],
        ['compose', 'shop/web', ['w2', 'w1']],
        ['compose', null, ['lone']],
      ],
    );
    assert.deepEqual(groups[2].rows, [rows[0], rows[3]]);
  });

  test('no rows, no groups', () => {
    assert.deepEqual(groupRows([], 'compose'), []);
  });

  test('count and running: paused and stopped count in total only', () => {
    const [g] = groupRows(
      [row('a', { t: 'x' }), row('b', { t: 'x' }, {}, 'paused'), row('c', { t: 'x' }, {}, 'exited'), row('d', { t: 'x' }, {}, 'created')],
      't',
    );
    assert.equal(g.count, 4);
    assert.equal(g.running, 1);
  });
});

describe('totals', () => {
  const SUMMED = [
    'cpuPercent',
    'memUsage',
    'netRxBytes',
    'netTxBytes',
    'netRxRate',
    'netTxRate',
    'blockReadBytes',
    'blockWriteBytes',
    'blockReadRate',
    'blockWriteRate',
    'pids',
  ] as const;

  test('every total equals the sum of its members, in the same tick', () => {
    const rows = [row('a', {}, FULL(1.1)), row('b', {}, FULL(2.2)), row('c', {}, FULL(3.3)), row('d', {}, FULL(0.7), 'paused')];
    const t = groupTotals(rows, 8000);
    for (const f of SUMMED) assert.equal(t[f], rows.reduce((s, r) => s + (r.stats[f] as number), 0), f);
    assert.equal(t.memHostPercent, ((t.memUsage as number) / 8000) * 100);
  });

  test('null members are skipped; a total is null only when every member is null', () => {
    const rows = [
      row('a', {}, { cpuPercent: 5, memUsage: null, netRxRate: null, pids: 3 }),
      row('b', {}, { cpuPercent: null, memUsage: null, netRxRate: null, pids: 4 }),
      row('c', {}, { cpuPercent: 1.5, memUsage: null, netRxRate: null, pids: null }),
    ];
    const t = groupTotals(rows, 1000);
    assert.equal(t.cpuPercent, 6.5);
    assert.equal(t.pids, 7);
    assert.equal(t.memUsage, null);
    assert.equal(t.netRxRate, null);
    assert.equal(t.memHostPercent, null); // nothing to divide
  });

  test('stopped containers count but contribute zeros, even with stale or unknown values', () => {
    const stale = row('old', {}, FULL(50), 'exited');
    const unknown = row('gone', {}, {}, 'dead');
    const live = row('live', {}, FULL(2));
    const t = groupTotals([stale, unknown, live], null);
    for (const f of SUMMED) assert.equal(t[f], live.stats[f], f);
    // Only stopped members: zeros, not unknown (docker shows a stopped container as zeros).
    const stopped = groupTotals([unknown, row('c', {}, {}, 'created'), row('r', {}, {}, 'restarting')], 4096);
    for (const f of SUMMED) assert.equal(stopped[f], 0, f);
    assert.equal(stopped.memHostPercent, 0);
  });

  test('memory % of host needs the host total', () => {
    const rows = [row('a', {}, { memUsage: 512 })];
    assert.equal(groupTotals(rows, 2048).memHostPercent, 25);
    assert.equal(groupTotals(rows, null).memHostPercent, null);
    assert.equal(groupTotals(rows, 0).memHostPercent, null);
    assert.equal(groupRows(rows, 'state', { memTotal: 1024 })[0].totals.memHostPercent, 50);
  });

  test('an empty group sums to unknown', () => {
    const t: GroupTotals = groupTotals([], 100);
    assert.equal(t.cpuPercent, null);
    assert.equal(t.pids, null);
  });
});

describe('group output', () => {
  const rows = [
    row('web-1', compose('shop', 'web'), { ...FULL(1), memUsage: 1536 * 1024, netRxBytes: 2480, netTxBytes: 0 }),
    row('web-2', compose('shop', 'web'), {}, 'exited'),
    row('evil', { 'x.y': 'a\x1b[31mred\u202e' }, FULL(2)),
  ];

  test('group line cells: docker units, host as the limit, counts in NAME', () => {
    const [g] = groupRows(rows, 'compose', { memTotal: 2 ** 30 });
    assert.equal(g.memTotal, 2 ** 30);
    assert.deepEqual(groupCells(g), ['shop/web', '1/2 running', '1.00%', '1.5MiB / 1GiB', '0.15%', '2.48kB / 0B', '30B / 40B', '1']);
    // Unknown host memory: 0 (what an engine that did not say gives), null, or not given.
    for (const memTotal of [0, null, undefined]) {
      const [u] = groupRows(rows, 'compose', { memTotal });
      assert.equal(u.memTotal, null);
      assert.deepEqual(groupCells(u).slice(3, 5), ['1.5MiB / --', '--']);
    }
  });

  test('unknown totals print --', () => {
    const [g] = groupRows([row('a', { k: 'v' })], 'k', { memTotal: 1024 });
    assert.deepEqual(groupCells(g).slice(2), ['--', '-- / --', '--', '--', '--', '--']);
  });

  test('the (none) group and user data are safe for a terminal', () => {
    const groups = groupRows(rows, 'x.y');
    assert.equal(groupCells(groups[0])[0], 'ared'); // the whole escape sequence goes
    assert.equal(groupCells(groups[1])[0], NONE_GROUP);
    assert.doesNotMatch(groupTable(groups), /[\x1b\u202e]/);
  });

  test('members follow their group line, IDs indented', () => {
    const lines = groupTable(groupRows(rows, 'compose'), { noTrunc: true }).trimEnd().split('\n');
    assert.deepEqual(
      lines.map((l) => l.split(/\s{3,}/)[0]),
      ['CONTAINER ID', 'shop/web', `  ${rows[0].info.id}`, `  ${rows[1].info.id}`, NONE_GROUP, `  ${rows[2].info.id}`],
    );
  });

  test('json: raw numbers, null where unknown, member ids', () => {
    const groups = groupRows(rows, 'compose', { memTotal: 2 ** 30 });
    const o = groupJson(groups[0]);
    assert.equal(o.type, 'group');
    assert.equal(o.key, 'compose');
    assert.equal(o.value, 'shop/web');
    assert.equal(o.count, 2);
    assert.equal(o.running, 1);
    assert.equal(o.memUsage, 1536 * 1024);
    assert.equal(o.netRxBytes, 2480);
    assert.deepEqual(o.members, [rows[0].info.id, rows[1].info.id]);
    assert.equal(groupJson(groupRows([row('a', { k: 'v' })], 'k')[0]).cpuPercent, null);
    assert.equal(groupJson(groups[1]).value, null);
    // Round-trips through JSON with the same numbers.
    assert.deepEqual(JSON.parse(JSON.stringify(o)), o);
  });
});

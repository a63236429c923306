import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { COMPOSE_PROJECT, COMPOSE_SERVICE, groupKeyOf } from '../../../src/core/query/grouping.js';
import { sortGroups } from '../../../src/core/query/sort-groups.js';
import { deriveTableRows, groupItemId, isGroupId, NONE_GROUP_ID, type TableItem, type TableRowsInput } from '../../../src/core/query/table-rows.js';
import type { ContainerRow, ContainerStats } from '../../../src/core/model/types.js';
import { row } from '../../helpers/ui-fixtures.js';

const compose = (project: string, service: string) => ({ [COMPOSE_PROJECT]: project, [COMPOSE_SERVICE]: service });

function member(name: string, project: string, service: string, stats: Partial<ContainerStats>, state: ContainerRow['info']['state'] = 'running'): ContainerRow {
  return row(name, stats, { labels: compose(project, service), state });
}

// Two projects, three services; numbers chosen so sums are exact.
const ROWS: ContainerRow[] = [
  member('shop-web-1', 'shop', 'web', { cpuPercent: 10, memUsage: 100, netRxRate: 1, netTxRate: 2, blockReadRate: 3, blockWriteRate: 4, pids: 5 }),
  member('shop-web-2', 'shop', 'web', { cpuPercent: 30, memUsage: 300, netRxRate: 10, netTxRate: 20, blockReadRate: 30, blockWriteRate: 40, pids: 7 }),
  member('shop-db-1', 'shop', 'db', { cpuPercent: 25, memUsage: 900, netRxRate: 0, netTxRate: 0, blockReadRate: 0, blockWriteRate: 0, pids: 2 }),
  member('blog-web-1', 'blog', 'web', { cpuPercent: 5, memUsage: 50, netRxRate: 0, netTxRate: 1, blockReadRate: 0, blockWriteRate: 0, pids: 1 }),
  member('blog-web-2', 'blog', 'web', { cpuPercent: null, memUsage: null }, 'exited'),
  row('loner', { cpuPercent: 1, memUsage: 1, pids: 1 }),
];

const input = (over: Partial<TableRowsInput> = {}): TableRowsInput => ({
  rows: ROWS,
  sort: 'cpu',
  reverse: false,
  groupBy: groupKeyOf('compose'),
  collapsed: new Set(),
  memTotal: 1000,
  ...over,
});

const lines = (items: readonly TableItem[]) => items.map((i) => (i.kind === 'group' ? `${i.expanded ? '▾' : '▸'} ${i.group.value ?? '(none)'}` : `${i.depth ? '  ' : ''}${i.row.info.name}`));

describe('deriveTableRows', () => {
  test('ungrouped: containers sorted, one item each, no groups', () => {
    const t = deriveTableRows(input({ groupBy: null }));
    assert.deepEqual(lines(t.items), ['shop-web-2', 'shop-db-1', 'shop-web-1', 'blog-web-1', 'loner', 'blog-web-2']);
    assert.deepEqual(t.rows.map((r) => r.info.name), lines(t.items));
    assert.deepEqual(t.groups, []);
    assert.ok(t.items.every((i) => i.kind === 'container' && i.depth === 0 && i.id === i.row.info.id));
  });

  test('grouped by compose: groups by total CPU, members by CPU beneath, (none) where its total puts it', () => {
    const t = deriveTableRows(input());
    assert.deepEqual(lines(t.items), [
      '▾ shop/web', '  shop-web-2', '  shop-web-1',
      '▾ shop/db', '  shop-db-1',
      '▾ blog/web', '  blog-web-1', '  blog-web-2',
      '▾ (none)', '  loner',
    ]);
    assert.deepEqual(t.rows.map((r) => r.info.name), ['shop-web-2', 'shop-web-1', 'shop-db-1', 'blog-web-1', 'blog-web-2', 'loner']);
  });

  test('group totals equal the sums of their members in the same tick', () => {
    const t = deriveTableRows(input());
    for (const g of t.groups) {
      const sum = (f: keyof ContainerStats) => {
        const known = g.rows.filter((r) => r.info.state === 'running').map((r) => r.stats[f] as number | null).filter((v): v is number => v !== null);
        return known.length === 0 ? (g.rows.some((r) => r.info.state !== 'running') ? 0 : null) : known.reduce((a, b) => a + b, 0);
      };
      for (const f of ['cpuPercent', 'memUsage', 'netRxRate', 'netTxRate', 'blockReadRate', 'blockWriteRate', 'pids'] as const) {
        assert.equal(g.totals[f], sum(f), `${g.value} ${f}`);
      }
    }
    const web = t.groups.find((g) => g.value === 'shop/web')!;
    assert.deepEqual([web.totals.cpuPercent, web.totals.memUsage, web.totals.pids, web.totals.netTxRate], [40, 400, 12, 22]);
    assert.equal(web.totals.memHostPercent, 40);
    const blog = t.groups.find((g) => g.value === 'blog/web')!;
    assert.deepEqual([blog.running, blog.count, blog.totals.cpuPercent], [1, 2, 5]); // the exited member counts as zeros
  });

  test('collapsed groups hide their members (still in rows); others stay expanded', () => {
    const t = deriveTableRows(input({ collapsed: new Set([groupItemId('shop/web'), NONE_GROUP_ID]) }));
    assert.deepEqual(lines(t.items), ['▸ shop/web', '▾ shop/db', '  shop-db-1', '▾ blog/web', '  blog-web-1', '  blog-web-2', '▸ (none)']);
    assert.equal(t.rows.length, ROWS.length);
  });

  test('sort by name: groups A→Z with (none) last, members A→Z; reversed flips both, (none) still last', () => {
    assert.deepEqual(lines(deriveTableRows(input({ sort: 'name' })).items), [
      '▾ blog/web', '  blog-web-1', '  blog-web-2', '▾ shop/db', '  shop-db-1', '▾ shop/web', '  shop-web-1', '  shop-web-2', '▾ (none)', '  loner',
    ]);
    assert.deepEqual(lines(deriveTableRows(input({ sort: 'name', reverse: true })).items), [
      '▾ shop/web', '  shop-web-2', '  shop-web-1', '▾ shop/db', '  shop-db-1', '▾ blog/web', '  blog-web-2', '  blog-web-1', '▾ (none)', '  loner',
    ]);
  });

  test('sort by memory and PIDs uses the groups\' totals', () => {
    assert.deepEqual(deriveTableRows(input({ sort: 'mem' })).groups.map((g) => g.value), ['shop/db', 'shop/web', 'blog/web', null]);
    assert.deepEqual(deriveTableRows(input({ sort: 'pids' })).groups.map((g) => g.value), ['shop/web', 'shop/db', 'blog/web', null]);
    assert.deepEqual(deriveTableRows(input({ sort: 'pids', reverse: true })).groups.map((g) => g.value), ['blog/web', null, 'shop/db', 'shop/web']);
  });

  test('ties between groups fall back to the value, stable across calls and reversal', () => {
    const tied = [member('a-1', 'b', 'x', { cpuPercent: 5 }), member('b-1', 'a', 'x', { cpuPercent: 5 }), member('c-1', 'c', 'x', { cpuPercent: 5 })];
    const order = (reverse: boolean) => deriveTableRows(input({ rows: tied, reverse })).groups.map((g) => g.value);
    assert.deepEqual(order(false), ['a/x', 'b/x', 'c/x']);
    assert.deepEqual(order(true), ['a/x', 'b/x', 'c/x']);
  });

  test('unknown totals sort last in either direction', () => {
    const rows = [member('new-1', 'new', 'x', {}), member('old-1', 'old', 'x', { cpuPercent: 1 })];
    for (const reverse of [false, true]) assert.deepEqual(deriveTableRows(input({ rows, reverse })).groups.map((g) => g.value), ['old/x', 'new/x']);
  });

  test('state sort: groups with a running member first', () => {
    const rows = [member('x-1', 'p', 'down', {}, 'exited'), member('y-1', 'p', 'up', { cpuPercent: 1 })];
    assert.deepEqual(sortGroups(deriveTableRows(input({ rows })).groups, 'state').map((g) => g.value), ['p/up', 'p/down']);
  });

  test('group ids are group:<value>, the (none) group its own; container ids never look like one', () => {
    const t = deriveTableRows(input());
    assert.deepEqual(t.items.filter((i) => i.kind === 'group').map((i) => i.id), ['group:shop/web', 'group:shop/db', 'group:blog/web', NONE_GROUP_ID]);
    assert.ok(isGroupId('group:shop/web') && isGroupId(NONE_GROUP_ID));
    assert.ok(!isGroupId(ROWS[0].info.id) && !isGroupId(null));
    assert.notEqual(groupItemId('(none)'), NONE_GROUP_ID);
  });
});

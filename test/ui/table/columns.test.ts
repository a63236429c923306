import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { COLUMNS, fitColumns, GAP, GUTTER, type ColumnId } from '../../../src/ui/table/columns.js';

const layout = (width: number, hidden: ColumnId[] = []) =>
  fitColumns(width, hidden)
    .columns.map((c) => `${c.id}:${c.width}`)
    .join(' ');

describe('fitColumns', () => {
  const cases: [string, number, ColumnId[], string][] = [
    ['80 columns: the essentials, state as a glyph', 80, [], 'state:1 name:17 cpu:6 cpuGraph:8 mem:8 memPct:6 net:13 io:13'],
    ['100 columns: PIDs and uptime join, name grows', 100, [], 'state:1 name:24 cpu:6 cpuGraph:8 mem:8 memPct:6 net:13 io:13 pids:5 uptime:6'],
    ['120 columns: state in words, memory bar, wider graph', 120, [], 'state:12 name:24 cpu:6 cpuGraph:10 mem:8 memPct:13 net:13 io:13 pids:5 uptime:6'],
    [
      '200 columns: IDs, images, limits',
      200,
      [],
      'state:12 name:46 id:12 image:30 cpu:6 cpuGraph:15 mem:8 memLimit:8 memPct:13 net:13 io:13 pids:5 uptime:6',
    ],
    [
      '250 columns: name and image stop at their maximum',
      250,
      [],
      'state:12 name:48 id:12 image:48 cpu:6 cpuGraph:15 mem:8 memLimit:8 memPct:13 net:13 io:13 pids:5 uptime:6',
    ],
    ['hiding the graph at 80 makes room for PIDs', 80, ['cpuGraph'], 'state:1 name:20 cpu:6 mem:8 memPct:6 net:13 io:13 pids:5'],
    ['the name cannot be hidden', 40, ['name'], 'state:1 name:21 cpu:6 mem:8'],
    ['hiding everything hideable leaves the name, widened', 60, COLUMNS.map((c) => c.id), 'name:48'],
    ['narrower than the name: the name alone, cut to fit', 10, [], 'name:9'],
    ['one column: nothing fits beside the marker', 1, [], ''],
  ];
  for (const [name, width, hidden, expected] of cases) test(name, () => assert.equal(layout(width, hidden), expected));

  test('used never exceeds the width, and counts the gutter and gaps', () => {
    for (let w = 1; w <= 300; w++) {
      const fit = fitColumns(w);
      const sum = fit.columns.reduce((n, c) => n + c.width, 0) + Math.max(0, fit.columns.length - 1) * GAP + (fit.columns.length ? GUTTER : 0);
      assert.equal(fit.used, sum, `width ${w}`);
      assert.ok(fit.used <= w, `width ${w}: used ${fit.used}`);
    }
  });

  test('a wider terminal never loses a column', () => {
    let prev = new Set<ColumnId>();
    for (let w = 1; w <= 300; w++) {
      const ids = new Set(fitColumns(w).columns.map((c) => c.id));
      for (const id of prev) assert.ok(ids.has(id), `${id} lost going to ${w} columns`);
      prev = ids;
    }
  });

  test('columns come out in display order', () => {
    const order = COLUMNS.map((c) => c.id);
    for (const w of [80, 120, 200]) {
      const ids = fitColumns(w).columns.map((c) => c.id);
      assert.deepEqual(ids, order.filter((id) => ids.includes(id)));
    }
  });

  test('dropped lists enabled columns without room, never hidden ones', () => {
    const fit = fitColumns(80, ['image']);
    assert.deepEqual(fit.dropped, ['id', 'memLimit', 'pids', 'uptime']);
  });
});

describe('fitColumns at 140 columns (issue 11)', () => {
  test('IMAGE takes the room left rather than NAME growing mostly blank', () => {
    const f = fitColumns(140);
    const w = Object.fromEntries(f.columns.map((c) => [c.id, c.width]));
    assert.ok(w.image >= 10, JSON.stringify(w));
    assert.ok(w.name <= 24, JSON.stringify(w));
    assert.ok(!f.dropped.includes('image'));
    assert.equal(f.used, 140);
  });
});

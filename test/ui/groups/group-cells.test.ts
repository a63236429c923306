import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { groupRows } from '../../../src/core/query/grouping.js';
import { fitColumns } from '../../../src/ui/table/columns.js';
import { groupLabel, groupRowSegments, runningText } from '../../../src/ui/groups/group-cells.js';
import { rowSegments } from '../../../src/ui/table/row-cells.js';
import { lineText, lineWidth } from '../../../src/ui/shared/segments.js';
import { row, T0 } from '../../helpers/ui-fixtures.js';

const rows = [
  row('web-1', { cpuPercent: 12.5, memUsage: 1024 ** 2, netRxRate: 1000, netTxRate: 2000, blockReadRate: 0, blockWriteRate: 512, pids: 3 }, { labels: { app: 'web' } }),
  row('web-2', { cpuPercent: 7.5, memUsage: 3 * 1024 ** 2, netRxRate: 500, netTxRate: 0, blockReadRate: 0, blockWriteRate: 0, pids: 2 }, { labels: { app: 'web' } }),
  row('web-3', {}, { labels: { app: 'web' }, state: 'exited' }),
];
const [group] = groupRows(rows, 'app');

describe('group row cells', () => {
  test('a label value with control characters shows them escaped, not stripped (never an empty-looking value)', () => {
    assert.equal(groupLabel({ value: 'evil\x1b[2J' }), 'evil\\e[2J');
    assert.equal(groupLabel({ value: '\x07' }), '\\a');
  });

  test('"n/m running" in the state column, or n/m, or nothing', () => {
    assert.equal(runningText(group, 12), '2/3 running');
    assert.equal(runningText(group, 5), '2/3');
    assert.equal(runningText(group, 1), '');
  });

  for (const width of [60, 80, 120, 200]) {
    test(`exactly ${width} columns, lined up with the container rows`, () => {
      const fit = fitColumns(width);
      const g = groupRowSegments(group, true, fit, false);
      const c = rowSegments(rows[0], fit, { now: T0, intervalMs: 1000, history: undefined, indent: 2 }, false);
      assert.equal(lineWidth(g), fit.used);
      assert.equal(lineWidth(c), fit.used);
      const text = lineText(g);
      assert.match(text, /▾ web/);
      assert.match(text, /20\.0%/);
      assert.match(text, /4MiB/);
      if (fit.columns.some((col) => col.id === 'pids')) assert.match(text, / 5 /); // PIDs 3 + 2
      // CPU% ends in the same column in both rows.
      const end = (t: string) => t.indexOf('%') + 1;
      assert.equal(end(text), end(lineText(c)));
    });
  }

  test('wide: the count under STATE; narrow: after the name', () => {
    assert.match(lineText(groupRowSegments(group, false, fitColumns(120), false)), /^ 2\/3 running +▸ web /);
    assert.match(lineText(groupRowSegments(group, false, fitColumns(80), true)), /^›  ▸ web 2\/3 /);
  });

  test('members are indented by two under the name column', () => {
    const fit = fitColumns(80);
    const plainRow = lineText(rowSegments(rows[0], fit, { now: T0, intervalMs: 1000, history: undefined }, false));
    const member = lineText(rowSegments(rows[0], fit, { now: T0, intervalMs: 1000, history: undefined, indent: 2 }, false));
    assert.equal(member.indexOf('web-1'), plainRow.indexOf('web-1') + 2);
  });
});

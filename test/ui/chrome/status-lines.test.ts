// The header when an engine does not answer, and stale rows: kept, dimmed, with their age.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { EngineStatus } from '../../../src/core/model/types.js';
import { clockTime, engineDownText, headerLines } from '../../../src/ui/chrome/status-lines.js';
import { fitColumns } from '../../../src/ui/table/columns.js';
import { rowSegments } from '../../../src/ui/table/row-cells.js';
import { lineText } from '../../../src/ui/shared/segments.js';
import { initTable, tableSnapshot, type TableState } from '../../../src/ui/table/table-state.js';
import { row, snapshot, T0 } from '../../helpers/ui-fixtures.js';

const engine = (over: Partial<EngineStatus> = {}): EngineStatus => ({ name: 'local', state: 'up', reason: null, since: T0, sourceLabel: 'cgroup', ...over });

function tableWith(engines: EngineStatus[], rows = [row('a', { cpuPercent: 5 }), row('b', { cpuPercent: 3 })]): TableState {
  const t = initTable({ snapshot: { ...snapshot([], 0), host: null } }, 20);
  return tableSnapshot(t, { ...snapshot(rows, 2), engines }, 20);
}

describe('engine outage in the header', () => {
  test('one engine down: "engine unreachable since HH:MM:SS, retrying…" first on the line', () => {
    const down = engine({ state: 'down', reason: 'connection refused', since: T0 - 5000 });
    const line = lineText(headerLines({ state: tableWith([down]), width: 140 })[0]);
    assert.match(line, new RegExp(`^ctop-ts engine unreachable since ${clockTime(T0 - 5000)}, retrying… `));
    assert.match(line, /2 running \/ 2 total/);
  });

  test('engines up: nothing said', () => {
    assert.doesNotMatch(lineText(headerLines({ state: tableWith([engine()]), width: 140 })[0]), /unreachable/);
  });

  test('several engines: the one down is named (sanitised); several down are counted', () => {
    const named = engineDownText([engine({ name: 'edge\x1b[2J', state: 'down', since: T0 })], 3);
    assert.match(named, new RegExp(`^engine edge.* unreachable since ${clockTime(T0)}, retrying…$`));
    assert.doesNotMatch(named, /\x1b/, 'no escape reaches the terminal');
    assert.match(engineDownText([engine({ state: 'down' }), engine({ name: 'b', state: 'down' })], 3), /^2 engines unreachable/);
  });
});

describe('stale rows', () => {
  test('kept with their last numbers, dimmed, the state cell saying how old they are', () => {
    const stale = { ...row('a', { cpuPercent: 5 }), timestamp: T0 - 42_000, stale: { since: T0 - 40_000, reason: 'connection refused' } };
    const segs = rowSegments(stale, fitColumns(120), { now: T0, intervalMs: 1000, history: undefined }, false);
    assert.match(lineText(segs), /^ \? 42s ago +a .*5\.0%/);
    for (const s of segs.slice(1)) if (s.text.trim() && !/42s/.test(s.text)) assert.equal(s.tone, 'dim', JSON.stringify(s));
  });

  test('the table keeps stale rows; "No running containers" never replaces them', () => {
    const staleRows = [{ ...row('a'), stale: { since: T0, reason: 'down' } }];
    const t = tableWith([engine({ state: 'down' })], staleRows);
    assert.deepEqual(t.rows.map((r) => r.info.name), ['a']);
  });
});

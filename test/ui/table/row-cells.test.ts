import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { groupKeyOf } from '../../../src/core/query/grouping.js';
import type { ContainerInfo } from '../../../src/core/model/types.js';
import { fitColumns } from '../../../src/ui/table/columns.js';
import { formatPercent, headerSegments, loadTone, pairCell, rowSegments, stateBadge } from '../../../src/ui/table/row-cells.js';
import { lineText, lineWidth } from '../../../src/ui/shared/segments.js';
import { footerLine, formatInterval, headerLines } from '../../../src/ui/chrome/status-lines.js';
import { liveReducer } from '../../../src/ui/live-reducer.js';
import { DEFAULT_ENV, initLiveState, type LiveAction, type LiveState } from '../../../src/ui/live-state.js';

import { EMPTY, row, snapshot, T0 } from '../../helpers/ui-fixtures.js';

const step = (s: LiveState, a: LiveAction) => liveReducer(s, a, DEFAULT_ENV);
/** What the footer draws from: the table slice, the marks and the notice. */
const bar = (s: LiveState) => ({ ...s.table, marked: s.marked, notice: s.notice });

describe('stateBadge: every state has its own glyph and word (colour is never the only signal)', () => {
  const cases: [Pick<ContainerInfo, 'state' | 'health'>, string, string][] = [
    [{ state: 'running', health: null }, '▶', 'running'],
    [{ state: 'running', health: 'healthy' }, '✓', 'healthy'],
    [{ state: 'running', health: 'unhealthy' }, '✗', 'unhealthy'],
    [{ state: 'running', health: 'starting' }, '◌', 'starting'],
    [{ state: 'paused', health: null }, '‖', 'paused'],
    [{ state: 'restarting', health: null }, '↻', 'restarting'],
    [{ state: 'created', health: null }, '◇', 'created'],
    [{ state: 'exited', health: 'unhealthy' }, '■', 'exited'],
    [{ state: 'removing', health: null }, '✕', 'removing'],
    [{ state: 'dead', health: null }, '✖', 'dead'],
  ];
  for (const [info, glyph, word] of cases) test(`${info.state}/${info.health}`, () => assert.deepEqual([stateBadge(info).glyph, stateBadge(info).word], [glyph, word]));
  test('glyphs are distinct', () => assert.equal(new Set(cases.map((c) => c[1])).size, cases.length));
});

describe('cell formatting', () => {
  const pct: [number | null, string][] = [
    [null, '--'],
    [NaN, '--'],
    [0, '0.0%'],
    [12.345, '12.3%'],
    [999.9, '999.9%'],
    [1234.5, '1235%'],
  ];
  for (const [v, s] of pct) test(`percent ${v} → ${s}`, () => assert.equal(formatPercent(v), s));

  const tones: [number | null, string | undefined][] = [
    [null, undefined],
    [69.9, undefined],
    [70, 'warn'],
    [89.9, 'warn'],
    [90, 'danger'],
    [250, 'danger'],
  ];
  for (const [v, t] of tones) test(`load ${v} → ${t}`, () => assert.equal(loadTone(v), t));

  const pairs: [number | null, number | null, string][] = [
    [null, null, '    --/--'],
    [1_234_567, 340_000, '1.23MB/340kB'],
    [91.6, 0, '   92B/0B'],
  ];
  for (const [a, b, s] of pairs) test(`pair ${a}/${b}`, () => assert.equal(pairCell(a, b), s));

  test('intervals', () => assert.deepEqual([1000, 500, 1500, 2000, 0].map(formatInterval), ['1s', '500ms', '1.5s', '2s', '--']));
});

describe('rowSegments', () => {
  const ctx = { now: T0, history: undefined, intervalMs: 1000 };
  for (const width of [40, 80, 120, 200]) {
    test(`fills exactly the fitted width at ${width} columns`, () => {
      const fit = fitColumns(width);
      const line = rowSegments(row('a-rather-long-container-name-for-the-table', { cpuPercent: 12.5, memUsage: 5_000_000, memPercent: 3, pids: 4 }), fit, ctx, false);
      assert.equal(lineWidth(line), fit.used);
    });
  }

  test('the first tick shows -- for what is not known yet, never 0', () => {
    const text = lineText(rowSegments(row('fresh'), fitColumns(120), ctx, false));
    assert.match(text, /fresh\s+--\s/);
    assert.doesNotMatch(text, /0\.0%/);
  });

  test('the selected row carries a marker that survives without colour', () => {
    const fit = fitColumns(80);
    assert.equal(lineText(rowSegments(row('a'), fit, ctx, true))[0], '›');
    assert.equal(lineText(rowSegments(row('a'), fit, ctx, false))[0], ' ');
  });

  test('state is a glyph at 80 columns and glyph plus word at 120', () => {
    const r = row('a', {}, { health: 'unhealthy' });
    assert.match(lineText(rowSegments(r, fitColumns(80), ctx, false)), /^ ✗ a /);
    assert.match(lineText(rowSegments(r, fitColumns(120), ctx, false)), /^ ✗ unhealthy +a /);
  });

  test('load colours the CPU cell by the container limit when it has one', () => {
    const fit = fitColumns(80);
    const seg = (stats: Parameters<typeof row>[1]) => rowSegments(row('a', stats), fit, ctx, false).find((s) => s.text.includes('%'));
    assert.equal(seg({ cpuPercent: 95 })?.tone, 'danger');
    assert.equal(seg({ cpuPercent: 95, cpuLimitPercent: 10 })?.tone, undefined);
  });

  test('the sparkline draws the last minute of CPU history', () => {
    const timestamps = Array.from({ length: 60 }, (_, i) => T0 - (59 - i) * 1000);
    const history = { timestamps, cpuPercent: timestamps.map((_, i) => (i < 30 ? 0 : 100)), memUsage: [], netRxRate: [], netTxRate: [], blockReadRate: [], blockWriteRate: [] };
    const text = lineText(rowSegments(row('a', { cpuPercent: 100 }), fitColumns(80), { ...ctx, history }, false));
    assert.match(text, /▁▁▁▁████/);
  });
});

describe('header and footer lines', () => {
  const list = [row('a', { cpuPercent: 150, memUsage: 1024 ** 3 }), row('b', { cpuPercent: 50, memUsage: 1024 ** 3 }), row('c', {}, { state: 'exited' })];
  const live = step(initLiveState({ snapshot: EMPTY }), { type: 'snapshot', snapshot: snapshot(list) });
  const state = bar(live);

  test('header: engine, running/total, capacity, source, interval', () => {
    const [one, two] = headerLines({ state, width: 120 }).map(lineText);
    assert.match(one, /Docker Engine 27\.0\.0 · 2 running \/ 3 total/);
    assert.match(one, /mock @ 1s {2}\d\d:\d\d:\d\d$/);
    assert.match(two, /CPU .* 200\.0% of 400% .*MEM .* 2GiB of 8GiB/);
    for (const l of headerLines({ state, width: 120 })) assert.equal(lineWidth(l), 120);
  });

  test('header: a member not measured yet is left out of the sums, and the header says so', () => {
    const withNew = bar(step(live, { type: 'snapshot', snapshot: snapshot([...list, row('x', { memUsage: 5 })], 3) }));
    const two = lineText(headerLines({ state: withNew, width: 120 })[1]);
    assert.match(two, /CPU .* 200\.0% of 400% .*MEM .* 2GiB of 8GiB +\(1 unknown\)/);
  });

  test('header while the session opens', () => {
    const s = initLiveState({ snapshot: EMPTY }).table;
    assert.match(lineText(headerLines({ state: s, width: 80 })[0]), /connecting…/);
  });

  test('header says PAUSED', () => {
    assert.match(lineText(headerLines({ state: { ...state, paused: true }, width: 80 })[0]), /PAUSED/);
  });

  test('footer: sort, scope, source, position, then the keymap\'s hints, whole ones only (m, L, x, e fit at 160)', () => {
    const text = lineText(footerLine({ state, width: 160 }));
    assert.match(text, /^sort cpu▼ · running · source mock · 1\/2 {3}\? help {2}q quit {2}Enter detail {2}\/ filter {2}m actions {2}L logs {2}x shell {2}e events {2}s sort {2}l group/);
    // Only whole hints: at 100 columns the last one shown is complete, never "L lo".
    const narrow = lineText(footerLine({ state, width: 100 })).trimEnd();
    assert.match(narrow, /(help|quit|detail|filter|actions|logs|shell|events|sort|group)$/);
  });

  test('header: the -l/-f query, the / filter and the grouping follow the counts', () => {
    const shaped = { ...state, filter: { text: 'web', predicate: (c: { name: string }) => c.name === 'a' }, groupBy: { spec: 'compose', key: groupKeyOf('compose') } };
    const one = lineText(headerLines({ state: shaped, width: 160, query: 'app=shop' })[0]);
    assert.match(one, /Docker Engine 27\.0\.0 · 1 running \/ 1 total · query app=shop · filter web · group compose/);
    // Narrow: the engine's name goes before the query does.
    const narrow = lineText(headerLines({ state: shaped, width: 80, query: 'app=shop' })[0]);
    assert.match(narrow, /^ctop-ts 1 running \/ 1 total · query app=shop · filter web · group compose/);
    assert.equal(lineWidth(headerLines({ state: shaped, width: 80, query: 'x'.repeat(200) })[0]), 80);
  });

  test('footer shows a notice instead of hints', () => {
    const text = lineText(footerLine({ state: { ...state, notice: 'exec: no shell in the container' }, width: 120 }));
    assert.match(text, /exec: no shell in the container/);
    assert.doesNotMatch(text, /\? help/);
  });

  test('footer is cut to the width', () => {
    assert.equal(lineWidth(footerLine({ state: { ...state, notice: 'x'.repeat(200) }, width: 80 })), 80);
  });

  test('the column header marks the sort column and direction', () => {
    const fit = fitColumns(120);
    assert.match(lineText(headerSegments(fit, 'cpu', false, 1000)), /CPU%▼/);
    assert.match(lineText(headerSegments(fit, 'cpu', true, 1000)), /CPU%▲/);
    assert.match(lineText(headerSegments(fit, 'name', false, 1000)), /NAME▲/);
    assert.match(lineText(headerSegments(fit, 'uptime', false, 1000)), /UPTIM▼$/);
    assert.match(lineText(headerSegments(fitColumns(80), 'state', false, 1000)), /^ ▲ NAME/);
    assert.match(lineText(headerSegments(fit, 'cpu', false, 1000)), /CPU 60s/);
  });
});

describe('header at narrow widths', () => {
  const list = [row('a', { cpuPercent: 1, memUsage: 1 })];
  const state = step(initLiveState({ snapshot: EMPTY }), { type: 'snapshot', snapshot: { ...snapshot(list), sourceLabel: 'auto (cgroup 60, api 2)' } }).table;
  test('drops the source before cutting the counts, then the clock', () => {
    const at = (w: number) => lineText(headerLines({ state, width: w })[0]);
    assert.match(at(120), /1 running \/ 1 total .*auto \(cgroup 60, api 2\) @ 1s {2}\d\d:\d\d:\d\d$/);
    assert.match(at(70), /1 running \/ 1 total +\d\d:\d\d:\d\d$/);
    assert.doesNotMatch(at(70), /auto/);
    assert.match(at(56), /1 running \/ 1 total *$/);
  });
});

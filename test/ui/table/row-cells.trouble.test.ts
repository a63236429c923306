// Issue 6/7 on the table row and the status lines: recent trouble in the state cell, event
// markers in the CPU sparkline, the mark margin, the READ-ONLY badge and notices in the footer.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MARKER_GLYPH, type Trouble } from '../../../src/core/events/event-markers.js';
import type { EngineEvent, History } from '../../../src/core/model/types.js';
import { fitColumns } from '../../../src/ui/table/columns.js';
import { MARKED_MARK, MARKED_SELECTED_MARK, rowSegments, SELECTED_MARK, type RowContext } from '../../../src/ui/table/row-cells.js';
import { lineText, lineWidth } from '../../../src/ui/shared/segments.js';
import { footerLine, headerLines } from '../../../src/ui/chrome/status-lines.js';
import { liveReducer } from '../../../src/ui/live-reducer.js';
import { DEFAULT_ENV, initLiveState, type LiveAction, type LiveState } from '../../../src/ui/live-state.js';

import { EMPTY, row, snapshot, T0 } from '../../helpers/ui-fixtures.js';

const step = (s: LiveState, a: LiveAction) => liveReducer(s, a, DEFAULT_ENV);
/** What the footer draws from: the table slice, the marks and the notice. */
const bar = (s: LiveState) => ({ ...s.table, marked: s.marked, notice: s.notice });

const ctx: RowContext = { now: T0, history: undefined, intervalMs: 1000 };
const trouble = (restarts: number, ooms: number): Trouble => ({ restarts, ooms, lastAt: T0 });

function ev(id: string, action: string, time: number): EngineEvent {
  return { time, id, action, detail: null, name: 'a', image: null, exitCode: action === 'die' ? 137 : null, signal: null, attributes: {} };
}

describe('state cell: recent restarts and OOM kills', () => {
  const wide = fitColumns(120); // state as glyph and word, 12 columns
  const stateCell = (r: ReturnType<typeof row>, c: RowContext, fit = wide) => {
    const w = fit.columns.find((x) => x.id === 'state')!.width;
    return lineText(rowSegments(r, fit, c, false)).slice(1, 1 + w);
  };

  test('the badge follows the state word when it fits', () => {
    assert.equal(stateCell(row('a'), { ...ctx, trouble: trouble(2, 0) }), '▶ running ↻2');
    assert.equal(stateCell(row('a', {}, { state: 'exited' }), { ...ctx, trouble: trouble(0, 1) }), '■ exited OOM');
  });

  test('when glyph, word and badge do not fit, the word gives way', () => {
    assert.equal(stateCell(row('a'), { ...ctx, trouble: trouble(0, 1) }).trimEnd(), '▶ OOM');
    assert.equal(stateCell(row('a'), { ...ctx, trouble: trouble(1, 1) }).trimEnd(), '▶ ↻1 OOM');
  });

  test('tone: warn for restarts, danger once there was an OOM kill', () => {
    const tone = (t: Trouble) => rowSegments(row('a'), wide, { ...ctx, trouble: t }, false).find((s) => /↻|OOM/.test(s.text))?.tone;
    assert.equal(tone(trouble(3, 0)), 'warn');
    assert.equal(tone(trouble(1, 1)), 'danger');
  });

  test('no trouble, or a glyph-only column (80 columns): the cell is as before', () => {
    assert.equal(stateCell(row('a'), ctx), '▶ running   ');
    assert.match(lineText(rowSegments(row('a'), fitColumns(80), { ...ctx, trouble: trouble(1, 1) }, false)), /^ ▶ a /);
  });

  for (const width of [80, 120, 200]) {
    test(`the row still fills exactly the fitted width at ${width} columns`, () => {
      const fit = fitColumns(width);
      assert.equal(lineWidth(rowSegments(row('a'), fit, { ...ctx, trouble: trouble(12, 3) }, false)), fit.used);
    });
  }
});

describe('CPU sparkline markers', () => {
  const id = row('a').info.id;
  const fit = fitColumns(80);
  const graphWidth = fit.columns.find((c) => c.id === 'cpuGraph')!.width;
  const timestamps = Array.from({ length: 60 }, (_, i) => T0 - (59 - i) * 1000);
  const history: History = { timestamps, cpuPercent: timestamps.map(() => 50), memUsage: [], netRxRate: [], netTxRate: [], blockReadRate: [], blockWriteRate: [] };
  const graphSegments = (c: RowContext) => {
    const segs = rowSegments(row('a', { cpuPercent: 50 }), fit, c, false);
    // The graph's segments are the ones toned graph or by a marker, between the CPU% and MEM cells.
    return segs.filter((s) => s.tone === 'graph' || ((s.tone === 'warn' || s.tone === 'danger') && /^[▁-█ ↻!x]+$/.test(s.text)));
  };

  test('without events the graph is one graph-toned run', () => {
    const segs = graphSegments({ ...ctx, history, events: [] });
    assert.equal(segs.length, 1);
    assert.equal(segs[0].text.length, graphWidth);
  });

  test('a restart colours its column warn; an OOM kill danger; the width is unchanged', () => {
    const events = [ev(id, 'die', T0 - 30_000), ev(id, 'start', T0 - 29_900), ev(id, 'oom', T0 - 5_000)];
    const segs = graphSegments({ ...ctx, history, events });
    assert.equal(segs.map((s) => s.text).join('').length, graphWidth);
    assert.ok(segs.some((s) => s.tone === 'warn'), 'restart marker');
    assert.ok(segs.some((s) => s.tone === 'danger'), 'oom marker');
  });

  test('where the graph is blank the marker glyph stands in (readable without colour)', () => {
    const text = lineText(rowSegments(row('a'), fit, { ...ctx, history: undefined, events: [ev(id, 'oom', T0 - 1000)] }, false));
    assert.ok(text.includes(MARKER_GLYPH.oom), text);
  });

  test("another container's events leave the graph alone", () => {
    const segs = graphSegments({ ...ctx, history, events: [ev('other', 'oom', T0 - 1000)] });
    assert.equal(segs.length, 1);
  });
});

describe('the mark margin', () => {
  const fit = fitColumns(80);
  const margin = (selected: boolean, marked: boolean) => rowSegments(row('a'), fit, ctx, selected, marked)[0];
  test('selected, marked, both, neither: four distinct glyphs', () => {
    assert.deepEqual(
      [margin(true, false).text, margin(false, true).text, margin(true, true).text, margin(false, false).text],
      [SELECTED_MARK, MARKED_MARK, MARKED_SELECTED_MARK, ' '],
    );
    assert.equal(margin(false, true).tone, 'warn');
  });
});

describe('status lines', () => {
  const live = step(initLiveState({ snapshot: EMPTY }), { type: 'snapshot', snapshot: snapshot([row('a'), row('b')]) });
  const state = bar(live);

  test('--read-only puts a READ-ONLY badge in the header', () => {
    assert.match(lineText(headerLines({ state, width: 120, readOnly: true })[0]), /^ctop-ts READ-ONLY /);
    assert.doesNotMatch(lineText(headerLines({ state, width: 120 })[0]), /READ-ONLY/);
  });

  test('the footer counts the marks', () => {
    const marked = bar(step(live, { type: 'key', key: 'space' }));
    assert.match(lineText(footerLine({ state: marked, width: 160 })), / · 1 marked /);
  });

  test('a notice that does not fit beside the status takes the whole footer', () => {
    const notice = 'read-only mode (--read-only): exec is disabled';
    const s = bar(step(live, { type: 'notice', notice }));
    assert.ok(lineText(footerLine({ state: s, width: 160 })).includes(`1/2   ${notice}`));
    const narrow = lineText(footerLine({ state: s, width: 60 }));
    assert.equal(narrow.trimEnd(), notice);
    assert.equal(lineWidth(footerLine({ state: s, width: 30 })), 30);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { appendLines, type LogLine } from '../../../src/core/logs/log-buffer.js';
import { computeWindow, moveRows } from '../../../src/ui/logs/log-view-layout.js';
import {
  initialLogViewState,
  logViewCommand,
  reduceLogView,
  type LogViewAction,
  type LogViewState,
  type LogViewport,
} from '../../../src/ui/logs/log-view-reducer.js';

const numbered = (n: number, text = (i: number) => `line ${i}`): LogLine[] =>
  appendLines([], Array.from({ length: n }, (_, i) => ({ stream: 'stdout' as const, time: null, text: text(i) })));

// 40 columns, 12 rows: 10 body rows.
const vp = (lines: LogLine[], width = 40, height = 12): LogViewport => ({ lines, width, height });
const start = () => initialLogViewState('id', 'web');
const apply = (v: LogViewport, ...actions: LogViewAction[]): LogViewState => actions.reduce((s, a) => reduceLogView(s, a, v), start());
const visible = (s: LogViewState, v: LogViewport) => computeWindow(v.lines, s.top, v.width, v.height, s).rows.map((r) => r.line.text);

describe('log view window', () => {
  it('following shows the newest lines, exactly the body height', () => {
    const v = vp(numbered(100));
    const rows = visible(start(), v);
    assert.equal(rows.length, 10);
    assert.equal(rows[9], 'line 99');
  });

  it('fewer lines than rows: all of them', () => {
    assert.deepEqual(visible(start(), vp(numbered(3))), ['line 0', 'line 1', 'line 2']);
  });

  it('wrapping counts rows, not lines', () => {
    const lines = numbered(5, (i) => `${i}`.repeat(60)); // 60 chars at 38 columns = 2 rows each
    const w = computeWindow(lines, null, 40, 12, { timestamps: false, wrap: true });
    assert.equal(w.rows.length, 10);
    assert.equal(w.rows[0].line.seq, 0);
    assert.equal(moveRows(lines, { seq: 0, row: 0 }, 3, 40, { timestamps: false, wrap: true }).row, 1);
  });
});

describe('reduceLogView: scrolling', () => {
  const v = vp(numbered(100));

  it('scrolling up pauses and moves one row', () => {
    const s = apply(v, { type: 'scroll', rows: -1 });
    assert.notEqual(s.top, null);
    assert.equal(visible(s, v)[9], 'line 98');
  });

  it('scrolling down while following changes nothing', () => {
    const s0 = start();
    assert.equal(reduceLogView(s0, { type: 'scroll', rows: 1 }, v), s0);
  });

  it('pages move by the body height; g goes to the top; G follows again', () => {
    let s = apply(v, { type: 'page', pages: -1 });
    assert.equal(visible(s, v)[0], 'line 80');
    s = reduceLogView(s, { type: 'page', pages: 0.5 }, v);
    assert.equal(visible(s, v)[0], 'line 85');
    s = reduceLogView(s, { type: 'top' }, v);
    assert.equal(visible(s, v)[0], 'line 0');
    s = reduceLogView(s, { type: 'scroll', rows: -5 }, v);
    assert.equal(visible(s, v)[0], 'line 0', 'stops at the first line');
    s = reduceLogView(s, { type: 'follow' }, v);
    assert.equal(s.top, null);
  });

  it('while paused, new lines do not move the window and are counted', () => {
    const s = apply(v, { type: 'page', pages: -1 });
    const more = vp(appendLines(v.lines, [{ stream: 'stdout', time: null, text: 'new' }]));
    assert.deepEqual(visible(s, more), visible(s, v));
    assert.equal(computeWindow(more.lines, s.top, 40, 12, s).below, 11);
  });

  it('while paused, dropping old lines keeps the same lines in view', () => {
    const s = apply(v, { type: 'page', pages: -2 });
    const before = visible(s, v);
    const trimmed = vp(appendLines(v.lines, [{ stream: 'stdout', time: null, text: 'x' }], 95));
    assert.deepEqual(visible(s, trimmed), before);
  });

  it('scrolling down past the end shows the last full page', () => {
    const s = apply(v, { type: 'page', pages: -1 }, { type: 'scroll', rows: 500 });
    assert.equal(visible(s, v)[9], 'line 99');
    assert.notEqual(s.top, null, 'still paused until G');
  });
});

describe('reduceLogView: search, n and N', () => {
  const lines = numbered(50, (i) => (i % 10 === 3 ? `ERROR number ${i}` : `ok ${i}`));
  const v = vp(lines);
  const search = (q: string): LogViewAction[] => [{ type: 'search-open' }, ...Array.from(q, (c) => ({ type: 'search-input', text: c }) as LogViewAction), { type: 'search-commit' }];

  it('from FOLLOWING, finds the newest match', () => {
    const s = apply(v, ...search('error'));
    assert.equal(s.query, 'error');
    assert.equal(s.draft, null);
    assert.equal(s.matchSeq, 43);
  });

  it('n goes to the next (newer) match, N to the previous, wrapping', () => {
    let s = apply(v, ...search('error'));
    s = reduceLogView(s, { type: 'match', dir: -1 }, v);
    assert.equal(s.matchSeq, 33);
    assert.equal(visible(s, v)[0], 'ERROR number 33');
    s = reduceLogView(s, { type: 'match', dir: 1 }, v);
    assert.equal(s.matchSeq, 43);
    s = reduceLogView(s, { type: 'match', dir: 1 }, v);
    assert.equal(s.matchSeq, 3, 'wraps to the oldest');
  });

  it('from a paused position, finds the first match below the top', () => {
    const s = apply(v, { type: 'top' }, { type: 'scroll', rows: 15 }, ...search('ERROR'));
    assert.equal(s.matchSeq, 23);
  });

  it('not found says so and keeps the position', () => {
    const s = apply(v, ...search('nope'));
    assert.equal(s.notice, 'pattern not found: nope');
    assert.equal(s.top, null);
    assert.equal(reduceLogView(s, { type: 'toggle-wrap' }, v).notice, null, 'the notice lasts one action');
  });

  it('Esc in the prompt cancels it; backspace edits it', () => {
    let s = apply(v, { type: 'search-open' }, { type: 'search-input', text: 'ab' }, { type: 'search-backspace' });
    assert.equal(s.draft, 'a');
    s = reduceLogView(s, { type: 'search-cancel' }, v);
    assert.equal(s.draft, null);
    assert.equal(s.query, '');
  });

  it('an empty search clears the highlight', () => {
    const s = apply(v, ...search('error'), ...search(''));
    assert.equal(s.query, '');
    assert.equal(s.matchSeq, null);
  });
});

describe('logViewCommand (through the keymap)', () => {
  const s = start();
  const cases: [string, string, LogViewAction | null][] = [
    ['j', 'j', { type: 'scroll', rows: 1 }],
    ['k', 'k', { type: 'scroll', rows: -1 }],
    ['↓', 'down', { type: 'scroll', rows: 1 }],
    ['↑', 'up', { type: 'scroll', rows: -1 }],
    ['PgDn', 'pagedown', { type: 'page', pages: 1 }],
    ['PgUp', 'pageup', { type: 'page', pages: -1 }],
    ['Ctrl-F', 'ctrl+f', { type: 'page', pages: 1 }],
    ['Ctrl-D', 'ctrl+d', { type: 'page', pages: 0.5 }],
    ['Ctrl-U', 'ctrl+u', { type: 'page', pages: -0.5 }],
    ['g', 'g', { type: 'top' }],
    ['Home', 'home', { type: 'top' }],
    ['G', 'G', { type: 'follow' }],
    ['End', 'end', { type: 'follow' }],
    ['/', '/', { type: 'search-open' }],
    ['n', 'n', { type: 'match', dir: 1 }],
    ['N', 'N', { type: 'match', dir: -1 }],
    ['t', 't', { type: 'toggle-timestamps' }],
    ['w', 'w', { type: 'toggle-wrap' }],
    ['Esc closes the view', 'escape', { type: 'close' }],
    ['← closes the view', 'left', { type: 'close' }],
    ['q is left to the root (quit)', 'q', null],
    ['Ctrl-C is left to the root', 'ctrl+c', null],
    ['Space is not bound', 'space', null],
  ];
  for (const [name, k, want] of cases) it(name, () => assert.deepEqual(logViewCommand(s, k), want));

  it('with the prompt open, letters are typed, not commands', () => {
    const p = { ...s, draft: 'er' };
    assert.deepEqual(logViewCommand(p, 'n'), { type: 'search-input', text: 'n' });
    assert.deepEqual(logViewCommand(p, 'G'), { type: 'search-input', text: 'G' });
    assert.deepEqual(logViewCommand(p, 'space'), { type: 'search-input', text: ' ' });
    assert.deepEqual(logViewCommand(p, 'enter'), { type: 'search-commit' });
    assert.deepEqual(logViewCommand(p, 'escape'), { type: 'search-cancel' });
    assert.deepEqual(logViewCommand(p, 'backspace'), { type: 'search-edit', command: 'deleteBack' });
    assert.deepEqual(logViewCommand(p, 'ctrl+u'), { type: 'search-edit', command: 'clearLine' });
    assert.deepEqual(logViewCommand(p, 'ctrl+w'), { type: 'search-edit', command: 'deleteWord' });
    assert.equal(logViewCommand(p, 'pagedown'), null);
    assert.equal(logViewCommand(p, 'up'), null);
  });

  it('search edits: Backspace, Ctrl-W and Ctrl-U', () => {
    const p = { ...s, draft: 'one two' };
    const v = vp(numbered(3));
    assert.equal(reduceLogView(p, { type: 'search-backspace' }, v).draft, 'one tw');
    assert.equal(reduceLogView(p, { type: 'search-edit', command: 'deleteWord' }, v).draft, 'one ');
    assert.equal(reduceLogView(p, { type: 'search-edit', command: 'clearLine' }, v).draft, '');
  });
});

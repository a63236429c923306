// LogView through ink-testing-library: exact size, header states, stderr marking, search
// highlight, timestamps and wrapping. FORCE_COLOR is pinned so colour assertions do not
// depend on whether the test runs in a terminal.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import stringWidth from 'string-width';
import { hintText } from '../../../src/ui/keys/key-help.js';

process.env.FORCE_COLOR = '1';
const { render } = await import('ink-testing-library');
const { LogView, STDERR_MARK } = await import('../../../src/ui/logs/log-view.js');
const { appendLines } = await import('../../../src/core/logs/log-buffer.js');
const { initialLogViewState, reduceLogView } = await import('../../../src/ui/logs/log-view-reducer.js');
const { THEMES } = await import('../../../src/ui/shared/theme.js');
type LogLine = import('../../../src/core/logs/log-buffer.js').LogLine;
type LogViewState = import('../../../src/ui/logs/log-view-reducer.js').LogViewState;
type LogViewAction = import('../../../src/ui/logs/log-view-reducer.js').LogViewAction;

const SGR = /\x1b\[[0-9;]*m/g;
const plain = (frame: string | undefined) => (frame ?? '').replace(SGR, '').split('\n');

function lines(n: number, stderrEvery = 0): LogLine[] {
  return appendLines(
    [],
    Array.from({ length: n }, (_, i) => ({
      stream: stderrEvery && i % stderrEvery === 0 ? ('stderr' as const) : ('stdout' as const),
      time: `2024-05-01T12:00:${String(i % 60).padStart(2, '0')}.5Z`,
      text: `message ${i}`,
    })),
  );
}

const following = (): LogViewState => ({ ...initialLogViewState('id', 'web-1'), stream: { state: 'following', tty: false } });
const after = (l: LogLine[], w: number, h: number, ...a: LogViewAction[]) => a.reduce((s, x) => reduceLogView(s, x, { lines: l, width: w, height: h }), following());

function draw(l: readonly LogLine[], state: LogViewState, width: number, height: number) {
  const app = render(<LogView lines={l} state={state} width={width} height={height} />);
  const frame = app.lastFrame();
  app.unmount();
  return frame ?? '';
}

describe('LogView', () => {
  for (const [w, h] of [[60, 12], [30, 5], [80, 3], [20, 2], [20, 1]] as const) {
    it(`fills exactly ${w}×${h}, never more`, () => {
      const l = appendLines(lines(50, 3), [{ stream: 'stdout', time: null, text: `${'long '.repeat(40)}中文🐳` }]);
      const rows = plain(draw(l, following(), w, h));
      assert.equal(rows.length, h);
      for (const r of rows) assert.ok(stringWidth(r) <= w, `row wider than ${w}: ${JSON.stringify(r)}`);
    });
  }

  it('header: container name and FOLLOWING; the newest line is at the bottom', () => {
    const rows = plain(draw(lines(50), following(), 60, 8));
    assert.match(rows[0], /Logs: web-1 +FOLLOWING$/);
    assert.match(rows[6], /message 49/);
    assert.equal(rows[7].trimEnd(), hintText('logs', 60), 'the hints come from the keymap');
    assert.match(rows[7], /Esc close · j down/);
  });

  it('PAUSED with the count of lines below the window after scrolling up (not "new": they were just read)', () => {
    const l = lines(50);
    const rows = plain(draw(l, after(l, 60, 8, { type: 'scroll', rows: -3 }), 60, 8));
    assert.match(rows[0], /PAUSED \+3 below · G follow$/);
    assert.match(rows[6], /message 46/);
  });

  it('stderr rows carry a marker (visible without colour) and the stderr colour', () => {
    const l = lines(6, 2);
    const frame = draw(l, following(), 40, 8);
    const rows = plain(frame);
    assert.ok(rows[1].startsWith(STDERR_MARK), rows[1]);
    assert.ok(rows[2].startsWith('  message 1'), rows[2]);
    assert.match(frame, /\x1b\[31m┃ /, 'stderr marker in red');
  });

  it('the mono theme (--no-color) draws no colour, and stderr is still marked', () => {
    const l = lines(6, 2);
    const s = after(l, 40, 8, { type: 'search-open' }, { type: 'search-input', text: 'message' }, { type: 'search-commit' });
    const app = render(<LogView lines={l} state={s} width={40} height={8} theme={THEMES.mono} />);
    const frame = app.lastFrame() ?? '';
    app.unmount();
    assert.doesNotMatch(frame, /\x1b\[(3\d|4\d|9\d)(;\d+)*m/, 'no foreground or background colour');
    assert.match(frame, /\x1b\[7m/, 'matches still in inverse video');
    assert.ok(plain(frame)[1].startsWith(STDERR_MARK));
  });

  it('a system line (the end marker) is shown as is', () => {
    const l = appendLines(lines(2), [{ stream: 'system', time: null, text: '— container stopped —' }]);
    assert.match(plain(draw(l, following(), 40, 6))[3], /^ {2}— container stopped —/);
  });

  it('t shows timestamps; continuation rows leave the column blank', () => {
    const l = appendLines([], [{ stream: 'stdout', time: '2024-05-01T12:00:00.123456Z', text: 'x'.repeat(30) }]);
    const s = after(l, 40, 6, { type: 'toggle-timestamps' }, { type: 'toggle-wrap' });
    const rows = plain(draw(l, s, 40, 6));
    assert.equal(rows[1], `  2024-05-01 12:00:00.123 ${'x'.repeat(14)}`);
    assert.equal(rows[2], `${' '.repeat(26)}${'x'.repeat(14)}`);
    assert.match(rows[0], /\[time wrap\] FOLLOWING/);
  });

  it('long lines are truncated with … unless w wraps them', () => {
    const l = appendLines([], [{ stream: 'stdout', time: null, text: 'abcdefghij'.repeat(5) }]);
    assert.equal(plain(draw(l, following(), 20, 4))[1], '  abcdefghijabcdefg…');
    const wrapped = plain(draw(l, after(l, 20, 6, { type: 'toggle-wrap' }), 20, 6));
    // (Ink trims trailing spaces from its output lines.)
    assert.deepEqual(wrapped.slice(1, 5), ['  abcdefghijabcdefgh', '  ijabcdefghijabcdef', '  ghijabcdefghij', '']);
  });

  it('the search prompt, then highlighted matches and the match position', () => {
    const l = lines(30);
    const typing = after(l, 60, 8, { type: 'search-open' }, { type: 'search-input', text: 'sage 2' });
    assert.match(plain(draw(l, typing, 60, 8))[7], /^\/sage 2█/);
    const found = reduceLogView(typing, { type: 'search-commit' }, { lines: l, width: 60, height: 8 });
    const frame = draw(l, found, 60, 8);
    assert.match(plain(frame)[7], /^\/sage 2 {2}match 11\/11 · n next/);
    assert.match(frame, /\x1b\[7m[^\n]*sage 2/, 'matches drawn in inverse video');
  });

  it('a search with no hit says so', () => {
    const l = lines(5);
    const s = after(l, 60, 6, { type: 'search-open' }, { type: 'search-input', text: 'zzz' }, { type: 'search-commit' });
    assert.match(plain(draw(l, s, 60, 6))[5], /^pattern not found: zzz/);
  });

  it('before any line: waiting for the engine, then "no log lines"', () => {
    const connecting = initialLogViewState('id', 'web-1');
    const rows = plain(draw([], connecting, 40, 5));
    assert.match(rows[0], /connecting…$/);
    assert.match(rows[1], /waiting for the engine/);
    assert.match(plain(draw([], following(), 40, 5))[1], /no log lines/);
  });

  it('a hostile container name cannot reach the terminal', () => {
    const s = { ...following(), containerName: 'evil\x1b]0;pwn\x07\x1b[2J' };
    const frame = draw(lines(1), s, 40, 4);
    assert.doesNotMatch(frame, /\x1b\]|\x1b\[2J/);
    assert.match(plain(frame)[0], /Logs: evil\\e\]0;pwn\\a\\e\[2J /, 'shown escaped, not acted on');
  });
});

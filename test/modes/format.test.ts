// --format over a session: once, streaming into a pipe (plain frames, one per tick) and on a
// terminal (redrawn in place), and the CLI-side validation before any engine work.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { UserFacingError } from '../../src/core/model/errors.js';
import { compileCliFormat, runFormatOnce, runFormatStream, ttyFrame } from '../../src/modes/format.js';
import { createMockSession } from '../../src/sources/mock/mock-session.js';

const waitFor = async (cond: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('--format modes', () => {
  it('compileCliFormat: parse errors and unknown fields are UserFacingErrors (exit 2) with a caret', () => {
    for (const [format, caret] of [
      ['{{.Name', 0],
      ['x {{.Nmae}}', 4],
    ] as const) {
      assert.throws(
        () => compileCliFormat(format),
        (e: unknown) => e instanceof UserFacingError && e.exitCode === 2 && e.message.split('\n')[2] === `${' '.repeat(caret)}^`,
      );
    }
    // data-dependent errors wait for the real rows
    assert.ok(compileCliFormat('{{index (split .Name "-") 5}}'));
  });

  it('--no-stream: one rendering of every selected container', async () => {
    const session = createMockSession({ seed: 7, count: 4 });
    let out = '';
    await runFormatOnce(session, compileCliFormat('{{.Name}}|{{.PIDs}}'), { all: true, noTrunc: false, write: (s) => (out += s) });
    session.close();
    assert.equal(out.trimEnd().split('\n').length, 4);
    for (const line of out.trimEnd().split('\n')) assert.match(line, /^[a-z]+-[a-z]+-\d\|\d+$/);
  });

  it('streaming into a pipe: plain frames, no escape sequences', async () => {
    const session = createMockSession({ seed: 7, count: 3 });
    const frames: string[] = [];
    const stop = runFormatStream(session, compileCliFormat('table {{.Name}}\\t{{.CPUPerc}}'), {
      all: false,
      noTrunc: false,
      intervalMs: 100,
      tty: false,
      write: (s) => frames.push(s),
      onTemplateError: (e) => assert.fail(String(e)),
    });
    await waitFor(() => frames.length >= 3);
    stop();
    session.close();
    for (const f of frames) {
      assert.doesNotMatch(f, /\x1b/);
      assert.match(f, /^NAME +CPU %\n/);
    }
  });

  it('on a terminal: cursor home, each line cleared to its end, the rest cleared', () => {
    assert.equal(ttyFrame('a\nb\n'), '\x1b[Ha\x1b[K\nb\x1b[K\n\x1b[J');
  });
});

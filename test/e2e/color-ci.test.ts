// Colour follows NO_COLOR, --no-color, FORCE_COLOR and the terminal, never CI: chalk (inside Ink)
// turns colour off whenever a CI variable exists, CI=false and CI=0 included (issue 11, defect 2).
import assert from 'node:assert/strict';
import { after, it } from 'node:test';
import { forceColorFor, terminalColorLevel } from '../../src/output/color-level.js';
import { launch, WAIT } from '../helpers/live-screen.js';
import { describeTmux, killTmuxServer } from '../helpers/tmux.js';

const colour = /\x1b\[(?:[\d;]*;)?(?:3[0-7]|9[0-7]|38;5;\d+|38;2;[\d;]+)(?:;[\d;]*)?m/;
const colouredLines = (screen: string) => screen.split('\n').filter((l) => colour.test(l)).length;

it('forceColorFor steps in only when CI would switch colour off', () => {
  const term = { TERM: 'xterm-256color' };
  assert.equal(forceColorFor({ ...term, CI: 'false' }, true, true), '2');
  assert.equal(forceColorFor({ ...term, CI: '0' }, true, true), '2');
  assert.equal(forceColorFor({ ...term, CI: 'true' }, true, true), '2');
  assert.equal(forceColorFor(term, true, true), null); // no CI: chalk reads the terminal itself
  assert.equal(forceColorFor({ ...term, CI: 'false' }, true, false), null); // --no-color / NO_COLOR
  assert.equal(forceColorFor({ ...term, CI: 'false', FORCE_COLOR: '0' }, true, true), null); // the user decides
  assert.equal(forceColorFor({ ...term, CI: 'false' }, false, true), null); // not a terminal
  assert.equal(forceColorFor({ TERM: 'dumb', CI: 'false' }, true, true), null);
  assert.equal(terminalColorLevel({ TERM: 'xterm', COLORTERM: 'truecolor' }), 3);
  assert.equal(terminalColorLevel({ TERM: 'xterm' }), 1);
});

describeTmux('colour and CI (tmux, --mock)', () => {
  after(killTmuxServer);

  const cases: [string, Record<string, string>, string, boolean][] = [
    ['CI=false', { CI: 'false' }, '', true],
    ['CI=0', { CI: '0' }, '', true],
    ['CI=false --no-color', { CI: 'false' }, ' --no-color', false],
    ['CI=false NO_COLOR=1', { CI: 'false', NO_COLOR: '1' }, '', false],
    ['CI=false FORCE_COLOR=0', { CI: 'false', FORCE_COLOR: '0' }, '', false],
  ];
  for (const [label, env, flags, coloured] of cases) {
    it(`${label}: ${coloured ? 'coloured' : 'no colour'}`, async () => {
      const { tmux, stop } = await launch(`--mock 2${flags}`, 100, 30, env);
      try {
        await tmux.waitForScreen(/running \/ \d+ total/, WAIT);
        await new Promise((r) => setTimeout(r, 1500)); // a frame with numbers
        const n = colouredLines(await tmux.capturePane({ escapes: true }));
        if (coloured) assert.ok(n >= 3, `${n} coloured lines`);
        else assert.equal(n, 0);
      } finally {
        await stop();
      }
    });
  }
});

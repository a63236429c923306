// --warning/--critical on the live screen, as a user sees it in a terminal: the header counts the
// containers that breach, and the breaching cells are drawn in the theme's critical colour.
import { after, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeTmux, killTmuxServer } from '../helpers/tmux.js';
import { launch, WAIT } from '../helpers/live-screen.js';

describeTmux('live screen rules', () => {
  after(() => killTmuxServer());

  it('-c cpu=0.001: every running row is critical; the header says how many', async () => {
    const app = await launch('--mock 3 --mock-count 4 -c cpu=0.001', 130, 14);
    try {
      const screen = await app.tmux.waitForScreen(/3 critical/, WAIT);
      assert.match(screen.split('\n')[0], /3 running \/ 4 total · 3 critical/, 'seed 3: one of the four is stopped');
      const colour = await app.tmux.capturePane({ escapes: true });
      // dark theme: critical = red (31), bold; the CPU cells carry it, e.g. "\e[1m\e[31m 25.4%"
      const cpuCells = colour.split('\n').slice(3, 7).filter((l) => /\x1b\[(?:1m\x1b\[)?31m *\d+\.\d%/.test(l));
      assert.equal(cpuCells.length, 3, colour);
    } finally {
      await app.stop();
    }
  });

  it('! shows only the rows that breach, and again shows all; without rules it says why', async () => {
    const app = await launch('--mock 3 --mock-count 4 -a -c cpu=0.001', 130, 14);
    try {
      // seed 3: metrics-web-1 is exited (0 % CPU), so it breaches nothing
      await app.tmux.waitForScreen(/3 critical[\s\S]*metrics-web-1/, WAIT);
      await app.tmux.sendKeys('!');
      const only = await app.tmux.waitForScreen(/problems only/, WAIT);
      assert.doesNotMatch(only, /metrics-web-1/);
      assert.match(only, /blog-web-1[\s\S]*\b1\/3\b/);
      await app.tmux.sendKeys('!');
      await app.tmux.waitForScreen(/metrics-web-1[\s\S]*\b1\/4\b/, WAIT);
    } finally {
      await app.stop();
    }
    const plain = await launch('--mock 3 --mock-count 4', 130, 14);
    try {
      await plain.tmux.waitForScreen(/3 running \/ 4 total/, WAIT);
      await plain.tmux.sendKeys('!');
      await plain.tmux.waitForScreen(/no --warning\/--critical rules/, WAIT);
    } finally {
      await plain.stop();
    }
  });

  it('without rules the header has no count', async () => {
    const app = await launch('--mock 3 --mock-count 4', 130, 14);
    try {
      const screen = await app.tmux.waitForScreen(/3 running \/ 4 total/, WAIT);
      assert.doesNotMatch(screen.split('\n')[0], /critical|warning|problems/);
    } finally {
      await app.stop();
    }
  });
});

// The built binary's live screen in a real terminal (tmux), driven by the seeded mock session:
// first frame, keys, resize, colour flags, and the terminal restored on every way out.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { displayWidth } from '../../src/ui/shared/text-fit.js';
import { frameLines, launch, ROOT, selectedName, until, WAIT } from '../helpers/live-screen.js';
import { describeTmux, killTmuxServer } from '../helpers/tmux.js';

describeTmux('live screen (tmux, --mock)', () => {
  before(() => {
    assert.ok(existsSync(join(ROOT, 'dist/ui/run.js')), 'build first: npx tsc -p tsconfig.json');
  });
  after(killTmuxServer);

  it('shows a boot line at once, the first frame before any sample, then rows', async (t) => {
    const started = Date.now();
    const { tmux, stop } = await launch('--mock 7');
    try {
      await tmux.waitForScreen('ctop-ts', WAIT, 10);
      const bootMs = Date.now() - started;
      assert.equal(await tmux.alternateOn(), true);
      await tmux.waitForScreen(/connecting…|running \/ \d+ total/, WAIT, 10);
      const frameMs = Date.now() - started;
      // Loading node, commander and dockerode comes before the boot line; React, Ink and its
      // layout engine before the first frame (about 0.3 s and 0.6 s more on an idle machine).
      // The bounds are loose because test machines run other suites in parallel.
      t.diagnostic(`boot line ${bootMs} ms, first frame ${frameMs} ms after launch`);
      assert.ok(bootMs < 3000, `boot line after ${bootMs} ms`);
      assert.ok(frameMs < 6000, `first frame after ${frameMs} ms`);
      const screen = await tmux.waitForScreen(/running \/ \d+ total/, WAIT);
      assert.match(screen, /shop-|blog-|metrics-/);
    } finally {
      await stop();
    }
  });

  it('j, k, s and r change what the screen shows; q restores the terminal', async () => {
    const { tmux, stop } = await launch('--mock 7');
    try {
      await tmux.waitForScreen(/running \/ \d+ total/, WAIT);
      await tmux.sendKeys('6'); // sort by name: a stable order to move through
      let screen = await tmux.waitForScreen('sort name▲', WAIT);
      const first = selectedName(screen);
      assert.equal(first, 'blog-api-1');
      await tmux.sendKeys('j');
      screen = await tmux.waitForScreen((s) => selectedName(s) === 'blog-api-2', WAIT);
      await tmux.sendKeys('j', 'j', 'j'); // arrives as one chunk "jjj"
      await tmux.waitForScreen((s) => selectedName(s) === 'blog-db-2' && / 5\/\d+ /.test(s), WAIT);
      await tmux.sendKeys('k');
      await tmux.waitForScreen((s) => selectedName(s) === 'blog-db-1' && / 4\/\d+ /.test(s), WAIT);
      await tmux.sendKeys('r');
      await tmux.waitForScreen('sort name▼', WAIT);
      await tmux.sendKeys('s');
      await tmux.waitForScreen('sort state▲', WAIT);
      await tmux.sendKeys('?');
      await tmux.waitForScreen('next sort field', WAIT);
      await tmux.sendKeys('G'); // help scrolls to its end
      await tmux.waitForScreen('Column chooser', WAIT);
      await tmux.sendKeys('Escape');
      await tmux.waitForScreen((s) => !s.includes('Column chooser') && s.includes('sort state▲'), WAIT);
      await tmux.sendKeys('q');
      assert.equal(await tmux.waitForExit(WAIT), 0);
      assert.equal(await tmux.alternateOn(), false);
    } finally {
      await stop();
    }
  });

  it('fits 80×24 after a resize: no line wider than 80, at most 23 lines', async () => {
    const { tmux, stop } = await launch('--mock 3 -a', 160, 50);
    try {
      await tmux.waitForScreen('IMAGE', WAIT);
      await tmux.resize(80, 24);
      const screen = await tmux.waitForScreen((s) => !s.includes('IMAGE') && /running \/ \d+ total/.test(s), WAIT);
      const lines = frameLines(screen);
      assert.ok(lines.length <= 23, `${lines.length} lines:\n${screen}`);
      for (const l of lines) assert.ok(displayWidth(l) <= 80, `${displayWidth(l)} columns: ${l}`);
      assert.match(lines[lines.length - 1], /^sort cpu/); // the footer stays at the bottom
      await tmux.resize(200, 50);
      await tmux.waitForScreen('IMAGE', WAIT);
    } finally {
      await stop();
    }
  });

  for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
    it(`${signal} restores the terminal`, async () => {
      const { tmux, pid, stop } = await launch('--mock 1');
      try {
        await tmux.waitForScreen(/running \/ \d+ total/, WAIT);
        assert.equal(await tmux.alternateOn(), true);
        process.kill(pid(), signal);
        await until(() => tmux.paneDead(), `exit after ${signal}`, WAIT);
        assert.equal(await tmux.alternateOn(), false);
      } finally {
        await stop();
      }
    });
  }

  it('Ctrl-C quits from the table', async () => {
    const { tmux, stop } = await launch('--mock 1');
    try {
      await tmux.waitForScreen(/running \/ \d+ total/, WAIT);
      await tmux.sendKeys('C-c');
      assert.equal(await tmux.waitForExit(WAIT), 0);
      assert.equal(await tmux.alternateOn(), false);
    } finally {
      await stop();
    }
  });

  it('Esc at top level asks first (a long session is not lost to a stray Esc); Esc again quits', async () => {
    const { tmux, stop } = await launch('--mock 1');
    try {
      await tmux.waitForScreen(/running \/ \d+ total/, WAIT);
      await tmux.sendKeys('Escape');
      await tmux.waitForScreen(/quit\? Esc again or q quits/, WAIT);
      assert.equal(await tmux.paneDead(), false);
      await tmux.sendKeys('j'); // any other key carries on
      await tmux.waitForScreen((s) => !/quit\?/.test(s), WAIT);
      await tmux.sendKeys('Escape');
      await tmux.waitForScreen(/quit\?/, WAIT);
      await tmux.sendKeys('Escape');
      assert.equal(await tmux.waitForExit(WAIT), 0);
      assert.equal(await tmux.alternateOn(), false);
    } finally {
      await stop();
    }
  });

  it('--no-color and NO_COLOR draw no colours; --theme light draws its own', async () => {
    // Colour pinned on: chalk reads any CI variable (tmux passes CI=false) as "no colour".
    const forced = { FORCE_COLOR: '3' };
    const colour = /\x1b\[(?:[\d;]*;)?(?:3[0-7]|9[0-7]|38;5;\d+|38;2;[\d;]+)(?:;[\d;]*)?m/;
    const shots: Record<string, string> = {};
    for (const [label, args, env] of [
      ['no-color', '--mock 2 --no-color', forced],
      ['NO_COLOR', '--mock 2', { ...forced, NO_COLOR: '1' }],
      ['light', '--mock 2 --theme light', forced],
      ['dark', '--mock 2', forced],
    ] as const) {
      const { tmux, stop } = await launch(args, 120, 30, env);
      try {
        await tmux.waitForScreen(/\d+\.\d%/, WAIT);
        shots[label] = await tmux.capturePane({ escapes: true });
      } finally {
        await stop();
      }
    }
    assert.doesNotMatch(shots['no-color'], colour);
    assert.doesNotMatch(shots.NO_COLOR, colour);
    assert.match(shots.dark, colour);
    assert.match(shots.light, colour);
    assert.match(shots['no-color'], /✓ healthy|▶ running/); // states as words and glyphs
  });

  it('a session that cannot open: the terminal is restored, then the reason and a hint, exit 1', async () => {
    const { tmux, stop } = await launch('-H unix:///nonexistent/ctop-ui-e2e.sock', 100, 20);
    try {
      assert.equal(await tmux.waitForExit(30_000), 1);
      assert.equal(await tmux.alternateOn(), false);
      // tmux's "Pane is dead" line scrolls the screen by one: read the history too.
      const screen = await tmux.capturePane({ history: true });
      assert.match(screen, /ctop-ts: no Docker engine/);
      assert.match(screen, /hint:/);
    } finally {
      await stop();
    }
  });
});

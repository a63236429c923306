// The live screen in a real terminal (tmux, the built binary, --mock): `--record` writes each
// tick once and replays to the numbers the screen showed; keys that arrive in one write (500
// keys, a Backspace burst, a pasted 1 000-character filter) are all applied, in order.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { Store } from '../../src/core/history/store.js';
import { Sampler } from '../../src/sampling/sampler.js';
import { createReplaySession } from '../../src/sources/replay/replay-session.js';
import { frameLines, launch, ROOT, WAIT } from '../helpers/live-screen.js';
import { describeTmux, killTmuxServer } from '../helpers/tmux.js';

const dir = mkdtempSync(join(tmpdir(), 'ctop-record-e2e-'));

/** name → CPU% text of every container row on screen: the token before CPU% is the NAME (or the ID after it). */
function cpuByName(screen: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of screen.split('\n').slice(3)) {
    const tokens = line.slice(2).trim().split(/\s+/);
    const k = tokens.findIndex((t) => /^(\d+\.\d%|--)$/.test(t));
    if (k < 1) continue;
    const name = /^[0-9a-f]{12}$/.test(tokens[k - 1]) ? tokens[k - 2] : tokens[k - 1];
    if (name) out.set(name, tokens[k]);
  }
  return out;
}

describeTmux('live screen: --record and input bursts (tmux, --mock)', () => {
  before(() => {
    assert.ok(existsSync(join(ROOT, 'dist/ui/run.js')), 'build first: npx tsc -p tsconfig.json');
  });
  after(async () => {
    await killTmuxServer();
    rmSync(dir, { recursive: true, force: true });
  });

  it('--record writes one header and every tick once; the replay gives the numbers the screen showed', async () => {
    const file = join(dir, 'live.ndjson');
    const { tmux, stop } = await launch(`--mock 5 --record ${file} --interval 500ms`, 120, 30);
    try {
      await tmux.waitForScreen(/running \/ \d+ total/, WAIT);
      await tmux.waitForScreen((s) => [...cpuByName(s).values()].some((v) => v !== '--'), WAIT);
      await new Promise((r) => setTimeout(r, 1500)); // a few more ticks
      await tmux.sendKeys('p'); // hold the screen on one tick, then read it
      const screen = await tmux.waitForScreen('PAUSED', WAIT);
      const shown = cpuByName(screen);
      assert.ok(shown.size >= 3, screen);
      await tmux.sendKeys('q');
      await tmux.waitForExit(WAIT);

      const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; t?: number });
      assert.equal(lines.filter((l) => l.type === 'header').length, 1, 'one header');
      assert.equal(lines[0].type, 'header');
      const ticks = lines.filter((l) => l.type === 'tick').map((l) => l.t!);
      assert.ok(ticks.length >= 3, `${ticks.length} ticks`);
      for (let i = 1; i < ticks.length; i++) assert.ok(ticks[i] > ticks[i - 1], `tick ${i} written once, in order: ${ticks.join(',')}`);

      // Replay every recorded tick; one of them is the tick the screen was paused on, number for number.
      const replay = await createReplaySession(file);
      const sampler = new Sampler({ session: replay, store: new Store(), intervalMs: 500 });
      let matched = false;
      for (let i = 0; i < ticks.length && !matched; i++) {
        const snap = await sampler.tick();
        const replayed = new Map(snap.rows.map((r) => [r.info.name, r.stats.cpuPercent === null ? '--' : `${r.stats.cpuPercent.toFixed(1)}%`]));
        matched = [...shown].every(([name, cpu]) => replayed.get(name) === cpu);
      }
      replay.close();
      assert.ok(matched, `no replayed tick matches the screen: ${JSON.stringify([...shown])}`);
    } finally {
      await stop();
    }
  });

  it('500 keys, a Backspace burst and a pasted 1 000-character filter, one write each, all applied', async () => {
    const { tmux, stop } = await launch('--mock 5', 120, 30);
    try {
      await tmux.waitForScreen(/running \/ \d+ total/, WAIT);
      await tmux.sendKeys('6'); // by name: a stable order
      await tmux.waitForScreen('sort name▲', WAIT);
      // 500 keys in one write: 250 × "jk" leaves the selection where it was, 251 j's end on the last row.
      await tmux.sendText('jk'.repeat(250));
      await tmux.sendText('j'.repeat(500));
      let screen = await tmux.waitForScreen((s) => /· (\d+)\/\1 /.test(s), WAIT);
      assert.match(screen, /· (\d+)\/\1 /, 'every j applied: on the last row');

      await tmux.sendText('/abcdef');
      await tmux.waitForScreen(/^\/ abcdef/m, WAIT);
      await tmux.sendText('\x7f\x7f\x7f'); // three Backspaces in one write
      screen = await tmux.waitForScreen(/^\/ abc\s*$/m, WAIT);
      await tmux.sendText('\x15db'); // Ctrl-U then "db", one write
      screen = await tmux.waitForScreen(/^\/ db\s*$/m, WAIT);

      const pasted = 'x'.repeat(999) + 'y';
      await tmux.sendText('\x15' + pasted);
      // The prompt scrolls to keep the cursor in view: its end shows, and no container matches.
      screen = await tmux.waitForScreen((s) => /x{20}y\s*$/m.test(s) && /0 shown/.test(s), WAIT);
      await tmux.sendKeys('Enter');
      screen = await tmux.waitForScreen(/filter x+/, WAIT);
      assert.ok(frameLines(screen).length <= 29);
      // The filter in force is exactly the pasted text: clear it by erasing 1 000 characters in one write.
      await tmux.sendText('/' + '\x7f'.repeat(1000));
      await tmux.waitForScreen(/^\/\s*$/m, WAIT);
      await tmux.sendKeys('Enter');
      await tmux.waitForScreen((s) => !/filter x/.test(s) && /running \/ \d+ total/.test(s), WAIT);
    } finally {
      await stop();
    }
  });
});

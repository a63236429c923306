/** @jsxRuntime automatic */
// The live screen rendered by ink-testing-library against a real Store (test/helpers/mount-app
// pins colour before Ink loads); content assertions strip SGR.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ContainerRow } from '../../src/core/model/types.js';
import { App, mountApp, type Size } from '../helpers/mount-app.js';
import { plain, row } from '../helpers/ui-fixtures.js';
import { displayWidth } from '../../src/ui/shared/text-fit.js';
import { HIDEABLE } from '../../src/ui/table/columns.js';

function mount(opts: { size?: Size; color?: boolean; theme?: 'dark' | 'light'; all?: boolean; filter?: string } = {}) {
  const settings = { all: opts.all ?? false, color: opts.color ?? true, theme: opts.theme ?? 'dark', filter: opts.filter ?? '' };
  return mountApp({ settings, size: opts.size ?? { columns: 100, rows: 30 } });
}

const selectedName = (f: string) => /^›\S*\s+(\S+)/m.exec(f)?.[1] ?? null;

function team(n: number): ContainerRow[] {
  return Array.from({ length: n }, (_, i) => row(`app-${String(i).padStart(3, '0')}`, { cpuPercent: (i * 7) % 50, memUsage: 1e6 * (i + 1), memPercent: i % 100, pids: i }));
}

describe('live screen (component)', () => {
  test('first frame at once, before any sample: connecting, no numbers', () => {
    const { frame } = mount();
    assert.match(frame(), /connecting…/);
    assert.match(frame(), /Waiting for the first sample/);
  });

  test('rows appear; unknown CPU on the first tick reads --, not 0', async () => {
    const { tick, waitFor } = mount();
    tick([row('web', { memUsage: 5e6 }), row('db', { memUsage: 9e6 })]);
    const f = await waitFor((x) => x.includes('web'), 'rows');
    assert.match(f, /web\s+--/);
    assert.match(f, /2 running \/ 2 total/);
  });

  for (const size of [
    { columns: 80, rows: 24 },
    { columns: 100, rows: 40 },
    { columns: 60, rows: 12 },
  ]) {
    test(`the frame fits ${size.columns}×${size.rows}: at most rows−1 lines, none wider than the terminal`, async () => {
      const { tick, waitFor } = mount({ size });
      tick(team(300));
      const f = await waitFor((x) => x.includes('app-'), 'rows');
      const lines = f.split('\n');
      assert.ok(lines.length <= size.rows - 1, `${lines.length} lines`);
      for (const l of lines) assert.ok(displayWidth(l) <= size.columns, `too wide (${displayWidth(l)}): ${l}`);
      // Only the rows that fit are drawn.
      assert.equal(lines.filter((l) => /app-\d{3}/.test(l)).length, size.rows - 1 - 4);
    });
  }

  test('j, k and a chunk of keys move the selection', async () => {
    const { tick, waitFor, press, frame } = mount();
    tick(team(10).map((r) => ({ ...r, stats: { ...r.stats, cpuPercent: 1 } }))); // all tied: name order
    await waitFor((x) => selectedName(x) === 'app-000', 'first selected');
    await press('j');
    await waitFor((x) => selectedName(x) === 'app-001', 'j');
    await press('jjj');
    await waitFor((x) => selectedName(x) === 'app-004', 'jjj as three keys');
    await press('k', '\u001B[A');
    await waitFor((x) => selectedName(x) === 'app-002', 'k and ↑');
    await press('G');
    await waitFor((x) => selectedName(x) === 'app-009', 'G');
    assert.match(frame(), /10\/10/);
  });

  test('the selection stays on its container when the order changes', async () => {
    const { tick, waitFor, press } = mount();
    tick([row('a', { cpuPercent: 3 }), row('b', { cpuPercent: 2 }), row('c', { cpuPercent: 1 })]);
    await waitFor((x) => selectedName(x) === 'a', 'a');
    await press('j');
    await waitFor((x) => selectedName(x) === 'b', 'b');
    tick([row('a', { cpuPercent: 3 }), row('b', { cpuPercent: 9 }), row('c', { cpuPercent: 1 })]);
    await waitFor((x) => /›\S*\s+b[\s\S]*a/.test(x), 'b first and still selected');
  });

  test('help in two columns (140 wide): G shows the last line and k right after scrolls back at once', async () => {
    const { tick, waitFor, press, frame } = mount({ size: { columns: 140, rows: 30 } });
    tick(team(3));
    await waitFor((x) => x.includes('app-'), 'rows');
    await press('?');
    await waitFor((x) => /Keys/.test(x) && /Table/.test(x), 'help');
    await press('G');
    const bottom = await waitFor((x) => /Esc ← c +close the chooser/.test(x), 'the last line');
    const firstLine = (x: string) => x.split('\n')[3];
    await press('k');
    await waitFor((x) => /Keys/.test(x) && firstLine(x) !== firstLine(bottom), 'k moves at once');
    assert.equal(frame().split('\n')[4], firstLine(bottom), 'one line down');
  });

  test('s, r and digits change the sort shown in the header and footer', async () => {
    const { tick, waitFor, press } = mount();
    tick(team(5));
    await waitFor((x) => x.includes('sort cpu▼'), 'default sort');
    await press('s');
    await waitFor((x) => x.includes('sort mem▼') && /MEM▼/.test(x), 's → mem');
    await press('r');
    await waitFor((x) => x.includes('sort mem▲'), 'r reverses');
    await press('6');
    await waitFor((x) => x.includes('sort name▲') && /NAME▲/.test(x), '6 → name');
  });

  test('? shows help generated from the keymap; Esc closes it', async () => {
    const { tick, waitFor, press } = mount({ size: { columns: 100, rows: 50 } });
    tick(team(3));
    await waitFor((x) => x.includes('app-000'), 'rows');
    await press('?');
    const f = await waitFor((x) => x.includes('Keys'), 'help');
    for (const text of ['move down', 'next sort field', 'pause the display', 'filter by selector', 'group by a label key']) assert.ok(f.includes(text), text);
    await press('G'); // the last sections are below the fold
    await waitFor((x) => x.includes('Column chooser') && x.includes('Group picker'), 'the end of help');
    await press('\u001B');
    await waitFor((x) => x.includes('app-000') && !x.includes('Keys'), 'back to the table');
  });

  test('c opens the column chooser; Space hides a column; the table drops it', async () => {
    const { tick, waitFor, press } = mount();
    tick(team(3));
    await waitFor((x) => x.includes('PIDS'), 'PIDS column');
    await press('c');
    await waitFor((x) => x.includes('[x] state and health'), 'chooser');
    // Down to "processes" (pids) by HIDEABLE's own order, whatever columns come before it.
    await press(...Array(HIDEABLE.indexOf('pids')).fill('j'), ' ');
    await waitFor((x) => x.includes('[ ] processes'), 'pids unchecked');
    await press('\u001B');
    await waitFor((x) => x.includes('app-000') && !x.includes('PIDS'), 'table without PIDS');
  });

  test('Enter opens the detail view; Esc returns', async () => {
    const { tick, waitFor, press } = mount();
    tick(team(3));
    await waitFor((x) => x.includes('app-000'), 'rows');
    await press('\r');
    await waitFor((x) => /Esc back {2}k prev {2}j next/.test(x), 'detail');
    await press('\u001B');
    await waitFor((x) => !/Esc back/.test(x), 'table');
  });

  test('p pauses the display while ticks continue; p again catches up', async () => {
    const { tick, waitFor, press } = mount();
    tick([row('first', { cpuPercent: 1 })]);
    await waitFor((x) => x.includes('first'), 'first');
    await press('p');
    await waitFor((x) => x.includes('PAUSED'), 'paused');
    tick([row('first', { cpuPercent: 1 }), row('second', { cpuPercent: 2 })]);
    await new Promise((res) => setTimeout(res, 30));
    await waitFor((x) => !x.includes('second'), 'still the held frame');
    await press('p');
    await waitFor((x) => x.includes('second') && !x.includes('PAUSED'), 'resumed');
  });

  test('/ opens the filter prompt in place of the footer; typed keys are text, not commands', async () => {
    const { tick, waitFor, press } = mount();
    tick(team(12));
    await waitFor((x) => x.includes('app-011'), 'rows');
    await press('/');
    await waitFor((x) => x.includes('Enter keeps') && !x.includes('? help'), 'prompt');
    // q would quit, 1 would sort, j would move: here they are text.
    await press('app-01q');
    await waitFor((x) => x.includes('/ app-01q') && x.includes('No containers match the filter'), 'q is text');
    await press('\u007f', '1');
    const f = await waitFor((x) => !x.includes('app-009') && x.includes('app-011') && x.includes('filter app-011'), 'narrowed');
    assert.ok(!f.includes('app-010'), f);
    await press('\r');
    await waitFor((x) => x.includes('? help') && x.includes('filter app-011') && !x.includes('app-010'), 'applied');
  });

  test('a resize re-lays out at once', async () => {
    const { r, store, tick, waitFor } = mount({ size: { columns: 100, rows: 30 } });
    tick(team(3));
    await waitFor((x) => x.includes('UPTIME'), 'wide layout');
    r.rerender(<App store={store} settings={{ all: false, color: true, theme: 'dark', filter: '' }} size={{ columns: 60, rows: 10 }} />);
    const f = await waitFor((x) => !x.includes('UPTIME'), 'narrow layout');
    assert.ok(f.split('\n').length <= 9);
  });

  test('a terminal too small for the table says so in one line, whole even at 20×5', async () => {
    const { frame } = mount({ size: { columns: 80, rows: 4 } });
    assert.match(frame(), /needs a taller terminal \(80×4\); q quits/);
    assert.equal(frame().split('\n').length, 1);
    for (const [columns, rows] of [[40, 4], [20, 5]]) {
      const small = mount({ size: { columns, rows } }).frame();
      assert.equal(small, 'too small; q quits', `${columns}×${rows}`);
      assert.ok(small.length <= columns);
    }
  });
});

describe('live screen colours', () => {
  const COLOUR_SGR = /\x1b\[(?:3[0-7]|9[0-7]|4[0-7]|10[0-7]|38;[25];[\d;]+|48;[25];[\d;]+)m/;
  const fill = async (opts: Parameters<typeof mount>[0]) => {
    const m = mount(opts);
    m.tick([row('hot', { cpuPercent: 95, memPercent: 95 }), row('ok', { cpuPercent: 1 }, { health: 'healthy' }), row('sick', { cpuPercent: 1 }, { health: 'unhealthy' })]);
    await m.waitFor((x) => x.includes('sick'), 'rows');
    return m.r.lastFrame() ?? '';
  };

  test('dark theme colours load and states', async () => {
    assert.match(await fill({ theme: 'dark' }), COLOUR_SGR);
  });

  test('--no-color / NO_COLOR: no colour at all, and states still read as words and glyphs', async () => {
    const f = await fill({ color: false });
    assert.doesNotMatch(f, COLOUR_SGR);
    assert.match(plain(f), /✗ sick/);
    assert.match(plain(f), /✓ ok/);
    assert.match(plain(f), /^›/m); // the selection is a character, not only inverse video
  });

  test('light theme uses its own palette', async () => {
    const dark = await fill({ theme: 'dark' });
    const light = await fill({ theme: 'light' });
    assert.match(light, COLOUR_SGR);
    assert.notEqual(light, dark);
  });
});

// scripts/screenshots.mjs end to end (the built binary in tmux, the demo replay, SVG out), and the
// ANSI → SVG renderer it uses on hand-made screens: cells, wide characters, colours, box and
// block characters drawn as shapes, and the same SVG for the same input.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseScreen, screenText } from '../../scripts/lib/ansi-screen.mjs';
import { drawShapes } from '../../scripts/lib/cell-glyphs.mjs';
import { buildDemoReplay, demoFacts } from '../../scripts/lib/demo-replay.mjs';
import { gridToSvg } from '../../scripts/lib/screen-svg.mjs';
import { ROOT } from '../helpers/live-screen.js';
import { describeTmux } from '../helpers/tmux.js';

/** Throws unless the text is well-formed XML (tags nest and close, attributes quoted, entities known). */
function assertWellFormed(xml: string): void {
  const stack: string[] = [];
  const token = /<!--[\s\S]*?-->|<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  let root = 0;
  for (const m of xml.matchAll(token)) {
    const [, close, name, , selfClose, text, stray] = m;
    if (stray) throw new Error(`stray '<' at ${m.index}: ${xml.slice(m.index, m.index + 40)}`);
    if (text !== undefined) {
      const bad = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.exec(text);
      if (bad) throw new Error(`bare '&' at ${m.index + bad.index}`);
      if (stack.length === 0 && text.trim()) throw new Error(`text outside the root element: ${text.trim().slice(0, 40)}`);
      continue;
    }
    if (!name) continue; // a comment
    if (close) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open}>`);
    } else if (!selfClose) {
      if (stack.length === 0) root++;
      stack.push(name);
    } else if (stack.length === 0) root++;
  }
  assert.deepEqual(stack, [], 'every element is closed');
  assert.equal(root, 1, 'one root element');
}

/** The words the SVG draws as text, in document order. */
const svgWords = (svg: string) => [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1].replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'));

describe('ANSI screen → SVG', () => {
  it('lays out cells: a wide character takes two columns, SGR state carries to the next line', () => {
    const grid = parseScreen('a日本b\n\x1b[31mred\nstill\x1b[0m plain\n', 12, 3);
    assert.deepEqual(grid[0].slice(0, 6).map((c) => c.text), ['a', '日', '', '本', '', 'b']);
    assert.equal(grid[0].length, 12);
    assert.deepEqual(grid[1][0].style.fg, { kind: 'index', n: 1 });
    assert.deepEqual(grid[2][0].style.fg, { kind: 'index', n: 1 }, 'tmux emits only changes: red continues');
    assert.deepEqual(grid[2][6].style.fg, { kind: 'default' });
    assert.equal(screenText(grid), 'a日本b\nred\nstill plain');
  });

  it('reads 256-colour, truecolour (both spellings), bold, dim and inverse', () => {
    const grid = parseScreen('\x1b[38;5;196mA\x1b[38;2;1;2;3mB\x1b[38:2::4:5:6mC\x1b[0;1;2;7mD\x1b[22;27;48;5;21mE', 5, 1);
    const [a, b, c, d, e] = grid[0].map((x) => x.style);
    assert.deepEqual(a.fg, { kind: 'index', n: 196 });
    assert.deepEqual(b.fg, { kind: 'rgb', r: 1, g: 2, b: 3 });
    assert.deepEqual(c.fg, { kind: 'rgb', r: 4, g: 5, b: 6 });
    assert.ok(d.bold && d.dim && d.inverse);
    assert.deepEqual(d.fg, { kind: 'default' }, '0 resets the colour first');
    assert.ok(!e.bold && !e.dim && !e.inverse);
    assert.deepEqual(e.bg, { kind: 'index', n: 21 });
    const svg = gridToSvg(grid);
    assert.match(svg, /<text x="[\d.]+" y="[\d.]+" fill="#ff0000">A<\/text>/, 'xterm colour 196');
    assert.match(svg, /fill="#010203">B</);
    assert.match(svg, /width="8.4" height="18" fill="#0000ff"\/>/, 'background 21 is a rect');
  });

  it('draws box and block characters as shapes, text as words on their cells', () => {
    const svg = gridToSvg(parseScreen('▁█ ab─│\n╭╮ x&y', 8, 2), { fontSize: 14, padding: 0 });
    // 14px: cells 8.4 × 18 (17.5 rounded). ▁ is the bottom eighth, █ the whole cell: one rect each,
    // ─ a light horizontal line; ╭╮ arcs are paths; the words are <text> with their cell's x.
    assert.match(svg, /<rect x="0" y="15.75" width="8.4" height="2.25" fill="#cccccc"\/>/);
    assert.match(svg, /<rect x="8.4" y="0" width="8.4" height="18" fill="#cccccc"\/>/);
    assert.ok(svg.includes('<path transform="translate(0 18)" d="M4.2 18V13.2A4.2 4.2 0 0 1 8.4 9H8.4"'), 'the ╭ arc');
    assert.deepEqual(svgWords(svg), ['ab', 'x&y']);
    assert.match(svg, /<text x="25.2" y="14" fill="#cccccc" textLength="16.8">ab<\/text>/);
    assertWellFormed(svg);
    assert.equal(gridToSvg(parseScreen('▁█ ab─│\n╭╮ x&y', 8, 2), { fontSize: 14, padding: 0 }), svg, 'same input, same SVG');
  });

  it('every box and block character is drawn inside its cell; others are left to the font', () => {
    const [w, h] = [8.4, 18];
    for (let cp = 0x2500; cp <= 0x259f; cp++) {
      const ch = String.fromCodePoint(cp);
      const shapes = drawShapes(ch, w, h, 1.2) ?? [];
      assert.ok(shapes.length > 0, `U+${cp.toString(16)} ${ch} draws something`);
      for (const s of shapes) {
        if (s.kind !== 'rect') continue;
        assert.ok(s.x >= -1e-9 && s.y >= -1e-9 && s.x + s.w <= w + 1e-9 && s.y + s.h <= h + 1e-9 && s.w > 0 && s.h > 0, `U+${cp.toString(16)} ${ch}: ${JSON.stringify(s)}`);
      }
    }
    for (const ch of ['a', '▶', '✓', '·', '↻', '日']) assert.equal(drawShapes(ch, w, h, 1.2), null, ch);
  });

  it('the well-formedness check itself rejects broken XML', () => {
    assert.throws(() => assertWellFormed('<svg><g></svg>'));
    assert.throws(() => assertWellFormed('<svg><text>a & b</text></svg>'));
    assert.throws(() => assertWellFormed('<svg></svg><svg></svg>'));
  });
});

describeTmux('npm run screenshots (tmux, the built binary)', () => {
  const out = mkdtempSync(join(tmpdir(), 'ctop-shots-test-'));
  after(() => rmSync(out, { recursive: true, force: true }));

  it('writes one well-formed SVG per picture, each showing the containers of its input', { timeout: 240_000 }, async () => {
    assert.ok(existsSync(join(ROOT, 'dist/cli.js')), 'build first: npx tsc -p tsconfig.json');
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile('node', ['scripts/screenshots.mjs', '--out', out], { cwd: ROOT, timeout: 220_000 }, (err, _stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr }),
      );
    });
    assert.equal(result.code, 0, result.stderr);
    const demo = demoFacts(await buildDemoReplay());
    const expected: Record<string, string[]> = {
      table: demo.runningAtSentinel,
      detail: ['blog-worker-1'],
      groups: ['blog-worker-1', 'metrics-worker-1', 'shop-api-1', 'shop-api-2'],
      events: ['blog-worker-1', 'blog-api-2', 'shop-web-2', demo.sentinelName],
      check: ['blog-worker-1', 'metrics-worker-1'],
      // Real engines (Docker and a Podman service the script starts); skipped where there are
      // none, except under CI, where every picture must be taken.
      engines: ['shop-web-1', 'shop-api-1', 'blog-web-1', 'blog-db-1'],
    };
    const rows: Record<string, number> = { check: 8, engines: 12 };
    if (/skipping engines/.test(result.stderr) && process.env.CI !== 'true') delete expected.engines;
    for (const [name, names] of Object.entries(expected)) {
      const svg = readFileSync(join(out, `${name}.svg`), 'utf8');
      assertWellFormed(svg);
      const height = (rows[name] ?? 34) * 18 + 24;
      assert.ok(svg.startsWith(`<svg xmlns="http://www.w3.org/2000/svg" width="1032" height="${height}"`), `${name}: 120 columns`);
      const words = new Set(svgWords(svg));
      for (const n of names) assert.ok(words.has(n), `${name}.svg shows ${n}`);
    }
  });
});

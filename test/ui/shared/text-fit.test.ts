import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { displayWidth, fitCell, truncateEnd, truncateMiddle } from '../../../src/ui/shared/text-fit.js';

describe('displayWidth', () => {
  const cases: [string, number][] = [
    ['', 0],
    ['web-1', 5],
    ['日本', 4],
    ['▁▂▃', 3],
    ['é', 1],
    ['🐳', 2],
  ];
  for (const [text, w] of cases) test(JSON.stringify(text), () => assert.equal(displayWidth(text), w));
});

describe('truncateEnd', () => {
  const cases: [string, number, string][] = [
    ['frontend-web-1', 20, 'frontend-web-1'],
    ['frontend-web-1', 14, 'frontend-web-1'],
    ['frontend-web-1', 8, 'fronten…'],
    ['frontend', 1, '…'],
    ['frontend', 0, ''],
    ['日本語の名前', 5, '日本…'],
  ];
  for (const [text, w, expected] of cases) test(`${text} in ${w}`, () => assert.equal(truncateEnd(text, w), expected));
});

describe('truncateMiddle', () => {
  const cases: [string, number, string][] = [
    ['shop-worker-12', 20, 'shop-worker-12'],
    ['shop-worker-12', 10, 'shop-w…-12'],
    ['registry.example.com/team/app:1.4.2', 16, 'registry.…:1.4.2'],
    ['abcdefgh', 4, 'abc…'],
    ['日本語の名前です', 9, '日本…です'],
  ];
  for (const [text, w, expected] of cases) {
    test(`${text} in ${w}`, () => {
      const out = truncateMiddle(text, w);
      assert.equal(out, expected);
      assert.ok(displayWidth(out) <= w);
    });
  }
});

describe('fitCell', () => {
  const cases: [string, number, 'left' | 'right', string][] = [
    ['ab', 4, 'left', 'ab  '],
    ['ab', 4, 'right', '  ab'],
    ['abcdef', 4, 'left', 'abc…'],
    ['日本語', 5, 'left', '日本…'],
    ['日本語', 4, 'right', ' 日…'],
    ['日本', 3, 'left', '日…'],
    ['日本', 2, 'left', '… '],
    ['x', 0, 'left', ''],
  ];
  for (const [text, w, align, expected] of cases) {
    test(`${text} in ${w} (${align})`, () => {
      assert.equal(fitCell(text, w, align), expected);
      assert.equal(displayWidth(fitCell(text, w, align)), w);
    });
  }
});

describe('the fast width path agrees with string-width (what Ink measures with)', () => {
  test('every glyph in the narrow set is one column for both', async () => {
    const { default: stringWidth } = await import('string-width');
    const ranges: [number, number][] = [
      [0x20, 0x7e],
      [0xb7, 0xb7],
      [0x2010, 0x2027],
      [0x2030, 0x205e],
      [0x2190, 0x21ff],
      [0x2500, 0x25fc],
      [0x2713, 0x2713],
      [0x2715, 0x2717],
    ];
    for (const [from, to] of ranges)
      for (let cp = from; cp <= to; cp++) {
        const ch = String.fromCodePoint(cp);
        assert.equal(displayWidth(ch), stringWidth(ch), `U+${cp.toString(16)} ${ch}`);
      }
  });
});

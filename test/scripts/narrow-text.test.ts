// The fast path bundle-ui.mjs gives string-width must agree with string-width itself: every
// character of the class is one column, and so is any string of them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import stringWidth from 'string-width';
import { NARROW_TEXT } from '../../scripts/narrow-text.js';

describe('narrow text', () => {
  it('every character it accepts is one column wide to string-width', () => {
    let checked = 0;
    for (let cp = 0; cp <= 0xffff; cp++) {
      const ch = String.fromCharCode(cp);
      if (!NARROW_TEXT.test(ch)) continue;
      assert.equal(stringWidth(ch), 1, `U+${cp.toString(16).toUpperCase()} ${ch}`);
      checked++;
    }
    assert.ok(checked > 500, `only ${checked} characters`);
  });

  it('strings of them measure their length; wide, emoji, combining and escapes are left out', () => {
    const row = ' ▶ running    web-1   12.5%  ▁▂▃▅▇  64MiB ███▌░░  ✓ healthy ‖ ›';
    assert.ok(NARROW_TEXT.test(row));
    assert.equal(stringWidth(row), row.length);
    for (const other of ['日本', '◽', '😀', 'e\u0301', '\u001B[31mred\u001B[39m', 'a\u200Bb', '▶\uFE0F']) assert.equal(NARROW_TEXT.test(other), false, other);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { wordWrap, wrapText } from '../../../src/ui/shared/text-wrap.js';

describe('wrapText', () => {
  it('wraps ASCII hard at the width, with offsets', () => {
    assert.deepEqual(wrapText('abcdefgh', 3), [
      { text: 'abc', start: 0, width: 3 },
      { text: 'def', start: 3, width: 3 },
      { text: 'gh', start: 6, width: 2 },
    ]);
    assert.deepEqual(wrapText('', 5), [{ text: '', start: 0, width: 0 }]);
  });

  it('counts wide characters as two columns and never splits a grapheme', () => {
    assert.deepEqual(wrapText('中文中文x', 5).map((r) => [r.text, r.width, r.start]), [['中文', 4, 0], ['中文x', 5, 2]]);
    assert.deepEqual(wrapText('🇫🇷🇩🇪', 2).map((r) => r.text), ['🇫🇷', '🇩🇪']);
    assert.deepEqual(wrapText('e\u0301e\u0301e\u0301', 2).map((r) => r.text), ['e\u0301e\u0301', 'e\u0301']);
  });

  it('a character wider than the row still gets a row', () => {
    assert.deepEqual(wrapText('中中', 1).map((r) => r.text), ['中', '中']);
  });
});

describe('wordWrap', () => {
  it('breaks prose at spaces', () => {
    assert.deepEqual(wordWrap('Stop container web-1 now?', 12), ['Stop', 'container', 'web-1 now?']);
  });

  it('cuts a word longer than a row', () => {
    assert.deepEqual(wordWrap('abcdefghij', 4), ['abcd', 'efgh', 'ij']);
    assert.deepEqual(wordWrap('go abcdefghij', 4), ['go', 'abcd', 'efgh', 'ij']);
  });

  it('always at least one row', () => {
    assert.deepEqual(wordWrap('', 10), ['']);
  });
});

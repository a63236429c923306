import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { displayName, sanitize, truncateId } from '../../../src/core/model/sanitize.js';

const ESC = '\x1b';

describe('sanitize', () => {
  const cases: [string, string, string][] = [
    ['plain ASCII is untouched', 'web-1_a.b', 'web-1_a.b'],
    ['ordinary Unicode is kept', 'café 中文 🐳 👩‍💻', 'café 中文 🐳 👩‍💻'],
    ['empty string', '', ''],
    ['C0 controls, tab and newline', 'a\x00b\tc\nd\re\x07f\x08g', 'abcdefg'],
    ['DEL', 'a\x7fb', 'ab'],
    ['C1 controls', 'a\x85b\x8dc', 'abc'],
    ['SGR colour', `${ESC}[31mred${ESC}[0m`, 'red'],
    ['cursor movement and erase', `a${ESC}[2J${ESC}[H${ESC}[10;20Hb${ESC}[?25l`, 'ab'],
    ['CSI with intermediate byte', `a${ESC}[1 qb`, 'ab'],
    ['C1 CSI', 'a\x9b31mb', 'ab'],
    ['OSC title ended by BEL', `${ESC}]0;pwned\x07name`, 'name'],
    ['OSC 8 hyperlink ended by ST', `${ESC}]8;;http://x.test${ESC}\\link${ESC}]8;;${ESC}\\`, 'link'],
    ['DCS with payload', `a${ESC}Pq#0;2;0;0;0${ESC}\\b`, 'ab'],
    ['APC', `a${ESC}_payload${ESC}\\b`, 'ab'],
    ['C1 OSC ended by C1 ST', 'a\x9d0;t\x9cb', 'ab'],
    ['unterminated OSC swallows the rest, as a terminal would', `a${ESC}]0;title`, 'a'],
    ['truncated CSI', `a${ESC}[12`, 'a'],
    ['two-byte escapes (RIS, charset)', `a${ESC}cb${ESC}(0c`, 'abc'],
    ['lone ESC', `a${ESC}`, 'a'],
    ['bidi override and isolate', 'a\u202eb\u2066c\u2069', 'abc'],
    ['line and paragraph separators', 'a\u2028b\u2029c', 'abc'],
    ['lone surrogates become U+FFFD', 'a\ud800b\udc00', 'a\ufffdb\ufffd'],
  ];
  for (const [name, input, want] of cases) {
    it(name, () => {
      assert.equal(sanitize(input), want);
    });
  }

  it('leaves no ESC or control character in mixed input', () => {
    const nasty = `x${ESC}[1;31m${ESC}]2;t\x07\x00\x1b\x9b\x9d${ESC}[`;
    assert.doesNotMatch(sanitize(nasty), /[\x00-\x1f\x7f-\x9f]/);
  });
});

describe('truncateId (docker TruncateID)', () => {
  const full = '22ea4db60519a0f9d7b1b8c42c4f8d6bfc3b8b2ff7e29a0a8c8f0f3b1e5d6c7a';
  const cases: [string, boolean, string][] = [
    [full, false, '22ea4db60519'],
    [`sha256:${full}`, false, '22ea4db60519'],
    ['a:b:cdef', false, 'b:cdef'], // only the first ':' counts
    ['short', false, 'short'],
    ['', false, ''],
    [full, true, full],
    [`sha256:${full}`, true, `sha256:${full}`], // --no-trunc prints the ID as given
  ];
  for (const [id, noTrunc, want] of cases) {
    it(`${id || '(empty)'}${noTrunc ? ' --no-trunc' : ''} -> ${want || '(empty)'}`, () => {
      assert.equal(truncateId(id, noTrunc), want);
    });
  }

  it('truncates by default', () => {
    assert.equal(truncateId(full), '22ea4db60519');
  });
});

describe('displayName', () => {
  const cases: [string, string][] = [
    ['/t-busy', 't-busy'],
    ['t-busy', 't-busy'],
    ['/a/b', 'a/b'], // legacy link names keep their inner '/'
    ['/', '--'],
    ['', '--'],
    // The live screen shows what a name hides, escaped (issue 11): never acted on, never invisible.
    [`/${ESC}[31mred`, '\\e[31mred'],
    [`/${ESC}[31m`, '\\e[31m'],
  ];
  for (const [name, want] of cases) {
    it(`${JSON.stringify(name)} -> ${want}`, () => {
      assert.equal(displayName(name), want);
    });
  }
});

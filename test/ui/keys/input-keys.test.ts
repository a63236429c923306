// Ink's (input, key) as key names: every key of a chunk on its own, in order, control
// characters included (a Backspace burst, Ctrl-U then text, a paste).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Key } from 'ink';
import { keysFromInput } from '../../../src/ui/keys/input-keys.js';

const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

describe('keysFromInput', () => {
  const cases: [string, string, Partial<Key>, string[]][] = [
    ['one character', 'j', {}, ['j']],
    ['a chunk is one key per character', 'jjj', {}, ['j', 'j', 'j']],
    ['mixed chunk', 'jk?', {}, ['j', 'k', '?']],
    ['capitals stay capitals', 'G', { shift: true }, ['G']],
    ['space has a name', ' ', {}, ['space']],
    ['up arrow', '', { upArrow: true }, ['up']],
    ['down arrow', '', { downArrow: true }, ['down']],
    ['page down', '', { pageDown: true }, ['pagedown']],
    ['home', '', { home: true }, ['home']],
    ['end', '', { end: true }, ['end']],
    ['enter', '', { return: true }, ['enter']],
    ['escape (ink also sets meta)', '', { escape: true, meta: true }, ['escape']],
    ['ctrl-c', 'c', { ctrl: true }, ['ctrl+c']],
    ['alt-j is not j', 'j', { meta: true }, []],
    ['control characters in a chunk are their Ctrl keys', 'j\x07k', {}, ['j', 'ctrl+g', 'k']],
    ['a raw ETX in a chunk is Ctrl-C', 'j\x03', {}, ['j', 'ctrl+c']],
    ['a Backspace burst is one key each (DEL and BS)', '\x7f\x7f\b', {}, ['backspace', 'backspace', 'backspace']],
    ['text then Backspaces in one write, in order', 'ab\x7fc', {}, ['a', 'b', 'backspace', 'c']],
    ['Ctrl-U then text in one write', '\x15db', {}, ['ctrl+u', 'd', 'b']],
    ['Enter inside a chunk', 'web\r', {}, ['w', 'e', 'b', 'enter']],
    ['other C0/C1 controls are nothing', '\x00a\x9b', {}, ['a']],
  ];
  for (const [name, input, key, expected] of cases) test(name, () => assert.deepEqual(keysFromInput(input, { ...NO_KEY, ...key }), expected));
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Key } from 'ink';
import { helpSections, KEYMAP, keysFromInput, resolveKey, type View } from '../../src/ui/keymap.js';

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
    ['control characters in text are dropped', 'j\x07k', {}, ['j', 'k']],
    ['a raw ETX in a chunk is Ctrl-C', 'j\x03', {}, ['j', 'ctrl+c']],
  ];
  for (const [name, input, key, expected] of cases) test(name, () => assert.deepEqual(keysFromInput(input, { ...NO_KEY, ...key }), expected));
});

describe('KEYMAP', () => {
  const views: View[] = ['table', 'help', 'columns', 'detail'];

  test('no key is bound twice in the same view', () => {
    for (const view of views) {
      const seen = new Map<string, string>();
      for (const b of KEYMAP.filter((x) => x.views.includes(view)))
        for (const k of b.keys) {
          assert.ok(!seen.has(k), `${view}: ${k} is bound to ${seen.get(k)} and ${b.command}`);
          seen.set(k, b.command);
        }
    }
  });

  test('every key DESIGN.md gives the table is bound there', () => {
    const design = ['j', 'k', 'up', 'down', 'pageup', 'pagedown', 'g', 'G', 'home', 'end', 'enter', 'right', 'o', 's', 'r', '1', '9', '/', 'l', 'a', 'c', 'e', 'p', 'space', 'm', 'L', 'x', '?', 'h', 'q', 'ctrl+c', 'escape'];
    for (const k of design) assert.ok(resolveKey('table', k), `table: ${k} unbound`);
  });

  test('Esc quits only from the table; elsewhere it closes', () => {
    assert.equal(resolveKey('table', 'escape')?.command, 'quit');
    for (const v of ['help', 'columns', 'detail'] as const) assert.equal(resolveKey(v, 'escape')?.command, 'back');
  });

  test('q and Ctrl-C quit from every view', () => {
    for (const v of views) for (const k of ['q', 'ctrl+c']) assert.equal(resolveKey(v, k)?.command, 'quit');
  });

  test('reserved keys are marked soon', () => {
    for (const k of ['/', 'l', 'e', 'space', 'm', 'L', 'x']) assert.equal(resolveKey('table', k)?.soon, true, k);
  });
});

describe('helpSections (generated from KEYMAP)', () => {
  const sections = helpSections();
  const entries = sections.flatMap((s) => s.entries);

  test('lists every binding exactly once', () => {
    assert.equal(entries.length, KEYMAP.length);
    for (const b of KEYMAP) assert.ok(entries.some((e) => e.help === b.help), b.help);
  });

  test('sections in a fixed order', () => {
    assert.deepEqual(
      sections.map((s) => s.title),
      ['Everywhere', 'Table', 'Detail view', 'Help', 'Column chooser'],
    );
  });

  test('keys are shown by name', () => {
    const labels = entries.map((e) => e.keys);
    for (const l of ['q Ctrl-C', 'k ↑', 'j ↓', 'PgUp', 'g Home', 'G End', 'Enter → o', '1–9', '? h', 'Esc', 'Space']) assert.ok(labels.includes(l), l);
  });

  test('reserved keys say (soon)', () => {
    assert.equal(entries.filter((e) => e.soon).length, 7);
  });
});

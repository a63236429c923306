import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Key } from 'ink';
import { helpSections, KEYMAP, keysFromInput, READ_ONLY_HELP, resolveKey, type KeyScope, type View } from '../../../src/ui/keys/keymap.js';

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
  const views: View[] = ['table', 'help', 'columns', 'detail', 'logs'];

  test('no key is bound twice in the same view', () => {
    for (const view of [...views, 'actions'] as KeyScope[]) {
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
    for (const v of ['help', 'columns', 'detail', 'logs'] as const) assert.equal(resolveKey(v, 'escape')?.command, 'back');
  });

  test('q and Ctrl-C quit from every view', () => {
    for (const v of views) for (const k of ['q', 'ctrl+c']) assert.equal(resolveKey(v, k)?.command, 'quit');
  });

  test('e, Space, m, L and x are live in the table', () => {
    const expected: [string, string][] = [['e', 'events'], ['space', 'mark'], ['m', 'actions'], ['L', 'logs'], ['x', 'exec']];
    for (const [k, command] of expected) {
      const b = resolveKey('table', k);
      assert.equal(b?.command, command, k);
      assert.ok(!b?.soon, `${k} is not "soon" any more`);
    }
  });

  test('v shows environment values in the detail view only', () => {
    assert.equal(resolveKey('detail', 'v')?.command, 'toggleEnv');
    assert.equal(resolveKey('table', 'v'), undefined);
  });

  test('the log viewer and the actions menu keys are listed for help, handled elsewhere', () => {
    for (const k of ['j', 'k', 'pagedown', 'ctrl+d', 'ctrl+u', 'g', 'G', '/', 'n', 'N', 't', 'w']) assert.equal(resolveKey('logs', k)?.command, 'delegated', `logs ${k}`);
    for (const k of ['s', 't', 'r', 'p', 'u', 'K', 'd', 'D', '1', '6', 'y', 'Y', 'n', 'escape']) assert.equal(resolveKey('actions', k)?.command, 'delegated', `actions ${k}`);
    // What the log viewer leaves falls through to these.
    assert.equal(resolveKey('logs', 'q')?.command, 'quit');
    assert.equal(resolveKey('logs', '?')?.command, 'help');
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
    const titles = sections.map((s) => s.title);
    for (const t of ['Everywhere', 'Table', 'Detail view', 'Logs', 'Actions menu', 'Help', 'Column chooser']) assert.ok(titles.includes(t), t);
    assert.deepEqual(
      titles.filter((t) => ['Everywhere', 'Table', 'Detail view', 'Logs', 'Actions menu', 'Help', 'Column chooser'].includes(t)),
      ['Everywhere', 'Table', 'Detail view', 'Logs', 'Actions menu', 'Help', 'Column chooser'],
    );
  });

  test('under --read-only, m and x say they are disabled; logs stay', () => {
    const ro = helpSections(KEYMAP, { readOnly: true }).flatMap((s) => s.entries);
    const entry = (keys: string) => ro.find((e) => e.keys === keys)?.help ?? '';
    assert.ok(entry('m').startsWith(READ_ONLY_HELP), entry('m'));
    assert.ok(entry('x').startsWith(READ_ONLY_HELP), entry('x'));
    assert.ok(!entry('L').includes(READ_ONLY_HELP), entry('L'));
    assert.ok(!entries.some((e) => e.help.includes(READ_ONLY_HELP)), 'not without --read-only');
  });

  test('keys are shown by name', () => {
    const labels = entries.map((e) => e.keys);
    for (const l of ['q Ctrl-C', 'k ↑', 'j ↓', 'PgUp', 'g Home', 'G End', 'Enter → o', '1–9', '? h', 'Esc', 'Space']) assert.ok(labels.includes(l), l);
  });

  test('e, Space, m, L and x no longer say (soon)', () => {
    for (const keys of ['e', 'Space', 'm', 'L', 'x']) assert.equal(entries.find((e) => e.keys === keys)?.soon, false, keys);
  });
});

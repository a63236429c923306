import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Key } from 'ink';
import { KEYMAP, keysFromInput, resolveKey, type KeyScope, type View } from '../../../src/ui/keys/keymap.js';
import { footerHints, helpSections, hintText, READ_ONLY_HELP } from '../../../src/ui/keys/key-help.js';

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

describe('KEYMAP', () => {
  const views: View[] = ['table', 'help', 'columns', 'detail', 'logs'];
  const scopes: KeyScope[] = [...views, 'filter', 'groups', 'logSearch', 'actions', 'signal', 'confirm', 'confirmForce', 'actionResult'];

  test('no key is bound twice in the same scope', () => {
    for (const scope of scopes) {
      const seen = new Map<string, string>();
      for (const b of KEYMAP.filter((x) => x.scopes.includes(scope)))
        for (const k of b.keys) {
          assert.ok(!seen.has(k), `${scope}: ${k} is bound to ${seen.get(k)} and ${b.command}`);
          seen.set(k, b.command);
        }
    }
  });

  test('every key DESIGN.md gives the table is bound there', () => {
    const design = ['j', 'k', 'up', 'down', 'pageup', 'pagedown', 'g', 'G', 'home', 'end', 'enter', 'right', 'o', 's', 'r', '1', '8', '/', 'l', 'a', 'c', 'e', 'p', 'space', 'm', 'L', 'x', '?', 'h', 'q', 'ctrl+c', 'escape'];
    for (const k of design) assert.ok(resolveKey('table', k), `table: ${k} unbound`);
  });

  test('the digits sort by exactly the sort fields there are: 9 is not bound, help says 1–8', () => {
    assert.equal(resolveKey('table', '8')?.command, 'sortBy');
    assert.equal(resolveKey('table', '9'), undefined);
    assert.ok(helpSections().flatMap((s) => s.entries).some((e) => e.keys === '1–8'));
  });

  test('Esc never quits outright: in the table it closes what is open (then asks); elsewhere it closes', () => {
    assert.equal(resolveKey('table', 'escape')?.command, 'back');
    for (const v of ['help', 'columns', 'detail', 'logs', 'groups', 'actions', 'signal', 'confirm', 'confirmForce', 'actionResult'] as const) assert.equal(resolveKey(v, 'escape')?.command, 'back', v);
    for (const v of ['filter', 'logSearch'] as const) assert.equal(resolveKey(v, 'escape')?.command, 'cancel', v);
    for (const scope of scopes) assert.notEqual(resolveKey(scope, 'escape')?.command, 'quit', scope);
  });

  test('q and Ctrl-C quit from every view; in prompts and menus only Ctrl-C does (q is text there)', () => {
    for (const v of views) for (const k of ['q', 'ctrl+c']) assert.equal(resolveKey(v, k)?.command, 'quit');
    for (const s of ['filter', 'logSearch', 'actions', 'signal', 'confirm', 'confirmForce', 'actionResult'] as const) {
      assert.equal(resolveKey(s, 'ctrl+c')?.command, 'quit', s);
      assert.equal(resolveKey(s, 'q'), undefined, s);
    }
  });

  test('e, Space, m, L and x are live in the table', () => {
    const expected: [string, string][] = [['e', 'events'], ['space', 'mark'], ['m', 'actions'], ['L', 'logs'], ['x', 'exec']];
    for (const [k, command] of expected) assert.equal(resolveKey('table', k)?.command, command, k);
  });

  test('v shows environment values in the detail view only', () => {
    assert.equal(resolveKey('detail', 'v')?.command, 'toggleEnv');
    assert.equal(resolveKey('table', 'v'), undefined);
  });

  test('the log viewer and the actions menu resolve their keys here too', () => {
    const logs: [string, string][] = [['j', 'down'], ['k', 'up'], ['pagedown', 'pageDown'], ['ctrl+d', 'halfPageDown'], ['ctrl+u', 'halfPageUp'], ['g', 'top'], ['G', 'bottom'], ['/', 'search'], ['n', 'nextMatch'], ['N', 'prevMatch'], ['t', 'toggleTimestamps'], ['w', 'toggleWrap'], ['q', 'quit'], ['?', 'help']];
    for (const [k, command] of logs) assert.equal(resolveKey('logs', k)?.command, command, `logs ${k}`);
    const menu: [string, string, string][] = [['s', 'chooseAction', 'start'], ['t', 'chooseAction', 'stop'], ['K', 'chooseAction', 'kill'], ['D', 'chooseAction', 'force-remove']];
    for (const [k, command, arg] of menu) assert.deepEqual([resolveKey('actions', k)?.command, resolveKey('actions', k)?.arg], [command, arg], `actions ${k}`);
    assert.equal(resolveKey('signal', '6')?.arg, 'SIGUSR2');
    assert.equal(resolveKey('confirm', 'y')?.command, 'confirm');
    assert.equal(resolveKey('confirm', 'Y'), undefined, 'step 1 takes y only');
    assert.equal(resolveKey('confirmForce', 'Y')?.command, 'confirm');
    assert.equal(resolveKey('confirmForce', 'y'), undefined, 'step 2 takes Y only: "yy" cannot pass both');
  });

  test('text prompts bind editing keys; printable keys stay unbound (they are text)', () => {
    for (const s of ['filter', 'logSearch'] as const) {
      assert.equal(resolveKey(s, 'backspace')?.command, 'deleteBack');
      assert.equal(resolveKey(s, 'ctrl+u')?.command, 'clearLine');
      assert.equal(resolveKey(s, 'ctrl+w')?.command, 'deleteWord');
      for (const k of ['q', 'j', '/', 'a', 'space']) assert.equal(resolveKey(s, k), undefined, `${s} ${k}`);
    }
  });
});

describe('footer hints (generated from KEYMAP)', () => {
  test('each scope has its own: the logs and detail views show their keys, not the table\'s', () => {
    const keys = (s: KeyScope) => footerHints(s).map((h) => `${h.keys} ${h.what}`);
    assert.ok(keys('table').includes('m actions') && keys('table').includes('L logs') && keys('table').includes('x shell') && keys('table').includes('e events'));
    assert.ok(keys('logs').includes('/ search') && keys('logs').includes('Esc close'));
    assert.ok(!keys('logs').includes('s sort'));
    assert.ok(keys('detail').includes('Esc back') && keys('detail').includes('v env'));
  });

  test('hintText keeps whole hints only', () => {
    const all = hintText('table');
    const cut = hintText('table', 30);
    assert.ok(cut.length <= 30 && all.startsWith(cut), cut);
    assert.ok(!/ \S*$/.test(cut) || cut.split(' · ').every((h) => all.split(' · ').includes(h)), cut);
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
    const want = ['Everywhere', 'Table', 'Detail view', 'Logs', 'Log search', 'Actions menu', 'Filter prompt', 'Group picker', 'Help', 'Column chooser'];
    assert.deepEqual(titles, want);
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
    for (const l of ['q Ctrl-C', 'k ↑', 'j ↓', 'PgUp', 'g Home', 'G End', 'Enter → o', '1–8', '? h', 'Esc', 'Space', 'Backspace', 'Ctrl-U']) assert.ok(labels.includes(l), l);
  });
});

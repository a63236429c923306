// Help and hints generated from KEYMAP: every binding listed once, sections in order, the open
// view's keys first, --read-only said, and footer hints per scope, whole ones only.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { KEYMAP, type KeyScope } from '../../../src/ui/keys/keymap.js';
import { footerHints, helpSections, hintText, READ_ONLY_HELP } from '../../../src/ui/keys/key-help.js';

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

  test('opened from a view, that view\'s keys come first', () => {
    assert.equal(helpSections(KEYMAP, { first: 'logs' })[0].title, 'Logs');
    assert.equal(helpSections(KEYMAP, { first: 'detail' })[0].title, 'Detail view');
    assert.equal(helpSections(KEYMAP, { first: 'table' })[0].title, 'Table');
    assert.equal(helpSections(KEYMAP, { first: 'logs' }).length, sections.length, 'nothing dropped');
  });

  test('keys are shown by name', () => {
    const labels = entries.map((e) => e.keys);
    for (const l of ['q Ctrl-C', 'k ↑', 'j ↓', 'PgUp', 'g Home', 'G End', 'Enter → o', '1–8', '? h', 'Esc', 'Space', 'Backspace', 'Ctrl-U']) assert.ok(labels.includes(l), l);
  });
});

// KEYMAP: one table for every scope — no key bound twice in a scope, DESIGN.md's keys bound, Esc
// never quits outright, the log viewer, actions menu and prompts resolving here too.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { KEYMAP, resolveKey, type KeyScope, type View } from '../../../src/ui/keys/keymap.js';
import { helpSections } from '../../../src/ui/keys/key-help.js';

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

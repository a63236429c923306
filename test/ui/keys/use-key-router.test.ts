// The single input path (keys/use-key-router.ts routeKey → live-reducer.ts): every key resolves
// through the keymap in the scope the previous key left open — the actions menu is modal, the log
// view takes its keys, the rest goes to the table — and effects (exec) are taken exactly once.
// Keys are routed one at a time, as a chunk like "mty" needs.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { liveReducer } from '../../../src/ui/live-reducer.js';
import { DEFAULT_ENV, initLiveState, type LiveAction, type LiveEffect, type LiveState } from '../../../src/ui/live-state.js';
import { routeKey, type KeyRouting } from '../../../src/ui/keys/use-key-router.js';
import { keysFromInput } from '../../../src/ui/keys/input-keys.js';
import { EMPTY, row, snapshot } from '../../helpers/ui-fixtures.js';

const NO_KEY = { upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false, return: false, escape: false, ctrl: false, tab: false, backspace: false, delete: false, meta: false };

/** The app's wiring: the real root reducer, a recording fake for what leaves the screen. */
function harness(list = [row('a', { cpuPercent: 2 }), row('b', { cpuPercent: 1 })]) {
  const env = { ...DEFAULT_ENV, page: 10 };
  let state: LiveState = liveReducer(initLiveState({ snapshot: EMPTY }, env), { type: 'snapshot', snapshot: snapshot(list) }, env);
  const effects: LiveEffect[] = [];
  const dispatch = (a: LiveAction) => {
    state = liveReducer(state, a, env);
  };
  const routing: KeyRouting = { current: () => state, onEffect: (e) => effects.push(e) };
  const press = (...names: string[]) => names.forEach((n) => routeKey(n, dispatch, routing));
  /** One write as Ink delivers it: a chunk of text and control characters. */
  const write = (chunk: string) => press(...keysFromInput(chunk, NO_KEY));
  return { press, write, state: () => state, effects };
}

describe('routeKey', () => {
  test('table keys reach the table', () => {
    const h = harness();
    h.press('j', 'e');
    assert.equal(h.state().table.cursor, 1);
    assert.equal(h.state().eventsPane, true);
  });

  test('"mty" in one chunk: m opens the menu, t picks stop, y confirms', () => {
    const h = harness();
    h.write('mty');
    assert.equal(h.state().actions.phase, 'running');
    assert.equal(h.state().table.sort, 'cpu', 't and y did not reach the table');
  });

  test('the open menu swallows keys it does not bind (modal); Ctrl-C still quits', () => {
    const h = harness();
    h.press('m', 'q', 'a');
    assert.equal(h.state().quit, false);
    assert.equal(h.state().table.all, false);
    assert.equal(h.state().actions.phase, 'menu');
    h.press('ctrl+c');
    assert.equal(h.state().quit, true);
  });

  test('Esc closes the menu, not the app', () => {
    const h = harness();
    h.press('m', 'escape');
    assert.equal(h.state().actions.phase, 'closed');
    assert.equal(h.state().quit, false);
  });

  test('in the logs view the viewer takes its keys; Esc closes; q quits', () => {
    const h = harness();
    h.press('L', 'j', '/');
    assert.equal(h.state().view, 'logs');
    assert.equal(h.state().logs?.draft, '', '/ opened the search');
    assert.equal(h.state().table.cursor, 0, 'j scrolled the logs, not the table');
    h.write('er\x7fr\r');
    assert.equal(h.state().logs?.query, 'er', 'text, a Backspace and Enter from one write, in order');
    h.press('escape');
    assert.equal(h.state().view, 'table');
    h.press('L', 'q');
    assert.equal(h.state().quit, true, "q is not the viewer's: it quits");
  });

  test('the `/` prompt: a burst of text, Backspaces and Ctrl-U in one write each is applied key by key', () => {
    const h = harness();
    h.write('/abcdef');
    assert.equal(h.state().prompt?.text, 'abcdef');
    h.write('\x7f\x7f\x7f');
    assert.equal(h.state().prompt?.text, 'abc');
    h.write('\x15db');
    assert.equal(h.state().prompt?.text, 'db');
    const pasted = 'x'.repeat(1000);
    h.write('\x15' + pasted);
    assert.equal(h.state().prompt?.text, pasted);
  });

  test('x leaves an exec effect for the hook, once', () => {
    const h = harness();
    h.press('j', 'x');
    assert.deepEqual(h.effects, [{ type: 'exec', id: h.state().table.rows[1].info.id, name: 'b' }]);
    assert.equal(h.state().effect, null);
  });

  test('Esc at top level asks; a second Esc quits, any other key carries on', () => {
    const h = harness();
    h.press('escape');
    assert.equal(h.state().quit, false);
    assert.match(h.state().notice ?? '', /quit\?/);
    h.press('j');
    assert.equal(h.state().quitAsked, false);
    h.press('escape', 'escape');
    assert.equal(h.state().quit, true);
  });
});

// The single input handler's routing (hooks/use-commands.ts routeKey): the actions menu is
// modal, the log viewer has first refusal in the logs view, everything else goes to the reducer,
// and effects (actions menu, exec) are taken exactly once. Keys are routed one at a time by the
// state the previous key left, as a chunk like "mty" needs.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { actionsReducer, CLOSED, type ActionsEvent, type ActionsFlow } from '../../../src/core/model/actions.js';
import { actionsCommand } from '../../../src/ui/actions/actions-menu.js';
import { routeKey, type KeyRouting } from '../../../src/ui/keys/use-key-router.js';
import { initialLogViewState, logViewCommand, type LogViewAction } from '../../../src/ui/logs/log-view-reducer.js';
import { initViewState, viewReducer, type ViewAction, type ViewEffect, type ViewState } from '../../../src/ui/view-reducer.js';
import { EMPTY, row, snapshot } from '../../helpers/ui-fixtures.js';

/** The app's wiring with the real reducers and recording fakes for what leaves the screen. */
function harness(list = [row('a', { cpuPercent: 2 }), row('b', { cpuPercent: 1 })]) {
  let view: ViewState = viewReducer(initViewState({ snapshot: EMPTY, pageSize: 10 }), { type: 'snapshot', snapshot: snapshot(list) });
  let flow: ActionsFlow = CLOSED;
  const logActions: LogViewAction[] = [];
  const effects: ViewEffect[] = [];
  const flowEvents: ActionsEvent[] = [];
  const dispatch = (a: ViewAction) => {
    view = viewReducer(view, a);
  };
  const routing: KeyRouting = {
    current: () => view,
    actions: {
      isOpenNow: () => flow.phase !== 'closed',
      handleKeyName: (name) => {
        const e = actionsCommand(flow, name);
        if (e) {
          flowEvents.push(e);
          flow = actionsReducer(flow, e);
        }
        return e !== null;
      },
    },
    logs: {
      handleKeyName: (name) => {
        const a = logViewCommand(initialLogViewState('x', 'x'), name);
        if (a) logActions.push(a);
        return a;
      },
    },
    onEffect: (e) => {
      effects.push(e);
      if (e.type === 'actions') flow = actionsReducer(flow, { type: 'open', targets: e.targets });
    },
  };
  const press = (...names: string[]) => names.forEach((n) => routeKey(n, dispatch, routing));
  return { press, view: () => view, flow: () => flow, effects, logActions, flowEvents };
}

describe('routeKey', () => {
  test('table keys reach the reducer', () => {
    const h = harness();
    h.press('j', 'e');
    assert.equal(h.view().cursor, 1);
    assert.equal(h.view().eventsPane, true);
  });

  test('"m t y" in one chunk: m opens the menu, t picks stop, y confirms; the effect is taken once', () => {
    const h = harness();
    h.press('m', 't', 'y');
    assert.equal(h.effects.length, 1);
    assert.equal(h.view().effect, null, 'taken');
    assert.equal(h.flow().phase, 'running');
    assert.equal(h.view().sort, 'cpu', 't and y did not reach the table');
  });

  test('the open menu swallows keys it does not use (modal); Ctrl-C still quits', () => {
    const h = harness();
    h.press('m', 'q', 's', 'a');
    assert.equal(h.view().quit, false);
    assert.equal(h.view().all, false);
    h.press('ctrl+c');
    assert.equal(h.view().quit, true);
  });

  test('Esc closes the menu, not the app', () => {
    const h = harness();
    h.press('m', 'escape');
    assert.equal(h.flow().phase, 'closed');
    assert.equal(h.view().quit, false);
  });

  test('in the logs view the viewer takes its keys; close and unused keys go on to the keymap', () => {
    const h = harness();
    h.press('L', 'j', 'G', '/');
    assert.equal(h.view().view, 'logs');
    assert.deepEqual(
      h.logActions.map((a) => a.type),
      ['scroll', 'follow', 'search-open'],
    );
    assert.equal(h.view().cursor, 0, 'j scrolled the logs, not the table');
    h.press('escape');
    assert.equal(h.view().view, 'table');
    h.press('L', 'q');
    assert.equal(h.view().quit, true, 'q is not the viewer\'s: it quits');
  });

  test('x leaves an exec effect for the hook, once', () => {
    const h = harness();
    h.press('j', 'x');
    assert.deepEqual(h.effects, [{ type: 'exec', id: h.view().rows[1].info.id, name: 'b' }]);
    assert.equal(h.view().effect, null);
  });

  test('without routing (tests of the reducer alone) every key goes to the reducer', () => {
    let view = viewReducer(initViewState({ snapshot: EMPTY }), { type: 'snapshot', snapshot: snapshot([row('a')]) });
    routeKey('q', (a) => (view = viewReducer(view, a)));
    assert.equal(view.quit, true);
  });
});

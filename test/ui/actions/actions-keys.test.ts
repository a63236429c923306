// Keys in the actions menu: each step of the flow is a keymap scope, and a binding there is one
// flow event. Step 2 of remove --force binds only Y, so "yy" cannot confirm twice.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { actionsReducer, CLOSED, type ActionsEvent, type ActionsFlow, type ActionTarget } from '../../../src/core/model/actions.js';
import { actionsCommand, actionsScope } from '../../../src/ui/actions/actions-keys.js';
import { footerHints } from '../../../src/ui/keys/key-help.js';

const web: ActionTarget = { id: 'w', name: 'web-1', state: 'running' };
const flow = (...events: ActionsEvent[]): ActionsFlow => events.reduce(actionsReducer, CLOSED);
const open = (...targets: ActionTarget[]): ActionsEvent => ({ type: 'open', targets });

describe('actionsCommand (through the keymap)', () => {
  const menu = flow(open(web));
  const cases: [string, ActionsFlow, string, ActionsEvent | null][] = [
    ['closed: nothing', CLOSED, 'm', null],
    ['Esc closes', menu, 'escape', { type: 'close' }],
    ['← closes', menu, 'left', { type: 'close' }],
    ['j moves down', menu, 'j', { type: 'move', delta: 1 }],
    ['↓ moves down', menu, 'down', { type: 'move', delta: 1 }],
    ['↑ moves up', menu, 'up', { type: 'move', delta: -1 }],
    ['Enter selects', menu, 'enter', { type: 'select' }],
    ['a shortcut chooses', menu, 't', { type: 'choose', kind: 'stop' }],
    ['K is kill (k moves)', menu, 'K', { type: 'choose', kind: 'kill' }],
    ['a shortcut for an action that does not fit: nothing', menu, 's', null],
    ['q is not bound in the menu', menu, 'q', null],
    ['Space is not bound in the menu', menu, 'space', null],
    ['Ctrl-C is the root\'s (quit), not a flow event', menu, 'ctrl+c', null],
    ['digits pick a signal', flow(open(web), { type: 'choose', kind: 'kill' }), '3', { type: 'signal', signal: 'SIGINT' }],
    ['7 is not a signal', flow(open(web), { type: 'choose', kind: 'kill' }), '7', null],
    ['y confirms step 1', flow(open(web), { type: 'choose', kind: 'stop' }), 'y', { type: 'confirm' }],
    ['n cancels', flow(open(web), { type: 'choose', kind: 'stop' }), 'n', { type: 'close' }],
    ['y does not confirm step 2', flow(open(web), { type: 'choose', kind: 'force-remove' }, { type: 'confirm' }), 'y', null],
    ['Y confirms step 2', flow(open(web), { type: 'choose', kind: 'force-remove' }, { type: 'confirm' }), 'Y', { type: 'confirm' }],
    ['Enter closes a refusal', flow({ type: 'open', targets: [web], disabled: 'x' }), 'enter', { type: 'select' }],
  ];
  for (const [name, state, key, want] of cases) it(name, () => assert.deepEqual(actionsCommand(state, key), want));

  it('each step is its own scope', () => {
    assert.equal(actionsScope(CLOSED), null);
    assert.equal(actionsScope(menu), 'actions');
    assert.equal(actionsScope(flow(open(web), { type: 'choose', kind: 'kill' })), 'signal');
    assert.equal(actionsScope(flow(open(web), { type: 'choose', kind: 'force-remove' }, { type: 'confirm' })), 'confirmForce');
  });

  it('while it runs, the footer offers only what works: Esc hides; Enter does nothing (so "y⏎" cannot drop the run)', () => {
    const running = flow(open(web), { type: 'choose', kind: 'stop' }, { type: 'confirm' });
    assert.equal(running.phase, 'running');
    assert.equal(actionsCommand(running, 'enter'), null);
    assert.deepEqual(actionsCommand(running, 'escape'), { type: 'close' });
    const hints = footerHints(actionsScope(running)!).map((h) => `${h.keys} ${h.what}`);
    assert.ok(!hints.some((h) => h.startsWith('Enter')), hints.join(', '));
    assert.ok(hints.includes('Esc close'), hints.join(', '));
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  actionsForState,
  actionsReducer,
  buildRequest,
  CLOSED,
  confirmText,
  KILL_SIGNALS,
  menuItems,
  nameList,
  progressTitle,
  READ_ONLY_REASON,
  resultSummary,
  type ActionKind,
  type ActionsEvent,
  type ActionsFlow,
  type ActionTarget,
} from '../../../src/core/model/actions.js';
import type { ContainerState } from '../../../src/core/model/types.js';

const t = (name: string, state: ContainerState, id = `${name}-id`): ActionTarget => ({ id, name, state });
const web = t('web', 'running');
const db = t('db', 'exited');
const cache = t('cache', 'paused');

function run(events: ActionsEvent[], from: ActionsFlow = CLOSED): ActionsFlow {
  return events.reduce(actionsReducer, from);
}

describe('actionsForState', () => {
  const cases: [ContainerState, ActionKind[]][] = [
    ['running', ['stop', 'restart', 'pause', 'kill', 'force-remove']],
    ['paused', ['stop', 'unpause', 'kill', 'force-remove']],
    ['restarting', ['stop', 'kill', 'force-remove']],
    ['exited', ['start', 'remove']],
    ['created', ['start', 'remove']],
    ['dead', ['start', 'remove']],
    ['removing', []],
  ];
  for (const [state, want] of cases) {
    it(`${state} → ${want.join(', ') || 'nothing'}`, () => assert.deepEqual(actionsForState(state), want));
  }

  it('kill offers the six signals, SIGTERM first', () => {
    assert.deepEqual([...KILL_SIGNALS], ['SIGTERM', 'SIGKILL', 'SIGINT', 'SIGHUP', 'SIGUSR1', 'SIGUSR2']);
  });
});

describe('menuItems for a marked set', () => {
  it('lists every action that fits at least one member, with how many it fits', () => {
    const items = menuItems([web, db, cache]);
    const byKind = Object.fromEntries(items.map((i) => [i.kind, i.count]));
    assert.deepEqual(byKind, { start: 1, stop: 2, restart: 1, pause: 1, unpause: 1, kill: 2, remove: 1, 'force-remove': 2 });
  });

  it('a request runs on the members it fits and reports the others as skipped', () => {
    const r = buildRequest('stop', [web, db, cache]);
    assert.deepEqual(r.targets.map((x) => x.name), ['web', 'cache']);
    assert.deepEqual(r.skipped.map((x) => x.name), ['db']);
  });
});

describe('confirmation texts name the containers', () => {
  const cases: [string, string, number | 1 | 2, string][] = [
    ['stop one', 'stop', 1, 'Stop container web?'],
    ['restart one', 'restart', 1, 'Restart container web?'],
    ['force remove, step 1', 'force-remove', 1, 'Force-remove container web although it is running?'],
    ['force remove, step 2', 'force-remove', 2, 'Really force-remove container web? Running processes are killed and the container is deleted; this cannot be undone.'],
  ];
  for (const [name, kind, step, want] of cases) {
    it(name, () => assert.equal(confirmText(buildRequest(kind as ActionKind, [web]), step as 1 | 2), want));
  }

  it('kill names the signal', () => {
    assert.equal(confirmText(buildRequest('kill', [web], 'SIGHUP')), 'Send SIGHUP to container web?');
  });

  it('a set is counted and listed', () => {
    assert.equal(confirmText(buildRequest('stop', [web, cache])), 'Stop 2 containers web and cache?');
  });

  it('names show their control characters escaped (never raw) and long lists are shortened', () => {
    assert.equal(nameList([t('/a\x1b[2Jb', 'running')]), 'a\\e[2Jb');
    const many = Array.from({ length: 8 }, (_, i) => t(`c${i}`, 'running'));
    assert.equal(nameList(many), 'c0, c1, c2, c3, c4 and 3 more');
  });

  it('progress and result lines', () => {
    const r = buildRequest('stop', [web, cache, db]);
    assert.equal(progressTitle(r), 'Stopping 2 containers…');
    assert.equal(resultSummary(r, [{ state: 'ok' }, { state: 'error', error: 'x' }]), 'Stop: 1 ok, 1 failed, 1 skipped');
    assert.equal(resultSummary(buildRequest('kill', [web], 'SIGINT'), [{ state: 'ok' }]), 'Kill (SIGINT): 1 ok');
  });
});

describe('actionsReducer', () => {
  const open = (targets: ActionTarget[], disabled?: string): ActionsEvent => ({ type: 'open', targets, disabled });

  const flows: { name: string; events: ActionsEvent[]; phase: ActionsFlow['phase']; check?: (s: ActionsFlow) => void }[] = [
    { name: 'open shows the menu', events: [open([web])], phase: 'menu' },
    {
      name: '--read-only refuses and says why',
      events: [open([web], READ_ONLY_REASON)],
      phase: 'refused',
      check: (s) => assert.equal(s.phase === 'refused' && s.reason, READ_ONLY_REASON),
    },
    {
      name: 'read-only stays refused whatever is pressed',
      events: [open([web], READ_ONLY_REASON), { type: 'choose', kind: 'stop' }, { type: 'confirm' }, { type: 'move', delta: 1 }],
      phase: 'refused',
    },
    { name: 'Enter dismisses the refusal', events: [open([web], READ_ONLY_REASON), { type: 'select' }], phase: 'closed' },
    { name: 'nothing selected is refused', events: [open([])], phase: 'refused' },
    { name: 'choosing stop asks for confirmation', events: [open([web]), { type: 'choose', kind: 'stop' }], phase: 'confirm' },
    { name: 'an action that does not fit is ignored', events: [open([web]), { type: 'choose', kind: 'start' }], phase: 'menu' },
    {
      name: 'kill goes through the signal list, SIGKILL preselected',
      events: [open([web]), { type: 'choose', kind: 'kill' }],
      phase: 'signal',
      check: (s) => assert.equal(s.phase === 'signal' && KILL_SIGNALS[s.cursor], 'SIGKILL'),
    },
    {
      name: 'a signal hotkey leads to the confirmation with that signal',
      events: [open([web]), { type: 'choose', kind: 'kill' }, { type: 'signal', signal: 'SIGUSR1' }],
      phase: 'confirm',
      check: (s) => assert.equal(s.phase === 'confirm' && s.request.signal, 'SIGUSR1'),
    },
    {
      name: 'moving wraps around and Enter takes the highlighted signal',
      events: [open([web]), { type: 'choose', kind: 'kill' }, { type: 'move', delta: -2 }, { type: 'select' }],
      phase: 'confirm',
      check: (s) => assert.equal(s.phase === 'confirm' && s.request.signal, 'SIGUSR2'),
    },
    {
      name: 'Enter on the menu takes the highlighted action',
      events: [open([web]), { type: 'move', delta: 1 }, { type: 'select' }],
      phase: 'confirm',
      check: (s) => assert.equal(s.phase === 'confirm' && s.request.kind, 'restart'),
    },
    { name: 'confirming runs it', events: [open([web]), { type: 'choose', kind: 'stop' }, { type: 'confirm' }], phase: 'running' },
    {
      name: 'remove --force needs a second confirmation',
      events: [open([web]), { type: 'choose', kind: 'force-remove' }, { type: 'confirm' }],
      phase: 'confirm',
      check: (s) => assert.equal(s.phase === 'confirm' && s.step, 2),
    },
    {
      name: 'and runs after it',
      events: [open([web]), { type: 'choose', kind: 'force-remove' }, { type: 'confirm' }, { type: 'confirm' }],
      phase: 'running',
      check: (s) => assert.equal(s.phase === 'running' && s.request.force, true),
    },
    { name: 'Esc closes at any step', events: [open([web]), { type: 'choose', kind: 'stop' }, { type: 'close' }], phase: 'closed' },
    {
      name: 'running has one pending status per applicable target',
      events: [open([web, db, cache]), { type: 'choose', kind: 'stop' }, { type: 'confirm' }],
      phase: 'running',
      check: (s) => assert.deepEqual(s.phase === 'running' && s.status, [{ state: 'pending' }, { state: 'pending' }]),
    },
  ];
  for (const f of flows) {
    it(f.name, () => {
      const s = run(f.events);
      assert.equal(s.phase, f.phase);
      f.check?.(s);
    });
  }

  it('collects per-container results, then shows them', () => {
    let s = run([open([web, cache]), { type: 'choose', kind: 'stop' }, { type: 'confirm' }]);
    assert.equal(s.phase, 'running');
    const request = s.phase === 'running' ? s.request : buildRequest('stop', []);
    s = actionsReducer(s, { type: 'progress', request, index: 0, status: { state: 'running' } });
    s = actionsReducer(s, { type: 'progress', request, index: 0, status: { state: 'ok' } });
    assert.equal(s.phase, 'running');
    s = actionsReducer(s, { type: 'progress', request, index: 1, status: { state: 'error', error: 'Container cache is paused' } });
    assert.equal(s.phase, 'result');
    assert.deepEqual(s.phase === 'result' && s.status, [{ state: 'ok' }, { state: 'error', error: 'Container cache is paused' }]);
    assert.equal(actionsReducer(s, { type: 'select' }).phase, 'closed');
  });

  it('ignores progress from another (closed) run', () => {
    const s = run([open([web]), { type: 'choose', kind: 'stop' }, { type: 'confirm' }]);
    const stale = buildRequest('stop', [web]);
    assert.equal(actionsReducer(s, { type: 'progress', request: stale, index: 0, status: { state: 'ok' } }), s);
    assert.equal(actionsReducer(CLOSED, { type: 'progress', request: stale, index: 0, status: { state: 'ok' } }), CLOSED);
  });

  it('a container that fits nothing gets an empty menu that does nothing', () => {
    const s = run([open([t('x', 'removing')]), { type: 'select' }, { type: 'move', delta: 1 }]);
    assert.equal(s.phase, 'menu');
    assert.deepEqual(s.phase === 'menu' && s.items, []);
  });
});

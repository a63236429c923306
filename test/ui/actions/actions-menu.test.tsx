// ActionsMenu / ConfirmDialog through ink-testing-library (keys: actions-keys.test.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import stringWidth from 'string-width';
import { render } from 'ink-testing-library';
import {
  actionsReducer,
  CLOSED,
  READ_ONLY_REASON,
  type ActionsEvent,
  type ActionsFlow,
  type ActionTarget,
} from '../../../src/core/model/actions.js';
import { ActionsMenu, actionsPanelHeight } from '../../../src/ui/actions/actions-menu.js';
import { ConfirmDialog, confirmDialogHeight } from '../../../src/ui/actions/confirm-dialog.js';

const SGR = /\x1b\[[0-9;]*m/g;
const web: ActionTarget = { id: 'w', name: 'web-1', state: 'running' };
const db: ActionTarget = { id: 'd', name: 'db', state: 'exited' };
const cache: ActionTarget = { id: 'c', name: 'cache', state: 'paused' };
const flow = (...events: ActionsEvent[]): ActionsFlow => events.reduce(actionsReducer, CLOSED);
const open = (...targets: ActionTarget[]): ActionsEvent => ({ type: 'open', targets });

function draw(state: ActionsFlow, width = 60, maxHeight?: number): string[] {
  const app = render(<ActionsMenu state={state} width={width} maxHeight={maxHeight} />);
  const frame = (app.lastFrame() ?? '').replace(SGR, '');
  app.unmount();
  return frame === '' ? [] : frame.split('\n');
}

const key = (over: Partial<Key> = {}): Key =>
  ({
    upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
    return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
    super: false, hyper: false, capsLock: false, numLock: false, ...over,
  }) as Key;

describe('ActionsMenu', () => {
  it('closed renders nothing and takes no room', () => {
    assert.deepEqual(draw(CLOSED), []);
    assert.equal(actionsPanelHeight(CLOSED, 60), 0);
  });

  it('the menu lists the actions that fit, with their keys, the first highlighted', () => {
    const rows = draw(flow(open(web)));
    const text = rows.join('\n');
    assert.match(text, /Actions: web-1/);
    for (const item of ['› t  stop', 'r  restart', 'p  pause', 'K  kill…', 'D  remove --force']) assert.ok(text.includes(item), item);
    assert.doesNotMatch(text, /\bstart\b|unpause/);
    assert.equal(rows.length, actionsPanelHeight(flow(open(web)), 60));
  });

  it('for a marked set each action says how many it applies to', () => {
    const text = draw(flow(open(web, db, cache))).join('\n');
    assert.match(text, /Actions: 3 marked containers/);
    assert.match(text, /t {2}stop {2}\(2 of 3\)/);
    assert.match(text, /s {2}start {2}\(1 of 3\)/);
  });

  it('--read-only: the panel says why nothing can be done', () => {
    const text = draw(flow({ type: 'open', targets: [web], disabled: READ_ONLY_REASON })).join('\n');
    assert.match(text, /Actions unavailable/);
    assert.match(text, /read-only mode \(--read-only\)/);
  });

  it('the signal list, SIGKILL preselected', () => {
    const text = draw(flow(open(web), { type: 'choose', kind: 'kill' })).join('\n');
    assert.match(text, /Kill web-1: which signal\?/);
    assert.match(text, /› 2 {2}SIGKILL/);
    assert.match(text, /6 {2}SIGUSR2/);
  });

  it('a short terminal keeps the highlighted signal in view (Enter sends it)', () => {
    const s = flow(open(web), { type: 'choose', kind: 'kill' });
    const text = draw(s, 40, 6).join('\n');
    assert.match(text, /› 2 {2}SIGKILL/);
    assert.match(text, /… and 5 more/);
    const last = draw(flow(open(web), { type: 'choose', kind: 'kill' }, { type: 'move', delta: 4 }), 40, 6).join('\n');
    assert.match(last, /› 6 {2}SIGUSR2/);
  });

  it('the confirmation names the container; a set lists every member and the skipped ones', () => {
    assert.match(draw(flow(open(web), { type: 'choose', kind: 'stop' })).join('\n'), /Stop container web-1\?[\s\S]*y confirm · n\/Esc cancel/);
    const text = draw(flow(open(web, db, cache), { type: 'choose', kind: 'stop' }), 70).join('\n');
    assert.match(text, /Stop 2 containers web-1 and cache\?/);
    assert.match(text, /web-1 {2}\(running\)/);
    assert.match(text, /cache {2}\(paused\)/);
    assert.match(text, /Skipped, the action does not fit their state: db \(exited\)/);
  });

  it('remove --force asks twice, the second time for Y', () => {
    const s = flow(open(web), { type: 'choose', kind: 'force-remove' }, { type: 'confirm' });
    const text = draw(s, 60).join('\n');
    assert.match(text, /Second confirmation: remove --force/);
    assert.match(text, /Really force-remove/);
    assert.match(text, /Y \(shift\+y\) force-remove/);
  });

  it('progress per container, then results with the engine error verbatim', () => {
    let s = flow(open(web, cache), { type: 'choose', kind: 'stop' }, { type: 'confirm' });
    const request = s.phase === 'running' ? s.request : null!;
    s = actionsReducer(s, { type: 'progress', request, index: 0, status: { state: 'running' } });
    let text = draw(s).join('\n');
    assert.match(text, /Stopping 2 containers…/);
    assert.match(text, /… web-1 {2}working/);
    assert.match(text, /· cache {2}waiting/);
    s = actionsReducer(s, { type: 'progress', request, index: 0, status: { state: 'ok' } });
    s = actionsReducer(s, { type: 'progress', request, index: 1, status: { state: 'error', error: 'cannot stop container: cache: permission denied by the security profile of this engine' } });
    text = draw(s, 50).join('\n');
    assert.match(text, /Stop: 1 ok, 1 failed/);
    assert.match(text, /✓ web-1/);
    assert.match(text.replace(/[│\n ]+/g, ' '), /✗ cache: cannot stop container: cache: permission denied by the security profile of this engine/);
  });

  it('stays within maxHeight, cutting the list with "… and N more"', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ id: `c${i}`, name: `svc-${i}`, state: 'running' as const }));
    const s = flow(open(...many), { type: 'choose', kind: 'restart' });
    const rows = draw(s, 60, 12);
    assert.equal(rows.length, 12);
    assert.equal(actionsPanelHeight(s, 60, 12), 12);
    assert.match(rows.join('\n'), /… and \d+ more/);
    assert.match(rows[10], /y confirm/);
    for (const r of rows) assert.ok(stringWidth(r) <= 60);
  });
});

describe('ConfirmDialog', () => {
  it('wraps the message, lists items and ends with the keys', () => {
    const props = { title: 'Confirm', message: 'Remove container web-1 and everything in it?', items: ['a', 'b'], prompt: 'y confirm', width: 30 };
    const app = render(<ConfirmDialog {...props} />);
    const rows = (app.lastFrame() ?? '').replace(SGR, '').split('\n');
    app.unmount();
    assert.equal(rows.length, confirmDialogHeight(props));
    assert.match(rows[1], /Confirm/);
    assert.match(rows.join('\n'), /Remove container web-1 and/);
    assert.match(rows[rows.length - 2], /y confirm/);
  });
});

// How the table view's body is shared (table, events pane, actions panel), and which events the
// pane shows. Pure, so checked here for every height rather than through the screen.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eventsMatching, infoFromEvent } from '../../../src/core/events/event-filter.js';
import { parseSelector } from '../../../src/core/query/selector.js';
import type { ContainerInfo, EngineEvent } from '../../../src/core/model/types.js';
import { eventsPaneHeight, frameLayout, splitTableBody } from '../../../src/ui/chrome/frame.js';
import { row } from '../../helpers/ui-fixtures.js';

describe('splitTableBody', () => {
  test('the pane is a third of the body, 3 to 10 lines', () => {
    assert.deepEqual([6, 9, 20, 36, 60].map(eventsPaneHeight), [3, 3, 6, 10, 10]);
  });

  test('nothing open: the table has the whole body', () => {
    assert.deepEqual(splitTableBody(20, { eventsPane: false, panel: 0 }), { table: 20, events: 0, panel: 0 });
  });

  test('80×24 with the pane: 14 table lines, 6 of events', () => {
    const { body } = frameLayout(80, 24);
    assert.deepEqual(splitTableBody(body, { eventsPane: true, panel: 0 }), { table: 14, events: 6, panel: 0 });
  });

  test('the pane gives way before the table loses its header and two rows', () => {
    assert.deepEqual(splitTableBody(20, { eventsPane: true, panel: 13 }), { table: 3, events: 4, panel: 13 });
    assert.deepEqual(splitTableBody(20, { eventsPane: true, panel: 15 }), { table: 5, events: 0, panel: 15 });
  });

  test('for every body and panel the parts add up to the body (the frame stays within rows − 1)', () => {
    for (let body = 0; body <= 60; body++)
      for (let panel = 0; panel <= body + 2; panel++)
        for (const eventsPane of [false, true]) {
          const s = splitTableBody(body, { eventsPane, panel });
          assert.equal(s.table + s.events + s.panel, body, JSON.stringify({ body, panel, eventsPane, s }));
          assert.ok(s.table >= 0 && s.events >= 0 && s.panel >= 0);
          assert.ok(s.events === 0 || s.events >= 3);
        }
  });
});

describe('eventsMatching (the events pane follows the query)', () => {
  const web = row('web', {}, { labels: { app: 'web' } });
  const db = row('db', {}, { labels: { app: 'db' } });
  const ev = (id: string, action: string, attributes: Record<string, string> = {}, name: string | null = null): EngineEvent => ({
    time: 1,
    id,
    action,
    detail: null,
    name,
    image: 'img:1',
    exitCode: null,
    signal: null,
    attributes,
  });
  const events = [ev(web.info.id, 'start'), ev(db.info.id, 'start'), ev('gone', 'destroy', { app: 'web', name: 'old-web', image: 'img:1' }, 'old-web'), ev(web.info.id, 'die')];
  const selector = (text: string) => {
    const s = parseSelector(text);
    return (c: ContainerInfo) => s.matches(c);
  };

  test('no query: every event, the same array', () => {
    assert.equal(eventsMatching(events, [web, db]), events);
  });

  test('only the events of containers the selector passes, in order', () => {
    const shown = eventsMatching(events, [web, db], selector('app=web'));
    assert.deepEqual(
      shown.map((e) => e.action),
      ['start', 'destroy', 'die'],
    );
  });

  test('a container that is gone is judged by what its events carry', () => {
    const info = infoFromEvent(events[2]);
    assert.deepEqual([info.name, info.labels], ['old-web', { app: 'web' }]);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { engineList, nextEngineView } from '../../../src/ui/chrome/engine-switch.js';
import type { ContainerInfo, EngineStatus } from '../../../src/core/model/types.js';
import { liveReducer } from '../../../src/ui/live-reducer.js';
import { DEFAULT_ENV, initLiveState, type LiveState } from '../../../src/ui/live-state.js';
import { row, snapshot, T0 } from '../../helpers/ui-fixtures.js';

const e = (name: string, state: EngineStatus['state'] = 'up', since: number | null = null, reason: string | null = null): EngineStatus => ({ name, state, since, reason, sourceLabel: '' });
const on = (host: string) => ({ id: `${host}/x`, host, name: 'n', image: 'i', labels: {}, state: 'running', status: '', health: null, created: 0, networkMode: 'none' }) as ContainerInfo;

describe('H: engines', () => {
  const engines = [e('docker'), e('dock2', 'down', 1_000, 'refused the connection'), e('podman')];

  it('lists each engine with its state, how long it has been down and why', () =>
    assert.equal(engineList(engines, 13_000), 'docker up · dock2 down 12s (refused the connection) · podman up'));

  it('cycles all → each engine → all, as the filter host=NAME', () => {
    const steps: string[] = [];
    let filter = '';
    for (let i = 0; i < 4; i++) {
      const next = nextEngineView(engines, filter, 13_000)!;
      filter = next.filter.text;
      steps.push(filter || '(all)');
    }
    assert.deepEqual(steps, ['host=docker', 'host=dock2', 'host=podman', '(all)']);
  });

  it('the filter it sets shows only that engine\'s rows', () => {
    const next = nextEngineView(engines, 'host=docker', 0)!;
    assert.equal(next.filter.predicate?.(on('dock2')), true);
    assert.equal(next.filter.predicate?.(on('docker')), false);
    assert.match(next.notice, /— showing dock2 \(H: podman\)$/);
  });

  it('a filter of the user\'s own starts the cycle from the first engine', () => assert.equal(nextEngineView(engines, 'app=web', 0)?.filter.text, 'host=docker'));

  it('nothing to switch with one engine', () => assert.equal(nextEngineView([e('docker')], '', 0), null));
});

describe('H in the live screen (reducer)', () => {
  const fleetRows = [row('web', {}, { id: 'docker/a', host: 'docker', engineId: 'a' }), row('db', {}, { id: 'dock2/b', host: 'dock2', engineId: 'b' })];
  const snap = { ...snapshot(fleetRows), engines: [e('docker'), e('dock2', 'down', T0 - 5_000, 'refused the connection')] };
  const press = (s: LiveState) => liveReducer(s, { type: 'key', key: 'H' }, DEFAULT_ENV);

  it('shows one engine, then the next, then all, listing every engine\'s state', () => {
    let s = initLiveState({ snapshot: snap });
    s = press(s);
    assert.deepEqual(s.table.rows.map((r) => r.info.name), ['web']);
    assert.equal(s.notice, 'engines: docker up · dock2 down 5s (refused the connection) — showing docker (H: dock2)');
    s = press(s);
    assert.deepEqual(s.table.rows.map((r) => r.info.name), ['db']);
    s = press(s);
    assert.deepEqual(s.table.rows.map((r) => r.info.name).sort(), ['db', 'web']);
    assert.match(s.notice ?? '', /— showing all \(H: docker\)$/);
  });

  it('with one engine it says there is nothing to switch', () =>
    assert.match(press(initLiveState({ snapshot: snapshot(fleetRows) })).notice ?? '', /^one engine: nothing to switch/));
});

describe('W in the live screen (reducer)', () => {
  it('asks for the view to be saved: shown columns, sort, reverse and grouping', () => {
    let s = initLiveState({ snapshot: snapshot([row('web')]), hidden: ['image', 'host'], sort: 'mem', reverse: true, groupBy: 'compose' });
    s = liveReducer(s, { type: 'key', key: 'W' }, DEFAULT_ENV);
    assert.equal(s.effect?.type, 'saveView');
    const e = s.effect as Extract<NonNullable<LiveState['effect']>, { type: 'saveView' }>;
    assert.deepEqual([e.sort, e.reverse, e.groupBy], ['mem', true, 'compose']);
    assert.ok(e.columns.includes('name') && !e.columns.includes('image') && !e.columns.includes('host'));
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { engineList, nextEngineView } from '../../../src/ui/chrome/engine-switch.js';
import type { ContainerInfo, EngineStatus } from '../../../src/core/model/types.js';

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

// The container list (issue 11, defect 7): a list answered late must not bring back containers
// removed meanwhile (the group picker then offered label keys of long-gone containers).
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { it } from 'node:test';
import { ContainerTracker } from '../../../src/sources/engine/container-tracker.js';

const entry = (id: string, labels: Record<string, string> = {}) => ({ Id: id, Names: [`/${id}`], Image: 'i', Labels: labels, State: 'running', Status: 'Up', Created: 0 });

function fakeEngine() {
  const lists: { resolve: (l: unknown[]) => void }[] = [];
  const events = new PassThrough();
  const docker = {
    listContainers: () => new Promise<unknown[]>((resolve) => lists.push({ resolve })),
    getEvents: async () => events,
  };
  return { docker, lists, events };
}

const flush = () => new Promise((r) => setImmediate(r));

it('a late list does not bring back a container destroyed while it was in flight', async () => {
  const { docker, lists, events } = fakeEngine();
  const tracker = new ContainerTracker({ docker: docker as never, reconcileMs: 3_600_000 });
  const started = tracker.start(true);
  await flush();
  lists[0].resolve([entry('a', { old: '1' }), entry('b')]);
  await started;
  // A reconcile starts; then the engine says "a" is destroyed; then the reconcile answers with its old view.
  const slow = tracker.refresh();
  events.write(JSON.stringify({ Type: 'container', Action: 'destroy', Actor: { ID: 'a', Attributes: { name: 'a' } }, time: 1, timeNano: 1e9 }) + '\n');
  await flush();
  assert.deepEqual(tracker.containers().map((c) => c.id), ['b']);
  lists[1].resolve([entry('a', { old: '1' }), entry('b')]);
  await slow;
  assert.deepEqual(tracker.containers().map((c) => c.id), ['b']);
  tracker.close();
});

it('an older list answering after a newer one is dropped', async () => {
  const { docker, lists } = fakeEngine();
  const tracker = new ContainerTracker({ docker: docker as never });
  const started = tracker.start(false);
  await flush();
  lists[0].resolve([entry('a')]);
  await started;
  const older = tracker.refresh();
  const newer = tracker.refresh();
  lists[2].resolve([entry('b')]);
  await newer;
  lists[1].resolve([entry('a'), entry('b')]);
  await older;
  assert.deepEqual(tracker.containers().map((c) => c.id), ['b']);
  tracker.close();
});

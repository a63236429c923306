// Smoke test of the engine helper against the real engine: the container is
// isolated, labelled, limited as asked, and removed again.
import assert from 'node:assert/strict';
import { after, it } from 'node:test';
import {
  TEST_IMAGE,
  describeEngine,
  docker,
  inspectContainer,
  removeContainers,
  runContainer,
  waitFor,
} from '../helpers/engine.js';

describeEngine('engine helper', () => {
  const ids: string[] = [];
  after(() => removeContainers(ids));

  it('runs a busybox container with no network, the test label and the limits asked for', async () => {
    const id = await runContainer({
      name: 'smoke',
      cmd: 'sleep 60',
      labels: { 'ctop.role': 'smoke' },
      cpus: 0.5,
      memory: '64m',
      shmSize: '8m',
    });
    ids.push(id);
    assert.match(id, /^[0-9a-f]{64}$/);
    const info = await waitFor(async () => {
      const c = await inspectContainer(id);
      return c.State.Running ? c : undefined;
    }, { message: 'the container to run' });
    assert.match(info.Name, /^\/ctop-test-smoke-\d+-\d+$/);
    assert.equal(info.HostConfig.NetworkMode, 'none');
    assert.equal(info.Config.Labels['ctop-test'], '1');
    assert.equal(info.Config.Labels['ctop.role'], 'smoke');
    assert.equal(info.Config.Image, TEST_IMAGE);
    assert.equal(info.HostConfig.NanoCpus, 500_000_000);
    assert.equal(info.HostConfig.Memory, 64 * 1024 * 1024);
    assert.equal(info.HostConfig.ShmSize, 8 * 1024 * 1024);
  });

  it('removes containers, ignoring ones already gone', async () => {
    const id = await runContainer({ cmd: ['true'] });
    await waitFor(async () => (await inspectContainer(id)).State.Status === 'exited', { message: 'true to exit' });
    await removeContainers([id, 'ctop-test-never-existed']);
    const r = await docker(['inspect', id]);
    assert.notEqual(r.code, 0);
  });
});

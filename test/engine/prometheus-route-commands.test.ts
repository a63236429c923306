// A Prometheus row's commands reach the real engine that owns the container: a container on the
// shared dockerd, a row as cAdvisor would key it (scrape target + cgroup path ending in the id),
// routed through the same engine list -H gives. Also: a row no engine knows keeps the refusal.
import { after, it } from 'node:test';
import assert from 'node:assert/strict';
import { CommandRefused, refusingCommands } from '../../src/commands/engine-commands.js';
import { routedCommands } from '../../src/commands/routed-commands.js';
import { routeEngines } from '../../src/sources/prometheus/route-engines.js';
import { describeEngine, engineAddress, removeContainers, runContainer } from '../helpers/engine.js';

describeEngine('Prometheus rows routed to a configured engine', () => {
  const ids: string[] = [];
  after(() => removeContainers(ids));

  it('inspect and an action on a Prometheus row go to dockerd', async () => {
    const id = await runContainer({ name: 'prom-route', cmd: 'sleep 300' });
    ids.push(id);
    const engines = await routeEngines({ hosts: [`local=${engineAddress()}`], contexts: [] }, process.env);
    assert.deepEqual(engines.map((e) => e.name), ['local']);
    const c = routedCommands(refusingCommands('prometheus (a read-only source)'), engines);
    const row = { id: `node1:8080/system.slice/docker-${id}.scope`, engineId: `/system.slice/docker-${id}.scope`, host: 'node1:8080' };
    const details = await c.inspect(row);
    assert.equal(details.id, id);
    assert.deepEqual(await c.runAction(row, 'pause'), { ok: true });
    const paused = await c.inspect(row);
    assert.equal(paused.state, 'paused');
    const other = { id: `node1:8080/${'f'.repeat(64)}`, engineId: 'f'.repeat(64), host: 'node1:8080' };
    await assert.rejects(c.inspect(other), (e: unknown) => e instanceof CommandRefused && e.message === 'prometheus (a read-only source): no engine to act on');
  });
});

// `ctop-ts --events` against the real engine: stop, restart, a restart policy and an OOM kill of
// busybox containers arrive as NDJSON with names resolved, and event-markers reads the restarts
// and the OOM from them. Needs the build (dist/) and the engine from scripts/engine-up.sh.
//
// Observed on the cgroup v1 test host (Docker 20.10.24): an OOM kill sends `oom`, then `die`
// with exitCode 137, and inspect says State.OOMKilled = true; an OOM-killed child process (PID 1
// survives) sends only `oom`, and inspect keeps OOMKilled = false. `docker stop` of a shell that
// ignores SIGTERM sends kill 15, kill 9, die 137, stop; a restart policy sends die/start pairs
// and never a `restart` event.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { after, before, it } from 'node:test';
import { troubleFor } from '../../src/core/events/event-markers.js';
import type { EngineEvent } from '../../src/core/model/types.js';
import { describeEngine, docker, inspectContainer, removeContainers, runContainer, waitFor } from '../helpers/engine.js';

interface EventLine {
  type: string;
  time: string;
  id: string;
  action: string;
  detail: string | null;
  name: string | null;
  exitCode: number | null;
  signal: string | null;
  labels: Record<string, string> | null;
}

const root = new URL('../../', import.meta.url);
const RUN = `ev-${process.pid}`;

describeEngine('--events against the engine', () => {
  const ids: string[] = [];
  const lines: EventLine[] = [];
  let child: ChildProcess | null = null;
  let stderr = '';

  const of = (id: string) => lines.filter((l) => l.id === id);
  const actions = (id: string) => of(id).map((l) => l.action);
  const nameOf = async (id: string) => ((await inspectContainer(id)).Name as string).replace(/^\//, '');
  const asEngineEvents = (id: string): EngineEvent[] =>
    of(id).map((l) => ({ time: Date.parse(l.time), id: l.id, action: l.action, detail: l.detail, name: l.name, image: null, exitCode: l.exitCode, signal: l.signal, attributes: l.labels ?? {} }));

  before(async () => {
    assert.ok(existsSync(new URL('dist/cli.js', root)), 'build first: npx tsc -p tsconfig.json');
    // Only this run's containers: the selector becomes an engine-side label filter on /events.
    child = spawn(process.execPath, ['bin/ctop-ts.js', '--events', '--source', 'api', '-l', `ctop-ev-run=${RUN}`], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let buf = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buf += chunk;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        lines.push(JSON.parse(buf.slice(0, nl)) as EventLine);
        buf = buf.slice(nl + 1);
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // No "ready" line exists: poke a probe (SIGHUP, which PID 1 ignores) until its kill event shows.
    const probe = await runContainer({ name: 'ctop-ev-probe', cmd: ['sleep', '1000'], labels: { 'ctop-ev-run': RUN } });
    ids.push(probe);
    await waitFor(
      async () => {
        if (actions(probe).includes('kill')) return true;
        await docker(['kill', '--signal', 'HUP', probe]);
        return false;
      },
      { timeoutMs: 20_000, intervalMs: 250, message: 'the subscription to open' },
    ).catch((err: Error) => {
      throw new Error(`${err.message}; ctop-ts stderr: ${stderr}`);
    });
  });

  after(async () => {
    child?.kill('SIGTERM');
    await removeContainers(ids);
  });

  it('docker stop and docker restart: kill 15, kill 9, die 137, stop, start, restart, with the name', async () => {
    const id = await runContainer({ name: 'ctop-ev-life', cmd: 'sleep 1000', labels: { 'ctop-ev-run': RUN } });
    ids.push(id);
    const name = await nameOf(id);
    await waitFor(() => actions(id).includes('start'), { message: 'start' });
    assert.equal((await docker(['stop', '-t', '1', id])).code, 0);
    await waitFor(() => actions(id).includes('stop'), { message: 'stop' });
    assert.equal((await docker(['restart', '-t', '1', id])).code, 0);
    await waitFor(() => actions(id).includes('restart'), { message: 'restart' });
    const seq = of(id);
    assert.deepEqual(
      seq.map((l) => [l.action, l.signal ?? l.exitCode]),
      [
        ['create', null],
        ['start', null],
        ['kill', '15'],
        ['kill', '9'],
        ['die', 137],
        ['stop', null],
        ['start', null],
        ['restart', null],
      ],
    );
    assert.ok(seq.every((l) => l.name === name && l.type === 'event'));
    assert.equal(seq[0].labels?.['ctop-ev-run'], RUN);
    assert.equal(troubleFor(asEngineEvents(id), id, Date.now()).restarts, 1);
  });

  it('a restart policy: die/start pairs, no restart events, counted as restarts', async () => {
    const id = await runContainer({ name: 'ctop-ev-policy', cmd: 'sleep 0.3; exit 3', args: ['--restart', 'on-failure:2'], labels: { 'ctop-ev-run': RUN } });
    ids.push(id);
    await waitFor(() => actions(id).filter((a) => a === 'die').length === 3, { timeoutMs: 20_000, message: 'three dies' });
    assert.deepEqual(actions(id), ['create', 'start', 'die', 'start', 'die', 'start', 'die']);
    assert.ok(of(id).filter((l) => l.action === 'die').every((l) => l.exitCode === 3));
    assert.deepEqual(troubleFor(asEngineEvents(id), id, Date.now()), { restarts: 2, ooms: 0, lastAt: Date.parse(of(id)[5].time) });
  });

  it('an OOM kill (16 MiB limit, 64 MiB into /dev/shm): oom, then die 137, and OOMKilled', async () => {
    const id = await runContainer({
      name: 'ctop-ev-oom',
      memory: '16m',
      shmSize: '128m',
      cmd: 'dd if=/dev/zero of=/dev/shm/f bs=1M count=64',
      labels: { 'ctop-ev-run': RUN },
    });
    ids.push(id);
    await waitFor(() => actions(id).includes('die'), { timeoutMs: 30_000, message: 'die' });
    const seq = of(id);
    const oom = seq.findIndex((l) => l.action === 'oom');
    const die = seq.findIndex((l) => l.action === 'die');
    assert.ok(oom >= 0, `an oom event (got ${actions(id).join(', ')})`);
    assert.ok(oom < die, 'oom before die');
    assert.equal(seq[die].exitCode, 137);
    assert.equal(seq[oom].name, await nameOf(id));
    assert.equal((await inspectContainer(id)).State.OOMKilled, true);
    assert.equal(troubleFor(asEngineEvents(id), id, Date.now()).ooms, 1);
  });

  it('an OOM-killed child while PID 1 lives on: an oom event, no die, and inspect does not know', async () => {
    const id = await runContainer({
      name: 'ctop-ev-oomchild',
      memory: '16m',
      shmSize: '128m',
      cmd: 'dd if=/dev/zero of=/dev/shm/f bs=1M count=64; rm -f /dev/shm/f; sleep 1000',
      labels: { 'ctop-ev-run': RUN },
    });
    ids.push(id);
    await waitFor(() => actions(id).includes('oom'), { timeoutMs: 30_000, message: 'oom' });
    assert.ok(!actions(id).includes('die'));
    const state = (await inspectContainer(id)).State;
    assert.equal(state.Running, true);
    assert.equal(state.OOMKilled, false, 'only the event stream (and the cgroup counter) tell');
    assert.equal(troubleFor(asEngineEvents(id), id, Date.now()).ooms, 1);
  });
});

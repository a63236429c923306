/** @jsxRuntime automatic @jsxImportSource react */
// useContainerDetails with a fake engine: per-id cache, refetch on relevant events only,
// no engine → no details, errors keep the last good answer, answers racing with events.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import type { EngineEvent } from '../../../src/core/model/types.js';
import { useMemo } from 'react';
import type Docker from 'dockerode';
import type { InspectClient } from '../../../src/commands/docker/inspect.js';
import { dockerCommands } from '../../../src/commands/docker/docker-commands.js';
import { refusingCommands } from '../../../src/commands/engine-commands.js';
import { detailsVersion, useContainerDetails } from '../../../src/ui/detail/use-container-details.js';

class FakeDocker implements InspectClient {
  calls: string[] = [];
  fail = new Set<string>();
  gate: Promise<void> | null = null; // when set, answers wait for it
  states = new Map<string, string>();
  getContainer(id: string) {
    return {
      inspect: async () => {
        this.calls.push(id);
        const n = this.calls.length;
        if (this.gate) await this.gate;
        if (this.fail.has(id)) throw new Error('gone');
        return { Id: id, Name: `/${id}-name`, State: { Status: this.states.get(id) ?? 'running' }, Config: { Labels: { call: String(n) } } };
      },
    };
  }
}

function Probe(props: { docker: InspectClient | null; id: string | null; events: readonly EngineEvent[]; refreshMs?: number }) {
  // The hook takes EngineCommands: the real Docker ones over the fake engine, or a replay's refusal.
  const commands = useMemo(() => (props.docker ? dockerCommands(props.docker as unknown as Docker) : refusingCommands('replay')), [props.docker]);
  const s = useContainerDetails(commands, props.id === null ? null : { id: props.id }, props.events, { refreshMs: props.refreshMs ?? 0 });
  const d = s.details;
  return <Text>{JSON.stringify({ name: d?.name ?? null, state: d?.state ?? null, call: d?.labels.call ?? null, loading: s.loading, error: s.error })}</Text>;
}

const ev = (id: string, action: string, time: number, detail: string | null = null): EngineEvent => ({
  time,
  id,
  action,
  detail,
  name: null,
  image: null,
  exitCode: null,
  signal: null,
  attributes: {},
});

async function until(read: () => string | undefined, pred: (frame: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 3000;
  for (;;) {
    const frame = JSON.parse(read() ?? '{}') as Record<string, unknown>;
    if (pred(frame)) return frame;
    if (Date.now() > deadline) throw new Error(`timed out; last frame ${JSON.stringify(frame)}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const settle = () => new Promise((r) => setTimeout(r, 30));

describe('useContainerDetails', () => {
  test('no engine or no selection: no details, not loading, nothing fetched', async () => {
    const r = render(<Probe docker={null} id="a" events={[]} />);
    assert.deepEqual(JSON.parse(r.lastFrame()!), { name: null, state: null, call: null, loading: false, error: null });
    const docker = new FakeDocker();
    r.rerender(<Probe docker={docker} id={null} events={[]} />);
    await settle();
    assert.equal(docker.calls.length, 0);
    r.unmount();
  });

  test('loads, caches per id, and shows a cached id at once when coming back', async () => {
    const docker = new FakeDocker();
    const r = render(<Probe docker={docker} id="a" events={[]} />);
    assert.equal(JSON.parse(r.lastFrame()!).loading, true);
    await until(r.lastFrame, (f) => f.name === 'a-name' && f.loading === false);
    r.rerender(<Probe docker={docker} id="b" events={[]} />);
    await until(r.lastFrame, (f) => f.name === 'b-name');
    r.rerender(<Probe docker={docker} id="a" events={[]} />);
    assert.equal(JSON.parse(r.lastFrame()!).name, 'a-name', 'cached: no loading flash');
    await settle();
    assert.deepEqual(docker.calls, ['a', 'b']);
    r.unmount();
  });

  test('relevant events refetch; exec noise and other containers do not', async () => {
    const docker = new FakeDocker();
    const r = render(<Probe docker={docker} id="a" events={[]} />);
    await until(r.lastFrame, (f) => f.call === '1');
    const noise = [ev('a', 'exec_start', 1, 'true'), ev('a', 'exec_die', 2), ev('b', 'die', 3)];
    r.rerender(<Probe docker={docker} id="a" events={noise} />);
    await settle();
    assert.equal(docker.calls.length, 1);
    docker.states.set('a', 'exited');
    r.rerender(<Probe docker={docker} id="a" events={[...noise, ev('a', 'die', 4)]} />);
    await until(r.lastFrame, (f) => f.state === 'exited' && f.call === '2');
    r.rerender(<Probe docker={docker} id="a" events={[...noise, ev('a', 'die', 4), ev('a', 'health_status', 5, 'unhealthy')]} />);
    await until(r.lastFrame, (f) => f.call === '3');
    r.unmount();
  });

  test('an event during an inspect in flight fetches again once it answers', async () => {
    const docker = new FakeDocker();
    let open!: () => void;
    docker.gate = new Promise((resolve) => (open = resolve));
    const r = render(<Probe docker={docker} id="a" events={[]} />);
    await settle();
    r.rerender(<Probe docker={docker} id="a" events={[ev('a', 'restart', 9)]} />);
    await settle();
    assert.equal(docker.calls.length, 1, 'one request at a time per id');
    docker.gate = null;
    open();
    await until(r.lastFrame, (f) => f.call === '2');
    r.unmount();
  });

  test('a failed inspect reports the error and keeps the last good details', async () => {
    const docker = new FakeDocker();
    const r = render(<Probe docker={docker} id="a" events={[]} />);
    await until(r.lastFrame, (f) => f.name === 'a-name');
    docker.fail.add('a');
    r.rerender(<Probe docker={docker} id="a" events={[ev('a', 'die', 1)]} />);
    const f = await until(r.lastFrame, (x) => x.error !== null);
    assert.equal(f.name, 'a-name');
    assert.equal(f.error, 'inspect failed: gone');
    r.unmount();
  });

  test('refreshMs re-inspects the shown container periodically', async () => {
    const docker = new FakeDocker();
    const r = render(<Probe docker={docker} id="a" events={[]} refreshMs={20} />);
    await until(r.lastFrame, (f) => Number(f.call) >= 3);
    r.unmount();
    const calls = docker.calls.length;
    await new Promise((res) => setTimeout(res, 60));
    assert.equal(docker.calls.length, calls, 'stops when unmounted');
  });

  test('detailsVersion keys on the newest relevant event of that container', () => {
    assert.equal(detailsVersion([], 'a'), '');
    assert.equal(detailsVersion([ev('a', 'start', 1)], null), '');
    assert.equal(detailsVersion([ev('a', 'start', 1), ev('a', 'exec_die', 2), ev('b', 'die', 3)], 'a'), '1:start:');
    assert.equal(detailsVersion([ev('a', 'health_status', 7, 'healthy')], 'a'), '7:health_status:healthy');
  });
});

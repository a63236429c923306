// The fleet over fake engine sessions: fleet keys, routing of reads and commands by host, engine
// states, and what happens when one engine (or every engine) cannot be opened.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createFleet } from '../../src/sources/fleet.js';
import { refusingCommands, type EngineCommands } from '../../src/commands/engine-commands.js';
import type { ContainerInfo, HostInfo, RawSample } from '../../src/core/model/types.js';
import type { EngineSpec } from '../../src/sources/engine/engine-specs.js';
import type { Session } from '../../src/sources/session.js';
import { parseEngineHost } from '../../src/sources/engine/connection.js';

const info = (id: string, name: string): ContainerInfo => ({
  id,
  name,
  image: 'img',
  labels: {},
  state: 'running',
  status: 'Up',
  health: null,
  created: 0,
  networkMode: 'none',
});
const host = (memTotal: number, hostname = 'h', local = false): HostInfo => ({ engine: 'Docker Engine 20.10', apiVersion: '1.41', hostname, ncpu: 2, memTotal, cgroupVersion: '2', cgroupDriver: 'systemd', local });
const sample = (id: string, memLimit: number): RawSample => ({
  id, source: 'api', timestamp: 1, cpuTotalNs: 1, systemCpuNs: 1, onlineCpus: 1, memUsage: 1, memTotalInactiveFile: null, memInactiveFile: null, memLimit,
  netRxBytes: 0, netTxBytes: 0, blkReadBytes: 0, blkWriteBytes: 0, pids: 1, pidsLimit: null, cpuLimitCores: null, throttlePeriods: null, throttledPeriods: null, throttledTimeNs: null, oomKills: null, pressure: null,
});

function fakeSession(name: string, containers: ContainerInfo[], calls: string[], memTotal = 1000, local = false): Session {
  const commands: EngineCommands = { ...refusingCommands('fake'), runAction: async (t) => (calls.push(`${name} action ${t.engineId ?? t.id}`), { ok: true }) };
  return {
    host: host(memTotal, `machine-${name}`, local),
    source: { kind: 'api', sample: async (c) => (calls.push(`${name} sample ${c.id}`), sample(c.id, 5000)), forget: (id) => calls.push(`${name} forget ${id}`) },
    commands,
    containers: () => containers,
    sourceLabel: () => 'api',
    onEvent: () => () => undefined,
    close: () => calls.push(`${name} close`),
  };
}

const spec = (name: string, url: string): EngineSpec => ({ name, target: parseEngineHost(url, {}), origin: '-H' });

describe('fleet', () => {
  it('keys containers by engine and routes reads, forgets and commands to their engine', async () => {
    const calls: string[] = [];
    const sessions: Record<string, Session> = {
      'unix:///a.sock': fakeSession('a', [info('c1', 'web')], calls, 1000),
      'unix:///b.sock': fakeSession('b', [info('c1', 'db'), info('c2', 'cache')], calls, 3000),
    };
    const fleet = await createFleet([spec('a', 'unix:///a.sock'), spec('b', 'unix:///b.sock')], { source: 'api', follow: false, intervalMs: 1000 }, async (t) => sessions[t.url]);
    const list = fleet.containers();
    assert.deepEqual(list.map((c) => [c.id, c.host, c.engineId, c.name]), [
      ['a/c1', 'a', 'c1', 'web'],
      ['b/c1', 'b', 'c1', 'db'],
      ['b/c2', 'b', 'c2', 'cache'],
    ]);
    assert.equal(fleet.containers()[0], list[0], 'the same object while the engine\'s is the same (no churn per tick)');
    const s = await fleet.source.sample(list[1]);
    assert.equal(s?.id, 'b/c1');
    assert.equal(s?.memLimit, 3000, 'clamped to its own engine\'s memory');
    fleet.source.forget?.('b/c1');
    assert.deepEqual(await fleet.commands.runAction(list[0], 'stop'), { ok: true });
    // The log view keeps only the id: the fleet key says which engine, and which id there.
    assert.deepEqual(await fleet.commands.runAction({ id: 'b/c2' }, 'stop'), { ok: true });
    assert.deepEqual(calls, ['b sample c1', 'b forget c1', 'a action c1', 'b action c2']);
    assert.equal(fleet.host?.memTotal, 4000);
    assert.deepEqual(fleet.engines?.().map((e) => [e.name, e.state]), [['a', 'up'], ['b', 'up']]);
    fleet.close();
  });

  it('engines on this machine count its CPUs and memory once, whatever MemTotal each reports', async () => {
    const sessions: Record<string, Session> = {
      'unix:///docker.sock': fakeSession('docker', [], [], 1000, true),
      'unix:///podman.sock': fakeSession('podman', [], [], 1004, true),
    };
    const fleet = await createFleet([spec('docker', 'unix:///docker.sock'), spec('podman', 'unix:///podman.sock')], { source: 'api', follow: false, intervalMs: 1000 }, async (t) => sessions[t.url]);
    assert.equal(fleet.host?.ncpu, 2);
    assert.ok(fleet.host?.memTotal === 1000 || fleet.host?.memTotal === 1004, `memTotal ${fleet.host?.memTotal}`);
    fleet.close();
  });

  it('an engine that cannot be opened is down with its reason; the others serve', async () => {
    const calls: string[] = [];
    const fleet = await createFleet([spec('a', 'unix:///a.sock'), spec('gone', 'unix:///gone.sock')], { source: 'api', follow: false, intervalMs: 1000 }, async (t) => {
      if (t.url.includes('gone')) throw Object.assign(new Error('connect ENOENT'), { code: 'ENOENT' });
      return fakeSession('a', [info('c1', 'web')], calls);
    });
    assert.deepEqual(fleet.containers().map((c) => c.id), ['a/c1']);
    const gone = fleet.engines?.().find((e) => e.name === 'gone');
    assert.equal(gone?.state, 'down');
    assert.match(gone?.reason ?? '', /no Docker engine at unix:\/\/\/gone.sock \(socket not found\)/);
    const refused = await fleet.commands.runAction({ id: 'gone/x', host: 'gone', engineId: 'x' }, 'stop');
    assert.deepEqual(refused, { ok: false, error: 'engine gone is down: no engine to act on' });
    fleet.close();
  });

  it('no engine opens: one error naming each', async () =>
    assert.rejects(
      createFleet([spec('a', 'unix:///a.sock'), spec('b', 'tcp://127.0.0.1:1')], { source: 'api', follow: false, intervalMs: 1000 }, async () => {
        throw Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });
      }),
      /^UserFacingError: no engine answered: a \(unix:\/\/\/a.sock\): the engine at unix:\/\/\/a.sock refused the connection; b \(tcp:\/\/127.0.0.1:1\): .*refused/,
    ));
});

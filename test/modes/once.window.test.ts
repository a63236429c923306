// --no-stream's window: 300 ms between the two reads, a whole second when a running container has
// a CPU limit (its quota is spent in bursts a short window can cut in or out).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LIMITED_WINDOW_MS, ONCE_WINDOW_MS, sampleOnce } from '../../src/modes/once.js';
import type { ContainerInfo, RawSample } from '../../src/core/model/types.js';
import type { Session } from '../../src/sources/session.js';
import { refusingCommands } from '../../src/commands/engine-commands.js';

function session(cpuLimitCores: number | null): { session: Session; reads: number[] } {
  const reads: number[] = [];
  const info: ContainerInfo = { id: 'c1', name: 'c1', image: 'i', labels: {}, state: 'running', status: 'Up', health: null, created: 0, networkMode: 'none' };
  const sample = (): RawSample => {
    const t = Date.now();
    reads.push(t);
    return {
      id: 'c1', source: 'cgroup', timestamp: t, cpuTotalNs: t * 1e6 * 0.5, systemCpuNs: t * 1e6 * 2, onlineCpus: 2, pre: null,
      memUsage: 1, memTotalInactiveFile: null, memInactiveFile: 0, memLimit: 10, netRxBytes: 0, netTxBytes: 0, blkReadBytes: 0,
      blkWriteBytes: 0, pids: 1, pidsLimit: null, cpuLimitCores, throttlePeriods: null, throttledPeriods: null, throttledTimeNs: null,
      oomKills: null, pressure: null,
    } as RawSample;
  };
  const s = {
    host: null,
    source: { kind: 'cgroup', sample: async () => sample() },
    commands: refusingCommands('test'),
    containers: () => [info],
    sourceLabel: () => 'cgroup',
    onEvent: () => () => undefined,
    close: () => undefined,
  } as unknown as Session;
  return { session: s, reads };
}

describe('sampleOnce window', () => {
  it('reads twice, 300 ms apart, and computes CPU %', async () => {
    const { session: s, reads } = session(null);
    const snap = await sampleOnce(s, { all: false });
    assert.equal(reads.length, 2);
    assert.ok(reads[1] - reads[0] >= ONCE_WINDOW_MS && reads[1] - reads[0] < LIMITED_WINDOW_MS, String(reads[1] - reads[0]));
    assert.equal(Math.round(snap.rows[0].stats.cpuPercent ?? -1), 50);
  });

  it('a CPU-limited container gets a whole second', async () => {
    const { session: s, reads } = session(0.5);
    await sampleOnce(s, { all: false });
    assert.equal(reads.length, 2);
    assert.ok(reads[1] - reads[0] >= LIMITED_WINDOW_MS, String(reads[1] - reads[0]));
  });
});

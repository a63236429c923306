// engine-cost's accounting (bench/lib/proc-cpu.js): per-thread ns when every thread is still
// there, ticks otherwise, and the shims split into watched / control / other.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clockTicks, engineDelta } from '../../bench/lib/proc-cpu.js';

type Entry = { role: string; containerId: string | null; ticks: number; startTime: number; tasks: Map<string, number> | null };
const proc = (role: string, ticks: number, tasks: Record<string, number> | null, containerId: string | null = null, startTime = 1): Entry => ({
  role,
  containerId,
  ticks,
  startTime,
  tasks: tasks ? new Map(Object.entries(tasks)) : null,
});
const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} ≠ ${b}`);

describe('engineDelta', () => {
  const hz = clockTicks();

  it('sums per-thread ns, a new thread from zero, and splits shims into watched, control and other', () => {
    const before = new Map([
      [1, proc('dockerd', 100, { 1: 5e9, 2: 1e9 })],
      [2, proc('containerd', 50, { 2: 2e9 })],
      [10, proc('shim', 7, { 10: 7e7 }, 'w1')],
      [11, proc('shim', 7, { 11: 7e7 }, 'c1')],
      [12, proc('shim', 7, { 12: 7e7 }, 'x1')],
    ]);
    const after = new Map([
      [1, proc('dockerd', 999, { 1: 5.01e9, 2: 1.002e9, 3: 3e6 })], // ticks ignored: every thread is still there
      [2, proc('containerd', 999, { 2: 2.2e9 })],
      [10, proc('shim', 999, { 10: 7.7e7 }, 'w1')],
      [11, proc('shim', 999, { 11: 7.5e7 }, 'c1')],
      [12, proc('shim', 999, { 12: 9e7 }, 'x1')],
    ]);
    const d = engineDelta(before, after, new Set(['w1']), new Set(['c1']));
    close(d.dockerd, 0.015);
    close(d.containerd, 0.2);
    close(d.shimsBench, 0.007);
    close(d.shimsControl, 0.005);
    close(d.shimsOther, 0.02);
    assert.deepEqual([d.shimsBenchCount, d.shimsControlCount, d.shimsOtherCount, d.tickFallbacks, d.processesGone], [1, 1, 1, 0, 0]);
    close(d.engine, 0.015 + 0.2 + 0.007);
  });

  it('falls back to ticks when a thread vanished, its tid was reused, or the process restarted', () => {
    const before = new Map([
      [1, proc('dockerd', 100, { 1: 5e9, 2: 1e9 })],
      [2, proc('containerd', 50, { 2: 2e9 })],
      [10, proc('shim', 7, { 10: 7e7 }, 'w1')],
    ]);
    const after = new Map([
      [1, proc('dockerd', 103, { 1: 5.01e9 })], // thread 2 ended: its time is only in the ticks
      [2, proc('containerd', 52, { 2: 1e6 })], // tid 2 now a younger thread
      [10, proc('shim', 4, { 10: 4e7 }, 'w1', 2)], // a new process with the old pid: from zero
    ]);
    const d = engineDelta(before, after, new Set(['w1']));
    close(d.dockerd, 3 / hz);
    close(d.containerd, 2 / hz);
    close(d.shimsBench, 4 / hz);
    assert.equal(d.tickFallbacks, 3);
    assert.equal(d.processesGone, 1);
  });

  it('without per-thread numbers, counts ticks as before', () => {
    const before = new Map([[1, proc('dockerd', 100, null)]]);
    const after = new Map([[1, proc('dockerd', 150, null)]]);
    const d = engineDelta(before, after, new Set());
    close(d.dockerd, 50 / hz);
    assert.equal(d.tickFallbacks, 0);
    assert.equal(d.shimsControl, 0);
  });
});

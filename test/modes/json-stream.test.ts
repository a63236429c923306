// --json streaming (issue 11): a line per new record (never the same record twice, never a running
// container with nothing read), engine down/up lines, and a replay that plays once and ends.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { stoppedStats, unknownStats } from '../../src/core/metrics/delta.js';
import type { ContainerRow, EngineStatus } from '../../src/core/model/types.js';
import { newSampleRows, runJsonStream } from '../../src/modes/json-stream.js';
import { createMockSession } from '../../src/sources/mock/mock-session.js';
import { createReplaySession } from '../../src/sources/replay/replay-session.js';

const row = (id: string, timestamp: number, source: ContainerRow['source'] = 'api', state: 'running' | 'exited' = 'running'): ContainerRow => ({
  info: { id, name: id, image: 'i', labels: {}, state, status: '', health: null, created: 0, networkMode: 'none' },
  stats: state === 'running' ? unknownStats() : stoppedStats(),
  source,
  timestamp,
});

describe('newSampleRows', () => {
  it('prints a record once, however many ticks see it (--source api at a short --interval)', () => {
    const printed = new Map<string, number>();
    assert.equal(newSampleRows([row('a', 1000)], printed).length, 1);
    assert.equal(newSampleRows([row('a', 1000)], printed).length, 0);
    assert.equal(newSampleRows([row('a', 1000)], printed).length, 0);
    assert.equal(newSampleRows([row('a', 2000)], printed).length, 1);
  });

  it('skips running rows with no record (first tick, failed read) and stale rows; prints stopped ones', () => {
    const printed = new Map<string, number>();
    const out = newSampleRows(
      [row('none', 1, null), { ...row('stale', 1), stale: { since: 0, reason: 'x' } }, row('stopped', 5, null, 'exited'), row('ok', 1)],
      printed,
    );
    assert.deepEqual(out.map((r) => r.info.id), ['stopped', 'ok']);
  });

  it('forgets containers that are gone', () => {
    const printed = new Map<string, number>();
    newSampleRows([row('a', 1), row('b', 1)], printed);
    newSampleRows([row('a', 2)], printed);
    assert.deepEqual([...printed.keys()], ['a']);
  });
});

describe('runJsonStream', () => {
  it('writes one engine line when the engine goes down and one when it is back, with a note each', () => {
    const mock = createMockSession({ seed: 1, count: 1 });
    const listeners: ((s: EngineStatus) => void)[] = [];
    const session = { ...mock, onEngineChange: (l: (s: EngineStatus) => void) => (listeners.push(l), () => undefined) };
    const out: string[] = [];
    const notes: string[] = [];
    const stop = runJsonStream(session, { all: true, intervalMs: 60_000, write: (t) => out.push(t), note: (t) => notes.push(t) });
    const base = { name: 'local', sourceLabel: 'cgroup' };
    const since = Date.parse('2026-01-01T10:00:00Z');
    listeners[0]({ ...base, state: 'down', reason: 'connection refused', since });
    listeners[0]({ ...base, state: 'down', reason: 'socket not found', since }); // same outage: no new line
    listeners[0]({ ...base, state: 'connecting', reason: 'connection refused', since });
    listeners[0]({ ...base, state: 'up', reason: null, since: since + 12_000 });
    stop();
    const engineLines = out.flatMap((t) => t.trim().split('\n')).map((l) => JSON.parse(l)).filter((o) => o.type === 'engine');
    assert.deepEqual(engineLines, [
      { type: 'engine', schema: 1, engine: 'local', state: 'down', reason: 'connection refused', since: '2026-01-01T10:00:00.000Z' },
      { type: 'engine', schema: 1, engine: 'local', state: 'up', reason: null, since: '2026-01-01T10:00:12.000Z' },
    ]);
    assert.equal(notes.length, 2);
    assert.match(notes[0], /^engine local unreachable since \d\d:\d\d:\d\d \(connection refused\), retrying$/);
    assert.equal(notes[1], 'engine local is answering again after 12 s');
  });

  it('a replay plays once at full speed, keeps recorded timestamps, and ends', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ctop-json-replay-'));
    const file = join(dir, 'r.ndjson');
    const c = { id: 'c'.repeat(64), name: 'c', image: 'i', labels: {}, state: 'running', status: '', health: null, created: 0, networkMode: 'none' };
    const sample = (t: number) => ({ id: c.id, source: 'cgroup', timestamp: t, cpuTotalNs: t * 1e6, systemCpuNs: t * 4e6, onlineCpus: 2, memUsage: 1, memTotalInactiveFile: null, memInactiveFile: 0, memLimit: 10, netRxBytes: 0, netTxBytes: 0, blkReadBytes: 0, blkWriteBytes: 0, pids: 1, pidsLimit: null, cpuLimitCores: null, throttlePeriods: null, throttledPeriods: null, throttledTimeNs: null, oomKills: null, pressure: null });
    const t0 = Date.parse('2025-06-01T12:00:00Z');
    const lines = [{ type: 'header', version: 1, host: null, intervalMs: 1000, sourceLabel: 'cgroup' }];
    for (let i = 0; i < 4; i++) lines.push({ type: 'tick', t: t0 + i * 1000, containers: [c], samples: [sample(t0 + i * 1000)] } as never);
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
    const session = await createReplaySession(file, { loop: false });
    const out: string[] = [];
    const started = Date.now();
    await new Promise<void>((resolve) => runJsonStream(session, { all: true, intervalMs: 1000, write: (t) => out.push(t), replaySpeed: 0, onDone: resolve }));
    assert.ok(Date.now() - started < 1000, 'as fast as possible');
    const stamps = out.flatMap((t) => t.trim().split('\n')).map((l) => JSON.parse(l).timestamp);
    assert.deepEqual(stamps, [0, 1, 2, 3].map((i) => new Date(t0 + i * 1000).toISOString()));
  });

  it('a replay at recorded pace takes the recorded time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ctop-json-replay-'));
    const file = join(dir, 'r.ndjson');
    const c = { id: 'd'.repeat(64), name: 'd', image: 'i', labels: {}, state: 'exited', status: '', health: null, created: 0, networkMode: 'none' };
    const lines = [{ type: 'header', version: 1, host: null, intervalMs: 200, sourceLabel: 'cgroup' }];
    for (let i = 0; i < 3; i++) lines.push({ type: 'tick', t: 1000 + i * 200, containers: [c], samples: [] } as never);
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
    const session = await createReplaySession(file, { loop: false });
    const started = Date.now();
    await new Promise<void>((resolve) => runJsonStream(session, { all: true, intervalMs: 1000, write: () => undefined, onDone: resolve }));
    const took = Date.now() - started;
    assert.ok(took >= 380 && took < 1500, `${took} ms for 400 ms of recording`);
  });
});

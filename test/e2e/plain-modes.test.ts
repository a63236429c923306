// The built binary's plain modes with a replay file or the mock (issue 11, defects 3, 4, 5, 10):
// a replay plays once and exits with its recorded times, --record checks its path before any
// work and records mock and replay too, meaningless --events combinations are refused, and a
// filter that matches nothing prints docker's header (table) or nothing (JSON).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { ROOT } from '../helpers/live-screen.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function ctop(args: string[], timeoutMs = 20_000): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['bin/ctop-ts.js', ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, timeout: timeoutMs, encoding: 'utf8' }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr, ms: Date.now() - started }),
    );
    child.stdin?.end();
  });
}

const dir = mkdtempSync(join(tmpdir(), 'ctop-plain-'));
const replayFile = join(dir, 'rec.ndjson');
const T0 = Date.parse('2025-06-01T12:00:00Z');
const ID = 'e'.repeat(64);

before(() => {
  const c = { id: ID, name: 'web', image: 'nginx', labels: { app: 'web' }, state: 'running', status: 'Up', health: null, created: 0, networkMode: 'none' };
  const sample = (t: number) => ({ id: ID, source: 'cgroup', timestamp: t, cpuTotalNs: (t - T0) * 5e5, systemCpuNs: (t - T0) * 2e6, onlineCpus: 2, memUsage: 1e6, memTotalInactiveFile: null, memInactiveFile: 0, memLimit: 1e9, netRxBytes: 0, netTxBytes: 0, blkReadBytes: 0, blkWriteBytes: 0, pids: 1, pidsLimit: null, cpuLimitCores: null, throttlePeriods: null, throttledPeriods: null, throttledTimeNs: null, oomKills: null, pressure: null });
  const lines: unknown[] = [{ type: 'header', version: 1, host: null, intervalMs: 500, sourceLabel: 'cgroup' }];
  for (let i = 0; i < 4; i++) {
    if (i === 2) lines.push({ type: 'event', event: { time: T0 + 900, id: ID, action: 'health_status', detail: 'healthy', name: 'web', image: 'nginx', exitCode: null, signal: null, attributes: {} } });
    lines.push({ type: 'tick', t: T0 + i * 500, containers: [c], samples: [sample(T0 + i * 500)] });
  }
  writeFileSync(replayFile, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
});

const ndjson = (s: string) => s.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, any>);

describe('--replay in plain modes (defect 3)', () => {
  it('--json plays the file once at its recorded pace and exits, with the recorded timestamps', async () => {
    const r = await ctop(['--replay', replayFile, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const rows = ndjson(r.stdout).filter((o) => o.type === 'container');
    assert.deepEqual(rows.map((o) => o.timestamp), [0, 1, 2, 3].map((i) => new Date(T0 + i * 500).toISOString()));
    assert.ok(r.ms >= 1400, `took ${r.ms} ms for 1.5 s of recording`);
  });

  it('--replay-speed max plays as fast as possible', async () => {
    const r = await ctop(['--replay', replayFile, '--json', '--replay-speed', 'max']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(ndjson(r.stdout).filter((o) => o.type === 'container').length, 4);
  });

  it('--events plays the recorded events once and exits; --events --no-stream prints them at once', async () => {
    for (const extra of [['--replay-speed', 'max'], ['--no-stream']]) {
      const r = await ctop(['--replay', replayFile, '--events', ...extra]);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(ndjson(r.stdout).map((o) => `${o.type} ${o.action} ${o.time}`), [`event health_status ${new Date(T0 + 900).toISOString()}`]);
    }
  });
});

describe('--record (defect 4)', () => {
  it('a path in a folder that does not exist is one clear line, before any work', async () => {
    for (const src of [['--mock'], ['--replay', replayFile]]) {
      const r = await ctop([...src, '--json', '--record', '/nonexistent-dir/x.ndjson']);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^ctop-ts: cannot record to \/nonexistent-dir\/x\.ndjson: no folder \/nonexistent-dir\n/);
    }
  });

  it('records a replay being played (and what it records plays back the same)', async () => {
    const out = join(dir, 'again.ndjson');
    const r = await ctop(['--replay', replayFile, '--json', '--replay-speed', 'max', '--record', out]);
    assert.equal(r.code, 0, r.stderr);
    const recorded = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(recorded.filter((l) => l.type === 'tick').length, 4);
    const again = await ctop(['--replay', out, '--json', '--replay-speed', 'max']);
    assert.deepEqual(ndjson(again.stdout).filter((o) => o.type === 'container').map((o) => o.timestamp), ndjson(r.stdout).filter((o) => o.type === 'container').map((o) => o.timestamp));
  });
});

describe('--events combinations (defect 5)', () => {
  it('--events --group-by is refused with one line', async () => {
    const r = await ctop(['--mock', '--events', '--group-by', 'image']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^ctop-ts: --group-by has no meaning with --events/);
  });
});

describe('a filter that matches nothing (defect 10)', () => {
  it('--no-stream prints docker\'s header; --json prints nothing; --verbose says why on stderr', async () => {
    const table = await ctop(['--mock', '--no-stream', '-l', 'app=nothing-has-this']);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /^CONTAINER ID\s+NAME\s+CPU %\s+MEM USAGE \/ LIMIT\s+MEM %\s+NET I\/O\s+BLOCK I\/O\s+PIDS\n$/);
    const json = await ctop(['--mock', '--no-stream', '--json', '-l', 'app=nothing-has-this', '--verbose']);
    assert.equal(json.code, 0, json.stderr);
    assert.equal(json.stdout, '');
    assert.match(json.stderr, /the filter matched no running container \(\d+ listed\)/);
  });
});

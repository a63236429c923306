// Parity with `docker stats` on a real engine: containers with a known load, read by ctop-ts and
// by the docker CLI at the same moment. CPU is sampled over different windows by the two tools,
// so it can only agree within a few points; memory and PIDs of settled containers agree closely.
import { after, before, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Store } from '../../src/core/history/store.js';
import type { ContainerInfo } from '../../src/core/model/types.js';
import { EngineApiSource } from '../../src/sources/engine/api-stats-source.js';
import { connect, parseEngineHost } from '../../src/sources/engine/connection.js';
import { Sampler } from '../../src/sampling/sampler.js';
import type { Session } from '../../src/sources/session.js';
import type { StatsSource } from '../../src/sources/source.js';
import { describeEngine, docker, waitFor } from '../helpers/engine.js';
import { removeT2, startT2, type T2Container } from '../helpers/t2-containers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin', 'ctop-ts.js');
// The cgroup source is someone else's work in progress: compare it only once it exists.
const hasCgroupSource = existsSync(join(root, 'src', 'sources', 'cgroup-source.ts'));
const sources = hasCgroupSource ? ['api', 'auto'] : ['api'];

const RUN = `ctop-t2-run=${process.pid}`;
const MiB = 1024 ** 2;
const ROUNDS = 7;

function ctop(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [bin, ...args], { cwd: root, timeout: 60_000, encoding: 'utf8' }, (err, stdout, stderr) =>
      resolve({ stdout, stderr, code: err ? (typeof err.code === 'number' ? err.code : -1) : 0 }),
    );
    child.stdin?.end();
  });
}

async function dockerOk(args: string[]): Promise<string> {
  const r = await docker(args);
  assert.equal(r.code, 0, `docker ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** docker's "64.46MiB", "2.28kB", "0B" back to bytes. */
function parseSize(s: string): number {
  const m = /^([\d.]+(?:e[+-]\d+)?)([KMGTPEZY]i?B|[kMGTPEZY]B|B)$/.exec(s.trim());
  assert.ok(m, `not a docker size: ${s}`);
  const units = ['B', 'k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];
  const binary = m[2].includes('i');
  const power = units.indexOf(m[2][0] === 'K' ? 'k' : m[2][0]);
  return Number(m[1]) * (binary ? 1024 : 1000) ** Math.max(power, 0);
}

interface DockerRow {
  cpu: number;
  mem: number;
  limit: number;
  pids: number;
  net: string;
  block: string;
}
interface OurRow {
  id: string;
  source: string | null;
  cpu: number | null;
  mem: number | null;
  limit: number | null;
  pids: number | null;
  netRx: number | null;
  blockRead: number | null;
}

async function dockerStats(names: string[]): Promise<Map<string, DockerRow>> {
  const out = await dockerOk(['stats', '--no-stream', '--format', '{{json .}}', ...names]);
  const rows = new Map<string, DockerRow>();
  for (const line of out.trim().split('\n')) {
    const j = JSON.parse(line) as Record<string, string>;
    const [mem, limit] = j.MemUsage.split(' / ').map(parseSize);
    rows.set(j.Name, { cpu: parseFloat(j.CPUPerc), mem, limit, pids: Number(j.PIDs), net: j.NetIO, block: j.BlockIO });
  }
  return rows;
}

async function ourStats(source: string, selector: string): Promise<Map<string, OurRow>> {
  const r = await ctop(['--no-stream', '--json', '--source', source, '-l', selector]);
  assert.equal(r.code, 0, r.stderr);
  const rows = new Map<string, OurRow>();
  for (const line of r.stdout.trim().split('\n')) {
    const j = JSON.parse(line);
    rows.set(j.name, {
      id: j.id,
      source: j.source,
      cpu: j.cpuPercent,
      mem: j.memUsage,
      limit: j.memLimit,
      pids: j.pids,
      netRx: j.netRxBytes,
      blockRead: j.blockReadBytes,
    });
  }
  return rows;
}

/** Relative difference, with a floor so tiny values (a few hundred KiB) are not over-judged. */
function close(ours: number, theirs: number, rel: number, floor = 0): boolean {
  return Math.abs(ours - theirs) <= Math.max(rel * Math.abs(theirs), floor);
}

describeEngine('parity with docker stats', () => {
  const started: T2Container[] = [];
  let cpu: T2Container;
  let mem: T2Container;
  let procs: T2Container;
  let stopped: T2Container;
  const role = (r: string) => ({ 'ctop-t2-run': String(process.pid), 'ctop-t2-role': r });

  before(async () => {
    cpu = await startT2('cpu', ['sh', '-c', 'yes >/dev/null'], { args: ['--cpus', '0.5'], labels: role('cpu') });
    started.push(cpu);
    mem = await startT2('mem', ['sh', '-c', 'dd if=/dev/zero of=/dev/shm/f bs=1M count=64; sleep 3600'], {
      args: ['--shm-size', '128m'],
      labels: role('mem'),
    });
    started.push(mem);
    procs = await startT2('procs', ['sh', '-c', 'for i in 1 2 3 4 5; do sleep 3600 & done; wait'], { labels: role('procs') });
    started.push(procs);
    stopped = await startT2('stopped', ['true'], { create: true, labels: role('stopped') });
    started.push(stopped);
    // Settled: the 64 MiB are written, all five sleeps run, the busy loop has used CPU.
    await waitFor(async () => (await docker(['exec', mem.id, 'sh', '-c', 'test "$(wc -c </dev/shm/f)" -eq 67108864'])).code === 0, {
      timeoutMs: 30_000,
      message: '64 MiB in /dev/shm',
    });
    await waitFor(async () => (await dockerOk(['top', procs.id])).trim().split('\n').length === 1 + 6, {
      timeoutMs: 30_000,
      message: 'sh and five sleeps',
    });
    await waitFor(async () => /yes/.test(await dockerOk(['top', cpu.id])), { timeoutMs: 30_000, message: 'the busy loop' });
  });
  after(() => removeT2(started.map((c) => c.id)));

  for (const source of sources) {
    it(`--source ${source} --no-stream --json agrees with docker stats`, async (t: TestContext) => {
      const names = [cpu.name, mem.name, procs.name];
      const rounds: { ours: Map<string, OurRow>; theirs: Map<string, DockerRow> }[] = [];
      // Paired readings, taken concurrently. The two tools' CPU windows differ (ours a fraction of a
      // second, docker's ~1 s) and the host is shared, so one pair can be far apart; the trimmed
      // mean of several pairs is not.
      for (let i = 0; i < ROUNDS; i++) {
        const [ours, theirs] = await Promise.all([ourStats(source, `${RUN},ctop-t2-role in (cpu,mem,procs)`), dockerStats(names)]);
        assert.deepEqual([...ours.keys()].sort(), [...names].sort(), 'the same containers, no more');
        rounds.push({ ours, theirs });
      }
      // Mean without the lowest and highest reading: one starved window must not decide.
      const trimmedMean = (xs: number[]) => {
        const inner = [...xs].sort((a, b) => a - b).slice(1, -1);
        return inner.reduce((a, b) => a + b, 0) / inner.length;
      };
      for (const name of names) {
        const ours = rounds.map((r) => r.ours.get(name)!);
        const theirs = rounds.map((r) => r.theirs.get(name)!);
        const cpuOurs = trimmedMean(ours.map((o) => o.cpu ?? NaN));
        const cpuTheirs = trimmedMean(theirs.map((d) => d.cpu));
        const last = ours[ROUNDS - 1];
        const lastDocker = theirs[ROUNDS - 1];
        t.diagnostic(
          `${name} [${last.source}]: CPU ${cpuOurs.toFixed(2)} vs ${cpuTheirs.toFixed(2)} (per round ${ours.map((o) => o.cpu?.toFixed(2)).join('/')} vs ${theirs.map((d) => d.cpu.toFixed(2)).join('/')}); ` +
            `MEM ${last.mem} vs ${lastDocker.mem} B; limit ${last.limit} vs ${lastDocker.limit}; PIDS ${last.pids} vs ${lastDocker.pids}`,
        );
        // A --cpus 0.5 loop gets 50 ms per 100 ms CFS period: a short window can hold one grant
        // more or less than its share (ours 0.5 s, docker's ~1 s), so single readings can differ
        // by several points even on an idle host.
        assert.ok(Math.abs(cpuOurs - cpuTheirs) <= 8, `${name}: CPU ${cpuOurs} vs docker ${cpuTheirs}`);
        for (let i = 0; i < ROUNDS; i++) {
          assert.ok(close(ours[i].mem!, theirs[i].mem, 0.03, 64 * 1024), `${name}: MEM ${ours[i].mem} vs docker ${theirs[i].mem}`);
          // docker prints the limit with 4 significant digits.
          assert.ok(close(ours[i].limit!, theirs[i].limit, 0.001), `${name}: limit ${ours[i].limit} vs docker ${theirs[i].limit}`);
          assert.equal(ours[i].pids, theirs[i].pids, `${name}: PIDS`);
          assert.equal(theirs[i].net, '0B / 0B');
          assert.equal(ours[i].netRx, 0);
        }
        if (source === 'api') assert.equal(last.source, 'api');
        else assert.ok(last.source === 'cgroup' || last.source === 'api', `source ${last.source}`);
      }
      // The loads are what we meant to create, so the comparison above compared something.
      const m = (name: string) => trimmedMean(rounds.map((r) => r.theirs.get(name)!.cpu));
      // (a shared 2-CPU host can starve it well below its quota, never lift it far above)
      assert.ok(m(cpu.name) > 5 && m(cpu.name) < 62, `busy loop capped at half a core: ${m(cpu.name)}`);
      assert.ok(rounds[ROUNDS - 1].theirs.get(mem.name)!.mem >= 64 * MiB, 'the 64 MiB in /dev/shm count as memory');
      assert.equal(rounds[ROUNDS - 1].theirs.get(procs.name)!.pids, 6);
    });
  }

  it('--json streaming through the engine\'s stats streams agrees with docker stats', async (t: TestContext) => {
    // Live mode reads the engine's own records (precpu_stats included), as docker stats does.
    const child = spawn(process.execPath, [bin, '--json', '--source', 'api', '-l', `${RUN},ctop-t2-role in (cpu,procs)`], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: Record<string, unknown>[] = [];
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const parts = buf.split('\n');
      buf = parts.pop()!;
      for (const p of parts) if (p.trim()) lines.push(JSON.parse(p));
    });
    try {
      const cpuLines = () => lines.filter((l) => l.name === cpu.name && l.cpuPercent !== null);
      await waitFor(() => cpuLines().length >= 4, { timeoutMs: 20_000, message: 'four streamed CPU readings' });
      const theirs = await dockerStats([cpu.name, procs.name]);
      const ours = cpuLines().slice(-3);
      const mean = ours.reduce((a, l) => a + (l.cpuPercent as number), 0) / ours.length;
      t.diagnostic(`streamed CPU ${ours.map((l) => (l.cpuPercent as number).toFixed(2)).join('/')} vs docker ${theirs.get(cpu.name)!.cpu}`);
      assert.ok(ours.every((l) => l.source === 'api'));
      assert.ok(Math.abs(mean - theirs.get(cpu.name)!.cpu) <= 8, `CPU ${mean} vs docker ${theirs.get(cpu.name)!.cpu}`);
      const p = lines.filter((l) => l.name === procs.name && l.pids !== null).at(-1)!;
      assert.equal(p.pids, theirs.get(procs.name)!.pids);
      assert.ok(close(p.memUsage as number, theirs.get(procs.name)!.mem, 0.03, 64 * 1024), `MEM ${p.memUsage}`);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('--no-stream table of a settled container is byte-identical to docker, header included', async () => {
    // sleeping processes: CPU 0.00%, memory unchanged between the two reads
    const [ours, theirs] = await Promise.all([
      ctop(['--no-stream', '--source', 'api', '-l', `${RUN},ctop-t2-role=procs`]),
      dockerOk(['stats', '--no-stream', procs.name]),
    ]);
    assert.equal(ours.code, 0, ours.stderr);
    assert.equal(ours.stdout.split('\n')[0], theirs.split('\n')[0], 'header line');
    assert.equal(ours.stdout, theirs);
  });

  it('-a shows a stopped container with zeros, exactly like docker; without -a it is not shown', async () => {
    const [ours, theirs, hidden] = await Promise.all([
      ctop(['--no-stream', '-a', '-l', `${RUN},ctop-t2-role=stopped`]),
      dockerOk(['stats', '--no-stream', '-a', stopped.name]),
      ctop(['--no-stream', '-l', `${RUN},ctop-t2-role=stopped`]),
    ]);
    assert.equal(ours.code, 0, ours.stderr);
    assert.match(theirs, /0\.00%\s+0B \/ 0B\s+0\.00%\s+0B \/ 0B\s+0B \/ 0B\s+0\n$/);
    assert.equal(ours.stdout, theirs);
    assert.equal(hidden.code, 0, hidden.stderr);
    // Nothing matches: docker's header alone, as `docker stats --no-stream` prints with no containers.
    assert.equal(hidden.stdout, 'CONTAINER ID   NAME      CPU %     MEM USAGE / LIMIT   MEM %     NET I/O   BLOCK I/O   PIDS\n');
  });

  it('--no-trunc shows the full 64-character ids, as docker does', async () => {
    const [ours, theirs] = await Promise.all([
      ctop(['--no-stream', '--no-trunc', '--source', 'api', '-a', '-l', RUN]),
      dockerOk(['stats', '--no-stream', '--no-trunc', '--format', '{{.ID}}', ...started.map((c) => c.name)]),
    ]);
    assert.equal(ours.code, 0, ours.stderr);
    const ids = ours.stdout.trim().split('\n').slice(1).map((l) => l.split(' ')[0]);
    assert.deepEqual(ids.sort(), started.map((c) => c.id).sort());
    assert.deepEqual(theirs.trim().split('\n').sort(), ids);
    for (const id of ids) assert.match(id, /^[0-9a-f]{64}$/);
  });

  it('a container removed between list and stats: the sources say null and the sampler drops it', async () => {
    const target = parseEngineHost(undefined);
    const engine = connect(target);
    const gone = await startT2('gone', ['sleep', '3600']);
    started.push(gone);
    const info = (c: T2Container): ContainerInfo => ({
      id: c.id,
      name: c.name,
      image: 'busybox',
      labels: {},
      state: 'running',
      status: 'Up',
      health: null,
      created: 0,
      networkMode: 'none',
    });
    const candidates: StatsSource[] = [new EngineApiSource({ docker: engine, mode: 'one-shot' })];
    if (hasCgroupSource) {
      const { CgroupSource } = await import('../../src/sources/cgroup/cgroup-source.js');
      candidates.push(new CgroupSource({ docker: engine }));
    }
    // Read once while it runs (so caches are warm, as in a live session), then remove it.
    for (const s of candidates) assert.notEqual(await s.sample(info(gone)), null, `${s.kind} reads a running container`);
    await removeT2([gone.id]);
    for (const s of candidates) assert.equal(await s.sample(info(gone)), null, `${s.kind}: removed container is null, not an error`);

    // The sampler, handed a stale list that still has it, publishes a row only for the live one.
    const session: Session = {
      host: null,
      source: candidates[0],
      docker: engine,
      containers: () => [info(gone), info(procs)],
      sourceLabel: () => 'api',
      onEvent: () => () => undefined,
      close: () => undefined,
    };
    const snap = await new Sampler({ session, store: new Store({ historyLength: 2 }), intervalMs: 2000 }).tick();
    assert.deepEqual(
      snap.rows.map((r) => r.info.id),
      [procs.id],
    );
  });
});

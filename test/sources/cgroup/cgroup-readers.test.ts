// The cgroup fast path end to end on fixture trees: CgroupSource (with an injected inspect) reads
// every layout in fixtures/cgroup and must produce exactly these raw counters. Then the parsers'
// edge cases, the source's caching and restart handling, and AutoSource's per-container choice.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ContainerInfo, RawSample } from '../../../src/core/model/types.js';
import { AutoSource } from '../../../src/sources/engine/auto-source.js';
import { CgroupSource, type CgroupSourceOptions } from '../../../src/sources/cgroup/cgroup-source.js';
import type { InspectFacts } from '../../../src/sources/cgroup/inspect-facts.js';
import { parseBlkio } from '../../../src/sources/cgroup/cgroup-v1-reader.js';
import { parseCpuMax, parseIoStat, parseMaxOrNumber, parsePressureSome, pressureFiles, readPressure, PRESSURE_REREAD_MS } from '../../../src/sources/cgroup/cgroup-v2-reader.js';
import { FileSet } from '../../../src/sources/cgroup/procfs.js';
import { UserFacingError, type StatsSource } from '../../../src/sources/source.js';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/cgroup/', import.meta.url));

// Sources keep cgroup files open; every test closes what it opened, then removes its tree copies.
const opened: CgroupSource[] = [];
const copies: string[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) s.close();
  for (const dir of copies.splice(0)) await rm(dir, { recursive: true, force: true });
});
function cgroupSource(opts: CgroupSourceOptions): CgroupSource {
  const s = new CgroupSource(opts);
  opened.push(s);
  return s;
}

type Expected = Omit<RawSample, 'timestamp' | 'source' | 'pre'>;

interface Case {
  layout: string;
  pid: number;
  networkMode: string;
  want: Expected;
}

const CASES: Case[] = [
  {
    layout: 'v1-cgroupfs',
    pid: 2817,
    networkMode: 'bridge',
    want: {
      id: 'c7c983fa62b9865cfd095b2cfbc79d547cdbe446e940437eb61e62f4c5db0152',
      cpuTotalNs: 734081243417, // cpuacct.usage
      systemCpuNs: 42365846 * 10_000_000, // first 7 fields of `cpu ` in /proc/stat
      onlineCpus: 4,
      memUsage: 241590272,
      memTotalInactiveFile: 104857600,
      memInactiveFile: 104845312,
      memLimit: 536870912,
      netRxBytes: 1843200, // eth0 only; lo's 4512 left out
      netTxBytes: 93402,
      blkReadBytes: 1310720 + 6332416, // non-recursive throttle file (the recursive one says more)
      blkWriteBytes: 20480 + 94208,
      pids: 7,
      pidsLimit: 100,
      cpuLimitCores: 1.5, // 150000 / 100000
      throttlePeriods: 58123,
      throttledPeriods: 1204,
      throttledTimeNs: 48213377642,
      oomKills: null, // memory.oom_control without the oom_kill line (Linux < 4.13)
      pressure: null,
    },
  },
  {
    layout: 'v1-systemd',
    pid: 31337,
    networkMode: 'bridge',
    want: {
      id: '665b86bf78aec95de26c7ff863bb52c90106b6ff9c9cc06ca0a109e00ccf3135',
      cpuTotalNs: 18446744073,
      systemCpuNs: 1290192553 * 10_000_000,
      onlineCpus: 8,
      memUsage: 1073741824,
      memTotalInactiveFile: 536870912,
      memInactiveFile: 536870912,
      memLimit: 16266752 * 1024, // unlimited (9223372036854771712) clamped to MemTotal
      netRxBytes: 123456789012, // counter abutting the colon
      netTxBytes: 9876543210,
      blkReadBytes: 2211840 * 2, // CFQ io_service_bytes_recursive had entries: used
      blkWriteBytes: 12288 * 2,
      pids: 23,
      pidsLimit: null, // max
      cpuLimitCores: null, // cfs_quota_us -1
      throttlePeriods: 0,
      throttledPeriods: 0,
      throttledTimeNs: 0,
      oomKills: null,
      pressure: null,
    },
  },
  {
    layout: 'v1-podman-cgroupfs',
    pid: 5150,
    networkMode: 'bridge',
    want: {
      id: 'f39b2bc882acdc8ccdc7395733c8e919c9691a0b949c81b7a0ea63d5fdc8cba9',
      cpuTotalNs: 412003917,
      systemCpuNs: 42365846 * 10_000_000,
      onlineCpus: 4,
      memUsage: 15998976,
      memTotalInactiveFile: 1617920,
      memInactiveFile: 1617920,
      memLimit: 8041904 * 1024,
      netRxBytes: 5834,
      netTxBytes: 1296,
      blkReadBytes: 4096, // CFQ files exist but are empty: the throttle file
      blkWriteBytes: 8192,
      pids: 2,
      pidsLimit: 2048,
      cpuLimitCores: null,
      throttlePeriods: 0,
      throttledPeriods: 0,
      throttledTimeNs: 0,
      oomKills: 0,
      pressure: null,
    },
  },
  {
    layout: 'hybrid',
    pid: 3484,
    networkMode: 'none',
    want: {
      id: 'a3ef31902910e5c398b75cbac6b39216ea6d38b3cac6dddde127f1fda50e48f4',
      cpuTotalNs: 87952043962, // v1 cpuacct.usage, not the unified cpu.stat
      systemCpuNs: 61899 * 10_000_000,
      onlineCpus: 2,
      memUsage: 67764224,
      memTotalInactiveFile: 0,
      memInactiveFile: 0,
      memLimit: 536870912,
      netRxBytes: 0,
      netTxBytes: 0,
      blkReadBytes: 0,
      blkWriteBytes: 0,
      pids: 1,
      pidsLimit: null,
      cpuLimitCores: 0.5,
      throttlePeriods: 1760,
      throttledPeriods: 1755,
      throttledTimeNs: 85721323493,
      oomKills: 1,
      pressure: { cpu: 35.52, memory: 0, io: 0.31 }, // from the unified tree
    },
  },
  {
    layout: 'v2-cgroupfs',
    pid: 1888,
    networkMode: 'bridge',
    want: {
      id: '2e3a1d34eb86ce74fb5df7ff213464b4efd56c28207c6a35f3f303df11ce80e6',
      cpuTotalNs: 51268301 * 1000, // usage_usec
      systemCpuNs: 85839620 * 10_000_000,
      onlineCpus: 8,
      memUsage: 72531968,
      memTotalInactiveFile: null,
      memInactiveFile: 4096000,
      memLimit: 1073741824,
      netRxBytes: 10432,
      netTxBytes: 3882,
      blkReadBytes: 1459200 + 90112,
      blkWriteBytes: 314773504,
      pids: 12,
      pidsLimit: null,
      cpuLimitCores: 1.5,
      throttlePeriods: 5125,
      throttledPeriods: 12,
      throttledTimeNs: 1002301 * 1000,
      oomKills: 1,
      pressure: { cpu: 1.52, memory: 0, io: 12.04 },
    },
  },
  {
    layout: 'v2-systemd',
    pid: 7071,
    networkMode: 'host',
    want: {
      id: '7d47872ac1db1b63ca18e77d6e296e3e7649fda8a9a5986f37fdfd21ef812b44',
      cpuTotalNs: 903211 * 1000, // the scope, not init.scope (301112)
      systemCpuNs: 85839620 * 10_000_000,
      onlineCpus: 8,
      memUsage: 39165952,
      memTotalInactiveFile: null,
      memInactiveFile: 11276288,
      memLimit: 32763872 * 1024, // max → MemTotal
      netRxBytes: 0, // host network: docker shows 0B / 0B
      netTxBytes: 0,
      blkReadBytes: 0, // no io.stat (io controller off): docker's 0
      blkWriteBytes: 0,
      pids: 9,
      pidsLimit: 256,
      cpuLimitCores: null, // max 100000
      throttlePeriods: 0,
      throttledPeriods: 0,
      throttledTimeNs: 0,
      oomKills: 0,
      pressure: { cpu: 0, memory: 0, io: 0 },
    },
  },
  {
    layout: 'v2-rootless',
    pid: 24601,
    networkMode: 'bridge',
    want: {
      id: '0b00550cec10c6f484f9933c9c2e8a4184f9439404290bafc98837f3a8640616',
      cpuTotalNs: 2087654 * 1000,
      systemCpuNs: 85839620 * 10_000_000,
      onlineCpus: 8,
      memUsage: 5242880,
      memTotalInactiveFile: null,
      memInactiveFile: 1048576,
      memLimit: 8039484 * 1024,
      netRxBytes: 2356,
      netTxBytes: 1108,
      blkReadBytes: 0,
      blkWriteBytes: 0,
      pids: 3,
      pidsLimit: null,
      cpuLimitCores: null, // cpu controller not delegated: no cpu.max
      throttlePeriods: null, // … and no throttling lines in cpu.stat
      throttledPeriods: null,
      throttledTimeNs: null,
      oomKills: 0,
      pressure: null, // PSI off
    },
  },
  {
    layout: 'v2-podman-container',
    pid: 90210,
    networkMode: 'bridge',
    want: {
      id: 'b8ad2282a70bc7916f389a7197af8b57f6eb3abd61453beb410f8b5f5d4e7c26',
      cpuTotalNs: 14522 * 1000, // libpod-<id>.scope, not its /container child (12001)
      systemCpuNs: 85839620 * 10_000_000,
      onlineCpus: 8,
      memUsage: 1826816,
      memTotalInactiveFile: null,
      memInactiveFile: 0,
      memLimit: 268435456,
      netRxBytes: 1006,
      netTxBytes: 796,
      blkReadBytes: 180224,
      blkWriteBytes: 0,
      pids: 1,
      pidsLimit: 2048,
      cpuLimitCores: 0.5,
      throttlePeriods: 31,
      throttledPeriods: 2,
      throttledTimeNs: 8812 * 1000,
      oomKills: 0,
      pressure: { cpu: 0.12, memory: 0, io: 0.04 },
    },
  },
];

function info(id: string, over: Partial<ContainerInfo> = {}): ContainerInfo {
  return {
    id,
    name: 'c-' + id.slice(0, 6),
    image: 'busybox',
    labels: {},
    state: 'running',
    status: 'Up 1 minute',
    health: null,
    created: 0,
    networkMode: 'bridge',
    ...over,
  };
}

/** An inspect stand-in that counts calls and answers from a mutable table. */
function fakeInspect(facts: Record<string, InspectFacts | null>) {
  const calls: string[] = [];
  const inspect = async (id: string) => {
    calls.push(id);
    return facts[id] ?? null;
  };
  return { inspect, calls, facts };
}

function withoutVolatile(s: RawSample | null): Expected | null {
  if (!s) return null;
  const { timestamp: _t, source: _s, pre: _p, detail: _d, ...rest } = s; // detail: test/sources/sample-detail.test.ts
  return rest;
}

describe('CgroupSource on every fixture layout', () => {
  for (const c of CASES) {
    it(c.layout, async () => {
      const f = fakeInspect({ [c.want.id]: { pid: c.pid, startedAt: '2024-05-27T10:00:00Z', networkMode: c.networkMode } });
      const src = cgroupSource({ root: join(FIXTURES, c.layout), inspect: f.inspect });
      const before = Date.now();
      const s = await src.sample(info(c.want.id, { networkMode: c.networkMode }));
      assert.ok(s);
      assert.equal(s.source, 'cgroup');
      assert.equal(s.pre, null);
      assert.ok(s.timestamp >= before && s.timestamp <= Date.now());
      assert.deepEqual(withoutVolatile(s), c.want);
    });
  }

  it('every layout sampled at once, over and over, gives the same exact counters (one shared read buffer)', async () => {
    const sources = CASES.map((c) => {
      const f = fakeInspect({ [c.want.id]: { pid: c.pid, startedAt: 'a', networkMode: c.networkMode } });
      return cgroupSource({ root: join(FIXTURES, c.layout), inspect: f.inspect });
    });
    for (let round = 0; round < 12; round++) {
      // Round 0 locates and opens; later rounds read kept-open files, limits cached or re-read.
      const got = await Promise.all(CASES.map((c, i) => sources[i].sample(info(c.want.id, { networkMode: c.networkMode }))));
      got.forEach((s, i) => assert.deepEqual(withoutVolatile(s), CASES[i].want, `${CASES[i].layout}, round ${round}`));
    }
  });

  it('hostMemBytes from the caller wins over /proc/meminfo', async () => {
    const c = CASES.find((x) => x.layout === 'v2-systemd')!;
    const f = fakeInspect({ [c.want.id]: { pid: c.pid, startedAt: 'a', networkMode: 'host' } });
    const src = cgroupSource({ root: join(FIXTURES, c.layout), inspect: f.inspect, hostMemBytes: 2 ** 30 });
    assert.equal((await src.sample(info(c.want.id)))?.memLimit, 2 ** 30);
  });

  it('a numeric limit above host memory is clamped, as the daemon does', async () => {
    const c = CASES.find((x) => x.layout === 'v2-cgroupfs')!;
    const f = fakeInspect({ [c.want.id]: { pid: c.pid, startedAt: 'a', networkMode: 'bridge' } });
    const src = cgroupSource({ root: join(FIXTURES, c.layout), inspect: f.inspect, hostMemBytes: 1000 });
    assert.equal((await src.sample(info(c.want.id)))?.memLimit, 1000);
  });
});

describe('v1/v2 parsers', () => {
  it('parseBlkio: Read/Write summed over devices, Total lines skipped, entries counted', () => {
    const cases: [string, { read: number; write: number; entries: number }][] = [
      ['Total 0\n', { read: 0, write: 0, entries: 0 }],
      ['', { read: 0, write: 0, entries: 0 }],
      [
        '8:0 Read 1048576\n8:0 Write 524288\n8:0 Sync 0\n8:0 Async 1572864\n8:0 Discard 0\n8:0 Total 1572864\nTotal 1572864\n',
        { read: 1048576, write: 524288, entries: 6 },
      ],
      ['8:16 Read 1\n8:0 Read 2\n8:0 Write 3\nTotal 6\n', { read: 3, write: 3, entries: 3 }],
      ['253:0 58\n8:0 57\n', { read: 0, write: 0, entries: 2 }], // time_recursive has no op
      ['8:0 read 5\n8:0 write 6', { read: 5, write: 6, entries: 2 }], // docker/cli accepts lower case; no final newline
    ];
    for (const [text, want] of cases) assert.deepEqual(parseBlkio(text), want, JSON.stringify(text));
  });

  it('parseIoStat: rbytes/wbytes summed, other keys (dbytes, cost.*) ignored', () => {
    const cases: [string, { read: number; write: number }][] = [
      ['', { read: 0, write: 0 }],
      ['8:0 rbytes=10 wbytes=20 rios=1 wios=2 dbytes=999 dios=0\n', { read: 10, write: 20 }],
      ['8:0 rbytes=10 wbytes=20\n8:16 rbytes=1 wbytes=2 rios=1 wios=1 dbytes=0 dios=0 cost.vrate=100.00\n', { read: 11, write: 22 }],
      ['259:0 wbytes=5 rbytes=7\n', { read: 7, write: 5 }], // unordered keys
    ];
    for (const [text, want] of cases) assert.deepEqual(parseIoStat(text), want, JSON.stringify(text));
  });

  it('parsePressureSome: `some avg10`, not `full`', () => {
    const cases: [string, number | null][] = [
      ['some avg10=35.52 avg60=41.92 avg300=21.02 total=84393031\nfull avg10=1.00 avg60=0 avg300=0 total=0\n', 35.52],
      ['some avg10=0.00 avg60=0.00 avg300=0.00 total=0\n', 0],
      ['full avg10=3.00 avg60=0 avg300=0 total=0\n', null],
      ['', null],
    ];
    for (const [text, want] of cases) assert.equal(parsePressureSome(text), want, JSON.stringify(text));
  });

  it('parseCpuMax and parseMaxOrNumber', () => {
    assert.equal(parseCpuMax('max 100000\n'), null);
    assert.equal(parseCpuMax('150000 100000\n'), 1.5);
    assert.equal(parseCpuMax('50000 100000\n'), 0.5);
    assert.equal(parseCpuMax('25000 50000\n'), 0.5);
    assert.equal(parseMaxOrNumber('max\n'), null);
    assert.equal(parseMaxOrNumber('4096\n'), 4096);
  });
});

/** A writable copy of a fixture tree, removed after the test. */
async function tempCopy(layout: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `ctop-cg-${layout}-`));
  copies.push(dir);
  await cp(join(FIXTURES, layout), dir, { recursive: true });
  return dir;
}

describe('CgroupSource lifecycle', () => {
  const v2 = CASES.find((x) => x.layout === 'v2-cgroupfs')!;
  const id = v2.want.id;

  it('asks the engine once per start, not per tick', async () => {
    const f = fakeInspect({ [id]: { pid: v2.pid, startedAt: 'a', networkMode: 'bridge' } });
    const src = cgroupSource({ root: join(FIXTURES, v2.layout), inspect: f.inspect });
    const c = info(id);
    await Promise.all([src.sample(c), src.sample(c), src.canRead(c)]); // concurrent first reads share one inspect
    for (let i = 0; i < 5; i++) assert.ok(await src.sample(c));
    assert.equal(f.calls.length, 1);
    src.forget(id);
    await src.sample(c);
    assert.equal(f.calls.length, 2);
  });

  it('reads are synchronous, yet a long run of samples lets the event loop in', async () => {
    const f = fakeInspect({ [id]: { pid: v2.pid, startedAt: 'a', networkMode: 'bridge' } });
    const src = cgroupSource({ root: join(FIXTURES, v2.layout), inspect: f.inspect });
    const c = info(id);
    assert.ok(await src.sample(c)); // located and opened: from here on every read is synchronous
    await new Promise(setImmediate); // that read's slice ends here (on a busy machine it may have used up its 5 ms)
    let loopRan = false;
    let beforeLoop = 0;
    setImmediate(() => (loopRan = true));
    // Far more back-to-back samples than fit in one slice (~12 file reads each): without a yield
    // they would all finish in microtasks before the setImmediate above could run.
    const all = await Promise.all(
      Array.from({ length: 1000 }, async () => {
        const s = await src.sample(c);
        if (!loopRan) beforeLoop++;
        return s;
      }),
    );
    assert.ok(loopRan);
    assert.ok(beforeLoop > 0 && beforeLoop < all.length, `${beforeLoop} of ${all.length} before the event loop ran`);
    for (const s of all) assert.deepEqual(withoutVolatile(s), v2.want);
  });

  it('a container that is not running is null without asking the engine', async () => {
    const f = fakeInspect({});
    const src = cgroupSource({ root: join(FIXTURES, v2.layout), inspect: f.inspect });
    for (const state of ['exited', 'created', 'dead', 'restarting'] as const) {
      assert.equal(await src.sample(info(id, { state })), null);
      assert.equal(await src.canRead(info(id, { state })), false);
    }
    assert.equal(f.calls.length, 0);
  });

  it('a container the engine no longer knows is null', async () => {
    const src = cgroupSource({ root: join(FIXTURES, v2.layout), inspect: fakeInspect({}).inspect });
    assert.equal(await src.sample(info(id)), null);
  });

  it('the engine says stopped (PID 0): null, and asked again only after a pause', async () => {
    const f = fakeInspect({ [id]: { pid: 0, startedAt: 'a', networkMode: 'bridge' } });
    const src = cgroupSource({ root: join(FIXTURES, v2.layout), inspect: f.inspect });
    assert.equal(await src.sample(info(id)), null);
    assert.equal(await src.sample(info(id)), null);
    assert.equal(f.calls.length, 1);
  });

  it('an unresolvable cgroup rejects with a user-facing error and canRead is false', async () => {
    // PID 4242 belongs to some other process (an engine in a VM reports PIDs of its own).
    const f = fakeInspect({ [id]: { pid: 4242, startedAt: 'a', networkMode: 'bridge' } });
    const src = cgroupSource({ root: join(FIXTURES, v2.layout), inspect: f.inspect });
    assert.equal(await src.canRead(info(id)), false);
    await assert.rejects(src.sample(info(id)), (err) => err instanceof UserFacingError && /does not name/.test(err.message));
    assert.equal(await src.locate(info(id)), null);
    assert.equal(f.calls.length, 1);
  });

  it('a PID that does not exist here is unresolvable, not an exception', async () => {
    const f = fakeInspect({ [id]: { pid: 31999, startedAt: 'a', networkMode: 'bridge' } });
    const src = cgroupSource({ root: join(FIXTURES, v2.layout), inspect: f.inspect });
    assert.equal(await src.canRead(info(id)), false);
    await assert.rejects(src.sample(info(id)), /not visible/);
  });

  it('a restart (new PID, new StartedAt) is followed without a null tick', async () => {
    const root = await tempCopy(v2.layout);
    const f = fakeInspect({ [id]: { pid: v2.pid, startedAt: 'a', networkMode: 'bridge' } });
    const src = cgroupSource({ root, inspect: f.inspect });
    assert.equal((await src.sample(info(id)))?.netRxBytes, 10432);
    await rename(join(root, 'proc', String(v2.pid)), join(root, 'proc/1999'));
    await writeFile(join(root, 'proc/1999/net/dev'), 'h1\nh2\n  eth0: 7 0 0 0 0 0 0 0 9 0 0 0 0 0 0 0\n');
    f.facts[id] = { pid: 1999, startedAt: 'b', networkMode: 'bridge' };
    const s = await src.sample(info(id));
    assert.equal(s?.netRxBytes, 7);
    assert.equal(s?.netTxBytes, 9);
    assert.equal(f.calls.length, 2);
  });

  it('a container that vanishes mid-life resolves null quietly', async () => {
    const root = await tempCopy(v2.layout);
    const f = fakeInspect({ [id]: { pid: v2.pid, startedAt: 'a', networkMode: 'bridge' } });
    const src = cgroupSource({ root, inspect: f.inspect });
    assert.ok(await src.sample(info(id)));
    // On cgroupfs a kept-open handle then reads ENODEV; in a plain directory tree it would still
    // read the unlinked file, so the vanished init process (net/dev) is what gets noticed here.
    await rm(join(root, 'sys/fs/cgroup/docker', id), { recursive: true });
    await rm(join(root, 'proc', String(v2.pid)), { recursive: true });
    f.facts[id] = null; // removed
    assert.equal(await src.sample(info(id)), null);
    // Gone from the engine but not yet from the list: still null, quietly.
    assert.equal(await src.sample(info(id)), null);
  });

  it('same StartedAt but unreadable (a stop in progress): null, no inspect on the next tick', async () => {
    const root = await tempCopy(v2.layout);
    const f = fakeInspect({ [id]: { pid: v2.pid, startedAt: 'a', networkMode: 'bridge' } });
    const src = cgroupSource({ root, inspect: f.inspect });
    assert.ok(await src.sample(info(id)));
    await rm(join(root, 'proc', String(v2.pid), 'net'), { recursive: true });
    assert.equal(await src.sample(info(id)), null);
    assert.equal(await src.sample(info(id)), null);
    assert.equal(f.calls.length, 2);
  });

  it('limits are re-read every 10th read (they change only through docker update)', async () => {
    const root = await tempCopy(v2.layout);
    const f = fakeInspect({ [id]: { pid: v2.pid, startedAt: 'a', networkMode: 'bridge' } });
    const src = cgroupSource({ root, inspect: f.inspect });
    const dir = join(root, 'sys/fs/cgroup/docker', id);
    const seen: (number | null)[][] = [];
    for (let i = 0; i < 11; i++) {
      if (i === 1) {
        await writeFile(join(dir, 'memory.max'), '2147483648\n');
        await writeFile(join(dir, 'cpu.max'), '200000 100000\n');
        await writeFile(join(dir, 'pids.max'), '64\n');
      }
      const s = await src.sample(info(id));
      seen.push([s!.memLimit, s!.cpuLimitCores, s!.pidsLimit]);
    }
    assert.deepEqual(seen[0], [1073741824, 1.5, null]);
    assert.deepEqual(seen[9], [1073741824, 1.5, null]); // cached
    assert.deepEqual(seen[10], [2147483648, 2, 64]); // the 11th read refreshes
  });

  it('the OOM-kill count: read with the limits, and on the sample after the engine reports an OOM', async () => {
    const hybrid = CASES.find((x) => x.layout === 'hybrid')!;
    for (const [c, file, text] of [
      [v2, 'memory.events', (n: number) => `low 0\nhigh 0\nmax 3\noom 1\noom_kill ${n}\n`],
      [hybrid, 'memory.oom_control', (n: number) => `oom_kill_disable 0\nunder_oom 0\noom_kill ${n}\n`],
    ] as const) {
      const root = await tempCopy(c.layout);
      const cid = c.want.id;
      const f = fakeInspect({ [cid]: { pid: c.pid, startedAt: 'a', networkMode: c.networkMode } });
      const src = cgroupSource({ root, inspect: f.inspect });
      const path = join(root, 'sys/fs/cgroup', c.layout === 'hybrid' ? 'memory' : '', 'docker', cid, file);
      const seen: (number | null)[] = [];
      for (let i = 0; i < 11; i++) {
        if (i === 1) await writeFile(path, text(2)); // an OOM the engine has not reported (yet)
        if (i === 3) {
          await writeFile(path, text(3));
          src.noteOom(cid); // its `oom` event
        }
        if (i === 5) await writeFile(path, text(4)); // unreported: waits for the limits read
        seen.push((await src.sample(info(cid, { networkMode: c.networkMode })))!.oomKills);
      }
      assert.deepEqual(seen, [1, 1, 1, 3, 3, 3, 3, 3, 3, 3, 4], c.layout);
    }
  });

  it('a state change in the list means resolve again', async () => {
    const f = fakeInspect({ [id]: { pid: v2.pid, startedAt: 'a', networkMode: 'bridge' } });
    const src = cgroupSource({ root: join(FIXTURES, v2.layout), inspect: f.inspect });
    await src.sample(info(id));
    await src.sample(info(id, { state: 'paused' }));
    assert.equal(f.calls.length, 2);
  });

  it('v1 blkio: CFQ files with entries elsewhere but none in io_service_bytes give 0/0, like docker', async () => {
    const c = CASES.find((x) => x.layout === 'v1-podman-cgroupfs')!;
    const root = await tempCopy(c.layout);
    await writeFile(join(root, 'sys/fs/cgroup/blkio/libpod_parent', `libpod-${c.want.id}`, 'blkio.time_recursive'), '8:0 12\n');
    const f = fakeInspect({ [c.want.id]: { pid: c.pid, startedAt: 'a', networkMode: 'bridge' } });
    const s = await cgroupSource({ root, inspect: f.inspect }).sample(info(c.want.id));
    assert.equal(s?.blkReadBytes, 0);
    assert.equal(s?.blkWriteBytes, 0);
  });
});

/** A StatsSource stand-in that records which containers it was asked about. */
function fakeApi(): StatsSource & { asked: string[]; forgotten: string[] } {
  const asked: string[] = [];
  const forgotten: string[] = [];
  return {
    kind: 'api',
    asked,
    forgotten,
    async sample(c) {
      asked.push(c.id);
      return { ...emptyApiSample(c.id) };
    },
    forget(id) {
      forgotten.push(id);
    },
  };
}

function emptyApiSample(id: string): RawSample {
  return {
    id,
    source: 'api',
    timestamp: 1,
    cpuTotalNs: 1,
    systemCpuNs: 1,
    onlineCpus: 1,
    pre: null,
    memUsage: 1,
    memTotalInactiveFile: null,
    memInactiveFile: null,
    memLimit: 1,
    netRxBytes: 0,
    netTxBytes: 0,
    blkReadBytes: 0,
    blkWriteBytes: 0,
    pids: 1,
    pidsLimit: null,
    cpuLimitCores: null,
    throttlePeriods: null,
    throttledPeriods: null,
    throttledTimeNs: null,
    oomKills: null,
    pressure: null,
  };
}

describe('AutoSource', () => {
  const hybrid = CASES.find((x) => x.layout === 'hybrid')!;
  const other = 'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff';
  const facts = {
    [hybrid.want.id]: { pid: hybrid.pid, startedAt: 'a', networkMode: 'none' },
    [other]: { pid: 4242, startedAt: 'a', networkMode: 'bridge' }, // no such PID in this tree
  };

  it('cgroup where it resolves, api elsewhere; the label counts both', async () => {
    const cgroup = cgroupSource({ root: join(FIXTURES, hybrid.layout), inspect: fakeInspect(facts).inspect });
    const api = fakeApi();
    const auto = new AutoSource({ cgroup, api, local: true });
    assert.equal(auto.kind, 'auto');
    assert.equal(auto.label(), 'auto');
    assert.equal((await auto.sample(info(hybrid.want.id)))?.source, 'cgroup');
    assert.equal((await auto.sample(info(other)))?.source, 'api');
    assert.deepEqual(api.asked, [other]);
    assert.deepEqual(auto.usage(), { cgroup: 1, api: 1 });
    assert.equal(auto.label(), 'auto (cgroup 1, api 1)');
    auto.forget(other);
    assert.equal(auto.label(), 'auto (cgroup 1)');
    assert.deepEqual(api.forgotten, [other]);
  });

  it('an OOM the engine reports is passed on to the cgroup path', () => {
    const noted: string[] = [];
    const cgroup = { canRead: async () => true, sample: async () => null, forget: () => undefined, noteOom: (id: string) => void noted.push(id) };
    new AutoSource({ cgroup, api: fakeApi(), local: true }).noteOom('abc');
    assert.deepEqual(noted, ['abc']);
  });

  it('a remote engine never touches the cgroup path', async () => {
    const f = fakeInspect(facts);
    const cgroup = cgroupSource({ root: join(FIXTURES, hybrid.layout), inspect: f.inspect });
    const auto = new AutoSource({ cgroup, api: fakeApi(), local: false });
    assert.equal((await auto.sample(info(hybrid.want.id)))?.source, 'api');
    assert.equal(f.calls.length, 0);
    assert.equal(auto.label(), 'auto (api 1)');
  });

  it('a container whose cgroup read fails with an error moves to the api for good', async () => {
    let cgroupReads = 0;
    const cgroup = {
      canRead: async () => true,
      sample: async () => {
        cgroupReads++;
        throw new UserFacingError('permission denied reading x');
      },
      forget: () => undefined,
    };
    const api = fakeApi();
    const auto = new AutoSource({ cgroup, api, local: true });
    assert.equal((await auto.sample(info(other)))?.source, 'api');
    assert.equal((await auto.sample(info(other)))?.source, 'api');
    assert.equal(cgroupReads, 1);
    assert.equal(api.asked.length, 2);
  });

  it('a container that vanished from the cgroup path is null, not re-read through the api', async () => {
    const cgroup = { canRead: async () => true, sample: async () => null, forget: () => undefined };
    const api = fakeApi();
    const auto = new AutoSource({ cgroup, api, local: true });
    assert.equal(await auto.sample(info(other)), null);
    assert.equal(api.asked.length, 0);
    assert.equal(auto.label(), 'auto');
  });
});

describe('files that cannot have changed are not read again', () => {
  const hybrid = CASES.find((x) => x.layout === 'hybrid')!;
  const id = hybrid.want.id;
  const psi = (avg10: number) => `some avg10=${avg10.toFixed(2)} avg60=0.00 avg300=0.00 total=1\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=1\n`;

  it('pressure: the last reading stands until the kernel can have new averages', async () => {
    const root = await tempCopy(hybrid.layout);
    const set = new FileSet();
    try {
      const files = pressureFiles(join(root, 'sys/fs/cgroup/unified/docker', id), set);
      assert.equal(readPressure(files, 10_000)?.cpu, 35.52);
      await writeFile(join(root, 'sys/fs/cgroup/unified/docker', id, 'cpu.pressure'), psi(50));
      assert.equal(readPressure(files, 10_000 + PRESSURE_REREAD_MS - 1)?.cpu, 35.52, 'within the kernel period: not read');
      assert.equal(readPressure(files, 10_000 + PRESSURE_REREAD_MS)?.cpu, 50, 'after it: read');
      assert.ok(PRESSURE_REREAD_MS < 2000 && PRESSURE_REREAD_MS > 1000, 'at 1 Hz every other tick, never staler than the kernel period');
    } finally {
      set.close();
    }
  });

  it('/proc/stat: one reading serves the containers sampled right after it, not the next tick', async () => {
    const v1 = CASES.find((x) => x.layout === 'v1-cgroupfs')!;
    const root = await tempCopy(v1.layout);
    const statFile = join(root, 'proc/stat');
    const bump = async () => writeFile(statFile, (await readFile(statFile, 'latin1')).replace(/^cpu  (\d+)/, (_, n: string) => `cpu  ${Number(n) + 100}`));
    const facts = fakeInspect({ [v1.want.id]: { pid: v1.pid, startedAt: 'a', networkMode: 'none' } }).inspect;
    const c = info(v1.want.id);
    const wide = cgroupSource({ root, inspect: facts, procStatReuseMs: 60_000 });
    const first = (await wide.sample(c))!.systemCpuNs!;
    await bump();
    assert.equal((await wide.sample(c))?.systemCpuNs, first, 'within the reuse window: the same reading');
    const narrow = cgroupSource({ root, inspect: facts }); // the default, 1 ms
    const before = (await narrow.sample(c))!.systemCpuNs!;
    await bump();
    await new Promise((r) => setTimeout(r, 5));
    assert.equal((await narrow.sample(c))?.systemCpuNs, before + 100 * 10_000_000, 'a tick later: read again');
  });

  it('without detail, v1 cpuacct.stat is never opened and samples carry no detail', async () => {
    const v1 = CASES.find((x) => x.layout === 'v1-cgroupfs')!;
    const root = await tempCopy(v1.layout);
    const facts = fakeInspect({ [v1.want.id]: { pid: v1.pid, startedAt: 'a', networkMode: 'bridge' } }).inspect;
    const c = info(v1.want.id);
    const withDetail = (await cgroupSource({ root, inspect: facts }).sample(c))!;
    assert.ok(withDetail.detail?.cpuUserNs && withDetail.detail.memRss !== null && withDetail.detail.networks?.length);
    await rm(join(root, 'sys/fs/cgroup/cpu,cpuacct/docker', v1.want.id, 'cpuacct.stat'));
    const plain = (await cgroupSource({ root, inspect: facts, detail: false }).sample(c))!;
    assert.equal(plain.detail, undefined);
    const { detail: _a, timestamp: _b, ...same } = withDetail;
    const { detail: _c, timestamp: _d, ...rest } = plain;
    assert.deepEqual(rest, same, 'every other counter as with detail');
  });

  it('mountinfo: read once for the containers that start within a few seconds of each other', async () => {
    const root = await tempCopy(hybrid.layout);
    const f = fakeInspect({ [id]: { pid: hybrid.pid, startedAt: 'a', networkMode: 'none' } });
    const src = cgroupSource({ root, inspect: f.inspect });
    const c = info(id);
    assert.ok(await src.sample(c));
    await rm(join(root, 'proc/self/mountinfo'));
    src.forget(id); // resolved again, as after a restart
    assert.ok(await src.sample(c), 'the mounts read a moment ago still serve');
    assert.equal(f.calls.length, 2);
  });

  it('v1 cpu.stat: read every tick under a CPU quota, with the limits only when there is none', async () => {
    const root = await tempCopy(hybrid.layout);
    const cpuDir = join(root, 'sys/fs/cgroup/cpu/docker', id);
    const stat = (periods: number) => `nr_periods ${periods}\nnr_throttled 5\nthrottled_time 7\n`;
    const src = cgroupSource({ root, inspect: fakeInspect({ [id]: { pid: hybrid.pid, startedAt: 'a', networkMode: 'none' } }).inspect });
    const c = info(id);
    // A quota (0.5 CPU): the counters move, so each tick reads them.
    assert.equal((await src.sample(c))?.throttlePeriods, 1760);
    await writeFile(join(cpuDir, 'cpu.stat'), stat(1800));
    assert.equal((await src.sample(c))?.throttlePeriods, 1800);

    // No quota: the bandwidth timer is off. Read with the limits (every 10th read), kept between.
    await writeFile(join(cpuDir, 'cpu.cfs_quota_us'), '-1\n');
    src.forget(id);
    const first = await src.sample(c);
    assert.equal(first?.cpuLimitCores, null);
    assert.equal(first?.throttlePeriods, 1800);
    await writeFile(join(cpuDir, 'cpu.stat'), stat(1900));
    for (let i = 1; i < 10; i++) assert.equal((await src.sample(c))?.throttlePeriods, 1800, `read ${i}: kept`);
    assert.equal((await src.sample(c))?.throttlePeriods, 1900, 'with the limits: read');
  });
});

// The cgroup fast path against the Engine API on a real engine: containers with known load are
// sampled by both sources over the same window, and the delta calculator must give the same
// numbers (CPU within a few points of the --cpus 0.5 cap, memory and PIDs within a few percent).
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { computeStats } from '../../src/core/metrics/delta.js';
import type { ContainerInfo, ContainerStats, RawSample } from '../../src/core/model/types.js';
import { AutoSource } from '../../src/sources/engine/auto-source.js';
import { locateCgroup } from '../../src/sources/cgroup/cgroup-locate.js';
import { CgroupSource } from '../../src/sources/cgroup/cgroup-source.js';
import { dockerInspect } from '../../src/sources/cgroup/inspect-facts.js';
import { EngineApiSource } from '../../src/sources/engine/api-stats-source.js';
import { connect, parseEngineHost, readHostInfo } from '../../src/sources/engine/connection.js';
import type { StatsSource } from '../../src/sources/source.js';
import { describeEngine, docker as dockerCli, inspectContainer, removeContainers, runContainer, waitFor } from '../helpers/engine.js';

const MiB = 1024 * 1024;
const WINDOW_MS = 3000;

function info(id: string, name: string): ContainerInfo {
  return { id, name, image: 'busybox', labels: {}, state: 'running', status: 'Up', health: null, created: 0, networkMode: 'none' };
}

async function must(source: StatsSource, c: ContainerInfo): Promise<RawSample> {
  const s = await source.sample(c);
  assert.ok(s, `${source.kind} returned no sample for ${c.name}`);
  return s;
}

const relDiff = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1);

describeEngine('cgroup source vs engine API', () => {
  const target = parseEngineHost(undefined);
  const docker = connect(target);
  const ids: string[] = [];
  const c = {} as Record<'cpu' | 'mem' | 'pids', ContainerInfo>;
  let hostMemBytes = 0;
  let cgroup: CgroupSource;
  let api: EngineApiSource;

  before(async () => {
    const host = await readHostInfo(docker, target);
    hostMemBytes = host.memTotal;
    cgroup = new CgroupSource({ docker, hostMemBytes });
    api = new EngineApiSource({ docker, mode: 'one-shot' });
    const started = await Promise.all([
      runContainer({ name: 'ctop-cg-cpu', cpus: 0.5, cmd: 'yes >/dev/null' }),
      runContainer({ name: 'ctop-cg-mem', shmSize: '128m', cmd: 'dd if=/dev/zero of=/dev/shm/fill bs=1M count=64 && sleep 3600' }),
      // sh plus four sleeps: 5 PIDs.
      runContainer({ name: 'ctop-cg-pids', cmd: 'sleep 3600 & sleep 3600 & sleep 3600 & sleep 3600 & wait' }),
    ]);
    ids.push(...started);
    c.cpu = info(started[0], 'ctop-cg-cpu');
    c.mem = info(started[1], 'ctop-cg-mem');
    c.pids = info(started[2], 'ctop-cg-pids');
    // Ready when the shm file is written and the sleeps are forked (read through the cheap path).
    await waitFor(async () => ((await cgroup.sample(c.mem))?.memUsage ?? 0) >= 64 * MiB, {
      timeoutMs: 20_000,
      message: 'the 64 MiB shm fill',
    });
    await waitFor(async () => (await cgroup.sample(c.pids))?.pids === 5, { timeoutMs: 20_000, message: '5 PIDs' });
  });

  after(async () => {
    cgroup?.close();
    await removeContainers(ids);
  });

  it('resolves every test container through its cgroup on this host', async () => {
    for (const x of Object.values(c)) {
      assert.equal(await cgroup.canRead(x), true, x.name);
      assert.match(JSON.stringify(await cgroup.locate(x)), new RegExp(x.id));
    }
  });

  it('CPU, memory and PIDs agree with the API through the delta calculator', async (t) => {
    const all = [c.cpu, c.mem, c.pids];
    // Per container, the cgroup read follows the API answer at once: the engine reads its counters
    // just before answering, so both sources measure nearly the same window.
    const read = async () => {
      const out: RawSample[] = [];
      for (const x of all) {
        const a = await must(api, x);
        out.push(await must(cgroup, x), a);
      }
      return out;
    };
    const first = await read();
    await new Promise((r) => setTimeout(r, WINDOW_MS)); // the measurement window, not a wait for a state
    const second = await read();
    const stats = (i: number): ContainerStats => computeStats(first[i], second[i], { hostMemBytes });
    const rows = all.map((x, k) => ({ name: x.name, cg: stats(2 * k), api: stats(2 * k + 1) }));

    const fmt = (s: ContainerStats) =>
      `cpu ${s.cpuPercent?.toFixed(2)}% mem ${((s.memUsage ?? 0) / MiB).toFixed(2)}MiB/${((s.memLimit ?? 0) / MiB).toFixed(0)}MiB pids ${s.pids} net ${s.netRxBytes}/${s.netTxBytes} blk ${s.blockReadBytes}/${s.blockWriteBytes} limit ${s.cpuLimitCores}`;
    for (const r of rows) {
      t.diagnostic(`${r.name} cgroup: ${fmt(r.cg)}`);
      t.diagnostic(`${r.name} api:    ${fmt(r.api)}`);
    }

    const [cpu, mem, pids] = rows;
    // --cpus 0.5 with a busy loop: docker shows 50 % when the loop runs into its quota. On a host
    // busy with other work it may get less; the throttling counters tell which case this was.
    const periods = second[0].throttlePeriods! - first[0].throttlePeriods!;
    const throttled = second[0].throttledPeriods! - first[0].throttledPeriods!;
    t.diagnostic(`ctop-cg-cpu throttled in ${throttled} of ${periods} CFS periods`);
    for (const s of [cpu.cg, cpu.api]) {
      if (throttled >= 0.9 * periods) assert.ok(Math.abs(s.cpuPercent! - 50) < 5, `cpu ${s.cpuPercent} (at its quota)`);
      else assert.ok(s.cpuPercent! > 20 && s.cpuPercent! < 53, `cpu ${s.cpuPercent} (starved by other load)`);
    }
    assert.ok(Math.abs(cpu.cg.cpuPercent! - cpu.api.cpuPercent!) < 3, 'cpu: cgroup vs api');
    assert.equal(cpu.cg.cpuLimitCores, 0.5);
    assert.equal(cpu.api.cpuLimitCores, 0.5);
    assert.ok(periods > 0, 'a capped container runs CFS periods');
    // Idle containers: both near 0 %.
    for (const r of [mem, pids]) for (const s of [r.cg, r.api]) assert.ok(s.cpuPercent! < 2, `${r.name} cpu ${s.cpuPercent}`);

    // 64 MiB in /dev/shm plus a few hundred KiB of process memory.
    for (const s of [mem.cg, mem.api]) assert.ok(s.memUsage! >= 64 * MiB && s.memUsage! < 72 * MiB, `mem ${s.memUsage}`);
    assert.ok(relDiff(mem.cg.memUsage!, mem.api.memUsage!) < 0.03, 'mem: cgroup vs api');
    for (const r of rows) {
      assert.equal(r.cg.memLimit, r.api.memLimit, `${r.name} limit`);
      assert.equal(r.cg.memLimit, hostMemBytes, `${r.name}: unlimited shows host memory`);
      assert.equal(r.cg.netRxBytes, 0);
      assert.equal(r.cg.netTxBytes, r.api.netTxBytes);
      assert.equal(r.cg.blockReadBytes, r.api.blockReadBytes, `${r.name} block read`);
    }

    assert.equal(pids.cg.pids, 5);
    assert.equal(pids.api.pids, 5);
    assert.equal(cpu.cg.pids, cpu.api.pids);
  });

  it('auto picks the cgroup path for every local container', async () => {
    const auto = new AutoSource({ cgroup, api, local: true });
    for (const x of Object.values(c)) assert.equal((await auto.sample(x))?.source, 'cgroup');
    assert.equal(auto.label(), 'auto (cgroup 3)');
  });

  it('one inspect for containers that share a cgroup parent, none for a restart', async () => {
    const asked: string[] = [];
    const inspect = dockerInspect(docker);
    const src = new CgroupSource({ inspect: (id, signal) => (asked.push(id), inspect(id, signal)), hostMemBytes });
    try {
      const all = Object.values(c);
      const got = await Promise.all(all.map((x) => src.sample(x)));
      assert.equal(asked.length, 1, 'inspected');
      assert.deepEqual(got.map((s) => s?.id), all.map((x) => x.id));
      // Where the pattern put them is where each one's init process says it is.
      for (const x of all) assert.deepEqual(await src.locate(x), await locateCgroup((await inspectContainer(x.id)).State.Pid, x.id), x.name);

      const id = await runContainer({ name: 'ctop-cg-restart', cmd: 'sleep 3600' });
      ids.push(id);
      const x = info(id, 'ctop-cg-restart');
      assert.ok(await src.sample(x));
      const before = (await inspectContainer(id)).State.Pid;
      assert.equal((await dockerCli(['restart', '-t', '0', id])).code, 0);
      assert.notEqual((await inspectContainer(id)).State.Pid, before);
      const s = await src.sample(x); // its old cgroup is gone: found again where the pattern says
      assert.equal(s?.pids, 1);
      assert.deepEqual(asked.length, 1, 'inspected after the restart');
    } finally {
      src.close();
    }
  });

  it('a removed container resolves null quietly', async () => {
    const id = await runContainer({ name: 'ctop-cg-gone', cmd: 'sleep 3600' });
    ids.push(id);
    const x = info(id, 'ctop-cg-gone');
    await waitFor(async () => (await cgroup.sample(x)) !== null, { message: 'the container to be readable' });
    await removeContainers([id]);
    assert.equal(await cgroup.sample(x), null);
    assert.equal(await cgroup.sample(x), null);
  });
});

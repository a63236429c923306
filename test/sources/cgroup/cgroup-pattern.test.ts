// Siblings found without the engine: the pattern behind one located container (pure), then
// CgroupSource on fixture trees with a second container cloned beside the first, where only the
// first is known to the (fake) engine.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ContainerInfo, RawSample } from '../../../src/core/model/types.js';
import type { V1Dirs, V2Dirs } from '../../../src/sources/cgroup/cgroup-locate.js';
import { cgroupPattern, procsDir, siblingDirs } from '../../../src/sources/cgroup/cgroup-pattern.js';
import { CgroupSource } from '../../../src/sources/cgroup/cgroup-source.js';
import type { InspectFacts } from '../../../src/sources/cgroup/inspect-facts.js';
import { firstPid } from '../../../src/sources/cgroup/procfs.js';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/cgroup/', import.meta.url));
const A = 'c7c983fa62b9865cfd095b2cfbc79d547cdbe446e940437eb61e62f4c5db0152'; // v1-cgroupfs's container, PID 2817
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);

describe('cgroupPattern / siblingDirs', () => {
  // A hybrid host's directories for container `id`, cpu not mounted apart.
  const v1Of = (id: string): V1Dirs => ({
    version: 1,
    hybrid: true,
    cpuacct: `/sys/fs/cgroup/cpuacct/docker/${id}`,
    memory: `/sys/fs/cgroup/memory/docker/${id}`,
    cpu: null,
    blkio: `/sys/fs/cgroup/blkio/docker/${id}`,
    pids: `/sys/fs/cgroup/pids/docker/${id}`,
    unified: `/sys/fs/cgroup/unified/docker/${id}`,
  });
  const v1 = v1Of(A);

  it('puts the other id where the first one was, in every directory', () => {
    const p = cgroupPattern(v1, A);
    assert.ok(p);
    assert.deepEqual(siblingDirs(p, B), v1Of(B));
    const scope: V2Dirs = { version: 2, dir: `/sys/fs/cgroup/system.slice/docker-${A}.scope` };
    assert.deepEqual(siblingDirs(cgroupPattern(scope, A)!, C), { version: 2, dir: `/sys/fs/cgroup/system.slice/docker-${C}.scope` });
    assert.equal(procsDir(siblingDirs(p, B)!), `/sys/fs/cgroup/cpuacct/docker/${B}`);
  });

  it('serves only full engine ids, and only directories that name the container once', () => {
    assert.equal(cgroupPattern(v1, A.slice(0, 12)), null);
    assert.equal(cgroupPattern({ ...v1, pids: '/sys/fs/cgroup/pids' }, A), null);
    assert.equal(cgroupPattern({ version: 2, dir: `/x/${A}/${A}` }, A), null);
    const p = cgroupPattern(v1, A)!;
    assert.equal(siblingDirs(p, B.slice(0, 12)), null);
    assert.equal(siblingDirs(p, `host/${B}`.slice(0, 64)), null);
    assert.equal(siblingDirs(p, B.toUpperCase()), null);
  });
});

describe('firstPid', () => {
  it('the lowest PID of cgroup.procs, in any order; null when the cgroup holds none directly', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ctop-procs-'));
    try {
      await writeFile(join(dir, 'cgroup.procs'), '4400\n4321\n9001\n');
      assert.equal(firstPid(dir), 4321);
      await writeFile(join(dir, 'cgroup.procs'), '');
      assert.equal(firstPid(dir), null);
      await rm(join(dir, 'cgroup.procs'));
      assert.throws(() => firstPid(dir), { code: 'ENOENT' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

// ---- CgroupSource: the second container is found where the first one's pattern puts it ----

const opened: CgroupSource[] = [];
const roots: string[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) s.close();
  for (const r of roots.splice(0)) await rm(r, { recursive: true, force: true });
});

function info(id: string, over: Partial<ContainerInfo> = {}): ContainerInfo {
  return { id, name: 'c-' + id.slice(0, 6), image: 'busybox', labels: {}, state: 'running', status: 'Up', health: null, created: 0, networkMode: 'bridge', ...over };
}

function fakeInspect(facts: Record<string, InspectFacts | null>) {
  const calls: string[] = [];
  const inspect = async (id: string) => {
    calls.push(id);
    await new Promise((r) => setTimeout(r, 5)); // an engine round trip: concurrent first reads overlap it
    return facts[id] ?? null;
  };
  return { inspect, calls, facts };
}

/** v1-cgroupfs with container `id` cloned beside A (every controller), its processes `procs`, and /proc/<pid>/net/dev for the first. */
async function treeWithSibling(id: string, procs: number[], rx = 7): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'ctop-cg-sibling-'));
  roots.push(root);
  await cp(join(FIXTURES, 'v1-cgroupfs'), root, { recursive: true });
  await addSibling(root, id, procs, rx);
  return root;
}

async function addSibling(root: string, id: string, procs: number[], rx = 7): Promise<void> {
  const cg = join(root, 'sys/fs/cgroup');
  for (const controller of await readdir(cg)) {
    await cp(join(cg, controller, 'docker', A), join(cg, controller, 'docker', id), { recursive: true });
  }
  await writeFile(join(cg, 'cpu,cpuacct/docker', id, 'cgroup.procs'), procs.map((p) => `${p}\n`).join(''));
  if (procs.length === 0) return;
  await mkdir(join(root, 'proc', String(Math.min(...procs)), 'net'), { recursive: true });
  await writeFile(join(root, 'proc', String(Math.min(...procs)), 'net/dev'), `h1\nh2\n  eth0: ${rx} 0 0 0 0 0 0 0 9 0 0 0 0 0 0 0\n`);
}

function source(root: string, facts: Record<string, InspectFacts | null>) {
  const f = fakeInspect(facts);
  const src = new CgroupSource({ root, inspect: f.inspect, hostMemBytes: 2 ** 40 });
  opened.push(src);
  return { src, calls: f.calls, facts: f.facts };
}

function counters(s: RawSample | null) {
  assert.ok(s);
  const { id: _i, timestamp: _t, systemCpuNs: _s, netRxBytes: _r, netTxBytes: _x, detail: _d, ...rest } = s;
  return rest;
}

const factsA = { [A]: { pid: 2817, startedAt: 'a', networkMode: 'bridge' } };

describe('CgroupSource: siblings by pattern', () => {
  it('the engine is asked about the first container only; the next is read where its pattern says', async () => {
    const root = await treeWithSibling(B, [4400, 4321]);
    const { src, calls } = source(root, factsA);
    const a = await src.sample(info(A));
    const b = await src.sample(info(B));
    assert.deepEqual(calls, [A]);
    assert.equal(b?.id, B);
    assert.deepEqual(counters(b), counters(a)); // the cloned files
    assert.equal(b?.netRxBytes, 7); // the lowest PID's network, not A's 1843200
    assert.equal(b?.netTxBytes, 9);
    assert.deepEqual(await src.locate(info(B)), { ...(await src.locate(info(A)))!, ...dirsOf(root, B) });
  });

  it('first reads at once: the others wait for the first inspect instead of making their own', async () => {
    const root = await treeWithSibling(B, [4321]);
    await addSibling(root, C, [5000]);
    const { src, calls } = source(root, factsA);
    const got = await Promise.all([A, B, C].map((id) => src.sample(info(id))));
    assert.deepEqual(calls, [A]);
    assert.deepEqual(
      got.map((s) => s?.netRxBytes),
      [1843200, 7, 7],
    );
  });

  it('no network of its own: no PID needed, so an empty cgroup.procs still resolves', async () => {
    const root = await treeWithSibling(B, []);
    const { src, calls } = source(root, factsA);
    await src.sample(info(A));
    const b = await src.sample(info(B, { networkMode: 'none' }));
    assert.deepEqual([b?.netRxBytes, b?.netTxBytes], [0, 0]);
    assert.deepEqual(calls, [A]);
  });

  it('falls back to the engine: own network but no process listed, or not where the pattern says', async () => {
    const root = await treeWithSibling(B, []); // processes in child cgroups: no PID to read the network from
    await mkdir(join(root, 'proc/4999/net'), { recursive: true }); // what the engine names: B's init, in B's cgroup
    await writeFile(join(root, 'proc/4999/cgroup'), (await readFile(join(root, 'proc/2817/cgroup'), 'utf8')).replaceAll(A, B));
    await writeFile(join(root, 'proc/4999/net/dev'), 'h1\nh2\n  eth0: 5 0 0 0 0 0 0 0 6 0 0 0 0 0 0 0\n');
    const { src, calls } = source(root, { ...factsA, [B]: { pid: 4999, startedAt: 'b', networkMode: 'bridge' }, [C]: null });
    await src.sample(info(A));
    assert.equal((await src.sample(info(B)))?.netRxBytes, 5);
    assert.equal(await src.sample(info(C)), null); // another cgroup parent (here: none), so the engine decides
    assert.deepEqual(calls, [A, B, C]);
  });

  it('a restart (new directory, new PID) is followed without a null tick or an inspect; a stop asks the engine', async () => {
    const root = await treeWithSibling(B, [4321]);
    const { src, calls } = source(root, factsA);
    await src.sample(info(A));
    assert.equal((await src.sample(info(B)))?.netRxBytes, 7);
    for (const controller of await readdir(join(root, 'sys/fs/cgroup'))) {
      await rm(join(root, 'sys/fs/cgroup', controller, 'docker', B), { recursive: true });
    }
    await rm(join(root, 'proc/4321'), { recursive: true });
    await addSibling(root, B, [6000], 11);
    assert.equal((await src.sample(info(B)))?.netRxBytes, 11);
    assert.deepEqual(calls, [A]);
    // Its processes gone, its cgroup not yet removed: nothing to read the network from, so the
    // engine decides (here it no longer knows B).
    await rm(join(root, 'proc/6000'), { recursive: true });
    await writeFile(join(root, 'sys/fs/cgroup/cpu,cpuacct/docker', B, 'cgroup.procs'), '');
    assert.equal(await src.sample(info(B)), null);
    assert.deepEqual(calls, [A, B]);
  });
});

function dirsOf(root: string, id: string) {
  const cg = join(root, 'sys/fs/cgroup');
  return {
    cpuacct: join(cg, 'cpu,cpuacct/docker', id),
    memory: join(cg, 'memory/docker', id),
    cpu: join(cg, 'cpu,cpuacct/docker', id),
    blkio: join(cg, 'blkio/docker', id),
    pids: join(cg, 'pids/docker', id),
  };
}

// Locating a container's cgroup from /proc/<pid>/cgroup + mountinfo, on every layout in
// fixtures/cgroup (v1, v2, hybrid × cgroupfs, systemd, rootless, Podman), plus the parsing edge cases.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import {
  detectCgroupMode,
  locateCgroup,
  parseMountinfo,
  parseProcCgroup,
  resolveCgroupDirs,
  trimToContainer,
  type CgroupDirs,
  type MountInfo,
} from '../../../src/sources/cgroup/cgroup-locate.js';
import { isGone } from '../../../src/sources/cgroup/procfs.js';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/cgroup/', import.meta.url));

interface Layout {
  layout: string;
  id: string;
  pid: number;
  /** Expected directories relative to the fixture root; '{id}' stands for the id. */
  want: { version: 2; dir: string } | ({ version: 1; hybrid: boolean } & Record<'cpuacct' | 'memory' | 'cpu' | 'blkio' | 'pids' | 'unified', string | null>);
}

const LAYOUTS: Layout[] = [
  {
    layout: 'v1-cgroupfs',
    id: 'c7c983fa62b9865cfd095b2cfbc79d547cdbe446e940437eb61e62f4c5db0152',
    pid: 2817,
    want: {
      version: 1,
      hybrid: false,
      cpuacct: 'sys/fs/cgroup/cpu,cpuacct/docker/{id}',
      memory: 'sys/fs/cgroup/memory/docker/{id}',
      cpu: 'sys/fs/cgroup/cpu,cpuacct/docker/{id}',
      blkio: 'sys/fs/cgroup/blkio/docker/{id}',
      pids: 'sys/fs/cgroup/pids/docker/{id}',
      unified: null,
    },
  },
  {
    layout: 'v1-systemd',
    id: '665b86bf78aec95de26c7ff863bb52c90106b6ff9c9cc06ca0a109e00ccf3135',
    pid: 31337,
    want: {
      version: 1,
      hybrid: false,
      cpuacct: 'sys/fs/cgroup/cpu,cpuacct/system.slice/docker-{id}.scope',
      memory: 'sys/fs/cgroup/memory/system.slice/docker-{id}.scope',
      cpu: 'sys/fs/cgroup/cpu,cpuacct/system.slice/docker-{id}.scope',
      blkio: 'sys/fs/cgroup/blkio/system.slice/docker-{id}.scope',
      pids: 'sys/fs/cgroup/pids/system.slice/docker-{id}.scope',
      unified: null,
    },
  },
  {
    layout: 'v1-podman-cgroupfs',
    id: 'f39b2bc882acdc8ccdc7395733c8e919c9691a0b949c81b7a0ea63d5fdc8cba9',
    pid: 5150,
    want: {
      version: 1,
      hybrid: false,
      cpuacct: 'sys/fs/cgroup/cpu,cpuacct/libpod_parent/libpod-{id}',
      memory: 'sys/fs/cgroup/memory/libpod_parent/libpod-{id}',
      cpu: 'sys/fs/cgroup/cpu,cpuacct/libpod_parent/libpod-{id}',
      blkio: 'sys/fs/cgroup/blkio/libpod_parent/libpod-{id}',
      pids: 'sys/fs/cgroup/pids/libpod_parent/libpod-{id}',
      unified: null,
    },
  },
  {
    layout: 'hybrid',
    id: 'a3ef31902910e5c398b75cbac6b39216ea6d38b3cac6dddde127f1fda50e48f4',
    pid: 3484,
    want: {
      version: 1,
      hybrid: true,
      cpuacct: 'sys/fs/cgroup/cpuacct/docker/{id}',
      memory: 'sys/fs/cgroup/memory/docker/{id}',
      cpu: 'sys/fs/cgroup/cpu/docker/{id}',
      blkio: 'sys/fs/cgroup/blkio/docker/{id}',
      pids: 'sys/fs/cgroup/pids/docker/{id}',
      unified: 'sys/fs/cgroup/unified/docker/{id}',
    },
  },
  {
    layout: 'v2-cgroupfs',
    id: '2e3a1d34eb86ce74fb5df7ff213464b4efd56c28207c6a35f3f303df11ce80e6',
    pid: 1888,
    want: { version: 2, dir: 'sys/fs/cgroup/docker/{id}' },
  },
  {
    layout: 'v2-systemd', // init moved to init.scope: walk up to the scope
    id: '7d47872ac1db1b63ca18e77d6e296e3e7649fda8a9a5986f37fdfd21ef812b44',
    pid: 7071,
    want: { version: 2, dir: 'sys/fs/cgroup/system.slice/docker-{id}.scope' },
  },
  {
    layout: 'v2-rootless',
    id: '0b00550cec10c6f484f9933c9c2e8a4184f9439404290bafc98837f3a8640616',
    pid: 24601,
    want: { version: 2, dir: 'sys/fs/cgroup/user.slice/user-1000.slice/user@1000.service/user.slice/docker-{id}.scope' },
  },
  {
    layout: 'v2-podman-container', // crun's /container child: walk up to libpod-<id>.scope
    id: 'b8ad2282a70bc7916f389a7197af8b57f6eb3abd61453beb410f8b5f5d4e7c26',
    pid: 90210,
    want: { version: 2, dir: 'sys/fs/cgroup/machine.slice/libpod-{id}.scope' },
  },
];

function absolute(l: Layout): CgroupDirs {
  const root = join(FIXTURES, l.layout);
  const abs = (p: string | null) => (p === null ? null : join(root, p.replaceAll('{id}', l.id)));
  if (l.want.version === 2) return { version: 2, dir: abs(l.want.dir)! };
  const w = l.want;
  return {
    version: 1,
    hybrid: w.hybrid,
    cpuacct: abs(w.cpuacct)!,
    memory: abs(w.memory)!,
    cpu: abs(w.cpu),
    blkio: abs(w.blkio),
    pids: abs(w.pids),
    unified: abs(w.unified),
  };
}

describe('locateCgroup on every fixture layout', () => {
  for (const l of LAYOUTS) {
    it(l.layout, async () => {
      assert.deepEqual(await locateCgroup(l.pid, l.id, join(FIXTURES, l.layout)), absolute(l));
    });
  }

  it('a PID whose cgroup does not name the container (VM engine, recycled PID) is not resolvable', async () => {
    const l = LAYOUTS.find((x) => x.layout === 'v2-cgroupfs')!;
    assert.equal(await locateCgroup(4242, l.id, join(FIXTURES, l.layout)), null);
  });

  it('another container id on the same PID is not resolvable', async () => {
    const l = LAYOUTS.find((x) => x.layout === 'hybrid')!;
    assert.equal(await locateCgroup(l.pid, LAYOUTS[0].id, join(FIXTURES, l.layout)), null);
  });

  it('a PID that is not there rejects with a "gone" error', async () => {
    await assert.rejects(locateCgroup(99999, LAYOUTS[0].id, join(FIXTURES, 'v1-cgroupfs')), (err) => isGone(err));
  });
});

describe('parseProcCgroup', () => {
  it('v1 lines with controller lists, the unified line and a named hierarchy', () => {
    const text = '4:cpu,cpuacct:/docker/abc\n1:name=systemd:/docker/abc\n0::/docker/abc\n';
    assert.deepEqual(parseProcCgroup(text), [
      { hierarchy: 4, controllers: ['cpu', 'cpuacct'], path: '/docker/abc', deleted: false },
      { hierarchy: 1, controllers: ['name=systemd'], path: '/docker/abc', deleted: false },
      { hierarchy: 0, controllers: [], path: '/docker/abc', deleted: false },
    ]);
  });

  it('a zombie in a removed cgroup', () => {
    assert.deepEqual(parseProcCgroup('0::/system.slice/docker-x.scope (deleted)\n'), [
      { hierarchy: 0, controllers: [], path: '/system.slice/docker-x.scope', deleted: true },
    ]);
  });

  it('paths may contain colons', () => {
    assert.deepEqual(parseProcCgroup('0::/a:b/c\n')[0].path, '/a:b/c');
  });

  it('blank and malformed lines are skipped', () => {
    assert.deepEqual(parseProcCgroup('\nnonsense\n'), []);
  });
});

describe('parseMountinfo', () => {
  it('keeps only cgroup mounts, with root, mount point and super options', () => {
    const text = [
      '27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard',
      '32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid shared:12 - cgroup cgroup rw,cpu,cpuacct',
      '41 31 0:38 / /sys/fs/cgroup/unified rw,relatime shared:5 master:1 - cgroup2 cgroup2 rw,nsdelegate',
      '50 31 0:40 /docker/abc /sys/fs/cgroup/memory ro - cgroup cgroup rw,memory',
      '',
    ].join('\n');
    assert.deepEqual(parseMountinfo(text), [
      { root: '/', mountPoint: '/sys/fs/cgroup/cpu,cpuacct', fsType: 'cgroup', superOptions: ['rw', 'cpu', 'cpuacct'] },
      { root: '/', mountPoint: '/sys/fs/cgroup/unified', fsType: 'cgroup2', superOptions: ['rw', 'nsdelegate'] },
      { root: '/docker/abc', mountPoint: '/sys/fs/cgroup/memory', fsType: 'cgroup', superOptions: ['rw', 'memory'] },
    ]);
  });

  it('unescapes octal escapes in paths', () => {
    const m = parseMountinfo('60 1 0:50 /a\\040b /mnt/my\\040cgroups\\134x rw,relatime - cgroup2 cgroup2 rw\n');
    assert.deepEqual(m, [{ root: '/a b', mountPoint: '/mnt/my cgroups\\x', fsType: 'cgroup2', superOptions: ['rw'] }]);
  });
});

describe('detectCgroupMode', () => {
  const m = (fsType: string, opts: string): MountInfo => ({ root: '/', mountPoint: '/x', fsType, superOptions: opts.split(',') });
  const cases: [string, MountInfo[], string | null][] = [
    ['v2 only', [m('cgroup2', 'rw,nsdelegate')], 'v2'],
    ['v1 controllers only', [m('cgroup', 'rw,memory'), m('cgroup', 'rw,cpu,cpuacct')], 'v1'],
    ['v1 controllers and a cgroup2 mount: hybrid', [m('cgroup', 'rw,cpuacct'), m('cgroup', 'rw,memory'), m('cgroup2', 'rw')], 'hybrid'],
    ['v2 with a legacy name=systemd v1 mount is still v2', [m('cgroup2', 'rw'), m('cgroup', 'rw,xattr,name=systemd')], 'v2'],
    ['v2 with a stray net_cls v1 mount is still v2', [m('cgroup2', 'rw'), m('cgroup', 'rw,net_cls,net_prio')], 'v2'],
    ['no cgroups mounted', [], null],
  ];
  for (const [name, mounts, want] of cases) it(name, () => assert.equal(detectCgroupMode(mounts), want));
});

describe('trimToContainer', () => {
  const id = 'b8ad2282a70bc7916f389a7197af8b57f6eb3abd61453beb410f8b5f5d4e7c26';
  const cases: [string, string | null][] = [
    [`/docker/${id}`, `/docker/${id}`],
    [`/system.slice/docker-${id}.scope/init.scope`, `/system.slice/docker-${id}.scope`],
    [`/machine.slice/libpod-${id}.scope/container`, `/machine.slice/libpod-${id}.scope`],
    [`/libpod_parent/libpod-${id}`, `/libpod_parent/libpod-${id}`],
    [`/kubepods/pod1/${id}/nested/deeper`, `/kubepods/pod1/${id}`],
    ['/user.slice/user-1000.slice/session-2.scope', null],
    ['/', null],
    [`/../../docker/${id}`, null], // outside our cgroup namespace: not mappable onto our mounts
    [`docker/${id}`, null],
  ];
  for (const [path, want] of cases) it(`${path.replace(id, '<id>')} → ${want?.replace(id, '<id>')}`, () => assert.equal(trimToContainer(path, id), want));

  it('an id too short to identify a container never matches', () => assert.equal(trimToContainer('/docker/abc', 'abc'), null));
});

describe('resolveCgroupDirs edge cases', () => {
  const id = 'c7c983fa62b9865cfd095b2cfbc79d547cdbe446e940437eb61e62f4c5db0152';
  const v2 = parseMountinfo('27 23 0:25 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw,nsdelegate\n');

  it('a mount whose root is a sub-cgroup maps the rest of the path under its mount point', () => {
    const mounts = parseMountinfo('27 23 0:25 /docker /host/cgroup rw - cgroup2 cgroup2 rw\n');
    assert.deepEqual(resolveCgroupDirs(parseProcCgroup(`0::/docker/${id}\n`), mounts, id, '/'), {
      version: 2,
      dir: `/host/cgroup/${id}`,
    });
  });

  it('the mount with the longest matching root wins', () => {
    const mounts = parseMountinfo(
      '27 23 0:25 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n28 23 0:25 /docker /mnt/docker-cg rw - cgroup2 cgroup2 rw\n',
    );
    assert.deepEqual(resolveCgroupDirs(parseProcCgroup(`0::/docker/${id}\n`), mounts, id), { version: 2, dir: `/mnt/docker-cg/${id}` });
  });

  it('a mount whose root is not a prefix of the path is not used', () => {
    const mounts = parseMountinfo('27 23 0:25 /other /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n');
    assert.equal(resolveCgroupDirs(parseProcCgroup(`0::/docker/${id}\n`), mounts, id), null);
  });

  it('a deleted cgroup is not resolvable', () => {
    assert.equal(resolveCgroupDirs(parseProcCgroup(`0::/docker/${id} (deleted)\n`), v2, id), null);
  });

  it('v1 without a memory line is not resolvable (docker shows memory from this cgroup)', () => {
    const mounts = parseMountinfo(
      '29 25 0:26 / /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct\n30 25 0:27 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n',
    );
    assert.equal(resolveCgroupDirs(parseProcCgroup(`4:cpu,cpuacct:/docker/${id}\n10:memory:/\n`), mounts, id), null);
  });

  it('v1 controllers that are not mounted come back null; the required ones resolve', () => {
    const mounts = parseMountinfo(
      '29 25 0:26 / /sys/fs/cgroup/cpuacct rw - cgroup cgroup rw,cpuacct\n30 25 0:27 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n',
    );
    const lines = parseProcCgroup(`2:cpuacct:/docker/${id}\n4:memory:/docker/${id}\n5:pids:/docker/${id}\n`);
    assert.deepEqual(resolveCgroupDirs(lines, mounts, id, '/r'), {
      version: 1,
      hybrid: false,
      cpuacct: `/r/sys/fs/cgroup/cpuacct/docker/${id}`,
      memory: `/r/sys/fs/cgroup/memory/docker/${id}`,
      cpu: null,
      blkio: null,
      pids: null,
      unified: null,
    });
  });

  it('hybrid whose unified path does not name the container has no pressure directory', () => {
    const mounts = parseMountinfo(
      '29 25 0:26 / /sys/fs/cgroup/cpuacct rw - cgroup cgroup rw,cpuacct\n30 25 0:27 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n41 31 0:38 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw\n',
    );
    const lines = parseProcCgroup(`2:cpuacct:/docker/${id}\n4:memory:/docker/${id}\n0::/\n`);
    const dirs = resolveCgroupDirs(lines, mounts, id);
    assert.equal(dirs?.version, 1);
    assert.equal(dirs?.version === 1 && dirs.hybrid, true);
    assert.equal(dirs?.version === 1 && dirs.unified, null);
  });

  it('no cgroup mounts at all: not resolvable', () => {
    assert.equal(resolveCgroupDirs(parseProcCgroup(`0::/docker/${id}\n`), [], id), null);
  });
});

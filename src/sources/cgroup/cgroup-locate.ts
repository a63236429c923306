// Where a container's cgroup lives on this host, found the robust way (reference §3.2): the init
// process's /proc/<pid>/cgroup, mapped onto the cgroup mounts of /proc/self/mountinfo. No driver
// or runtime prefix is hard-coded, so cgroupfs, systemd, rootless Docker and Podman all resolve.
import { join, posix } from 'node:path';
import { readKernelFile } from './procfs.js';

export interface ProcCgroupLine {
  hierarchy: number; // 0 is the unified (v2) hierarchy
  controllers: string[]; // empty for v2; v1 e.g. ['cpu', 'cpuacct'] or ['name=systemd']
  path: string;
  deleted: boolean; // ' (deleted)': a zombie left in a removed cgroup
}

export interface MountInfo {
  root: string; // the part of the hierarchy mounted here
  mountPoint: string;
  fsType: string;
  superOptions: string[];
}

export type CgroupMode = 'v1' | 'v2' | 'hybrid';

/** cgroup v2: one directory holds every controller's files. */
export interface V2Dirs {
  version: 2;
  dir: string;
}

/** cgroup v1 (and hybrid, where docker reads the v1 controllers): one directory per controller. */
export interface V1Dirs {
  version: 1;
  hybrid: boolean;
  cpuacct: string;
  memory: string;
  cpu: string | null;
  blkio: string | null;
  pids: string | null;
  unified: string | null; // hybrid only: the v2 directory, where pressure (PSI) files live
}

export type CgroupDirs = V1Dirs | V2Dirs;

const DELETED = ' (deleted)';

export function parseProcCgroup(text: string): ProcCgroupLine[] {
  const lines: ProcCgroupLine[] = [];
  for (const line of text.split('\n')) {
    const a = line.indexOf(':');
    const b = a === -1 ? -1 : line.indexOf(':', a + 1);
    if (b === -1) continue;
    let path = line.slice(b + 1);
    const deleted = path.endsWith(DELETED);
    if (deleted) path = path.slice(0, -DELETED.length);
    const list = line.slice(a + 1, b);
    lines.push({ hierarchy: Number(line.slice(0, a)), controllers: list ? list.split(',') : [], path, deleted });
  }
  return lines;
}

/** mountinfo escapes space, tab, newline and backslash as \ooo octal. */
function unescapeOctal(s: string): string {
  return s.includes('\\') ? s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))) : s;
}

/** The cgroup and cgroup2 mounts of a mountinfo file (others are skipped: hosts have thousands). */
export function parseMountinfo(text: string): MountInfo[] {
  const mounts: MountInfo[] = [];
  for (const line of text.split('\n')) {
    const sep = line.indexOf(' - ');
    if (sep === -1 || !line.startsWith('cgroup', sep + 3)) continue;
    const left = line.slice(0, sep).split(' ');
    const right = line.slice(sep + 3).split(' ');
    if (left.length < 6 || right.length < 3) continue;
    const fsType = right[0];
    if (fsType !== 'cgroup' && fsType !== 'cgroup2') continue;
    mounts.push({
      root: unescapeOctal(left[3]),
      mountPoint: unescapeOctal(left[4]),
      fsType,
      superOptions: right[2].split(','),
    });
  }
  return mounts;
}

// The v1 controllers docker reads; a host whose v1 mounts carry none of them (e.g. only
// name=systemd or net_cls beside a v2 tree) is a v2 host for our purposes.
const V1_STATS = ['cpuacct', 'memory'];

/** containerd's Mode(), from mounts instead of statfs, so it works under a fixture root too. */
export function detectCgroupMode(mounts: readonly MountInfo[]): CgroupMode | null {
  let v1 = false;
  let v2 = false;
  for (const m of mounts) {
    if (m.fsType === 'cgroup2') v2 = true;
    else if (m.superOptions.some((o) => V1_STATS.includes(o))) v1 = true;
  }
  if (v1) return v2 ? 'hybrid' : 'v1';
  return v2 ? 'v2' : null;
}

/**
 * Cuts a cgroup path after the last segment that names the container, so an init process that
 * moved itself into a child (`…/docker-<id>.scope/init.scope`, crun's `…/libpod-<id>.scope/container`)
 * maps to the cgroup the engine created. Null when no segment names the id: not this container's
 * cgroup (an engine in a VM, a recycled PID), or a path outside our cgroup namespace.
 */
export function trimToContainer(path: string, id: string): string | null {
  if (id.length < 12 || !path.startsWith('/')) return null;
  const segments = path.split('/');
  if (segments.includes('..')) return null;
  for (let i = segments.length - 1; i > 0; i--) {
    if (segments[i].includes(id)) return segments.slice(0, i + 1).join('/');
  }
  return null;
}

function isUnder(path: string, root: string): boolean {
  return root === '/' || path === root || path.startsWith(root + '/');
}

/** The mount that shows `path`: the matching hierarchy whose mounted root is the longest prefix. */
function mountFor(mounts: readonly MountInfo[], match: (m: MountInfo) => boolean, path: string): MountInfo | null {
  let best: MountInfo | null = null;
  for (const m of mounts) {
    if (!match(m) || !isUnder(path, m.root)) continue;
    if (!best || m.root.length > best.root.length) best = m;
  }
  return best;
}

function dirOf(
  line: ProcCgroupLine | undefined,
  mounts: readonly MountInfo[],
  match: (m: MountInfo) => boolean,
  id: string,
  root: string,
): string | null {
  if (!line || line.deleted) return null;
  const path = trimToContainer(line.path, id);
  if (!path) return null;
  const mount = mountFor(mounts, match, path);
  if (!mount) return null;
  const rel = mount.root === '/' ? path : path.slice(mount.root.length);
  return join(root, mount.mountPoint, posix.normalize(rel || '/'));
}

const isV2 = (m: MountInfo) => m.fsType === 'cgroup2';
const hasOption = (c: string) => (m: MountInfo) => m.fsType === 'cgroup' && m.superOptions.includes(c);

/**
 * Directories of the container's cgroup, prefixed with `root`. Null when the cgroup cannot be
 * reached from here or does not name the container (callers fall back to the engine API).
 */
export function resolveCgroupDirs(
  lines: readonly ProcCgroupLine[],
  mounts: readonly MountInfo[],
  id: string,
  root = '/',
): CgroupDirs | null {
  const mode = detectCgroupMode(mounts);
  if (!mode) return null;
  const unifiedLine = lines.find((l) => l.hierarchy === 0 && l.controllers.length === 0);
  if (mode === 'v2') {
    const dir = dirOf(unifiedLine, mounts, isV2, id, root);
    return dir ? { version: 2, dir } : null;
  }
  const v1 = (c: string) =>
    dirOf(
      lines.find((l) => l.controllers.includes(c)),
      mounts,
      hasOption(c),
      id,
      root,
    );
  const cpuacct = v1('cpuacct');
  const memory = v1('memory');
  if (!cpuacct || !memory) return null; // the counters docker shows must come from this container
  return {
    version: 1,
    hybrid: mode === 'hybrid',
    cpuacct,
    memory,
    cpu: v1('cpu'),
    blkio: v1('blkio'),
    pids: v1('pids'),
    unified: mode === 'hybrid' ? dirOf(unifiedLine, mounts, isV2, id, root) : null,
  };
}

/** The cgroup mounts from `<root>/proc/self/mountinfo`; I/O errors propagate. */
export async function readCgroupMounts(root = '/'): Promise<MountInfo[]> {
  return parseMountinfo(await readKernelFile(join(root, 'proc/self/mountinfo')));
}

/**
 * Reads `<root>/proc/<pid>/cgroup` and resolves it against the cgroup mounts. `mounts(false)` may
 * give them from a cache (see host-files.ts); when they do not resolve the cgroup, `mounts(true)`
 * is asked for a fresh reading (null: none newer to try). I/O errors propagate.
 */
export async function locateCgroup(
  pid: number,
  id: string,
  root = '/',
  mounts: (fresh: boolean) => Promise<readonly MountInfo[] | null> = (fresh) => (fresh ? Promise.resolve(null) : readCgroupMounts(root)),
): Promise<CgroupDirs | null> {
  const [cgroupText, cached] = await Promise.all([readKernelFile(join(root, 'proc', String(pid), 'cgroup')), mounts(false)]);
  const lines = parseProcCgroup(cgroupText);
  const dirs = resolveCgroupDirs(lines, cached ?? [], id, root);
  if (dirs) return dirs;
  const fresh = await mounts(true); // read a while ago: the mounts may have changed since
  return fresh ? resolveCgroupDirs(lines, fresh, id, root) : null;
}

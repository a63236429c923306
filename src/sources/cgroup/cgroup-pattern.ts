// An engine puts every container's cgroup in the same place, named by its id: `…/docker/<id>`,
// `…/docker-<id>.scope`, `…/libpod-<id>`. So one container located the robust way (inspect, then
// /proc/<pid>/cgroup: cgroup-locate.ts) gives its siblings' directories with no engine call: the
// inspect behind each start costs the engine ~0.5 ms of CPU and us about as much, 0.1 s for 100
// containers at start-up. A guess is only a candidate: the caller proves it by opening the files.
// Ids are 64 hex digits, so a directory named by one belongs to that container and no other.
import type { CgroupDirs } from './cgroup-locate.js';

/** The directories of one container, and its id: where to put another id to get that one's. */
export interface CgroupPattern {
  readonly dirs: CgroupDirs;
  readonly id: string;
}

const FULL_ID = /^[0-9a-f]{64}$/;

/**
 * The pattern behind one located container, or null when it cannot serve: an id that is not a
 * full engine id, or a directory that does not name the container exactly once.
 */
export function cgroupPattern(dirs: CgroupDirs, id: string): CgroupPattern | null {
  if (!FULL_ID.test(id)) return null;
  for (const dir of dirList(dirs)) {
    if (dir === null) continue;
    const at = dir.indexOf(id);
    if (at === -1 || dir.indexOf(id, at + 1) !== -1) return null;
  }
  return { dirs, id };
}

/** Where the pattern puts container `id`'s directories; null for an id that is not a full engine id. */
export function siblingDirs(pattern: CgroupPattern, id: string): CgroupDirs | null {
  if (!FULL_ID.test(id)) return null;
  const swap = (dir: string) => {
    const at = dir.indexOf(pattern.id);
    return dir.slice(0, at) + id + dir.slice(at + pattern.id.length);
  };
  const orNull = (dir: string | null) => (dir === null ? null : swap(dir));
  const d = pattern.dirs;
  if (d.version === 2) return { version: 2, dir: swap(d.dir) };
  return {
    version: 1,
    hybrid: d.hybrid,
    cpuacct: swap(d.cpuacct),
    memory: swap(d.memory),
    cpu: orNull(d.cpu),
    blkio: orNull(d.blkio),
    pids: orNull(d.pids),
    unified: orNull(d.unified),
  };
}

/** The directory whose cgroup.procs lists the container's processes, and whose files prove the guess. */
export function procsDir(dirs: CgroupDirs): string {
  return dirs.version === 2 ? dirs.dir : dirs.cpuacct;
}

function dirList(d: CgroupDirs): (string | null)[] {
  return d.version === 2 ? [d.dir] : [d.cpuacct, d.memory, d.cpu, d.blkio, d.pids, d.unified];
}

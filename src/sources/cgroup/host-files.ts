// What the cgroup path reads for the whole host rather than per container, read as seldom as
// its content allows and shared by every container: the host's CPU time (/proc/stat), the cgroup
// mounts, and what the first container teaches about the rest (SharedFacts).
import { join } from 'node:path';
import { readCgroupMounts, type MountInfo } from './cgroup-locate.js';
import type { SharedFacts } from './cgroup-v1-reader.js';
import { cpuLinesEnd, KernelFile, parseProcStat, type ProcStat } from './procfs.js';

// How long a /proc/stat reading serves the next containers (see systemCpu()).
export const PROC_STAT_REUSE_MS = 1;
// How long the cgroup mounts, once read, serve the containers that start next (see cgroupMounts()).
const MOUNTS_REUSE_MS = 10_000;

export class HostFiles {
  readonly facts: SharedFacts = { hasCfq: null };
  private readonly procStat: KernelFile;
  /** /proc/stat as last read, and when (performance.now() ms). */
  private procStatAt = -Infinity;
  private procStatValue: ProcStat | null = null;
  /** The cgroup mounts as last read, and when (performance.now() ms). */
  private mounts: { at: number; list: Promise<MountInfo[]> } | null = null;

  constructor(
    private readonly root: string,
    private readonly procStatReuseMs = PROC_STAT_REUSE_MS,
  ) {
    this.procStat = new KernelFile(join(root, 'proc/stat'));
  }

  /**
   * The host's CPU time from /proc/stat, read again only when the last read is older than
   * procStatReuseMs. The file counts in 10 ms ticks per CPU (USER_HZ), so readings a millisecond
   * apart mostly agree anyway, and a container's CPU % moves by less than its own rounding: each
   * of 100 containers reading it cost a read as dear as its memory.stat, for the same figure.
   * Only the cpu lines are decoded.
   */
  systemCpu(): ProcStat | null {
    const now = performance.now();
    if (now - this.procStatAt > this.procStatReuseMs) {
      this.procStatValue = parseProcStat(this.procStat.readSync(cpuLinesEnd));
      this.procStatAt = now;
    }
    return this.procStatValue;
  }

  /**
   * The cgroup mounts, shared by the containers that start within MOUNTS_REUSE_MS of each other
   * (`fresh`: read them again now). mountinfo lists every mount on the host, each container's
   * included (169 KB for 423 mounts with 100 containers here), and the cgroup mounts it is read
   * for do not change: read once per container start, it made start-up O(containers²).
   */
  cgroupMounts(fresh: boolean): Promise<MountInfo[]> {
    const now = performance.now();
    if (fresh || !this.mounts || now - this.mounts.at > MOUNTS_REUSE_MS) {
      const entry = { at: now, list: readCgroupMounts(this.root) };
      this.mounts = entry;
      entry.list.catch(() => {
        if (this.mounts === entry) this.mounts = null; // a failed read is not kept
      });
    }
    return this.mounts.list;
  }

  close(): void {
    this.procStat.close();
  }
}

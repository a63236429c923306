// Where each container's cgroup files are, found once per container start and kept open until it
// restarts or goes away. The first container is located through the engine (inspect: init PID,
// StartedAt, network mode; then its /proc/<pid>/cgroup: cgroup-locate.ts), and its directories
// show where its siblings' are (cgroup-pattern.ts), so the others usually need no engine call.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { ContainerInfo, ContainerState, RawSample } from '../../core/model/types.js';
import { COUNTER_STATES } from '../../core/model/container-states.js';
import { locateCgroup, type CgroupDirs } from './cgroup-locate.js';
import { cgroupPattern, procsDir, siblingDirs, type CgroupPattern } from './cgroup-pattern.js';
import { v1Files, type V1Files } from './cgroup-v1-reader.js';
import { v2Files, type V2Files } from './cgroup-v2-reader.js';
import type { HostFiles } from './host-files.js';
import type { InspectFn } from './inspect-facts.js';
import { FileSet, firstPid, isGone } from './procfs.js';

export type Files = { version: 1; files: V1Files } | { version: 2; files: V2Files };

export interface Target {
  seenState: ContainerState; // the list's state when resolved: a change means resolve again
  /** This start of the container: the engine's StartedAt, or (found by pattern) the cgroup's inode and a PID. */
  start: string;
  /** host or none: no sandbox interfaces of its own, so docker shows 0B / 0B and nothing is read. */
  noOwnNetwork: boolean;
  netDev: string;
  dirs: CgroupDirs | null;
  files: Files | null; // null: stopped, or no cgroup we can read for it from here
  open: FileSet; // the kept-open handles behind files
  why: string | null; // set when files is null although the container runs
  recheckAt: number; // ms; readable targets never expire, the others are asked about again
  reads: number;
  limits: Pick<RawSample, 'memLimit' | 'pidsLimit' | 'cpuLimitCores'> | null; // from the last limits read
  oomKills: number | null; // as last read
  oomDue: boolean; // the engine reported an OOM since: read the count on the next sample
}

const LIVE: ReadonlySet<ContainerState> = COUNTER_STATES; // core/model/container-states.ts
const NO_OWN_NETWORK: ReadonlySet<string> = new Set(['host', 'none']);
// A container the list calls running but the engine calls stopped is mid-restart: look again soon.
const STOPPED_RECHECK_MS = 2_000;
// An unreadable cgroup rarely becomes readable; auto mode reads such containers through the API.
const UNREACHABLE_RECHECK_MS = 30_000;

export interface CgroupTargetsOptions {
  inspect: InspectFn;
  root: string;
  host: HostFiles;
  detail: boolean;
}

export class CgroupTargets {
  private readonly targets = new Map<string, Target>();
  private readonly pending = new Map<string, Promise<Target | null>>();
  /** Where the last container located through the engine lives: its siblings are looked for there. */
  private pattern: CgroupPattern | null = null;
  /** The first inspect, which the other first resolves wait for: it may spare them theirs. */
  private learning: Promise<unknown> | null = null;

  constructor(private readonly opts: CgroupTargetsOptions) {}

  /** Unreadable although its start is unchanged: a stop in progress. Asked about again after a pause, not every tick. */
  stopping(t: Target): void {
    t.open.close();
    t.files = null;
    t.recheckAt = Date.now() + STOPPED_RECHECK_MS;
  }

  noteOom(id: string): void {
    const t = this.targets.get(id);
    if (t) t.oomDue = true;
  }

  forget(id: string): void {
    this.targets.get(id)?.open.close();
    this.targets.delete(id);
  }

  close(): void {
    for (const t of this.targets.values()) t.open.close();
    this.targets.clear();
  }

  /** The target when it is cached and current: no promise, no hop through the microtask queue. */
  cached(c: ContainerInfo): Target | null {
    const cached = this.targets.get(c.id);
    return cached && LIVE.has(c.state) && cached.seenState === c.state && Date.now() < cached.recheckAt ? cached : null;
  }

  /** The cached target; the engine is asked again only on a state change or a due re-check. */
  get(c: ContainerInfo, signal?: AbortSignal): Promise<Target | null> {
    if (!LIVE.has(c.state)) return Promise.resolve(null);
    const cached = this.cached(c);
    if (cached) return Promise.resolve(cached);
    let p = this.pending.get(c.id);
    if (!p) {
      p = this.resolve(c, signal).finally(() => this.pending.delete(c.id));
      this.pending.set(c.id, p);
    }
    return p;
  }

  private async resolve(c: ContainerInfo, signal?: AbortSignal): Promise<Target | null> {
    if (!this.pattern && this.learning) await this.learning;
    const sibling = this.pattern && this.fromPattern(c, this.pattern);
    if (sibling) return this.keep(c.id, sibling);
    const located = this.fromEngine(c, signal);
    this.learning ??= located.catch(() => null);
    return located;
  }

  private keep(id: string, t: Target): Target {
    this.targets.get(id)?.open.close();
    this.targets.set(id, t);
    return t;
  }

  /**
   * The container where the pattern says its cgroup is, proven by reading its CPU file. Null (ask
   * the engine) when it is not there (another cgroup parent, a stop under way) or when its network
   * is read through a PID and its cgroup lists none (its processes sit in child cgroups).
   */
  private fromPattern(c: ContainerInfo, pattern: CgroupPattern): Target | null {
    const dirs = siblingDirs(pattern, c.id);
    if (!dirs) return null;
    const noOwnNetwork = NO_OWN_NETWORK.has(c.networkMode);
    let start: string;
    let pid = 0;
    try {
      const dir = procsDir(dirs);
      // A restart makes a new directory (a new inode) and a new init process.
      if (!noOwnNetwork && !(pid = firstPid(dir) ?? 0)) return null;
      start = `cgroup ${statSync(dir).ino} pid ${pid}`;
    } catch {
      return null;
    }
    const t = newTarget(c, start, noOwnNetwork, join(this.opts.root, 'proc', String(pid), 'net/dev'));
    try {
      this.openFiles(t, dirs);
    } catch {
      return null;
    }
    return t;
  }

  /** Asks the engine for the init PID and finds the cgroup from it; a success becomes the pattern. */
  private async fromEngine(c: ContainerInfo, signal?: AbortSignal): Promise<Target | null> {
    const facts = await this.opts.inspect(c.id, signal);
    if (!facts) {
      this.targets.delete(c.id);
      return null;
    }
    const noOwnNetwork = NO_OWN_NETWORK.has(facts.networkMode || c.networkMode);
    const t = newTarget(c, facts.startedAt, noOwnNetwork, join(this.opts.root, 'proc', String(facts.pid), 'net/dev'));
    if (facts.pid > 0) await this.attach(t, facts.pid, c.id);
    if (t.dirs) this.pattern = cgroupPattern(t.dirs, c.id) ?? this.pattern;
    return this.keep(c.id, t);
  }

  /** Finds and proves the container's cgroup files; on failure says why in `t.why`. */
  private async attach(t: Target, pid: number, id: string): Promise<void> {
    const unreachable = (why: string) => {
      t.why = why;
      t.recheckAt = Date.now() + UNREACHABLE_RECHECK_MS;
    };
    let dirs: CgroupDirs | null;
    try {
      dirs = await locateCgroup(pid, id, this.opts.root, (fresh) => this.opts.host.cgroupMounts(fresh));
    } catch (err) {
      if (isGone(err)) return unreachable(`PID ${pid} is not visible under ${join(this.opts.root, 'proc')} (engine in a VM or another PID namespace?)`);
      return unreachable(`${(err as NodeJS.ErrnoException).code ?? 'error'} reading /proc/${pid}/cgroup`);
    }
    if (!dirs) return unreachable(`PID ${pid}'s cgroup does not name ${id.slice(0, 12)} (engine in a VM, or another cgroup namespace?)`);
    try {
      this.openFiles(t, dirs);
    } catch (err) {
      if (isGone(err)) return; // stopped meanwhile
      return unreachable(`${(err as NodeJS.ErrnoException).code ?? 'error'} reading its cgroup files (permission?)`);
    }
  }

  /** Opens the container's files and proves them readable here by reading the CPU one; throws (all closed) when not. */
  private openFiles(t: Target, dirs: CgroupDirs): void {
    const files: Files =
      dirs.version === 2 ? { version: 2, files: v2Files(dirs.dir, t.open) } : { version: 1, files: v1Files(dirs, t.open, this.opts.host.facts, this.opts.detail) };
    try {
      (files.version === 2 ? files.files.cpuStat : files.files.cpuacctUsage).readSync();
    } catch (err) {
      t.open.close();
      throw err;
    }
    t.dirs = dirs;
    t.files = files;
    t.recheckAt = Infinity;
  }
}

function newTarget(c: ContainerInfo, start: string, noOwnNetwork: boolean, netDev: string): Target {
  return {
    seenState: c.state,
    start,
    noOwnNetwork,
    netDev,
    dirs: null,
    files: null,
    open: new FileSet(),
    why: null,
    recheckAt: Date.now() + STOPPED_RECHECK_MS,
    reads: 0,
    limits: null,
    oomKills: null,
    oomDue: false,
  };
}

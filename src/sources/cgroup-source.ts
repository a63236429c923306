// The cgroup fast path: counters straight from the kernel's files, no engine work per tick. The
// engine is asked once per container start (inspect: init PID, StartedAt, network mode); the
// cgroup directories found from that PID are cached until the container restarts or goes away.
import { join } from 'node:path';
import type Docker from 'dockerode';
import type { ContainerInfo, ContainerState, RawSample } from '../core/types.js';
import { locateCgroup, type CgroupDirs } from './cgroup-locate.js';
import { readV1Counters, readV1CpuUsage, v1Files, type V1Files } from './cgroup-v1-reader.js';
import { readV2Counters, readV2CpuUsage, v2Files, type V2Files } from './cgroup-v2-reader.js';
import { FileSet, isGone, KernelFile, parseNetDev, parseProcStat, readKernelFile, readMemTotal } from './procfs.js';
import { UserFacingError, type StatsSource } from './source.js';

/** What the cgroup path needs from `GET /containers/{id}/json`. */
export interface InspectFacts {
  pid: number; // State.Pid; 0 when not running
  startedAt: string; // State.StartedAt: changes on every (re)start
  networkMode: string; // HostConfig.NetworkMode
}

/** Resolves null when the engine does not know the container (404). */
export type InspectFn = (id: string, signal?: AbortSignal) => Promise<InspectFacts | null>;

export interface CgroupSourceOptions {
  docker?: Docker;
  /** Injected instead of `docker` in tests. */
  inspect?: InspectFn;
  /** Prefix of every file read ('/' on a real host; a fixture tree in tests). */
  root?: string;
  /** Host memory (the daemon's MemTotal); read from <root>/proc/meminfo when not given. */
  hostMemBytes?: number;
}

export function dockerInspect(docker: Docker): InspectFn {
  return async (id, signal) => {
    try {
      const info = await docker.getContainer(id).inspect(signal ? { abortSignal: signal } : {});
      return {
        pid: info.State?.Pid ?? 0,
        startedAt: info.State?.StartedAt ?? '',
        networkMode: info.HostConfig?.NetworkMode ?? '',
      };
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) return null;
      throw err;
    }
  };
}

type Files = { version: 1; files: V1Files } | { version: 2; files: V2Files };

interface Target {
  seenState: ContainerState; // the list's state when resolved: a change means resolve again
  startedAt: string;
  hostNetwork: boolean;
  netDev: string;
  dirs: CgroupDirs | null;
  files: Files | null; // null: stopped, or no cgroup we can read for it from here
  open: FileSet; // the kept-open handles behind files
  why: string | null; // set when files is null although the container runs
  recheckAt: number; // ms; readable targets never expire, the others are asked about again
  reads: number;
  limits: Pick<RawSample, 'memLimit' | 'pidsLimit' | 'cpuLimitCores'> | null; // from the last limits read
}

const LIVE: ReadonlySet<ContainerState> = new Set(['running', 'paused']);
// A container the list calls running but the engine calls stopped is mid-restart: look again soon.
const STOPPED_RECHECK_MS = 2_000;
// An unreadable cgroup rarely becomes readable; auto mode reads such containers through the API.
const UNREACHABLE_RECHECK_MS = 30_000;
// Limits change only through `docker update`: re-read them every this many reads, not every tick.
const LIMITS_EVERY = 10;

export class CgroupSource implements StatsSource {
  readonly kind = 'cgroup' as const;
  private readonly inspect: InspectFn;
  private readonly root: string;
  private readonly procStat: KernelFile;
  private hostMem: Promise<number | null> | null;
  private readonly targets = new Map<string, Target>();
  private readonly pending = new Map<string, Promise<Target | null>>();

  constructor(opts: CgroupSourceOptions) {
    if (opts.inspect) this.inspect = opts.inspect;
    else if (opts.docker) this.inspect = dockerInspect(opts.docker);
    else throw new Error('CgroupSource needs docker or inspect');
    this.root = opts.root ?? '/';
    this.procStat = new KernelFile(join(this.root, 'proc/stat'));
    this.hostMem = opts.hostMemBytes && opts.hostMemBytes > 0 ? Promise.resolve(opts.hostMemBytes) : null;
  }

  /** True when this container's counters can come from its cgroup (cached; engine asked once per start). */
  async canRead(c: ContainerInfo, signal?: AbortSignal): Promise<boolean> {
    return (await this.target(c, signal))?.files != null;
  }

  /** The resolved cgroup directories, for diagnostics (--verbose, bug reports). */
  async locate(c: ContainerInfo, signal?: AbortSignal): Promise<CgroupDirs | null> {
    return (await this.target(c, signal))?.dirs ?? null;
  }

  async sample(c: ContainerInfo, signal?: AbortSignal): Promise<RawSample | null> {
    if (signal?.aborted) return null;
    const t = await this.target(c, signal);
    if (!t) return null;
    if (!t.files) {
      if (t.why === null) return null; // stopped
      throw new UserFacingError(`cannot read the cgroup of ${c.name}: ${t.why}`, 'use --source auto or --source api');
    }
    try {
      return await this.read(c.id, t, t.files);
    } catch (err) {
      if (!isGone(err)) throw readError(err);
    }
    // The cgroup or the init process vanished: stopped, removed, or restarted under a new PID.
    this.forget(c.id);
    const fresh = await this.target(c, signal);
    if (!fresh?.files) return null;
    if (fresh.startedAt === t.startedAt) {
      // Same start yet unreadable a moment ago: a stop in progress. Do not inspect every tick.
      fresh.open.close();
      fresh.files = null;
      fresh.recheckAt = Date.now() + STOPPED_RECHECK_MS;
      return null;
    }
    try {
      return await this.read(c.id, fresh, fresh.files);
    } catch (err) {
      if (isGone(err)) return null;
      throw readError(err);
    }
  }

  forget(id: string): void {
    this.targets.get(id)?.open.close();
    this.targets.delete(id);
  }

  close(): void {
    for (const t of this.targets.values()) t.open.close();
    this.targets.clear();
    this.procStat.close();
  }

  private async read(id: string, t: Target, f: Files): Promise<RawSample> {
    const out = emptySample(id);
    // The container's CPU counter, then /proc/stat at once (as the engine does), synchronously so
    // that nothing runs between them and the two deltas cover the same window.
    if (f.version === 2) readV2CpuUsage(f.files, out);
    else readV1CpuUsage(f.files, out);
    const stat = parseProcStat(this.procStat.readSync());
    out.timestamp = Date.now();
    out.systemCpuNs = stat?.systemCpuNs ?? null;
    out.onlineCpus = stat?.onlineCpus ?? null;
    const hostMem = await this.hostMemBytes();
    const cached = t.reads++ % LIMITS_EVERY === 0 ? null : t.limits;
    await Promise.all([
      f.version === 2 ? readV2Counters(f.files, out, hostMem, !cached) : readV1Counters(f.files, out, hostMem, !cached),
      this.readNet(t, out),
    ]);
    if (cached) {
      out.memLimit = cached.memLimit;
      out.pidsLimit = cached.pidsLimit;
      out.cpuLimitCores = cached.cpuLimitCores;
    } else {
      t.limits = { memLimit: out.memLimit, pidsLimit: out.pidsLimit, cpuLimitCores: out.cpuLimitCores };
    }
    return out;
  }

  private async readNet(t: Target, out: RawSample): Promise<void> {
    if (t.hostNetwork) {
      // No sandbox interfaces: docker shows 0B / 0B.
      out.netRxBytes = 0;
      out.netTxBytes = 0;
      return;
    }
    const net = parseNetDev(await readKernelFile(t.netDev));
    out.netRxBytes = net.rxBytes;
    out.netTxBytes = net.txBytes;
  }

  private hostMemBytes(): Promise<number | null> {
    this.hostMem ??= readMemTotal(this.root).catch(() => null);
    return this.hostMem;
  }

  /** The cached target; the engine is asked again only on a state change or a due re-check. */
  private target(c: ContainerInfo, signal?: AbortSignal): Promise<Target | null> {
    if (!LIVE.has(c.state)) return Promise.resolve(null);
    const cached = this.targets.get(c.id);
    if (cached && cached.seenState === c.state && Date.now() < cached.recheckAt) return Promise.resolve(cached);
    let p = this.pending.get(c.id);
    if (!p) {
      p = this.resolve(c, signal).finally(() => this.pending.delete(c.id));
      this.pending.set(c.id, p);
    }
    return p;
  }

  private async resolve(c: ContainerInfo, signal?: AbortSignal): Promise<Target | null> {
    const facts = await this.inspect(c.id, signal);
    if (!facts) {
      this.targets.delete(c.id);
      return null;
    }
    const t: Target = {
      seenState: c.state,
      startedAt: facts.startedAt,
      hostNetwork: (facts.networkMode || c.networkMode) === 'host',
      netDev: join(this.root, 'proc', String(facts.pid), 'net/dev'),
      dirs: null,
      files: null,
      open: new FileSet(),
      why: null,
      recheckAt: Date.now() + STOPPED_RECHECK_MS,
      reads: 0,
      limits: null,
    };
    if (facts.pid > 0) await this.attach(t, facts.pid, c.id);
    this.targets.get(c.id)?.open.close();
    this.targets.set(c.id, t);
    return t;
  }

  /** Finds and proves the container's cgroup files; on failure says why in `t.why`. */
  private async attach(t: Target, pid: number, id: string): Promise<void> {
    const unreachable = (why: string) => {
      t.why = why;
      t.recheckAt = Date.now() + UNREACHABLE_RECHECK_MS;
    };
    let dirs: CgroupDirs | null;
    try {
      dirs = await locateCgroup(pid, id, this.root);
    } catch (err) {
      if (isGone(err)) return unreachable(`PID ${pid} is not visible under ${join(this.root, 'proc')} (engine in a VM or another PID namespace?)`);
      return unreachable(`${(err as NodeJS.ErrnoException).code ?? 'error'} reading /proc/${pid}/cgroup`);
    }
    if (!dirs) return unreachable(`PID ${pid}'s cgroup does not name ${id.slice(0, 12)} (engine in a VM, or another cgroup namespace?)`);
    const files: Files =
      dirs.version === 2 ? { version: 2, files: v2Files(dirs.dir, t.open) } : { version: 1, files: v1Files(dirs, t.open) };
    try {
      // Prove the CPU file is readable here before promising the fast path (this also opens it).
      await (files.version === 2 ? files.files.cpuStat : files.files.cpuacctUsage).read();
    } catch (err) {
      t.open.close();
      if (isGone(err)) return; // stopped meanwhile
      return unreachable(`${(err as NodeJS.ErrnoException).code ?? 'error'} reading its cgroup files (permission?)`);
    }
    t.dirs = dirs;
    t.files = files;
    t.recheckAt = Infinity;
  }
}

function readError(err: unknown): Error {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'EACCES' || e.code === 'EPERM') {
    return new UserFacingError(`permission denied reading ${e.path ?? 'a cgroup file'}`, 'run as root, or use --source api');
  }
  return err instanceof Error ? err : new Error(String(err));
}

function emptySample(id: string): RawSample {
  return {
    id,
    source: 'cgroup',
    timestamp: 0,
    cpuTotalNs: null,
    systemCpuNs: null,
    onlineCpus: null,
    pre: null,
    memUsage: null,
    memTotalInactiveFile: null,
    memInactiveFile: null,
    memLimit: null,
    netRxBytes: null,
    netTxBytes: null,
    blkReadBytes: null,
    blkWriteBytes: null,
    pids: null,
    pidsLimit: null,
    cpuLimitCores: null,
    throttlePeriods: null,
    throttledPeriods: null,
    throttledTimeNs: null,
    oomKills: null,
    pressure: null,
  };
}

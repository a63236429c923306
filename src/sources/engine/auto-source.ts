// Per container: the cgroup fast path when the engine is local and that container's cgroup
// resolves and reads, else the Engine API (remote engine, Docker Desktop's VM, no permission).
// RawSample.source tells which one answered; label() summarises the mix for the header.
import type { ContainerInfo, RawSample } from '../../core/model/types.js';
import type { CgroupSource } from '../cgroup/cgroup-source.js';
import type { StatsSource } from '../source.js';

/** The part of CgroupSource auto needs (an interface, so tests can stand in for it). */
export type CgroupLike = Pick<CgroupSource, 'canRead' | 'sample' | 'forget'> & { close?(): void; noteOom?(id: string): void };

export interface AutoSourceOptions {
  cgroup: CgroupLike;
  api: StatsSource;
  /** The engine runs on this host (unix socket): only then can its PIDs and cgroups be ours. */
  local: boolean;
}

type Used = 'cgroup' | 'api';

export class AutoSource implements StatsSource {
  readonly kind = 'auto' as const;
  readonly concurrency = 64; // containers that fall back to the API wait on the engine
  private readonly cgroup: CgroupLike;
  private readonly api: StatsSource;
  private readonly local: boolean;
  private readonly used = new Map<string, Used>();
  // Containers whose cgroup read failed with an error (not a vanish): the API serves them from then on.
  private readonly apiOnly = new Set<string>();

  constructor(opts: AutoSourceOptions) {
    this.cgroup = opts.cgroup;
    this.api = opts.api;
    this.local = opts.local;
  }

  async sample(c: ContainerInfo, signal?: AbortSignal): Promise<RawSample | null> {
    if (this.local && !this.apiOnly.has(c.id) && (await this.cgroup.canRead(c, signal))) {
      try {
        const s = await this.cgroup.sample(c, signal);
        if (s) this.used.set(c.id, 'cgroup');
        return s;
      } catch {
        this.apiOnly.add(c.id);
      }
    }
    const s = await this.api.sample(c, signal);
    if (s) this.used.set(c.id, 'api');
    return s;
  }

  /** Containers last served by each path. */
  usage(): { cgroup: number; api: number } {
    let cgroup = 0;
    let api = 0;
    for (const u of this.used.values()) {
      if (u === 'cgroup') cgroup++;
      else api++;
    }
    return { cgroup, api };
  }

  /** e.g. `auto (cgroup 9, api 1)`; zero counts are left out, `auto` before the first sample. */
  label(): string {
    const { cgroup, api } = this.usage();
    const parts: string[] = [];
    if (cgroup > 0) parts.push(`cgroup ${cgroup}`);
    if (api > 0) parts.push(`api ${api}`);
    return parts.length > 0 ? `auto (${parts.join(', ')})` : 'auto';
  }

  forget(id: string): void {
    this.used.delete(id);
    this.apiOnly.delete(id);
    this.cgroup.forget(id);
    this.api.forget?.(id);
  }

  noteOom(id: string): void {
    this.cgroup.noteOom?.(id);
  }

  close(): void {
    this.cgroup.close?.();
    this.api.close?.();
  }
}

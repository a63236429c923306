// Stats through the Engine API. One request per container per tick with `one-shot=true`: the
// engine reads the cgroup once, right away, instead of subscribing us to its 1 s collector loop
// (see README "Design notes" for the measurement behind this choice).
import type Docker from 'dockerode';
import type { ContainerInfo, RawSample } from '../core/types.js';
import { parseApiStats, type ApiStatsRecord } from './api-stats.js';
import type { StatsSource } from './source.js';

interface Limits {
  cpuLimitCores: number | null;
}

export interface EngineApiOptions {
  docker: Docker;
  /** false: ask for the engine's own two-sample record (~1–2 s), exactly what `docker stats` reads. */
  oneShot?: boolean;
}

export class EngineApiSource implements StatsSource {
  readonly kind = 'api' as const;
  private readonly docker: Docker;
  private readonly oneShot: boolean;
  private readonly limits = new Map<string, Promise<Limits>>();

  constructor(opts: EngineApiOptions) {
    this.docker = opts.docker;
    this.oneShot = opts.oneShot ?? true;
  }

  async sample(c: ContainerInfo, signal?: AbortSignal): Promise<RawSample | null> {
    let rec: ApiStatsRecord;
    try {
      const query: Record<string, unknown> = { stream: false };
      if (this.oneShot) query['one-shot'] = true;
      if (signal) query.abortSignal = signal;
      rec = (await this.docker.getContainer(c.id).stats(query as { stream: false })) as ApiStatsRecord;
    } catch (err) {
      if (isGone(err) || signal?.aborted) return null;
      throw err;
    }
    // A container that is not running gets an all-zero record with Go's zero time.
    if (!rec.read || rec.read.startsWith('0001-') || rec.cpu_stats?.cpu_usage?.total_usage === undefined) return null;
    const sample = parseApiStats(rec, c.id, Date.now());
    sample.cpuLimitCores = (await this.limitsOf(c.id)).cpuLimitCores;
    return sample;
  }

  forget(id: string): void {
    this.limits.delete(id);
  }

  // Limits change only through `docker update`, so one inspect per container is enough.
  private limitsOf(id: string): Promise<Limits> {
    let p = this.limits.get(id);
    if (!p) {
      p = this.docker
        .getContainer(id)
        .inspect()
        .then((i) => ({ cpuLimitCores: cpuLimit(i.HostConfig) }))
        .catch(() => ({ cpuLimitCores: null }));
      this.limits.set(id, p);
    }
    return p;
  }
}

export function cpuLimit(hc: { NanoCpus?: number; CpuQuota?: number; CpuPeriod?: number } | undefined): number | null {
  if (!hc) return null;
  if (hc.NanoCpus && hc.NanoCpus > 0) return hc.NanoCpus / 1e9;
  if (hc.CpuQuota && hc.CpuQuota > 0) return hc.CpuQuota / (hc.CpuPeriod && hc.CpuPeriod > 0 ? hc.CpuPeriod : 100000);
  return null;
}

export function isGone(err: unknown): boolean {
  const code = (err as { statusCode?: number }).statusCode;
  return code === 404 || code === 409;
}

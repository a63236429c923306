import type { ContainerInfo, RawSample, SourceKind } from '../core/model/types.js';

/**
 * A stats source reads raw cumulative counters for one container. Implementations:
 * engine-api (dockerode), cgroup (cgroup fs + /proc), auto (cgroup with api fallback), replay, mock.
 */
export interface StatsSource {
  readonly kind: SourceKind | 'auto';
  /**
   * Reads the sampler may have in flight at once (default 16). Engine requests mostly wait on the
   * engine (a two-sample answer takes 1–2 s), so they want more than local reads do.
   */
  readonly concurrency?: number;
  /**
   * Read one container's counters now. Resolves null when the container vanished or is not
   * running (the sampler then reports zeros for stopped containers, like docker). Rejects only
   * on errors worth surfacing (engine unreachable, permission denied).
   */
  sample(container: ContainerInfo, signal?: AbortSignal): Promise<RawSample | null>;
  /** Short text for headers when `kind` is not enough, e.g. "auto (cgroup 9, api 1)". */
  label?(): string;
  /** Called when a container is gone, so per-container caches are released. */
  forget?(id: string): void;
  /** The engine reported an OOM in this container: counters only an OOM moves are read on its next sample. */
  noteOom?(id: string): void;
  close?(): void;
}

export { UserFacingError } from '../core/model/errors.js';

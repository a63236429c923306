// A live session on a Docker-compatible engine: connection, host facts, the container list kept
// current by events, and the stats source the user chose (api, cgroup, or auto per container).
import type { EngineEvent } from '../../core/model/types.js';
import { ContainerTracker } from './container-tracker.js';
import { EngineApiSource } from './api-stats-source.js';
import { connect, explainEngineError, parseEngineHost, readHostInfo } from './connection.js';
import type { Session } from '../session.js';
import type { StatsSource } from '../source.js';
import { UserFacingError } from '../source.js';

export type SourceChoice = 'auto' | 'api' | 'cgroup';

export interface DockerSessionOptions {
  host?: string;
  source: SourceChoice;
  labelFilters?: string[];
  /** Follow /events and reconcile (live modes); a one-shot listing otherwise. */
  follow: boolean;
  onError?: (err: unknown) => void;
}

export async function createDockerSession(opts: DockerSessionOptions): Promise<Session> {
  const target = parseEngineHost(opts.host);
  const docker = connect(target);
  const host = await readHostInfo(docker, target);
  const listeners = new Set<(e: EngineEvent) => void>();
  const tracker = new ContainerTracker({
    docker,
    labelFilters: opts.labelFilters,
    onEvent: (e) => listeners.forEach((l) => l(e)),
    onError: opts.onError,
  });
  try {
    await tracker.start(opts.follow);
  } catch (err) {
    throw explainEngineError(err, target);
  }
  // Streams for live modes; the engine's own two-sample record for a single sample, as docker does.
  const api = new EngineApiSource({ docker, mode: opts.follow ? 'stream' : 'two-sample' });
  const source = await pickSource(opts.source, api, docker, host);
  return {
    host,
    source,
    docker,
    containers: () => tracker.containers(),
    sourceLabel: () => source.label?.() ?? source.kind,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      tracker.close();
      source.close?.();
    },
  };
}

async function pickSource(
  choice: SourceChoice,
  api: EngineApiSource,
  docker: Session['docker'] & object,
  host: NonNullable<Session['host']>,
): Promise<StatsSource> {
  if (choice === 'api') return api;
  const { CgroupSource } = await import('../cgroup/cgroup-source.js');
  const cgroup = new CgroupSource({ docker, hostMemBytes: host.memTotal });
  if (choice === 'cgroup') {
    if (!host.local)
      throw new UserFacingError('--source cgroup needs the engine on this host', 'use --source auto or api for a remote engine', 2);
    return cgroup;
  }
  const { AutoSource } = await import('./auto-source.js');
  return new AutoSource({ cgroup, api, local: host.local });
}

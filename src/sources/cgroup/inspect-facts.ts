// The few inspect facts the cgroup path needs per container start: the init PID to find the
// cgroup and /proc/<pid>/net/dev, StartedAt to notice a restart, and the network mode.
import type { EngineApi } from '../engine/engine-http.js';

/** What the cgroup path needs from `GET /containers/{id}/json`. */
export interface InspectFacts {
  pid: number; // State.Pid; 0 when not running
  startedAt: string; // State.StartedAt: changes on every (re)start
  networkMode: string; // HostConfig.NetworkMode
}

/** Resolves null when the engine does not know the container (404). */
export type InspectFn = (id: string, signal?: AbortSignal) => Promise<InspectFacts | null>;

export function dockerInspect(docker: EngineApi): InspectFn {
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

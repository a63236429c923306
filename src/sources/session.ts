// A session is where containers live: a Docker/Podman engine, a replay file or the seeded mock.
// The sampler reads containers and counters from it; the UI's actions and logs use its engine.
import type Docker from 'dockerode';
import type { ContainerInfo, EngineEvent, HostInfo } from '../core/model/types.js';
import type { StatsSource } from './source.js';

export interface Session {
  readonly host: HostInfo | null;
  readonly source: StatsSource;
  /** The engine, for actions, logs and inspect; absent for replay and mock. */
  readonly docker: Docker | null;
  /** Current containers, all states (views decide what to show). */
  containers(): ContainerInfo[];
  /** Short text for headers and --verbose, e.g. "cgroup" or "auto (cgroup 9, api 1)". */
  sourceLabel(): string;
  /** Replay advances one recorded tick here; live sessions do nothing. */
  beginTick?(): void;
  /** Follow lifecycle events (live sessions); returns an unsubscribe. */
  onEvent(listener: (e: EngineEvent) => void): () => void;
  close(): void;
}

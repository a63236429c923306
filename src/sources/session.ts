// A session is where containers live: a Docker/Podman engine, a replay file or the seeded mock.
// The sampler reads containers and counters from it; the UI's actions, logs and exec use its commands.
import type { EngineCommands } from '../commands/engine-commands.js';
import type { ContainerInfo, EngineEvent, EngineStatus, HostInfo } from '../core/model/types.js';
import type { StatsSource } from './source.js';

export interface Session {
  readonly host: HostInfo | null;
  readonly source: StatsSource;
  /** Inspect, actions, logs and exec on the engine that owns a container; replay and mock refuse them. */
  readonly commands: EngineCommands;
  /** Current containers, all states (views decide what to show). */
  containers(): ContainerInfo[];
  /** Short text for headers and --verbose, e.g. "cgroup" or "auto (cgroup 9, api 1)". */
  sourceLabel(): string;
  /** Replay advances one recorded tick here; live sessions do nothing. */
  beginTick?(): void;
  /** Follow lifecycle events (live sessions); returns an unsubscribe. */
  onEvent(listener: (e: EngineEvent) => void): () => void;
  /** Each watched engine's connection state (live engine sessions; absent for replay and mock). */
  engines?(): EngineStatus[];
  /** Told on every engine state change (down, connecting, up); returns an unsubscribe. */
  onEngineChange?(listener: (status: EngineStatus) => void): () => void;
  /** The engine's recent events (its own buffer), for `--events --no-stream`. */
  recentEvents?(): Promise<EngineEvent[]>;
  /** Set for a replay: where the playback is, in recorded time. */
  readonly replay?: ReplayControl;
  close(): void;
}

/** A replay's playback position, for pacing plain modes and showing the recorded time. */
export interface ReplayControl {
  /** Recorded time (ms since epoch) of the tick being played. */
  recordedTime(): number;
  /** Time to stamp this tick's rows with: the recorded time, moved forward on each loop. */
  clock(): number;
  /** Ticks played so far (1-based once playing) and ticks in the file. */
  position(): { tick: number; ticks: number };
  /** Recorded ms between the current tick and the next, or null after the last one (no loop). */
  untilNext(): number | null;
}

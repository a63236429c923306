// What the live screen can ask of the engine that owns a container: inspect it, act on it,
// follow its logs, run a shell in it. One interface, implemented per engine (docker/ for Docker
// and Podman) and refused with one clear line where there is no engine (replay, mock). The UI
// only ever sees this interface, so it imports neither dockerode nor child_process.
//
// Every call is keyed by the container (`CommandTarget`: its id, plus `host`/`engineId` when a
// fleet watches several engines), so a fleet can route each call to the engine that owns it.
import type { ContainerDetails } from '../core/model/container-details.js';
import type { EngineAction, KillSignal } from '../core/model/actions.js';
import type { ContainerInfo } from '../core/model/types.js';
import type { NewLogLine } from '../core/logs/log-buffer.js';

/** The container a command is for: ContainerInfo and ActionTarget both fit. */
export type CommandTarget = Pick<ContainerInfo, 'id'> & Partial<Pick<ContainerInfo, 'name' | 'host' | 'engineId'>>;

export type ActionResult = { ok: true } | { ok: false; error: string };

export interface RunActionOptions {
  /** kill only; the engine's default is SIGKILL. */
  signal?: KillSignal;
  /** remove only: kill a running container first. */
  force?: boolean;
  /** stop/restart: seconds the engine waits after SIGTERM before SIGKILL (docker's default 10). */
  stopGraceSeconds?: number;
  /** Overrides the computed time limit (ms). */
  timeoutMs?: number;
}

export type LogStreamStatus =
  | { state: 'connecting' }
  | { state: 'following'; tty: boolean }
  | { state: 'ended'; reason: 'stopped' | 'removed' | 'lost' }
  | { state: 'error'; message: string }
  | { state: 'closed' };

export interface FollowLogsOptions {
  /** Lines of history to start with (the engine's `tail`). */
  tail?: number;
  maxLineLength?: number;
  /** Called once per received chunk with every complete line in it. */
  onLines: (lines: NewLogLine[]) => void;
  onStatus?: (status: LogStreamStatus) => void;
}

export interface LogFollower {
  close(): void;
  /** Settles when the stream has ended, failed or been closed. */
  readonly done: Promise<void>;
}

/** Puts the UI aside and back around an interactive shell. Neither may throw. */
export interface UiSuspender {
  suspend(): void;
  resume(): void;
}

export type ExecOutcome =
  | { ok: true; shell: string; exitCode: number | null }
  | { ok: false; reason: 'disabled' | 'no-cli' | 'no-shell' | 'engine' | 'spawn'; message: string };

export interface ExecOptions {
  /** Why exec is off (--read-only): refused before anything runs. */
  disabled?: string | null;
}

export interface EngineCommands {
  /** Why nothing here works (replay, mock), for the UI to say up front; null on a live engine. */
  readonly unavailable: string | null;
  inspect(target: CommandTarget): Promise<ContainerDetails>;
  /** Resolves, never rejects: a failure is the engine's own words. */
  runAction(target: CommandTarget, action: EngineAction, opts?: RunActionOptions): Promise<ActionResult>;
  followLogs(target: CommandTarget, opts: FollowLogsOptions): LogFollower;
  exec(target: CommandTarget, ui: UiSuspender, opts?: ExecOptions): Promise<ExecOutcome>;
}

/** An error whose message is already fit for the screen (inspect's refusal, for one). */
export class CommandRefused extends Error {}

/** For sessions with no engine to act on: every command says so, nothing throws unexpectedly. */
export function refusingCommands(kind: string): EngineCommands {
  const why = `${kind}: no engine to act on`;
  return {
    unavailable: why,
    inspect: () => Promise.reject(new CommandRefused(why)),
    runAction: () => Promise.resolve({ ok: false, error: why }),
    followLogs(_target, opts) {
      opts.onLines([{ stream: 'system', time: null, text: `— ${why} —` }]);
      opts.onStatus?.({ state: 'error', message: why });
      return { close: () => undefined, done: Promise.resolve() };
    },
    exec: (_target, _ui, opts) => Promise.resolve({ ok: false, reason: opts?.disabled ? 'disabled' : 'engine', message: opts?.disabled ?? why }),
  };
}

// EngineCommands on one Docker or Podman engine (dockerode), for the live screen: inspect,
// actions, logs and exec, each bounded and reporting the engine's own words. A fleet of engines
// routes each call to the engine named by the target's `host`, then calls one of these.
import type Docker from 'dockerode';
import { CommandRefused, type CommandTarget, type EngineCommands } from '../engine-commands.js';
import { runAction } from './container-actions.js';
import { execShell } from './exec.js';
import { inspectDetails, inspectErrorText } from './inspect.js';
import { followLogs } from './log-stream.js';

export interface DockerCommandsOptions {
  /** -H: exec's docker CLI talks to the same engine (DOCKER_HOST is inherited anyway). */
  host?: string;
}

/** The engine's own id: a fleet key `<host>/<id>` carries it in `engineId`. */
const engineIdOf = (t: CommandTarget) => t.engineId ?? t.id;

export function dockerCommands(docker: Docker, opts: DockerCommandsOptions = {}): EngineCommands {
  return {
    unavailable: null,
    inspect: (t) =>
      inspectDetails(docker, engineIdOf(t)).catch((err: unknown) => {
        throw new CommandRefused(inspectErrorText(err));
      }),
    runAction: (t, action, o) => runAction(docker, engineIdOf(t), action, o),
    followLogs: (t, o) => followLogs(docker, engineIdOf(t), o),
    exec: (t, ui, o) => execShell(docker, engineIdOf(t), ui, { host: opts.host, disabled: o?.disabled }),
  };
}

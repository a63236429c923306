// The engines a Prometheus session's commands may go to: the ones the user configured alongside
// --prometheus (-H, --context, else the config file's Docker engines). Only their commands are
// used (inspect, actions, logs, exec); nothing is listed or sampled there.
import type { RouteEngine } from '../../commands/routed-commands.js';
import type { NamedEngine } from '../engine/engine-specs.js';

export interface RouteChoice {
  hosts: readonly string[];
  contexts: readonly string[];
  config?: readonly NamedEngine[];
}

/** Empty when no engine was named: then the rows stay read-only. */
export async function routeEngines(choice: RouteChoice, env: NodeJS.ProcessEnv = process.env): Promise<RouteEngine[]> {
  if (choice.hosts.length === 0 && choice.contexts.length === 0 && (choice.config?.length ?? 0) === 0) return [];
  const { resolveEngines } = await import('../engine/engine-specs.js');
  const { connect } = await import('../engine/connection.js');
  const { dockerCommands } = await import('../../commands/docker/docker-commands.js');
  const { UserFacingError } = await import('../../core/model/errors.js');
  return resolveEngines(choice, env).map((spec) => {
    // ssh:// needs the session's own tunnel (ssh-tunnel.ts), which is not opened for commands alone.
    if (spec.target.ssh) throw new UserFacingError(`engine ${spec.name}: ssh:// engines cannot take a Prometheus row's commands yet`, 'use a unix:// or tcp:// address, or leave it out', 2);
    return { name: spec.name, commands: dockerCommands(connect(spec.target), { host: spec.target.url }) };
  });
}

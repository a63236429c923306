// Opening a Prometheus session from the command line's options, for every mode that reads
// containers (the plain modes and the live screen in cli.ts; `check` can call the same).
// Engines given alongside (-H, --context, the config file's Docker engines) do not add rows: they
// take the commands (actions, logs, exec, inspect) of the Prometheus rows whose containers they own.
import type { CliOptions } from '../../cli-options.js';
import { UserFacingError } from '../../core/model/errors.js';
import type { NamedEngine } from '../engine/engine-specs.js';
import { createPrometheusSession, type PrometheusSession } from './prometheus-session.js';

type Needed = Pick<CliOptions, 'prometheus' | 'hosts' | 'contexts' | 'selector' | 'filter' | 'groupBy' | 'intervalMs'>;

export async function openPrometheusSession(opts: Needed, configEngines?: readonly NamedEngine[]): Promise<PrometheusSession> {
  if (!opts.prometheus) throw new UserFacingError('--prometheus: no URL given', undefined, 2);
  const { routeEngines } = await import('./route-engines.js');
  const engines = await routeEngines({ hosts: opts.hosts, contexts: opts.contexts, config: configEngines });
  const session = await createPrometheusSession({ ...opts.prometheus, selectors: opts.selector, filter: opts.filter, groupBy: opts.groupBy, intervalMs: opts.intervalMs });
  if (engines.length === 0) return session;
  const { routedCommands } = await import('../../commands/routed-commands.js');
  return Object.assign(session, { commands: routedCommands(session.commands, engines) });
}

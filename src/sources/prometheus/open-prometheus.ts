// Opening a Prometheus session from the command line's options, for every mode that reads
// containers (the plain modes and the live screen in cli.ts; `check` can call the same).
import type { CliOptions } from '../../cli-options.js';
import { UserFacingError } from '../../core/model/errors.js';
import { createPrometheusSession, type PrometheusSession } from './prometheus-session.js';

type Needed = Pick<CliOptions, 'prometheus' | 'hosts' | 'contexts' | 'selector' | 'filter' | 'groupBy' | 'intervalMs'>;

export async function openPrometheusSession(opts: Needed): Promise<PrometheusSession> {
  if (!opts.prometheus) throw new UserFacingError('--prometheus: no URL given', undefined, 2);
  if (opts.hosts.length > 0 || opts.contexts.length > 0)
    throw new UserFacingError('--prometheus reads the fleet from Prometheus; -H/--context watch engines', 'pick one', 2);
  return createPrometheusSession({ ...opts.prometheus, selectors: opts.selector, filter: opts.filter, groupBy: opts.groupBy, intervalMs: opts.intervalMs });
}

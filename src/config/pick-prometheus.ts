// Which of the config file's Prometheus engines (if any) this run reads, chosen the way the
// config's Docker engines are: the flags win (-H/--context watch engines, --prometheus URL reads
// that server), else the config's `engines` apply. `--prometheus NAME` picks one entry by name.
import type { Command } from 'commander';
import { UserFacingError } from '../core/model/errors.js';
import { prometheusOptionValues, type ConfigPrometheus } from './config-prometheus.js';

// A bare name (no scheme, no colon) can never be a Prometheus URL, so it names a config entry.
const BARE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export interface PickedPrometheus {
  entry: ConfigPrometheus;
  /** commander option values; `prometheus` replaces the name given, the rest go under the flags. */
  values: Record<string, string | boolean | undefined>;
}

export function pickConfigPrometheus(program: Command, entries: readonly ConfigPrometheus[], path: string, env: NodeJS.ProcessEnv): PickedPrometheus | null {
  const given = program.opts().prometheus as string | undefined;
  const known = entries.map((e) => e.name).join(', ');
  let entry: ConfigPrometheus | undefined;
  if (given !== undefined) {
    if (!BARE_NAME.test(given)) return null; // a URL: the flags alone
    entry = entries.find((e) => e.name === given);
    if (!entry)
      throw new UserFacingError(
        `--prometheus ${given}: not a URL, and ${path} names no Prometheus engine ${JSON.stringify(given)}${known ? ` (it has: ${known})` : ''}`,
        'give a URL such as http://127.0.0.1:9090, or a name from the config file',
        2,
      );
  } else {
    const hosts = (program.opts().host as string[] | undefined) ?? [];
    const contexts = (program.opts().context as string[] | undefined) ?? [];
    const other = program.opts().replay !== undefined || program.opts().mock !== undefined; // a source of its own
    if (entries.length === 0 || hosts.length > 0 || contexts.length > 0 || other) return null;
    if (entries.length > 1)
      throw new UserFacingError(`${path} names ${entries.length} Prometheus engines (${known})`, 'pick one with --prometheus NAME, or -H/--context for Docker engines', 2);
    entry = entries[0];
  }
  return { entry, values: prometheusOptionValues(entry, env) };
}

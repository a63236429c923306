// The CLI's side of engines and the config file: which engines to open (flags, config, Docker
// contexts, environment), the config file's defaults under the flags, --print-config, and the
// per-engine warnings of a one-shot run. Kept out of cli.ts so that file stays a thin dispatcher.
import type { Command } from 'commander';
import type { CliOptions } from './cli-options.js';
import { loadConfig, type LoadedConfig } from './config/config-file.js';
import { pickConfigPrometheus } from './config/pick-prometheus.js';
import { sanitize } from './core/model/sanitize.js';
import type { Session } from './sources/session.js';

let loaded: LoadedConfig | null = null;

/**
 * Reads the config file and puts its values under the flags: an option the user gave keeps its
 * value; one left at its default takes the file's. A bad file is one clear line (UserFacingError).
 */
export function applyConfigFile(program: Command, env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  loaded = loadConfig(env);
  const s = loaded.settings;
  const set = (key: string, value: unknown) => {
    if (value === undefined) return;
    const from = program.getOptionValueSource(key);
    if (from === undefined || from === 'default') program.setOptionValueWithSource(key, value, 'config');
  };
  set('interval', s.intervalMs);
  set('source', s.source);
  set('theme', s.theme);
  set('groupBy', s.groupBy);
  const prom = pickConfigPrometheus(program, s.prometheus ?? [], loaded.path, env);
  for (const [key, value] of Object.entries(prom?.values ?? {})) {
    if (key === 'prometheus') program.setOptionValueWithSource(key, value, 'config'); // the URL replaces a name given to --prometheus
    else set(key, value);
  }
  return loaded;
}

export function loadedConfig(): LoadedConfig | null {
  return loaded;
}

/**
 * Opens the engines the flags, config and environment name: one session, or a fleet of several.
 * `detail`: read the exporters' finer counters too (DockerSessionOptions.detail).
 */
export async function openEngineSession(opts: CliOptions, labelFilters: string[], follow: boolean, onError?: (err: unknown) => void, detail = false): Promise<Session> {
  const { resolveEngines } = await import('./sources/engine/engine-specs.js');
  const specs = resolveEngines({ hosts: opts.hosts, contexts: opts.contexts, config: loaded?.settings.engines });
  if (opts.verbose && specs.length > 1)
    for (const s of specs) process.stderr.write(`ctop-ts: engine ${s.name}: ${sanitize(s.target.url)} (${s.origin})\n`);
  const { openEngines } = await import('./sources/fleet.js');
  const session = await openEngines(specs, { source: opts.source, labelFilters, follow, onError, intervalMs: opts.intervalMs, detail });
  if (opts.verbose && specs.length > 1)
    for (const e of session.engines?.() ?? []) process.stderr.write(`ctop-ts: engine ${e.name}: ${e.state}${e.reason ? ` (${sanitize(e.reason)})` : ''}, source ${e.sourceLabel || '-'}\n`);
  return session;
}

/**
 * After a one-shot sample: one warning line per engine that did not answer. The process exits 0
 * when at least one engine answered (opening fails with exit 1 when none does).
 */
export function warnDownEngines(session: Session): void {
  for (const e of session.engines?.() ?? []) {
    if (e.state === 'up') continue;
    process.stderr.write(`ctop-ts: warning: engine ${e.name} did not answer: ${sanitize(e.reason ?? e.state)}\n`);
  }
}

/** --print-config: the effective settings as YAML, with where the engines come from. */
export async function printConfig(opts: CliOptions, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const { stringify } = await import('yaml');
  const { resolveEngines } = await import('./sources/engine/engine-specs.js');
  const s = loaded?.settings ?? {};
  const specs = resolveEngines({ hosts: opts.hosts, contexts: opts.contexts, config: s.engines }, env);
  const doc = {
    'config-file': loaded ? `${loaded.path}${loaded.exists ? '' : ' (not found; defaults)'}` : null,
    engines: Object.fromEntries(specs.map((e) => [e.name, { host: e.target.url, from: e.origin, tls: e.target.options.protocol === 'https' }])),
    ...(opts.prometheus && { prometheus: { url: sanitize(opts.prometheus.url.replace(/\/\/[^@/]*@/, '//')) /* never a user:pass@ */, ...(s.prometheus?.find((p) => p.url === opts.prometheus?.url) && { from: 'config' }) } }),
    interval: `${opts.intervalMs}ms`,
    source: opts.source,
    theme: opts.theme,
    columns: s.columns ?? 'default',
    sort: s.sort ? `${s.sort.reverse ? '-' : ''}${s.sort.field}` : 'default',
    'group-by': opts.groupBy ?? null,
  };
  return stringify(doc);
}

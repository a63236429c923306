// `ctop-ts serve`: its own commander command (the root dispatches here before parsing), sharing
// the engine, source and selector options with the root command through addSourceOptions.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { addSourceOptions, parseInterval, resolveOptions, type CliOptions } from './cli-options.js';
import { addInfluxOptions, influxTarget } from './cli-influx.js';
import { UserFacingError } from './core/model/errors.js';
import { sanitize } from './core/model/sanitize.js';
import { buildPredicate } from './core/query/query.js';
import type { Session } from './sources/session.js';

/**
 * The default port. Prometheus's exporter port list has allocated all of 9100–9999, so ctop-ts
 * stays outside that range, away from cAdvisor (8080) and the engine's own metrics (9323).
 */
export const DEFAULT_SERVE_PORT = 19184;

export interface ListenAddress {
  host: string;
  port: number;
}

/** `HOST:PORT`, `[v6]:PORT`, `:PORT` (every interface, as Go's listeners read it) or `PORT` (loopback). */
export function parseListen(value: string): ListenAddress {
  const bare = /^(\d{1,5})$/.exec(value);
  const m = bare ? null : /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]*)):(\d{1,5})$/.exec(value);
  const port = Number(bare ? bare[1] : m?.[3]);
  if ((!bare && !m) || !(port >= 0 && port <= 65535)) throw new InvalidArgumentError('expected HOST:PORT, :PORT or PORT');
  if (bare) return { host: '127.0.0.1', port };
  const host = m![1] ?? m![2];
  return { host: host === '' ? '0.0.0.0' : host, port };
}

/** `--label-allowlist a,b,com.example.*`: exact keys or prefixes ending in `*`; empty means none. */
export function parseAllowlist(value: string): (key: string) => boolean {
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  const exact = new Set(items.filter((s) => !s.endsWith('*')));
  const prefixes = items.filter((s) => s.endsWith('*')).map((s) => s.slice(0, -1));
  return (key) => exact.has(key) || prefixes.some((p) => key.startsWith(p));
}

export function buildServeCommand(version: string): Command {
  const cmd = new Command('ctop-ts serve')
    .description('Serve container metrics for Prometheus (cAdvisor names) on /metrics; /healthz answers ok.')
    .version(version, '-V, --version');
  return addInfluxOptions(addSourceOptions(cmd))
    .addOption(new Option('--listen <addr>', 'address to listen on: HOST:PORT, :PORT (all interfaces) or PORT').argParser(parseListen).default({ host: '127.0.0.1', port: DEFAULT_SERVE_PORT }, `127.0.0.1:${DEFAULT_SERVE_PORT}`))
    .option('--web-config <file>', 'TLS and basic auth, in the Prometheus exporter-toolkit web config format')
    .option('--label-allowlist <keys>', 'container labels exported as container_label_* (comma list, prefix*); default all, "" none', parseAllowlist)
    .addOption(new Option('--scrape-timeout <duration>', 'deadline for reading every container in one scrape').argParser(parseInterval).default(5000, '5s'))
    .showHelpAfterError('  hint: run ctop-ts serve --help for usage')
    .allowExcessArguments(false);
}

/** The same sources as the root command (engines, config file, contexts, fleet, mock, replay). */
async function openServeSession(opts: CliOptions, engineLabels: string[], onError?: (err: unknown) => void): Promise<Session> {
  if (opts.prometheus !== undefined) throw new UserFacingError('serve exports counters read from engines; --prometheus reads rates back', 'point serve at an engine (-H, --context)', 2);
  if (opts.replay !== undefined) {
    const { createReplaySession } = await import('./sources/replay/replay-session.js');
    return createReplaySession(opts.replay, { loop: true });
  }
  if (opts.mock !== undefined) {
    const { createMockSession } = await import('./sources/mock/mock-session.js');
    return createMockSession({ seed: opts.mock, count: opts.mockCount });
  }
  // follow: the container list is kept current by engine events, so a scrape never lists containers.
  const { openEngineSession } = await import('./cli-engines.js');
  return openEngineSession(opts, engineLabels, true, onError, true);
}

export async function runServeCli(args: string[]): Promise<void> {
  const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  const cmd = buildServeCommand(version).exitOverride();
  cmd.configureOutput({ writeErr: (s) => process.stderr.write(s.startsWith('error:') ? `ctop-ts: ${s.slice(7)}` : s) });
  try {
    cmd.parse(args, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) process.exit(err.exitCode === 0 ? 0 : 2);
    throw err;
  }
  if (cmd.getOptionValueSource('groupBy') === 'cli') throw new UserFacingError('serve does not group', 'sum by a label in PromQL instead (container_label_*)', 2);
  const { applyConfigFile } = await import('./cli-engines.js');
  applyConfigFile(cmd); // engines and defaults from the config file, as for the root command
  const o = cmd.opts();
  const opts = resolveOptions(o, process.env, false, false);
  const query = buildPredicate(opts.selector, opts.filter);
  let web = null;
  let reloadWeb;
  if (o.webConfig) {
    const { loadWebConfig, webConfigReloader } = await import('./serve/web-config.js');
    web = loadWebConfig(o.webConfig as string);
    reloadWeb = webConfigReloader(o.webConfig as string, web, (message) => process.stderr.write(`ctop-ts: ${sanitize(message)}\n`));
  }
  const target = influxTarget(o, process.env); // bad --influx-* flags fail before any engine work
  const log = (line: string) => process.stderr.write(`ctop-ts: ${sanitize(line)}\n`);
  const session = await openServeSession(opts, query.engineLabels, o.verbose ? (err) => log(String((err as Error)?.message ?? err)) : undefined);
  const listen = o.listen as ListenAddress;
  // --influx-url beside serve: pushed every --interval (the one part that is not pull), and the
  // dropped count shows up in /metrics as ctop_influx_dropped_points_total.
  let pusher: import('./modes/influx-push.js').InfluxPusher | undefined;
  if (target) {
    const { InfluxPusher } = await import('./modes/influx-push.js');
    pusher = new InfluxPusher({
      target,
      onFatal: (message) => {
        log(message);
        session.close();
        process.exit(1);
      },
      onNote: o.verbose ? log : undefined,
    });
    const { runInfluxStream } = await import('./modes/influx-stream.js');
    await runInfluxStream(session, { all: opts.all, intervalMs: opts.intervalMs, predicate: query.predicate, pusher });
  }
  const { runServe } = await import('./modes/serve.js');
  let serve;
  try {
    serve = await runServe({
      session,
      version,
      host: listen.host,
      port: listen.port,
      web,
      reloadWeb,
      all: opts.all,
      predicate: query.predicate,
      labelAllowed: o.labelAllowlist as ((key: string) => boolean) | undefined,
      scrapeTimeoutMs: o.scrapeTimeout as number,
      log: o.verbose ? log : undefined,
      influxDropped: pusher ? () => pusher.dropped : undefined,
    });
  } catch (err) {
    session.close();
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') throw new UserFacingError(`cannot listen on ${listen.host}:${listen.port}: the address is in use`, 'pick another with --listen HOST:PORT', 1);
    if (e.code === 'EACCES' || e.code === 'EADDRNOTAVAIL') throw new UserFacingError(`cannot listen on ${listen.host}:${listen.port}: ${e.code}`, 'pick another with --listen HOST:PORT', 1);
    throw err;
  }
  log(`serving ${serve.server.url}/metrics (source ${session.sourceLabel()}${web?.users.size ? ', basic auth' : ''})`);
  const stop = () => {
    void serve.close().finally(() => {
      session.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

// Command-line flags: parsed and validated once, before any engine work, so bad input gets one
// clear line and exit code 2.
import { Command, InvalidArgumentError, Option } from 'commander';
import type { SourceChoice } from './sources/engine/docker-session.js';
import { UserFacingError } from './core/model/errors.js';
import { addInfluxOptions } from './cli-influx.js';
import { addPrometheusOptions, resolvePrometheusOptions, type PrometheusCliOptions } from './sources/prometheus/prometheus-options.js';

export type Mode = 'live' | 'once' | 'json-stream' | 'events';

export interface CliOptions {
  host?: string; // the first -H (several: `hosts`)
  hosts: string[]; // every -H, in order; NAME=URL names one
  contexts: string[]; // every --context
  printConfig: boolean;
  /** From the config file (no flags for these): the live table's first sort and shown columns. */
  view?: { sort?: { field: string; reverse: boolean }; columns?: string[] };
  all: boolean;
  stream: boolean; // false with --no-stream
  trunc: boolean; // false with --no-trunc
  json: boolean;
  format?: string; // --format: json, table, a docker stats template, or `table TEMPLATE`
  warning?: string[]; // --warning FIELD=RANGE | state rule (repeatable): marks rows, --json rule results
  critical?: string[];
  events: boolean;
  intervalMs: number;
  source: SourceChoice;
  verbose: boolean;
  selector: string[];
  filter?: string;
  groupBy?: string;
  replay?: string;
  replaySpeed: number; // plain modes' replay pace: 1 = as recorded, 0 = as fast as possible
  mock?: number; // seed
  mockCount?: number; // containers the mock generates (default 24)
  prometheus?: PrometheusCliOptions; // --prometheus URL and its auth/TLS flags
  record?: string;
  color: boolean; // false with --no-color or NO_COLOR
  theme: 'dark' | 'light';
  readOnly: boolean;
  mode: Mode;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Accepts seconds ("1", "0.5", "2s"), milliseconds ("500ms"), minutes ("30m") or hours ("1h"); 100 ms to 1 hour. */
export function parseInterval(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(value);
  if (!m) throw new InvalidArgumentError('expected seconds (1, 0.5, 2s), or 500ms, 30m, 1h');
  const ms = Number(m[1]) * UNIT_MS[m[2] ?? 's'];
  if (ms < 100 || ms > 3_600_000) throw new InvalidArgumentError('must be between 100ms and 1h');
  return Math.round(ms);
}

/** A factor ("2" plays twice as fast) or "max" (as fast as possible). */
export function parseReplaySpeed(value: string): number {
  if (/^\s*max\s*$/i.test(value)) return 0;
  const m = /^\s*(\d+(?:\.\d+)?)x?\s*$/i.exec(value);
  if (!m || Number(m[1]) <= 0) throw new InvalidArgumentError('expected a factor like 1, 2 or 0.5, or max');
  return Number(m[1]);
}

function collect(value: string, previous: string[] | undefined): string[] {
  return (previous ?? []).concat(value);
}

function parseMockCount(value: string): number {
  if (!/^\d{1,6}$/.test(value) || Number(value) < 1 || Number(value) > 100_000) throw new InvalidArgumentError('expected a whole number from 1 to 100000');
  return Number(value);
}

function parseSeed(value: string): number {
  if (!/^\d{1,9}$/.test(value)) throw new InvalidArgumentError('expected a whole number seed');
  return Number(value);
}

/**
 * Where containers come from and which ones: shared by the root command and the subcommands
 * (`serve`, `check`), so every mode reads engines, selects and groups the same way.
 */
export function addSourceOptions(cmd: Command): Command {
  const withEngines = cmd
    .option('-H, --host <url>', 'engine address: unix:///path, tcp://host:port or ssh://user@host; repeatable, NAME=URL names it (default: $DOCKER_HOST or the local socket)', collect)
    .option('--context <name>', 'a Docker CLI context to watch (repeatable; default: $DOCKER_CONTEXT or the current context)', collect)
    .option('-a, --all', 'include stopped containers')
    .addOption(new Option('-i, --interval <duration>', 'sampling interval: 1, 0.5, 2s, 500ms, 30m or 1h (100ms to 1h)').argParser(parseInterval).default(1000, '1s'))
    .addOption(new Option('--source <source>', 'where counters come from').choices(['auto', 'api', 'cgroup']).default('auto'))
    .option('-v, --verbose', 'say which source serves each container, on stderr')
    .option('-l, --selector <selector>', 'label selector, e.g. app=web,env!=dev (repeatable, ANDed)', collect)
    .option('-f, --filter <text>', 'text that names, images or IDs must contain (or a selector)')
    .option('-g, --group-by <key>', 'group with totals by a label key, or compose, image, state')
    .option('--replay <file>', 'drive ctop-ts from a recorded file instead of an engine (plain modes play it once and exit)')
    .addOption(new Option('--replay-speed <factor>', 'plain modes: replay pace, a factor or max (as fast as possible)').argParser(parseReplaySpeed).default(1, '1'))
    .option('--mock [seed]', 'drive ctop-ts from generated containers (demo and tests)', parseSeed)
    .option('--mock-count <n>', 'how many containers --mock generates (1 to 100000; default 24)', parseMockCount);
  return addPrometheusOptions(withEngines);
}

/** The commands a `docker stats` or ctop user types first, at the end of `ctop-ts --help`. */
const EXAMPLES = `
Examples:
  ctop-ts                            live table (press ? for every key)
  ctop-ts -a -g compose              all containers, grouped by compose project
  ctop-ts --no-stream                one sample as docker stats' table
  ctop-ts --no-stream --format json  like docker stats --no-stream --format json
  ctop-ts --json | jq -c .name       raw numbers as NDJSON, a line per container
  ctop-ts -l app=web,env!=dev        only containers with these labels
  ctop-ts -H ssh://me@build-box      a remote engine (repeat -H for several)
  ctop-ts --events                   container lifecycle events as NDJSON
`;

export function buildProgram(version: string): Command {
  const program = new Command('ctop-ts')
    .description('Live container monitor for Docker and Podman, with numbers that agree with `docker stats`.')
    .version(version, '-V, --version');
  return addInfluxOptions(addSourceOptions(program))
    .option('--no-stream', 'print one sample as a table (like `docker stats --no-stream`) and exit')
    .option('--no-trunc', 'show full container IDs')
    .option('--json', 'print NDJSON with raw numbers (one line per container per tick; with --no-stream, one sample)')
    .option('--format <format>', 'print like `docker stats --format`: json, table, a Go template such as "{{.Name}} {{.CPUPerc}}", or "table TEMPLATE"; influx: InfluxDB line protocol')
    .option('-w, --warning <rule>', 'FIELD=RANGE (Nagios range) or a state rule that counts as a warning; repeatable (see `ctop-ts check --help`)', collect)
    .option('-c, --critical <rule>', 'FIELD=RANGE or a state rule that counts as critical; repeatable', collect)
    .option('--events', 'print container lifecycle events as NDJSON until interrupted')
    .option('--record <file>', 'record every tick to a file that --replay can play back')
    .option('--no-color', 'monochrome output (also when NO_COLOR is set)')
    .addOption(new Option('--theme <theme>', 'colour theme').choices(['dark', 'light']).default('dark'))
    .option('--read-only', 'disable container actions (stop, kill, remove, exec)')
    .option('--print-config', 'print the effective settings (config file + flags) and exit')
    .addHelpText('after', EXAMPLES)
    .showHelpAfterError('  hint: run ctop-ts --help for usage') // same shape as every other error's hint line
    .allowExcessArguments(false);
}

/**
 * Flag combinations that mean nothing, refused with one line instead of silently ignored.
 * `--events --no-stream` is meaningful: the events the engine still holds, then exit.
 */
export function checkModeCombos(o: Pick<CliOptions, 'events' | 'groupBy' | 'replay' | 'mock' | 'stream' | 'mode' | 'replaySpeed'>): void {
  if (o.events && o.groupBy !== undefined)
    throw new UserFacingError('--group-by has no meaning with --events (events are not grouped)', 'select events with -l or -f instead', 2);
  if (o.replay !== undefined && o.mock !== undefined) throw new UserFacingError('--replay and --mock are two different sources', 'pick one', 2);
  if (o.replaySpeed !== 1 && o.replay === undefined) throw new UserFacingError('--replay-speed needs --replay', undefined, 2);
  if (o.replaySpeed !== 1 && o.mode === 'live')
    throw new UserFacingError('--replay-speed applies to plain modes (--json, --events)', 'the live screen plays at --interval', 2);
}

/** Turns commander's parsed values into CliOptions and decides the mode. */
export function resolveOptions(raw: Record<string, unknown>, env: NodeJS.ProcessEnv, stdoutIsTTY: boolean, stdinIsTTY: boolean): CliOptions {
  const o = raw as Record<string, never>;
  const json = Boolean(o.json);
  const events = Boolean(o.events);
  const stream = o.stream !== false;
  // Live screen only on a terminal; a pipe gets plain output, never escape sequences.
  const mode: Mode = events ? 'events' : json ? (stream ? 'json-stream' : 'once') : !stream || !stdoutIsTTY || !stdinIsTTY ? 'once' : 'live';
  const mock = o.mock as unknown;
  return {
    host: (o.host as string[] | undefined)?.[0],
    hosts: (o.host as string[] | undefined) ?? [],
    contexts: (o.context as string[] | undefined) ?? [],
    printConfig: Boolean(o.printConfig),
    all: Boolean(o.all),
    stream,
    trunc: o.trunc !== false,
    json,
    format: o.format,
    warning: o.warning,
    critical: o.critical,
    events,
    intervalMs: o.interval as number,
    source: o.source as SourceChoice,
    verbose: Boolean(o.verbose),
    selector: (o.selector as string[] | undefined) ?? [],
    filter: o.filter,
    groupBy: o.groupBy,
    replay: o.replay,
    replaySpeed: (o.replaySpeed as number | undefined) ?? 1,
    // --mock-count alone means the default seed.
    mock: mock === undefined ? (o.mockCount === undefined ? undefined : 1) : mock === true ? 1 : (mock as number),
    mockCount: o.mockCount,
    prometheus: resolvePrometheusOptions(raw, env),
    record: o.record,
    color: o.color !== false && !('NO_COLOR' in env && env.NO_COLOR !== ''),
    theme: o.theme as 'dark' | 'light',
    readOnly: Boolean(o.readOnly),
    mode,
  };
}

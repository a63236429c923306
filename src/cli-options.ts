// Command-line flags: parsed and validated once, before any engine work, so bad input gets one
// clear line and exit code 2.
import { Command, InvalidArgumentError, Option } from 'commander';
import type { SourceChoice } from './sources/engine/docker-session.js';

export type Mode = 'live' | 'once' | 'json-stream' | 'events';

export interface CliOptions {
  host?: string;
  all: boolean;
  stream: boolean; // false with --no-stream
  trunc: boolean; // false with --no-trunc
  json: boolean;
  events: boolean;
  intervalMs: number;
  source: SourceChoice;
  verbose: boolean;
  selector: string[];
  filter?: string;
  groupBy?: string;
  replay?: string;
  mock?: number; // seed
  record?: string;
  color: boolean; // false with --no-color or NO_COLOR
  theme: 'dark' | 'light';
  readOnly: boolean;
  mode: Mode;
}

/** Accepts seconds ("1", "0.5", "2s") or milliseconds ("500ms"); 100 ms to 1 hour. */
export function parseInterval(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s)?\s*$/.exec(value);
  if (!m) throw new InvalidArgumentError('expected seconds like 1, 0.5, 2s or 500ms');
  const ms = m[2] === 'ms' ? Number(m[1]) : Number(m[1]) * 1000;
  if (ms < 100 || ms > 3_600_000) throw new InvalidArgumentError('must be between 100ms and 1h');
  return Math.round(ms);
}

function collect(value: string, previous: string[] | undefined): string[] {
  return (previous ?? []).concat(value);
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
  return cmd
    .option('-H, --host <url>', 'engine address: unix:///path, tcp://host:port or ssh://user@host (default: $DOCKER_HOST or the local socket)')
    .option('-a, --all', 'include stopped containers')
    .addOption(new Option('-i, --interval <duration>', 'sampling interval: seconds (1, 0.5, 2s) or 500ms').argParser(parseInterval).default(1000, '1s'))
    .addOption(new Option('--source <source>', 'where counters come from').choices(['auto', 'api', 'cgroup']).default('auto'))
    .option('-v, --verbose', 'say which source serves each container, on stderr')
    .option('-l, --selector <selector>', 'label selector, e.g. app=web,env!=dev (repeatable, ANDed)', collect)
    .option('-f, --filter <text>', 'text that names, images or IDs must contain (or a selector)')
    .option('-g, --group-by <key>', 'group with totals by a label key, or compose, image, state')
    .option('--replay <file>', 'drive ctop-ts from a recorded file instead of an engine')
    .option('--mock [seed]', 'drive ctop-ts from generated containers (demo and tests)', parseSeed);
}

export function buildProgram(version: string): Command {
  const program = new Command('ctop-ts')
    .description('Live container monitor for Docker and Podman, with numbers that agree with `docker stats`.')
    .version(version, '-V, --version');
  return addSourceOptions(program)
    .option('--no-stream', 'print one sample as a table (like `docker stats --no-stream`) and exit')
    .option('--no-trunc', 'show full container IDs')
    .option('--json', 'print NDJSON with raw numbers (one line per container per tick; with --no-stream, one sample)')
    .option('--events', 'print container lifecycle events as NDJSON until interrupted')
    .option('--record <file>', 'record every tick to a file that --replay can play back')
    .option('--no-color', 'monochrome output (also when NO_COLOR is set)')
    .addOption(new Option('--theme <theme>', 'colour theme').choices(['dark', 'light']).default('dark'))
    .option('--read-only', 'disable container actions (stop, kill, remove, exec)')
    .showHelpAfterError('  hint: run ctop-ts --help for usage') // same shape as every other error's hint line
    .allowExcessArguments(false);
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
    host: o.host,
    all: Boolean(o.all),
    stream,
    trunc: o.trunc !== false,
    json,
    events,
    intervalMs: o.interval as number,
    source: o.source as SourceChoice,
    verbose: Boolean(o.verbose),
    selector: (o.selector as string[] | undefined) ?? [],
    filter: o.filter,
    groupBy: o.groupBy,
    replay: o.replay,
    mock: mock === undefined ? undefined : mock === true ? 1 : (mock as number),
    record: o.record,
    color: o.color !== false && !('NO_COLOR' in env && env.NO_COLOR !== ''),
    theme: o.theme as 'dark' | 'light',
    readOnly: Boolean(o.readOnly),
    mode,
  };
}

// `ctop-ts check`: a Nagios/Icinga plugin. Its own commander command (the root dispatches here
// before parsing), sharing engine, source and selector options through addSourceOptions.
// Plugin rules (Monitoring Plugins guidelines): everything goes to stdout, the first line starts
// `CTOP-TS <STATE> -`, and the exit code is the state: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.
// Usage errors (bad flags, bad thresholds, unknown fields) and --help/--version are UNKNOWN (3),
// as check_dummy and the other standard plugins do; so is an engine that cannot be read.
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { readFileSync } from 'node:fs';
import { addSourceOptions, parseInterval, resolveOptions, type CliOptions } from './cli-options.js';
import { UserFacingError } from './core/model/errors.js';
import { buildPredicate, checkGroupBy } from './core/query/query.js';
import { formatPluginOutput, pluginLine } from './core/thresholds/plugin-output.js';
import { buildRuleSet, isEmptyRuleSet, parseDuration, RuleError, STATE_RULES, type RuleSet } from './core/thresholds/rules.js';
import { CHECK_FIELDS } from './core/thresholds/fields.js';
import type { Session } from './sources/session.js';

const collect = (value: string, previous: string[] | undefined): string[] => (previous ?? []).concat(value);

function parseCount(value: string): number {
  if (!/^\d{1,6}$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}

function parseWindow(value: string): number {
  const ms = parseDuration(value);
  if (ms === null || ms < 0 || ms > 3_600_000) throw new InvalidArgumentError('expected a duration like 5s, 30s or 2m (up to 1h)');
  return ms;
}

function fieldHelp(): string {
  const fields = CHECK_FIELDS.map((f) => `  ${f.name.padEnd(12)} ${f.help}`).join('\n');
  const states = Object.entries(STATE_RULES).map(([k, v]) => `  ${k.padEnd(12)} ${v}`).join('\n');
  return `\nFields (FIELD=RANGE, Nagios ranges: 80 = above 80, 10: = below 10, @10:20 = inside, ~:5 = above 5):\n${fields}\n\nState rules (-w/-c NAME):\n${states}\n\nExit: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (engine unreadable, bad arguments, --help).\n`;
}

export function buildCheckCommand(version: string): Command {
  const cmd = new Command('ctop-ts check')
    .description('Nagios/Icinga plugin: thresholds on container metrics and states; exit 0/1/2/3.')
    .version(version, '-V, --version');
  return addSourceOptions(cmd)
    .option('-w, --warning <rule>', 'FIELD=RANGE or a state rule that makes WARNING (repeatable)', collect)
    .option('-c, --critical <rule>', 'FIELD=RANGE or a state rule that makes CRITICAL (repeatable)', collect)
    .option('--min-running <n>', 'CRITICAL when fewer containers run (per group with --group-by)', parseCount)
    .option('--window <duration>', 'a breach must last this long: every tick over it must breach (e.g. 5s)', parseWindow)
    .option('-t, --timeout <duration>', 'give up (UNKNOWN) after this long', parseInterval, 10_000)
    .addHelpText('after', fieldHelp())
    .allowExcessArguments(false);
}

async function openCheckSession(opts: CliOptions, engineLabels: string[]): Promise<Session> {
  if (opts.replay !== undefined) {
    const { createReplaySession } = await import('./sources/replay/replay-session.js');
    return createReplaySession(opts.replay);
  }
  if (opts.mock !== undefined) {
    const { createMockSession } = await import('./sources/mock/mock-session.js');
    return createMockSession({ seed: opts.mock, count: opts.mockCount });
  }
  if (opts.prometheus !== undefined) {
    const { openPrometheusSession } = await import('./sources/prometheus/open-prometheus.js');
    return openPrometheusSession(opts);
  }
  const { openEngineSession } = await import('./cli-engines.js');
  return openEngineSession(opts, engineLabels, false);
}

/** Writes the plugin text and exits with the state. */
function finish(text: string, state: number): never {
  process.stdout.write(text);
  process.exit(state);
}

const unknown = (text: string, details = ''): never => finish(pluginLine(3, text) + details, 3);

export async function runCheckCli(args: string[]): Promise<void> {
  const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  const cmd = buildCheckCommand(version).exitOverride();
  let usage = '';
  cmd.configureOutput({ writeErr: (s) => (usage += s), writeOut: (s) => process.stdout.write(s) });
  try {
    cmd.parse(args, { from: 'user' });
  } catch (err) {
    if (!(err instanceof CommanderError)) throw err;
    if (err.exitCode === 0) process.exit(3); // --help, --version: UNKNOWN, as the standard plugins do
    return unknown(`bad arguments: ${usage.replace(/^error: /, '').split('\n')[0]}`, 'run ctop-ts check --help for usage\n');
  }
  const raw = cmd.opts();
  const opts = resolveOptions({ ...raw, stream: false }, process.env, false, false);
  let rules: RuleSet;
  let query;
  try {
    rules = buildRuleSet({ warning: (raw.warning as string[]) ?? [], critical: (raw.critical as string[]) ?? [], minRunning: (raw.minRunning as number | undefined) ?? null });
    query = buildPredicate(opts.selector, opts.filter);
    checkGroupBy(opts.groupBy);
  } catch (err) {
    if (err instanceof RuleError) {
      const [first, ...rest] = err.format().split('\n');
      return unknown(first, rest.map((l) => `${l}\n`).join(''));
    }
    if (err instanceof UserFacingError) {
      const [first, ...rest] = err.message.split('\n');
      return unknown(first, rest.map((l) => `${l}\n`).join(''));
    }
    throw err;
  }
  if (isEmptyRuleSet(rules)) return unknown('nothing to check: give --warning/--critical rules or --min-running', 'run ctop-ts check --help for the fields and state rules\n');
  const windowMs = (raw.window as number | undefined) ?? 0;
  const timeoutMs = raw.timeout as number;
  if (windowMs >= timeoutMs) return unknown(`--window ${windowMs / 1000}s does not fit in --timeout ${timeoutMs / 1000}s`, 'raise --timeout or shorten --window\n');

  const timer = setTimeout(() => unknown(`timed out after ${timeoutMs / 1000}s`), timeoutMs);
  let session: Session;
  try {
    session = await openCheckSession(opts, query.engineLabels);
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return unknown(`cannot read the engine: ${why}`);
  }
  try {
    const { runCheck } = await import('./modes/check.js');
    const run = await runCheck(session, { rules, all: opts.all, predicate: query.predicate, groupBy: opts.groupBy, intervalMs: opts.intervalMs, windowMs });
    clearTimeout(timer);
    session.close();
    let state = run.result.state;
    const notes = run.downEngines.map((e) => `engine ${e}`);
    if (notes.length > 0 && state === 0) state = 3;
    const text = formatPluginOutput({ ...run.result, state }, notes);
    finish(text, state);
  } catch (err) {
    session.close();
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    unknown(`cannot read the engine: ${why}`);
  }
}

// Entry point: parse and validate flags, open a session, run the chosen mode. Errors reach the
// user as one line on stderr with a hint and a non-zero exit, never as a stack trace.
// Heavy modules load only in the mode that needs them: Ink for the live screen, dockerode (~0.4 s
// of start-up) only once an engine session is opened, so the live screen's first frame and
// `--help` do not wait for them.
import { CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { buildProgram, checkModeCombos, resolveOptions, type CliOptions } from './cli-options.js';
import { UserFacingError } from './core/model/errors.js';
import { buildPredicate, checkGroupBy, type Query } from './core/query/query.js';
import { visibleRows } from './core/query/row-filter.js';
import { sanitize } from './core/model/sanitize.js';
import { silenceLibraryWarnings } from './process-warnings.js';
import type { Session } from './sources/session.js';

const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

function fail(err: unknown): never {
  if (err instanceof UserFacingError) {
    const message = err.message.split('\n').map(sanitize).join('\n'); // multi-line: selector carets
    process.stderr.write(`ctop-ts: ${message}${err.hint ? `\n  hint: ${err.hint}` : ''}\n`);
    process.exit(err.exitCode);
  }
  const e = err as Error;
  process.stderr.write(`ctop-ts: unexpected error: ${sanitize(e?.message ?? String(err))}\n`);
  if (process.env.CTOP_DEBUG) process.stderr.write(`${e?.stack ?? ''}\n`);
  process.exit(70);
}

function write(text: string): void {
  process.stdout.write(text);
}

/** Where the containers come from: a replay, the mock, Prometheus, or one or more engines. */
async function openSource(opts: CliOptions, engineLabels: string[], follow: boolean, detail: boolean): Promise<Session> {
  if (opts.replay !== undefined) {
    const { createReplaySession } = await import('./sources/replay/replay-session.js');
    // The live screen loops; plain modes play the file once and exit.
    return createReplaySession(opts.replay, { loop: opts.mode === 'live' });
  }
  if (opts.mock !== undefined) {
    const { createMockSession } = await import('./sources/mock/mock-session.js');
    return createMockSession({ seed: opts.mock, count: opts.mockCount });
  }
  if (opts.prometheus !== undefined) {
    const { openPrometheusSession } = await import('./sources/prometheus/open-prometheus.js');
    return openPrometheusSession(opts, (await import('./cli-engines.js')).loadedConfig()?.settings.engines); // engines given too take the rows' commands
  }
  const verbose = opts.verbose ? (err: unknown) => process.stderr.write(`ctop-ts: ${sanitize(String((err as Error)?.message ?? err))}\n`) : undefined;
  const { openEngineSession } = await import('./cli-engines.js');
  return openEngineSession(opts, engineLabels, follow, verbose, detail);
}

/**
 * The session for every mode; --record wraps it here, the one place it applies (live screen
 * included). `detail`: the exporters' finer counters are read (a recording keeps them too).
 */
async function openSession(opts: CliOptions, engineLabels: string[], follow: boolean, detail = false): Promise<Session> {
  const session = await openSource(opts, engineLabels, follow, detail || opts.record !== undefined);
  if (opts.record === undefined) return session;
  const { recordSession } = await import('./sources/replay/recorder.js');
  return recordSession(session, opts.record, opts.intervalMs);
}

async function main(argv: string[]): Promise<void> {
  silenceLibraryWarnings(); // before dockerode can load
  // A closed pipe (`ctop-ts --json | head -1`) ends us quietly.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    fail(err);
  });
  if (argv[2] === 'serve') {
    const { runServeCli } = await import('./cli-serve.js');
    return runServeCli(argv.slice(3));
  }
  if (argv[2] === 'check') {
    const { runCheckCli } = await import('./cli-check.js');
    return runCheckCli(argv.slice(3));
  }
  const program = buildProgram(version).exitOverride();
  const { explainStrayArgs } = await import('./cli-stray-args.js');
  program.configureOutput({
    writeErr: (s) => {
      const text = explainStrayArgs(s, program.args);
      process.stderr.write(text.startsWith('error:') ? `ctop-ts: ${text.slice(7)}` : text);
    },
  });
  try {
    program.parse(argv);
  } catch (err) {
    if (err instanceof CommanderError) process.exit(err.exitCode === 0 ? 0 : 2);
    throw err;
  }
  const { applyConfigFile } = await import('./cli-engines.js');
  const loaded = applyConfigFile(program); // config file values under the flags; a bad file is one clear line
  const opts = resolveOptions(program.opts(), process.env, Boolean(process.stdout.isTTY), Boolean(process.stdin.isTTY));
  const { sort, columns } = loaded.settings;
  if (sort || columns) opts.view = { sort, columns };
  if (opts.printConfig) {
    const { printConfig } = await import('./cli-engines.js');
    return write(await printConfig(opts));
  }
  const query = buildPredicate(opts.selector, opts.filter); // throws a UserFacingError pointing at the bad character
  checkGroupBy(opts.groupBy);
  const { applyRuleOptions } = await import('./cli-rules.js');
  await applyRuleOptions(opts); // --warning/--critical: a bad rule is a caret and exit 2, before any engine work
  if (opts.record !== undefined && opts.mode !== 'live' && opts.mode !== 'json-stream')
    throw new UserFacingError('--record needs a streaming mode', 'use it with the live screen or --json', 2);
  checkModeCombos(opts);
  if (opts.record !== undefined) (await import('./sources/replay/recorder.js')).checkRecordPath(opts.record); // before any engine work

  if (opts.format !== undefined && opts.format !== 'influx') {
    const { runFormatCli } = await import('./cli-format.js');
    return runFormatCli(opts, query, () => openSession(opts, query.engineLabels, opts.stream), write, fail);
  }
  if (opts.format === 'influx' || Object.keys(program.opts()).some((k) => k.startsWith('influx'))) {
    const { runInfluxCli } = await import('./cli-influx.js');
    return runInfluxCli(program.opts(), opts, query, () => openSession(opts, query.engineLabels, opts.stream, true), write);
  }

  if (opts.mode === 'live') {
    const { forceColorFor } = await import('./output/color-level.js');
    const force = forceColorFor(process.env, Boolean(process.stdout.isTTY), opts.color);
    if (force !== null) process.env.FORCE_COLOR = force; // read by chalk when Ink loads
    const { runLiveScreen } = await import('./ui/run.js');
    await runLiveScreen({ options: opts, query, openSession: () => openSession(opts, query.engineLabels, true) });
    return;
  }

  await runPlain(opts, query);
}

/** The modes that print plain text or NDJSON: --no-stream, --json, --events. */
async function runPlain(opts: CliOptions, query: Query): Promise<void> {
  // --events --no-stream reads the engine's buffered events once: nothing to follow.
  const session = await openSession(opts, query.engineLabels, opts.mode === 'json-stream' || (opts.mode === 'events' && opts.stream));
  const note = (text: string) => process.stderr.write(`ctop-ts: ${text}\n`);
  if (opts.verbose) process.stderr.write(`ctop-ts: ${session.host?.engine ?? 'no engine'}, source ${session.sourceLabel()}\n`);
  const stop = () => {
    session.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  if (opts.mode === 'once') {
    const { sampleOnce } = await import('./modes/once.js');
    const snap = await sampleOnce(session, { all: opts.all, predicate: query.predicate });
    const rows = visibleRows(snap.rows, opts.all, query.predicate);
    (await import('./cli-engines.js')).warnDownEngines(session);
    if (opts.verbose) for (const r of rows) process.stderr.write(`ctop-ts: ${sanitize(r.info.name)}: source ${r.source ?? 'none'}\n`);
    if (opts.verbose && rows.length === 0) note(noMatchNote(opts, snap.rows.length));
    if (opts.groupBy) {
      const { groupedOutput } = await import('./output/grouped.js');
      write(groupedOutput(rows, opts.groupBy, { json: opts.json, noTrunc: !opts.trunc, memTotal: snap.host?.memTotal ?? 0 }));
    } else if (opts.json) {
      const { containerJson, ndjson } = await import('./output/json.js');
      write(ndjson(rows.map(containerJson)));
    } else {
      // Nothing matched: docker's header alone, as `docker stats --no-stream` prints it.
      const { dockerTable } = await import('./output/table.js');
      write(dockerTable(rows, !opts.trunc, (session.engines?.().length ?? 0) > 1 || undefined));
    }
    session.close();
    // An engine that accepted and never answered may still hold a socket: do not wait on it.
    if (session.engines?.().some((e) => e.state !== 'up')) process.exit(0);
  } else if (opts.mode === 'json-stream') {
    const { runJsonStream } = await import('./modes/json-stream.js');
    runJsonStream(session, { all: opts.all, intervalMs: opts.intervalMs, predicate: query.predicate, write, note, replaySpeed: opts.replaySpeed, onDone: stop, groupBy: opts.groupBy });
  } else if (!opts.stream) {
    const { printRecentEvents } = await import('./modes/events.js');
    const n = await printRecentEvents(session, query.predicate, write);
    if (opts.verbose) note(`${n} event(s) the engine still held`);
    stop();
  } else {
    const { runEvents } = await import('./modes/events.js');
    runEvents(session, query.predicate, write, { note, replaySpeed: opts.replaySpeed, onDone: stop });
  }
}

/** --verbose with no row to print: say why. */
function noMatchNote(opts: CliOptions, listed: number): string {
  const filtered = opts.selector.length > 0 || opts.filter !== undefined;
  // -l is sent to the engine as a label filter: then "none listed" is the filter's doing too.
  if (filtered) return `the filter matched no ${opts.all ? '' : 'running '}container${listed > 0 ? ` (${listed} listed)` : ''}`;
  if (listed === 0) return 'the engine lists no containers';
  return `no running container (${listed} listed; -a shows stopped ones)`;
}

main(process.argv).catch(fail);

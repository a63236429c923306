// Entry point: parse and validate flags, open a session, run the chosen mode. Errors reach the
// user as one line on stderr with a hint and a non-zero exit, never as a stack trace.
// Heavy modules load only in the mode that needs them: Ink for the live screen, dockerode (~0.4 s
// of start-up) only once an engine session is opened, so the live screen's first frame and
// `--help` do not wait for them.
import { CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { buildProgram, resolveOptions, type CliOptions } from './cli-options.js';
import { UserFacingError } from './core/model/errors.js';
import { buildPredicate, checkGroupBy, type Query } from './core/query/query.js';
import { visibleRows } from './core/query/row-filter.js';
import { sanitize } from './core/model/sanitize.js';
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

async function openSession(opts: CliOptions, engineLabels: string[], follow: boolean): Promise<Session> {
  if (opts.replay !== undefined) {
    const { createReplaySession } = await import('./sources/replay/replay-session.js');
    return createReplaySession(opts.replay);
  }
  if (opts.mock !== undefined) {
    const { createMockSession } = await import('./sources/mock/mock-session.js');
    return createMockSession({ seed: opts.mock });
  }
  const verbose = opts.verbose ? (err: unknown) => process.stderr.write(`ctop-ts: ${sanitize(String((err as Error)?.message ?? err))}\n`) : undefined;
  const { createDockerSession } = await import('./sources/engine/docker-session.js');
  const session = await createDockerSession({ host: opts.host, source: opts.source, labelFilters: engineLabels, follow, onError: verbose });
  if (opts.record === undefined) return session;
  const { recordSession } = await import('./sources/replay/recorder.js');
  return recordSession(session, opts.record, opts.intervalMs);
}

async function main(argv: string[]): Promise<void> {
  // A closed pipe (`ctop-ts --json | head -1`) ends us quietly.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    fail(err);
  });
  const program = buildProgram(version).exitOverride();
  program.configureOutput({ writeErr: (s) => process.stderr.write(s.startsWith('error:') ? `ctop-ts: ${s.slice(7)}` : s) });
  try {
    program.parse(argv);
  } catch (err) {
    if (err instanceof CommanderError) process.exit(err.exitCode === 0 ? 0 : 2);
    throw err;
  }
  const opts = resolveOptions(program.opts(), process.env, Boolean(process.stdout.isTTY), Boolean(process.stdin.isTTY));
  const query = buildPredicate(opts.selector, opts.filter); // throws a UserFacingError pointing at the bad character
  checkGroupBy(opts.groupBy);
  if (opts.record !== undefined && opts.mode !== 'live' && opts.mode !== 'json-stream')
    throw new UserFacingError('--record needs a streaming mode', 'use it with the live screen or --json', 2);

  if (opts.mode === 'live') {
    const { runLiveScreen } = await import('./ui/run.js');
    await runLiveScreen({ options: opts, query, openSession: () => openSession(opts, query.engineLabels, true) });
    return;
  }

  await runPlain(opts, query);
}

/** The modes that print plain text or NDJSON: --no-stream, --json, --events. */
async function runPlain(opts: CliOptions, query: Query): Promise<void> {
  const session = await openSession(opts, query.engineLabels, opts.mode !== 'once');
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
    if (opts.verbose) for (const r of rows) process.stderr.write(`ctop-ts: ${sanitize(r.info.name)}: source ${r.source ?? 'none'}\n`);
    if (opts.groupBy) {
      const { groupedOutput } = await import('./output/grouped.js');
      write(groupedOutput(rows, opts.groupBy, { json: opts.json, noTrunc: !opts.trunc, memTotal: snap.host?.memTotal ?? 0 }));
    } else if (opts.json) {
      const { containerJson, ndjson } = await import('./output/json.js');
      write(ndjson(rows.map(containerJson)));
    } else if (rows.length > 0) {
      const { dockerTable } = await import('./output/table.js');
      write(dockerTable(rows, !opts.trunc));
    }
    session.close();
  } else if (opts.mode === 'json-stream') {
    const { runJsonStream } = await import('./modes/json-stream.js');
    runJsonStream(session, { all: opts.all, intervalMs: opts.intervalMs, predicate: query.predicate, write });
  } else {
    const { runEvents } = await import('./modes/events.js');
    runEvents(session, query.predicate, write);
  }
}

main(process.argv).catch(fail);

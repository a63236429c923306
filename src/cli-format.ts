// `ctop-ts --format …`: validates the template before any engine work, then prints once
// (`--no-stream`) or per tick. Kept out of cli.ts so the root command only dispatches.
import type { CliOptions } from './cli-options.js';
import { UserFacingError } from './core/model/errors.js';
import type { Query } from './core/query/query.js';
import type { Session } from './sources/session.js';

export async function runFormatCli(
  opts: CliOptions,
  query: Query,
  openSession: () => Promise<Session>,
  write: (text: string) => void,
  fail: (err: unknown) => never,
): Promise<void> {
  const { compileCliFormat, runFormatOnce, runFormatStream } = await import('./modes/format.js');
  const format = compileCliFormat(opts.format!); // a bad template: one line with a caret, exit 2
  if (opts.json || opts.events) throw new UserFacingError('--format and --json/--events are two output formats', 'pick one', 2);
  if (opts.groupBy !== undefined) throw new UserFacingError('--format prints containers, not groups', 'drop --group-by (select with -l or -f instead)', 2);
  const session = await openSession();
  const run = { all: opts.all, noTrunc: !opts.trunc, predicate: query.predicate, write };
  if (!opts.stream) {
    await runFormatOnce(session, format, run);
    session.close();
    return;
  }
  const stop = runFormatStream(session, format, {
    ...run,
    intervalMs: opts.intervalMs,
    tty: Boolean(process.stdout.isTTY),
    onTemplateError: (err) => {
      session.close();
      fail(err);
    },
  });
  const quit = () => {
    stop();
    session.close();
    if (process.stdout.isTTY) process.stdout.write('\n');
    process.exit(0);
  };
  process.on('SIGINT', quit);
  process.on('SIGTERM', quit);
}

// The InfluxDB flags of the root command and the mode they select: `--format influx` prints line
// protocol per tick; `--influx-url` pushes it (v1: --influx-db; v2: --influx-org + --influx-bucket,
// token from --influx-token or $INFLUX_TOKEN, never echoed).
import { Command } from 'commander';
import { UserFacingError } from './core/model/errors.js';
import { sanitize } from './core/model/sanitize.js';
import type { Query } from './core/query/query.js';
import type { InfluxTarget } from './modes/influx-push.js';
import type { Session } from './sources/session.js';

export function addInfluxOptions(cmd: Command): Command {
  return cmd
    .option('--influx-url <url>', 'push every tick to InfluxDB at this URL (line protocol, Telegraf docker names)')
    .option('--influx-db <name>', 'InfluxDB 1.x database (/write?db=…)')
    .option('--influx-rp <name>', 'InfluxDB 1.x retention policy')
    .option('--influx-user <name>', 'InfluxDB 1.x user (password from $INFLUX_PASSWORD)')
    .option('--influx-org <org>', 'InfluxDB 2.x organisation')
    .option('--influx-bucket <bucket>', 'InfluxDB 2.x bucket (/api/v2/write)')
    .option('--influx-token <token>', 'InfluxDB 2.x token (better: $INFLUX_TOKEN, which ps cannot show)');
}

/** Validates the flags into a write target; null without --influx-url. */
export function influxTarget(raw: Record<string, unknown>, env: NodeJS.ProcessEnv): InfluxTarget | null {
  const s = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : undefined);
  const url = s('influxUrl');
  const others = ['influxDb', 'influxRp', 'influxUser', 'influxOrg', 'influxBucket', 'influxToken'].filter((k) => s(k) !== undefined);
  if (url === undefined) {
    if (others.length) throw new UserFacingError('the --influx-* flags need --influx-url', 'e.g. --influx-url http://127.0.0.1:8086 --influx-db metrics', 2);
    return null;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserFacingError(`--influx-url: not a URL: ${url}`, 'e.g. http://127.0.0.1:8086', 2);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new UserFacingError(`--influx-url: expected http:// or https://, got ${parsed.protocol}`, undefined, 2);
  if (parsed.username || parsed.password) throw new UserFacingError('--influx-url must not carry credentials', 'use --influx-user with $INFLUX_PASSWORD, or $INFLUX_TOKEN', 2);
  const db = s('influxDb');
  const bucket = s('influxBucket');
  const org = s('influxOrg');
  if (db !== undefined && bucket !== undefined) throw new UserFacingError('--influx-db (1.x) and --influx-bucket (2.x) do not go together', 'pick the one your server speaks', 2);
  if (bucket !== undefined) {
    if (!org) throw new UserFacingError('--influx-bucket needs --influx-org', undefined, 2);
    const token = s('influxToken') ?? env.INFLUX_TOKEN;
    if (!token) throw new UserFacingError('InfluxDB 2.x needs a token', 'set $INFLUX_TOKEN (or --influx-token)', 2);
    return { url, org, bucket, token };
  }
  if (!db) throw new UserFacingError('--influx-url needs --influx-db (1.x) or --influx-org with --influx-bucket (2.x)', undefined, 2);
  const user = s('influxUser');
  return { url, db, rp: s('influxRp'), user, password: user !== undefined ? (env.INFLUX_PASSWORD ?? '') : undefined, token: user === undefined ? env.INFLUX_TOKEN : undefined };
}

/** The parsed flags this mode reads (a subset of cli-options.ts's CliOptions, which imports this module). */
export interface InfluxModeOptions {
  json: boolean;
  events: boolean;
  verbose: boolean;
  all: boolean;
  intervalMs: number;
  stream: boolean;
}

export async function runInfluxCli(raw: Record<string, unknown>, opts: InfluxModeOptions, query: Query, openSession: () => Promise<Session>, write: (s: string) => void): Promise<void> {
  const target = influxTarget(raw, process.env);
  const print = raw.format === 'influx';
  if (opts.json || opts.events) throw new UserFacingError('--format influx and --influx-url replace --json and --events', 'use one of them', 2);
  if (!target && !print) throw new UserFacingError('the --influx-* flags need --influx-url', 'e.g. --influx-url http://127.0.0.1:8086 --influx-db metrics', 2);
  const note = (text: string) => process.stderr.write(`ctop-ts: ${sanitize(text)}\n`);
  const session = await openSession();
  const { InfluxPusher } = await import('./modes/influx-push.js');
  const pusher = target
    ? new InfluxPusher({
        target,
        onFatal: (message) => {
          note(message);
          process.stderr.write('  hint: check --influx-db or --influx-org/--influx-bucket and the credentials\n');
          session.close();
          process.exit(1);
        },
        onNote: opts.verbose ? note : undefined,
      })
    : undefined;
  const { runInfluxStream } = await import('./modes/influx-stream.js');
  let lastDropped = 0;
  const stopStream = await runInfluxStream(session, {
    all: opts.all,
    intervalMs: opts.intervalMs,
    predicate: query.predicate,
    write: print ? write : undefined,
    pusher,
    once: !opts.stream,
    onTick: () => {
      if (opts.verbose && pusher && pusher.dropped !== lastDropped) {
        lastDropped = pusher.dropped;
        note(`influx: ${pusher.dropped} lines dropped so far (buffer full), ${pusher.buffered} buffered`);
      }
    },
  });
  const finish = async () => {
    stopStream();
    await pusher?.drain(3_000);
    if (opts.verbose && pusher) note(`influx: ${pusher.delivered} lines delivered, ${pusher.buffered} undelivered, ${pusher.dropped} dropped`);
    pusher?.stop();
    session.close();
    process.exit(pusher && pusher.buffered > 0 ? 1 : 0);
  };
  if (!opts.stream) return finish();
  process.on('SIGINT', () => void finish());
  process.on('SIGTERM', () => void finish());
}

// `--format`: docker stats' templates, once (`--no-stream`) or every tick. On a terminal each tick
// redraws in place as docker does (cursor home, each line cleared to its end, the rest of the
// screen cleared); into a pipe each tick is printed plainly, one frame after the other, without
// the escape sequences docker 28 writes there too, so scripts can read it line by line.
import { UserFacingError } from '../core/model/errors.js';
import type { ContainerPredicate } from '../core/query/row-filter.js';
import { visibleRows } from '../core/query/row-filter.js';
import { Store } from '../core/history/store.js';
import { stoppedStats } from '../core/metrics/delta.js';
import type { ContainerRow } from '../core/model/types.js';
import { compileFormat, FormatError, type DockerFormat } from '../output/docker-format/docker-format.js';
import { Sampler } from '../sampling/sampler.js';
import type { Session } from '../sources/session.js';
import { sampleOnce } from './once.js';

const HINT = 'see "--format" in the README (docker stats placeholders and functions)';

// Errors a template makes whatever the numbers are: worth reporting before any engine work.
const STATIC_RUN_ERRORS = /^(can't evaluate field|wrong number of args|wrong type for value|can't give argument|invalid value|expected )/;

/** A row with every value present, for the dry run that catches unknown fields up front. */
function probeRow(): ContainerRow {
  return {
    info: { id: '0'.repeat(64), name: 'probe', image: 'probe', labels: {}, state: 'running', status: 'Up', health: null, created: 0, networkMode: 'none' },
    stats: stoppedStats(),
    source: 'api',
    timestamp: 0,
  };
}

/** Compiles `--format` for the CLI: a bad template is one message with a caret, exit 2. */
export function compileCliFormat(text: string): DockerFormat {
  let format: DockerFormat | undefined;
  try {
    format = compileFormat(text);
    format.render([probeRow()], false); // a dry run: unknown fields fail here, before any engine work
  } catch (err) {
    if (!(err instanceof FormatError)) throw err;
    if (err.phase === 'parse' || STATIC_RUN_ERRORS.test(err.reason)) throw new UserFacingError(err.format(), HINT, 2);
    // anything else depends on the data (an index past a split's end): the real rows decide
  }
  return format!;
}

/** A run-time template error on real rows, as the same one-line-and-caret message. */
export function renderOrFail(format: DockerFormat, rows: readonly ContainerRow[], noTrunc: boolean): string {
  try {
    return format.render(rows, noTrunc);
  } catch (err) {
    if (err instanceof FormatError) throw new UserFacingError(err.format(), HINT, 2);
    throw err;
  }
}

export interface FormatRunOptions {
  all: boolean;
  noTrunc: boolean;
  predicate?: ContainerPredicate;
  write: (text: string) => void;
}

/** `--no-stream --format`: one sample, one rendering. */
export async function runFormatOnce(session: Session, format: DockerFormat, opts: FormatRunOptions): Promise<void> {
  const snap = await sampleOnce(session, { all: opts.all, predicate: opts.predicate });
  const rows = visibleRows(snap.rows, opts.all, opts.predicate);
  opts.write(renderOrFail(format, rows, opts.noTrunc));
}

/** One terminal frame: home, each line cleared to its end, the rest of the screen cleared. */
export function ttyFrame(text: string): string {
  return `\x1b[H${text.replace(/\n/g, '\x1b[K\n')}\x1b[J`;
}

/** Streaming `--format`: a rendering per tick until interrupted; returns a stop function. */
export function runFormatStream(
  session: Session,
  format: DockerFormat,
  opts: FormatRunOptions & { intervalMs: number; tty: boolean; onError?: (err: unknown) => void; onTemplateError: (err: unknown) => void },
): () => void {
  const store = new Store({ historyLength: 2 });
  const sampler = new Sampler({ session, store, intervalMs: opts.intervalMs, onError: (e) => opts.onError?.(e) });
  let lastSeq = -1;
  let first = true;
  let skipped = false;
  const unsubscribe = store.subscribe(() => {
    const snap = store.getSnapshot();
    if (snap.seq === lastSeq) return;
    lastSeq = snap.seq;
    // A running container without a first record yet is left out, as docker waits for it; and the
    // very first tick, which has no earlier sample for CPU %, is not printed at all.
    const rows = visibleRows(snap.rows, opts.all, opts.predicate).filter((r) => r.source !== null || r.info.state !== 'running');
    if (first && !skipped && rows.some((r) => r.info.state === 'running' && r.stats.cpuPercent === null)) {
      skipped = true;
      return;
    }
    let text: string;
    try {
      text = renderOrFail(format, rows, opts.noTrunc);
    } catch (err) {
      opts.onTemplateError(err);
      return;
    }
    opts.write(!opts.tty ? text : (first ? '\x1b[2J' : '') + ttyFrame(text));
    first = false;
  });
  sampler.start();
  return () => {
    sampler.stop();
    unsubscribe();
  };
}

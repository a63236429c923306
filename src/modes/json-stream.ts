// --json without --no-stream: one line per visible container per new sample, with engine events
// interleaved as they happen, until interrupted (a replay: until its last tick).
//
// A line is a sample: a container is printed when its source has a new record for it. With
// `--source api` the engine pushes a record about once a second, so at a shorter --interval the
// ticks in between print nothing for it (the same record is never printed twice); a running
// container appears once its first record has arrived. While the engine does not answer, its
// containers print nothing (never a made-up "running, every metric null"): one engine line says
// it is down, one says when it is back, each with a note on stderr.
import type { ContainerPredicate } from '../core/query/row-filter.js';
import { visibleRows } from '../core/query/row-filter.js';
import { Store } from '../core/history/store.js';
import type { ContainerRow, EngineStatus } from '../core/model/types.js';
import { containerLine, engineJson } from '../output/json.js';
import { eventLine } from './events.js';
import { engineNote } from './engine-notes.js';
import { playOnce } from './replay-pace.js';
import { Sampler } from '../sampling/sampler.js';
import type { Session } from '../sources/session.js';
import { COUNTER_STATES } from '../core/model/container-states.js';
import { groupKeyOf, groupRows } from '../core/query/grouping.js';
import { groupsWithMembersNdjson } from '../output/group-json.js';

export interface JsonStreamOptions {
  all: boolean;
  intervalMs: number;
  predicate?: ContainerPredicate;
  write: (text: string) => void;
  /** Notes for people (engine down/up), one line each; stderr in the CLI. */
  note?: (text: string) => void;
  onError?: (err: unknown) => void;
  /** Replay speed: 1 = recorded pace, 0 = as fast as possible. */
  replaySpeed?: number;
  /** Called once a replay has played its last tick. */
  onDone?: () => void;
  /** --group-by: every tick, each group's object followed by its members (output/group-json.ts). */
  groupBy?: string;
}

const LIVE = COUNTER_STATES; // core/model/container-states.ts

/** Which rows of a snapshot to print, given the record last printed per container (updated). */
export function newSampleRows(rows: readonly ContainerRow[], printed: Map<string, number>): ContainerRow[] {
  const out: ContainerRow[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const id = row.info.id;
    seen.add(id);
    if (row.stale) continue; // its engine is down: the engine line says so
    if (LIVE.has(row.info.state)) {
      if (row.source === null) continue; // no record read (yet): nothing to say
      if (printed.get(id) === row.timestamp) continue; // the same record as last time
    }
    printed.set(id, row.timestamp);
    out.push(row);
  }
  for (const id of printed.keys()) if (!seen.has(id)) printed.delete(id);
  return out;
}

export function runJsonStream(session: Session, opts: JsonStreamOptions): () => void {
  const store = new Store({ historyLength: 2 });
  const sampler = new Sampler({ session, store, intervalMs: opts.intervalMs, onError: (e) => opts.onError?.(e) });
  const printed = new Map<string, number>();
  const groupKey = opts.groupBy ? groupKeyOf(opts.groupBy) : null;
  let lastSeq = -1;
  const unsubscribeStore = store.subscribe(() => {
    const snap = store.getSnapshot();
    if (snap.seq === lastSeq) return;
    lastSeq = snap.seq;
    let out = '';
    const rows = visibleRows(snap.rows, opts.all, opts.predicate);
    const fresh = newSampleRows(rows, printed);
    if (groupKey) {
      // Totals over every visible member; a member's own line only with a new sample.
      const include = new Set(fresh);
      if (fresh.length > 0) out = groupsWithMembersNdjson(groupRows(rows, groupKey, { memTotal: snap.host?.memTotal }), (r) => include.has(r));
    } else for (const row of fresh) out += containerLine(row);
    if (out) opts.write(out);
  });
  const unsubscribeEvents = session.onEvent((e) => {
    const line = eventLine(session, e, opts.predicate);
    if (line) opts.write(line);
  });
  // "connecting" (answering again, list not re-read yet) still counts as down here.
  const announced = new Map<string, 'up' | 'down'>();
  const downSince = new Map<string, number | null>();
  const unsubscribeEngines =
    session.onEngineChange?.((s: EngineStatus) => {
      const state = s.state === 'up' ? 'up' : 'down';
      const before = announced.get(s.name) ?? 'up';
      if (state === before) return;
      announced.set(s.name, state);
      opts.write(JSON.stringify(engineJson({ ...s, state })) + '\n');
      opts.note?.(engineNote(s, before === 'down' ? downSince.get(s.name) ?? null : null));
      if (state === 'down') downSince.set(s.name, s.since);
    }) ?? (() => undefined);
  const stopPlaying = new AbortController();
  if (session.replay) {
    void playOnce(session.replay, () => sampler.tick(), opts.replaySpeed ?? 1, stopPlaying.signal).then(() => {
      if (!stopPlaying.signal.aborted) opts.onDone?.();
    });
  } else sampler.start();
  return () => {
    stopPlaying.abort();
    sampler.stop();
    unsubscribeStore();
    unsubscribeEvents();
    unsubscribeEngines();
  };
}

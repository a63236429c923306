// --json without --no-stream: one line per visible container per tick, with engine events
// interleaved as they happen, until interrupted.
import type { ContainerPredicate } from '../core/query/row-filter.js';
import { visibleRows } from '../core/query/row-filter.js';
import { Store } from '../core/history/store.js';
import { containerJson } from '../output/json.js';
import { eventLine } from './events.js';
import { Sampler } from '../sampling/sampler.js';
import type { Session } from '../sources/session.js';

export interface JsonStreamOptions {
  all: boolean;
  intervalMs: number;
  predicate?: ContainerPredicate;
  write: (text: string) => void;
  onError?: (err: unknown) => void;
}

export function runJsonStream(session: Session, opts: JsonStreamOptions): () => void {
  const store = new Store({ historyLength: 2 });
  const sampler = new Sampler({ session, store, intervalMs: opts.intervalMs, onError: (e) => opts.onError?.(e) });
  let lastSeq = -1;
  const unsubscribeStore = store.subscribe(() => {
    const snap = store.getSnapshot();
    if (snap.seq === lastSeq) return;
    lastSeq = snap.seq;
    let out = '';
    for (const row of visibleRows(snap.rows, opts.all, opts.predicate)) out += JSON.stringify(containerJson(row)) + '\n';
    if (out) opts.write(out);
  });
  const unsubscribeEvents = session.onEvent((e) => {
    const line = eventLine(session, e, opts.predicate);
    if (line) opts.write(line);
  });
  sampler.start();
  return () => {
    sampler.stop();
    unsubscribeStore();
    unsubscribeEvents();
  };
}

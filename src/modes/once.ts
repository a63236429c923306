// --no-stream: one sample, printed once (table or NDJSON). Two quick reads 300 ms apart give CPU %
// and rates; docker stats --no-stream waits for two engine collector passes (1–2 s). 300 ms keeps
// /proc/stat's 10 ms tick quantisation to about ±1.5 CPU points on a 2-CPU host. (The engine API
// answers a container's one-shot stats at most once a second, so api-sourced rows take ~1 s.)
import { Store } from '../core/store.js';
import type { ContainerPredicate } from '../core/row-filter.js';
import { visibleRows } from '../core/row-filter.js';
import type { Snapshot } from '../core/types.js';
import { Sampler } from '../sources/sampler.js';
import type { Session } from '../sources/session.js';

export const ONCE_WINDOW_MS = 500;

export interface OnceOptions {
  all: boolean;
  predicate?: ContainerPredicate;
  onError?: (err: unknown) => void;
}

/** Samples until every running container has a CPU %, or two ticks have passed. */
export async function sampleOnce(session: Session, opts: OnceOptions): Promise<Snapshot> {
  const store = new Store({ historyLength: 2 });
  const sampler = new Sampler({ session, store, intervalMs: 2000, onError: (e) => opts.onError?.(e) });
  let snap = await sampler.tick();
  const wanted = visibleRows(snap.rows, opts.all, opts.predicate);
  if (wanted.some((r) => r.info.state === 'running' && r.stats.cpuPercent === null && r.source !== null)) {
    await new Promise((r) => setTimeout(r, ONCE_WINDOW_MS));
    snap = await sampler.tick();
  }
  return snap;
}

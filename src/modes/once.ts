// --no-stream: one sample, printed once (table or NDJSON). Two quick reads 300 ms apart give CPU %
// and rates; docker stats --no-stream waits for two engine collector passes (1–2 s). Why 300 ms:
// a multiple of the CFS period (100 ms), so a CPU-limited container's throttling pattern averages
// out exactly; and /proc/stat's 10 ms ticks (±1 per CPU) stay within ±3.3 % of the 60 ticks two
// CPUs count in 300 ms: ±1.7 points at most for a 50 % container (bench/accuracy.js checks it). Containers
// read through the engine API come back with the engine's own earlier sample (1–2 s, as docker),
// so they need no second read.
import { Store } from '../core/history/store.js';
import type { ContainerPredicate } from '../core/query/row-filter.js';
import { visibleRows } from '../core/query/row-filter.js';
import type { Snapshot } from '../core/model/types.js';
import { Sampler } from '../sampling/sampler.js';
import type { Session } from '../sources/session.js';

export const ONCE_WINDOW_MS = 300;

export interface OnceOptions {
  all: boolean;
  predicate?: ContainerPredicate;
  onError?: (err: unknown) => void;
}

/** Samples until every running container has a CPU %, or two ticks have passed. */
export async function sampleOnce(session: Session, opts: OnceOptions): Promise<Snapshot> {
  const store = new Store({ historyLength: 2 });
  // The tick's deadline is 0.9 × interval: room for the engine's two-sample answers, which on a
  // busy engine take two collector passes plus the time to collect every container (~2–3 s).
  const sampler = new Sampler({ session, store, intervalMs: 5500, onError: (e) => opts.onError?.(e) });
  let snap = await sampler.tick();
  const wanted = visibleRows(snap.rows, opts.all, opts.predicate);
  if (wanted.some((r) => r.info.state === 'running' && r.stats.cpuPercent === null && r.source !== null)) {
    await new Promise((r) => setTimeout(r, ONCE_WINDOW_MS));
    snap = await sampler.tick();
  }
  return snap;
}

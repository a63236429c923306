// --no-stream: one sample, printed once (table or NDJSON). Two quick reads 300 ms apart give CPU %
// and rates; docker stats --no-stream waits for two engine collector passes (1–2 s). Why 300 ms:
// /proc/stat's 10 ms ticks (±1 per CPU) stay within ±3.3 % of the 60 ticks two CPUs count in it.
// A CPU-limited container is read over a whole second instead: the CFS quota is spent in bursts
// (--cpus 0.5: 50 ms, then throttled for the rest of each 100 ms period), and when other work
// delays the burst, a short window can cut one period's burst in or out: up to ±quota/window,
// ±8 points at 300 ms, ±2.5 at 1 s (bench/no-stream-latency.js runs a --cpus 0.5 loop 20 times).
// Containers read through the engine API come back with the engine's own earlier sample (1–2 s,
// as docker), so they need no second read.
import { Store } from '../core/history/store.js';
import type { ContainerPredicate } from '../core/query/row-filter.js';
import { visibleRows } from '../core/query/row-filter.js';
import type { Snapshot } from '../core/model/types.js';
import { Sampler } from '../sampling/sampler.js';
import type { Session } from '../sources/session.js';

export const ONCE_WINDOW_MS = 300;
/** The window when a running container has a CPU limit (see above). */
export const LIMITED_WINDOW_MS = 1000;

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
  const pending = wanted.filter((r) => r.info.state === 'running' && r.stats.cpuPercent === null && r.source !== null);
  if (pending.length > 0) {
    const limited = pending.some((r) => r.stats.cpuLimitCores !== null);
    await new Promise((r) => setTimeout(r, limited ? LIMITED_WINDOW_MS : ONCE_WINDOW_MS));
    snap = await sampler.tick();
  }
  return snap;
}

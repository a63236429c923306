// One timer, one tick: read every running container's counters concurrently (bounded), compute
// deltas against the previous tick, publish one snapshot. A slow container never stalls the tick:
// its read is aborted at the deadline and the row shows `--` for that tick.
import { setMaxListeners } from 'node:events';
import { computeStats, stoppedStats, unknownStats } from '../core/metrics/delta.js';
import type { Store } from '../core/history/store.js';
import type { ContainerInfo, ContainerRow, ContainerStats, RawSample, Snapshot } from '../core/model/types.js';
import type { Session } from '../sources/session.js';

export interface SamplerOptions {
  session: Session;
  store: Store;
  intervalMs: number;
  concurrency?: number;
  /** Called when a read fails for a reason other than the container going away. */
  onError?: (err: unknown, container: ContainerInfo) => void;
}

// Only these have counters; the engine answers every other state (restarting included) with
// an all-zero record, so docker shows zeros for them and so do we.
const LIVE = new Set(['running', 'paused']);

/** Runs `fn` over items with at most `limit` in flight. */
async function forEachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export class Sampler {
  private prev = new Map<string, RawSample>();
  private lastStats = new Map<string, ContainerStats>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  /** Bumped by every start(): a loop from before a stop() that is still mid-tick ends instead of carrying on beside the new one. */
  private generation = 0;
  /** The tick in flight, if any: a restarted loop waits for it, so ticks never overlap. */
  private inFlight: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: SamplerOptions) {}

  /** One complete tick; resolves with the published snapshot. */
  async tick(): Promise<Snapshot> {
    const { session, store, intervalMs } = this.opts;
    session.beginTick?.();
    const containers = session.containers();
    const deadline = new AbortController();
    setMaxListeners(0, deadline.signal); // sources may listen once per in-flight read
    // One promise for the whole tick that every read races: a read still out at the deadline
    // counts as missed (undefined) and its late answer is dropped.
    const missed = new Promise<undefined>((resolve) => deadline.signal.addEventListener('abort', () => resolve(undefined), { once: true }));
    const timeout = setTimeout(() => deadline.abort(), Math.max(200, intervalMs * 0.9));
    const samples = new Map<string, RawSample | null | undefined | 'failed'>(); // undefined: missed the deadline
    const live = containers.filter((c) => LIVE.has(c.state));
    await forEachLimited(live, this.opts.concurrency ?? session.source.concurrency ?? 16, async (c) => {
      try {
        samples.set(c.id, await Promise.race([session.source.sample(c, deadline.signal), missed]));
      } catch (err) {
        samples.set(c.id, 'failed');
        if (!deadline.signal.aborted) this.opts.onError?.(err, c);
      }
    });
    clearTimeout(timeout);

    const now = Date.now();
    const hostMemBytes = session.host?.memTotal;
    const rows: ContainerRow[] = [];
    const nextPrev = new Map<string, RawSample>();
    const nextStats = new Map<string, ContainerStats>();
    for (const c of containers) {
      if (!LIVE.has(c.state)) {
        // Stopped: release what the source holds for it (an engine stats stream costs the engine).
        if (this.prev.has(c.id)) session.source.forget?.(c.id);
        rows.push({ info: c, stats: stoppedStats(), source: null, timestamp: now });
        continue;
      }
      const s = samples.get(c.id);
      if (s === null) continue; // vanished between list and read: dropped from this tick
      if (s === undefined || s === 'failed') {
        rows.push({ info: c, stats: unknownStats(), source: null, timestamp: now });
        const old = this.prev.get(c.id);
        if (old) nextPrev.set(c.id, old);
        continue;
      }
      const prev = this.prev.get(c.id) ?? null;
      // A source may hand back the same record twice (engine streams push at their own pace):
      // keep the numbers computed from it rather than a zero-length delta.
      const same = prev !== null && prev.timestamp === s.timestamp && this.lastStats.has(c.id);
      const stats = same ? this.lastStats.get(c.id)! : computeStats(prev, s, { hostMemBytes });
      rows.push({ info: c, stats, source: s.source, timestamp: s.timestamp });
      nextPrev.set(c.id, same ? prev : s);
      nextStats.set(c.id, stats);
    }
    const present = new Set(containers.map((c) => c.id));
    for (const id of this.prev.keys()) if (!present.has(id)) session.source.forget?.(id);
    this.prev = nextPrev;
    this.lastStats = nextStats;
    return store.publishTick({ timestamp: now, rows, host: session.host, interval: intervalMs, sourceLabel: session.sourceLabel() });
  }

  /** Ticks every intervalMs until stop(); ticks never overlap. */
  start(): void {
    if (this.running) return;
    this.running = true;
    const generation = ++this.generation;
    const loop = async () => {
      await this.inFlight;
      if (!this.running || generation !== this.generation) return;
      const started = Date.now();
      this.inFlight = this.tick().catch(() => undefined);
      await this.inFlight;
      if (!this.running || generation !== this.generation) return;
      this.timer = setTimeout(loop, Math.max(0, this.opts.intervalMs - (Date.now() - started)));
    };
    void loop();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
  }
}

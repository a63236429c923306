// One timer, one tick: read every running container's counters concurrently (bounded), compute
// deltas against the previous tick, publish one snapshot. A slow container never stalls the tick:
// its read is aborted at the deadline and the row shows `--` for that tick. While an engine does
// not answer, its containers are not read: their rows keep their last numbers, marked stale.
import { setMaxListeners } from 'node:events';
import { computeStats, stoppedStats, unknownStats } from '../core/metrics/delta.js';
import type { Store } from '../core/history/store.js';
import type { ContainerInfo, ContainerRow, ContainerStats, EngineStatus, RawSample, Snapshot } from '../core/model/types.js';
import type { Session } from '../sources/session.js';
import { COUNTER_STATES } from '../core/model/container-states.js';

export interface SamplerOptions {
  session: Session;
  store: Store;
  intervalMs: number;
  /**
   * The second tick comes this soon after the first (default: intervalMs). CPU % and rates are
   * deltas, so the first tick has none; a short first gap puts them on screen within a fraction
   * of a second instead of a whole interval later.
   */
  firstGapMs?: number;
  concurrency?: number;
  /** Called when a read fails for a reason other than the container going away. */
  onError?: (err: unknown, container: ContainerInfo) => void;
}

// Only these have counters (core/model/container-states.ts says why).
const LIVE = COUNTER_STATES;

/** Runs `fn` over items with at most `limit` in flight. */
async function forEachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Which containers' engine is not answering: by host with several engines, all of them with one. */
function staleLookup(engines: readonly EngineStatus[] | undefined): (c: ContainerInfo) => ContainerRow['stale'] {
  const down = (engines ?? []).filter((e) => e.state !== 'up');
  if (down.length === 0) return () => null;
  const mark = (e: EngineStatus) => ({ since: e.since ?? Date.now(), reason: e.reason ?? `engine ${e.state}` });
  if (engines!.length === 1) {
    const only = mark(down[0]);
    return () => only;
  }
  const byName = new Map(down.map((e) => [e.name, mark(e)]));
  return (c) => (c.host !== undefined ? byName.get(c.host) ?? null : null);
}

export class Sampler {
  private prev = new Map<string, RawSample>();
  private lastStats = new Map<string, ContainerStats>();
  /** Every row of the last tick, to show (stale) while its engine is down. */
  private lastRows = new Map<string, ContainerRow>();
  /** Containers the source has been asked about and not yet told to forget. */
  private known = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  /** A loop has completed a tick: from then on the gap is the full interval. */
  private ticked = false;
  /** Bumped by every start(): a loop from before a stop() that is still mid-tick ends instead of carrying on beside the new one. */
  private generation = 0;
  /** The tick in flight, if any: a restarted loop waits for it, so ticks never overlap. */
  private inFlight: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: SamplerOptions) {}

  /** One complete tick; resolves with the published snapshot. */
  async tick(): Promise<Snapshot> {
    const { session, store, intervalMs } = this.opts;
    session.beginTick?.();
    const engines = session.engines?.();
    const staleOf = staleLookup(engines);
    const containers = session.containers();
    const deadline = new AbortController();
    setMaxListeners(0, deadline.signal); // sources may listen once per in-flight read
    // One promise for the whole tick that every read races: a read still out at the deadline
    // counts as missed (undefined) and its late answer is dropped.
    const missed = new Promise<undefined>((resolve) => deadline.signal.addEventListener('abort', () => resolve(undefined), { once: true }));
    const timeout = setTimeout(() => deadline.abort(), Math.max(200, intervalMs * 0.9));
    const samples = new Map<string, RawSample | null | undefined | 'failed'>(); // undefined: missed the deadline
    const live = containers.filter((c) => LIVE.has(c.state) && !staleOf(c));
    for (const c of live) this.known.add(c.id);
    await forEachLimited(live, this.opts.concurrency ?? session.source.concurrency ?? 16, async (c) => {
      try {
        samples.set(c.id, await Promise.race([session.source.sample(c, deadline.signal), missed]));
      } catch (err) {
        samples.set(c.id, 'failed');
        if (!deadline.signal.aborted) this.opts.onError?.(err, c);
      }
    });
    clearTimeout(timeout);

    // A replay stamps its ticks with recorded time, so rows and snapshot say when it happened.
    const now = session.replay?.clock() ?? Date.now();
    const hostMemBytes = session.host?.memTotal;
    const rows: ContainerRow[] = [];
    const nextPrev = new Map<string, RawSample>();
    const nextStats = new Map<string, ContainerStats>();
    const nextRows = new Map<string, ContainerRow>();
    const keep = new Set<string>(); // ids whose source state stays (sampled this tick, or engine down)
    for (const c of containers) {
      const stale = staleOf(c);
      if (stale) {
        const last = this.lastRows.get(c.id);
        const row: ContainerRow = last
          ? { ...last, stale }
          : { info: c, stats: LIVE.has(c.state) ? unknownStats() : stoppedStats(), source: null, timestamp: now, stale };
        rows.push(row);
        nextRows.set(c.id, row);
        keep.add(c.id);
        const old = this.prev.get(c.id);
        if (old) nextPrev.set(c.id, old);
        const oldStats = this.lastStats.get(c.id);
        if (oldStats) nextStats.set(c.id, oldStats);
        continue;
      }
      if (!LIVE.has(c.state)) {
        // Stopped: release what the source holds for it (an engine stats stream costs the engine).
        const row: ContainerRow = { info: c, stats: stoppedStats(), source: null, timestamp: now };
        rows.push(row);
        nextRows.set(c.id, row);
        continue;
      }
      const s = samples.get(c.id);
      if (s === null) continue; // vanished between list and read: dropped from this tick (and forgotten below)
      keep.add(c.id);
      if (s === undefined || s === 'failed') {
        const row: ContainerRow = { info: c, stats: unknownStats(), source: null, timestamp: now };
        rows.push(row);
        nextRows.set(c.id, row);
        const old = this.prev.get(c.id);
        if (old) nextPrev.set(c.id, old);
        continue;
      }
      const prev = this.prev.get(c.id) ?? null;
      // A source may hand back the same record twice (engine streams push at their own pace):
      // keep the numbers computed from it rather than a zero-length delta.
      const same = prev !== null && prev.timestamp === s.timestamp && this.lastStats.has(c.id);
      const stats = same ? this.lastStats.get(c.id)! : computeStats(prev, s, { hostMemBytes });
      const row: ContainerRow = { info: c, stats, source: s.source, timestamp: s.timestamp };
      rows.push(row);
      nextRows.set(c.id, row);
      nextPrev.set(c.id, same ? prev : s);
      nextStats.set(c.id, stats);
    }
    // Stopped, removed or vanished mid-read: release what the source holds for it (an engine stats
    // stream costs the engine; auto's per-container counts feed the header).
    for (const id of this.known) {
      if (keep.has(id)) continue;
      this.known.delete(id);
      session.source.forget?.(id);
    }
    this.prev = nextPrev;
    this.lastStats = nextStats;
    this.lastRows = nextRows;
    const position = session.replay?.position();
    return store.publishTick({
      timestamp: now,
      rows,
      host: session.host,
      interval: intervalMs,
      sourceLabel: session.sourceLabel(),
      ...(engines && { engines }),
      ...(position && { replay: { recordedTime: session.replay!.recordedTime(), ...position } }),
    });
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
      const gap = this.ticked ? this.opts.intervalMs : Math.min(this.opts.intervalMs, this.opts.firstGapMs ?? Infinity);
      this.ticked = true;
      this.timer = setTimeout(loop, Math.max(0, gap - (Date.now() - started)));
    };
    void loop();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
  }
}

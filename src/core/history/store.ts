// Latest rows plus bounded history per container; publishes one immutable snapshot per tick.
// Views subscribe and read snapshots; nothing here reaches back into sources.
import { RingBuffer } from './ring-buffer.js';
import type { ContainerRow, EngineEvent, History, HistoryLookup, HostInfo, Snapshot } from '../model/types.js';

type Series = Exclude<keyof History, 'timestamps'>;
const SERIES: readonly Series[] = ['cpuPercent', 'memUsage', 'netRxRate', 'netTxRate', 'blockReadRate', 'blockWriteRate'];

class ContainerHistory {
  readonly timestamps: RingBuffer<number>;
  readonly series: Record<Series, RingBuffer<number | null>>;
  /** It gets one sample per tick from `bornAt` on (a container absent for a tick starts over). */
  constructor(capacity: number, readonly bornAt: number) {
    this.timestamps = new RingBuffer(capacity);
    this.series = Object.fromEntries(SERIES.map((s) => [s, new RingBuffer<number | null>(capacity)])) as Record<
      Series,
      RingBuffer<number | null>
    >;
  }
  /** A stale row (its engine is down) keeps its last numbers on screen but is a gap in history. */
  push(row: ContainerRow, tickTime: number): void {
    this.timestamps.push(row.stale ? tickTime : row.timestamp);
    for (const s of SERIES) this.series[s].push(row.stale ? null : row.stats[s]);
  }
  /** One point of a history read elsewhere (seed). */
  pushPoint(history: History, i: number): void {
    this.timestamps.push(history.timestamps[i]);
    for (const s of SERIES) this.series[s].push(history[s][i] ?? null);
  }
  /**
   * Each series is copied on first access (a sparkline reads two of the seven, a chart four), as it
   * was when the view was made: a snapshot's history never changes, even read ticks later.
   */
  view(asOf: number): History {
    const view = {} as Record<keyof History, unknown>;
    const keys: (keyof History)[] = ['timestamps', ...SERIES];
    for (const key of keys) {
      let copy: unknown[] | undefined;
      Object.defineProperty(view, key, {
        enumerable: true,
        get: () => (copy ??= key === 'timestamps' ? this.timestamps.toArray(asOf) : this.series[key].toArray(asOf)),
      });
    }
    return view as unknown as History;
  }
}

export interface StoreOptions {
  historyLength?: number; // samples kept per container (default 600: 10 min at 1 s)
  eventsLength?: number; // engine events kept (default 500)
}

export interface TickInput {
  timestamp: number;
  rows: ContainerRow[];
  host: HostInfo | null;
  interval: number;
  sourceLabel: string;
  engines?: Snapshot['engines'];
  replay?: Snapshot['replay'];
}

export class Store {
  private readonly historyLength: number;
  private readonly eventsLength: number;
  private readonly histories = new Map<string, ContainerHistory>();
  private ticks = 0;
  private events: EngineEvent[] = [];
  private snapshot: Snapshot;
  private readonly listeners = new Set<() => void>();

  constructor(opts: StoreOptions = {}) {
    this.historyLength = opts.historyLength ?? 600;
    this.eventsLength = opts.eventsLength ?? 500;
    this.snapshot = { seq: 0, timestamp: 0, host: null, interval: 0, sourceLabel: '', rows: [], history: { get: () => undefined }, events: [] };
  }

  /** For the views (the live screen's useStoreFeed, the modes): returns a stable unsubscribe. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): Snapshot => this.snapshot;

  /** Record one tick and publish it. Containers not in `rows` lose their history. */
  publishTick(tick: TickInput): Snapshot {
    this.ticks++;
    const seen = new Set<string>();
    for (const row of tick.rows) {
      seen.add(row.info.id);
      let h = this.histories.get(row.info.id);
      if (!h) this.histories.set(row.info.id, (h = new ContainerHistory(this.historyLength, this.ticks)));
      h.push(row, tick.timestamp);
    }
    for (const id of this.histories.keys()) if (!seen.has(id)) this.histories.delete(id);
    return this.publish({
      seq: this.snapshot.seq + 1,
      timestamp: tick.timestamp,
      host: tick.host,
      interval: tick.interval,
      sourceLabel: tick.sourceLabel,
      rows: tick.rows,
      history: this.lookup(),
      events: this.events,
      ...(tick.engines && { engines: tick.engines }),
      ...(tick.replay && { replay: tick.replay }),
    });
  }

  /**
   * Pre-fills a container's history with points read elsewhere (a Prometheus session's
   * query_range), oldest first, so its sparkline and charts start full instead of empty. Only
   * before its first tick; the next tick must list the container or the history is dropped.
   */
  seed(id: string, history: History): void {
    if (this.histories.has(id)) return;
    const n = history.timestamps.length;
    // bornAt such that the next tick's view covers the seeded points and that tick's own.
    const h = new ContainerHistory(this.historyLength, this.ticks - n + 1);
    for (let i = 0; i < n; i++) h.pushPoint(history, i);
    this.histories.set(id, h);
  }

  /** Engine events arrive between ticks; they are published at once so the timeline stays live. */
  addEvents(events: EngineEvent[]): void {
    if (events.length === 0) return;
    const all = this.events.concat(events);
    this.events = all.length > this.eventsLength ? all.slice(all.length - this.eventsLength) : all;
    this.publish({ ...this.snapshot, seq: this.snapshot.seq + 1, events: this.events });
  }

  // Views ask for a few containers' history per frame (sparklines of visible rows, one detail
  // view); copying all of it every tick would cost O(containers × length) for nothing.
  private lookup(): HistoryLookup {
    const memo = new Map<string, History | undefined>();
    const tick = this.ticks;
    return {
      get: (id) => {
        if (!memo.has(id)) {
          const h = this.histories.get(id);
          memo.set(id, h && h.view(tick - h.bornAt + 1));
        }
        return memo.get(id);
      },
    };
  }

  private publish(next: Snapshot): Snapshot {
    this.snapshot = next;
    for (const l of this.listeners) l();
    return next;
  }
}

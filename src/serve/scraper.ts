// The pull model: a scrape reads every selected container's counters at that moment, through the
// same session, sources, sampler and delta calculator as the other modes; between scrapes nothing
// is read. Scrapes that arrive while one is in flight, or within `coalesceMs` of the last one,
// share its result, so N Prometheus servers (or an impatient curl loop) cost one read.
import { UserFacingError } from '../core/model/errors.js';
import { Store } from '../core/history/store.js';
import type { ContainerRow, EngineStatus, HostInfo, RawSample } from '../core/model/types.js';
import type { ContainerPredicate } from '../core/query/row-filter.js';
import { visibleRows } from '../core/query/row-filter.js';
import type { ExportContainer } from '../output/prometheus-containers.js';
import { Sampler } from '../sampling/sampler.js';
import type { Session } from '../sources/session.js';
import type { StatsSource } from '../sources/source.js';
import { RestartCounts } from './restart-counts.js';

export interface ScrapeResult {
  timestamp: number; // ms
  host: HostInfo | null;
  engines: readonly EngineStatus[] | undefined;
  containers: ExportContainer[];
  /** Wall time of the read, seconds. */
  durationSeconds: number;
  /** Live containers whose counters could not be read this time, by reason. */
  errors: Map<string, number>;
}

export interface ScraperOptions {
  session: Session;
  all: boolean;
  predicate?: ContainerPredicate;
  /** Deadline of one read; a container still out then is counted as a `timeout` error. */
  timeoutMs: number;
  /** Scrapes within this long of the last read share it (default 500 ms). */
  coalesceMs?: number;
}

/** A reason label from a read error: an errno code, or a coarse class. */
export function errorReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code.toLowerCase();
  if (err instanceof UserFacingError) return 'unreadable';
  const status = (err as { statusCode?: number })?.statusCode;
  if (typeof status === 'number') return `http_${status}`;
  return 'error';
}

export class Scraper {
  private readonly sampler: Sampler;
  private readonly store = new Store({ historyLength: 2 });
  private readonly raws = new Map<string, RawSample>();
  private tickErrors = new Map<string, number>();
  private failedIds = new Set<string>();
  private inFlight: Promise<ScrapeResult> | null = null;
  private last: ScrapeResult | null = null;
  private readonly restarts: RestartCounts;
  /** Reads done (not scrapes served), for the self metrics and tests. */
  reads = 0;

  constructor(private readonly opts: ScraperOptions) {
    this.restarts = new RestartCounts(opts.session);
    const inner = opts.session.source;
    const raws = this.raws;
    // The sampler keeps only computed stats; counters are exported raw, so keep this read's samples.
    const source: StatsSource = {
      kind: inner.kind,
      concurrency: inner.concurrency,
      label: inner.label ? () => inner.label!() : undefined,
      forget: inner.forget ? (id) => inner.forget!(id) : undefined,
      close: inner.close ? () => inner.close!() : undefined,
      async sample(c, signal) {
        const r = await inner.sample(c, signal);
        if (r) raws.set(c.id, r);
        return r;
      },
    };
    // Everything else passes through to the real session, whatever it grows to hold.
    const session = new Proxy(opts.session, {
      get(target, prop) {
        if (prop === 'source') return source;
        const v = Reflect.get(target, prop, target) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    this.sampler = new Sampler({
      session,
      store: this.store,
      // The sampler's deadline is 0.9 × its interval.
      intervalMs: Math.max(250, Math.round(opts.timeoutMs / 0.9)),
      onError: (err, c) => {
        this.failedIds.add(c.id);
        const reason = errorReason(err);
        this.tickErrors.set(reason, (this.tickErrors.get(reason) ?? 0) + 1);
      },
    });
  }

  /** The counters now, or the result of a read in flight or finished within the coalescing window. */
  scrape(): Promise<ScrapeResult> {
    if (this.inFlight) return this.inFlight;
    const window = this.opts.coalesceMs ?? 500;
    if (this.last && Date.now() - this.last.timestamp < window) return Promise.resolve(this.last);
    this.inFlight = this.read().finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  /** Stops following engine events (the session stays open: it is the caller's). */
  close(): void {
    this.restarts.close();
  }

  private async read(): Promise<ScrapeResult> {
    const started = performance.now();
    this.raws.clear();
    this.tickErrors = new Map();
    this.failedIds = new Set();
    const snap = await this.sampler.tick();
    this.reads++;
    const errors = this.tickErrors;
    const rows = visibleRows(snap.rows, this.opts.all, this.opts.predicate);
    const containers = rows.map((row) => this.exportRow(row, errors));
    this.restarts.retain(new Set(snap.rows.map((r) => r.info.id)));
    this.raws.clear(); // nothing is held between scrapes but the sampler's previous sample
    this.last = {
      timestamp: Date.now(),
      host: snap.host,
      engines: snap.engines,
      containers,
      durationSeconds: (performance.now() - started) / 1000,
      errors,
    };
    return this.last;
  }

  private exportRow(row: ContainerRow, errors: Map<string, number>): ExportContainer {
    const raw = this.raws.get(row.info.id);
    // Only this read's sample counts; a late answer from an earlier deadline does not.
    const fresh = raw && row.source !== null && raw.timestamp === row.timestamp ? raw : null;
    const live = row.info.state === 'running' || row.info.state === 'paused';
    if (live && row.source === null && !this.failedIds.has(row.info.id)) errors.set('timeout', (errors.get('timeout') ?? 0) + 1);
    return { info: row.info, raw: fresh, stats: row.stats, restartCount: this.restarts.get(row.info) };
  }
}

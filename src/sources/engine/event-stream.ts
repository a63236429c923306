// Follows the engine's /events stream for containers. When the stream drops (engine restart,
// proxy timeout, socket error) it reconnects with `since` so the engine replays what happened in
// between from its buffer, and drops the replayed events it had already delivered.
//
// Limits: the engine keeps only its last 256 events for `since`; a longer outage loses the rest,
// which is why the tracker also re-lists periodically.
import { StringDecoder } from 'node:string_decoder';
import { decodeEventLine, parseEvent, rawTimeNano } from '../../core/events/event-parse.js';
import type { EngineEvent } from '../../core/model/types.js';

export interface EventsQuery {
  filters: { type: Array<'container'>; label?: string[] };
  /** Unix seconds, inclusive: the engine replays buffered events with time ≥ since. */
  since?: number;
  abortSignal?: AbortSignal;
}

/** The one engine call this needs; dockerode's `Docker` satisfies it. */
export interface EventSource {
  getEvents(query: EventsQuery): Promise<NodeJS.ReadableStream>;
}

export interface EventStreamOptions {
  docker: EventSource;
  labelFilters?: string[]; // engine-side `label` filters (ANDed)
  onEvent: (e: EngineEvent) => void;
  onError?: (err: unknown) => void;
  /** Wait before reconnecting after a drop, and the first retry delay when the engine refuses (default 1000). */
  reconnectDelayMs?: number;
  /** Cap for the doubling retry delay while the engine keeps refusing (default 30000). */
  maxReconnectDelayMs?: number;
  /** Clock for the resume point when no event has been seen yet and the engine sent no Date header. */
  now?: () => number;
  /** A subscription opened (first or after a drop): the engine is answering. */
  onOpen?: () => void;
  /** The subscription dropped (err: why, when the stream said) or a reconnect failed (failed: true). */
  onDrop?: (err: unknown, failed: boolean) => void;
}

export class EventStream {
  private closed = false;
  private abort: AbortController | null = null;
  private stream: NodeJS.ReadableStream | null = null;
  private timer: NodeJS.Timeout | null = null;
  private generation = 0; // which connection is current; events from stale ones are ignored
  private failures = 0; // consecutive refused connects, for the backoff
  private retryNow = false;
  /** Second of the newest event seen: a `since` replay starts there. */
  private lastEventSec: number | null = null;
  /** When the first connection opened: the resume point until an event arrives. */
  private openedSec: number | null = null;
  /** Keys of events at or after `lastEventSec`: exactly those a `since` replay can send again. */
  private readonly seen = new Map<string, number>();

  constructor(private readonly opts: EventStreamOptions) {}

  /** Resolves once the first subscription is open, so a list taken after it misses nothing. */
  async start(): Promise<void> {
    await this.connect();
  }

  /** Reconnect now instead of after the backoff, e.g. once the engine answers pings again. */
  reconnectNow(): void {
    if (this.closed || this.stream) return; // connected
    if (!this.timer) {
      this.retryNow = true; // a connect is in flight: if it fails, retry at once, not after the backoff
      return;
    }
    clearTimeout(this.timer);
    this.timer = null;
    this.failures = 0;
    this.schedule(0);
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.abort?.abort();
    destroy(this.stream);
  }

  private async connect(): Promise<void> {
    const query: EventsQuery = { filters: { type: ['container'] } };
    if (this.opts.labelFilters?.length) query.filters.label = [...this.opts.labelFilters];
    const since = this.lastEventSec ?? this.openedSec;
    if (since !== null) query.since = since;
    const abort = new AbortController();
    this.abort = abort;
    query.abortSignal = abort.signal;
    const stream = await this.opts.docker.getEvents(query);
    if (this.closed) return destroy(stream);
    this.failures = 0;
    this.retryNow = false;
    this.openedSec ??= this.openedSecond(stream);
    this.opts.onOpen?.();
    const generation = ++this.generation;
    this.stream = stream;
    // A multi-byte character (a CJK container name) can straddle two chunks.
    const decoder = new StringDecoder('utf8');
    let buf = '';
    stream.on('data', (chunk: Buffer | string) => {
      if (generation !== this.generation) return;
      buf += typeof chunk === 'string' ? chunk : decoder.write(chunk);
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        this.handle(line);
      }
    });
    // A torn last line is dropped: the replay after reconnecting sends it whole.
    const dropped = (err?: unknown) => {
      if (generation !== this.generation || this.closed) return;
      this.generation++;
      this.stream = null;
      if (err !== undefined) this.opts.onError?.(err);
      this.opts.onDrop?.(err, false);
      this.schedule(this.opts.reconnectDelayMs ?? 1000);
    };
    stream.on('end', () => dropped());
    stream.on('close', () => dropped());
    stream.on('error', (err: unknown) => dropped(err));
  }

  private schedule(delayMs: number): void {
    if (this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.closed) return;
      this.connect().catch((err: unknown) => {
        if (this.closed) return;
        this.failures++;
        this.opts.onError?.(err);
        this.opts.onDrop?.(err, true);
        const base = this.opts.reconnectDelayMs ?? 1000;
        if (this.retryNow) {
          this.retryNow = false;
          this.failures = 0;
          return this.schedule(base / 4);
        }
        this.schedule(Math.min(this.opts.maxReconnectDelayMs ?? 30_000, base * 2 ** (this.failures - 1)));
      });
    }, delayMs);
    this.timer.unref?.();
  }

  // The engine's own clock (HTTP Date header) when it sent one: with a remote engine, ours may differ.
  private openedSecond(stream: NodeJS.ReadableStream): number {
    const date = (stream as { headers?: Record<string, unknown> }).headers?.date;
    const engineMs = typeof date === 'string' ? Date.parse(date) : NaN;
    if (Number.isFinite(engineMs)) return Math.floor(engineMs / 1000);
    return Math.floor((this.opts.now ?? Date.now)() / 1000) - 1;
  }

  private handle(line: string): void {
    const msg = decodeEventLine(line);
    if (!msg) return;
    const nano = rawTimeNano(line);
    const second = nano !== null ? Number(BigInt(nano) / 1_000_000_000n) : Math.floor(msg.time ?? 0);
    const key = `${nano ?? msg.time}|${msg.Actor?.ID ?? msg.id}|${msg.Action ?? msg.status}`;
    if (this.seen.has(key)) return;
    this.seen.set(key, second);
    if (this.lastEventSec === null || second > this.lastEventSec) {
      this.lastEventSec = second;
      for (const [k, s] of this.seen) if (s < second) this.seen.delete(k);
    }
    const e = parseEvent(msg);
    if (!e) return;
    // A throwing listener must not take the stream down with it (it runs inside the 'data' handler).
    try {
      this.opts.onEvent(e);
    } catch (err) {
      this.opts.onError?.(err);
    }
  }
}

function destroy(stream: NodeJS.ReadableStream | null): void {
  (stream as { destroy?: () => void } | null)?.destroy?.();
}

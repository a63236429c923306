// Follows the engine's /events stream for containers. When the stream drops it reconnects with
// `since` = the last event's time, so events in between are replayed (the engine keeps 256).
import type Docker from 'dockerode';
import { parseEvent, type ApiEventMessage } from '../core/event-parse.js';
import type { EngineEvent } from '../core/types.js';

export interface EventStreamOptions {
  docker: Docker;
  labelFilters?: string[]; // engine-side `label` filters (ANDed)
  onEvent: (e: EngineEvent) => void;
  onError?: (err: unknown) => void;
  reconnectDelayMs?: number;
}

export class EventStream {
  private closed = false;
  private abort: AbortController | null = null;
  private lastTimeNs: number | null = null;
  private readonly seen = new Set<string>(); // dedupe of replayed events at the `since` boundary

  constructor(private readonly opts: EventStreamOptions) {}

  /** Resolves once the first subscription is open, so a list taken after it misses nothing. */
  async start(): Promise<void> {
    await this.connect();
  }

  close(): void {
    this.closed = true;
    this.abort?.abort();
  }

  private async connect(): Promise<void> {
    const filters: Record<string, string[]> = { type: ['container'] };
    if (this.opts.labelFilters?.length) filters.label = this.opts.labelFilters;
    const query: Record<string, unknown> = { filters };
    // `since` has second resolution: replay from the last event's second and drop what we saw.
    if (this.lastTimeNs !== null) query.since = Math.floor(this.lastTimeNs / 1e9);
    this.abort = new AbortController();
    query.abortSignal = this.abort.signal;
    const stream = (await this.opts.docker.getEvents(query)) as NodeJS.ReadableStream;
    let buf = '';
    stream.on('data', (chunk: Buffer) => {
      buf += chunk.toString('utf8');
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (line) this.handle(line);
      }
    });
    const reconnect = () => {
      if (this.closed) return;
      setTimeout(() => {
        if (!this.closed) this.connect().catch((err) => this.retry(err));
      }, this.opts.reconnectDelayMs ?? 1000).unref();
    };
    stream.on('end', reconnect);
    stream.on('error', (err: unknown) => {
      if (!this.closed) this.opts.onError?.(err);
    });
    stream.on('close', () => void 0);
  }

  private retry(err: unknown): void {
    if (this.closed) return;
    this.opts.onError?.(err);
    setTimeout(() => {
      if (!this.closed) this.connect().catch((e) => this.retry(e));
    }, this.opts.reconnectDelayMs ?? 1000).unref();
  }

  private handle(line: string): void {
    let msg: ApiEventMessage & { timeNano?: number };
    try {
      msg = JSON.parse(line) as ApiEventMessage;
    } catch {
      return;
    }
    const key = `${msg.timeNano ?? msg.time}|${msg.Actor?.ID}|${msg.Action}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    if (this.seen.size > 2048) this.seen.delete(this.seen.values().next().value as string);
    if (msg.timeNano) this.lastTimeNs = msg.timeNano;
    else if (msg.time) this.lastTimeNs = msg.time * 1e9;
    const e = parseEvent(msg);
    if (e) this.opts.onEvent(e);
  }
}

// `--events --no-stream`: the container events the engine still holds (Docker keeps its last 256
// in memory and replays them for `since`), then exit. The stream has no end of its own (the
// client has no `until`), so reading stops once the replay has gone quiet or a newer event shows up.
import { StringDecoder } from 'node:string_decoder';
import { decodeEventLine, parseEvent } from '../../core/events/event-parse.js';
import type { EngineEvent } from '../../core/model/types.js';
import type { EventSource, EventsQuery } from './event-stream.js';

export interface RecentEventsOptions {
  /** Quiet time after which the replay counts as done (default 300 ms). */
  idleMs?: number;
  /** Upper bound on the whole read (default 5 s). */
  maxMs?: number;
  now?: () => number;
}

export async function readRecentEvents(docker: EventSource, labelFilters: string[] | undefined, opts: RecentEventsOptions = {}): Promise<EngineEvent[]> {
  const abort = new AbortController();
  const startedMs = (opts.now ?? Date.now)();
  // since=1 (not 0, which the engine reads as "no since"): everything still buffered.
  const query: EventsQuery = { filters: { type: ['container'] }, since: 1, abortSignal: abort.signal };
  if (labelFilters?.length) query.filters.label = [...labelFilters];
  const stream = await docker.getEvents(query);
  const events: EngineEvent[] = [];
  await new Promise<void>((resolve) => {
    const decoder = new StringDecoder('utf8');
    let buf = '';
    let idle: NodeJS.Timeout | undefined;
    const done = () => {
      clearTimeout(idle);
      clearTimeout(cap);
      abort.abort();
      (stream as { destroy?: () => void }).destroy?.();
      resolve();
    };
    const cap = setTimeout(done, opts.maxMs ?? 5000);
    const rearm = () => {
      clearTimeout(idle);
      idle = setTimeout(done, opts.idleMs ?? 300);
    };
    rearm();
    stream.on('data', (chunk: Buffer | string) => {
      buf += typeof chunk === 'string' ? chunk : decoder.write(chunk);
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const msg = decodeEventLine(buf.slice(0, nl));
        buf = buf.slice(nl + 1);
        const e = msg && parseEvent(msg);
        if (!e) continue;
        if (e.time > startedMs) return done(); // live now, no longer the replay
        events.push(e);
      }
      rearm();
    });
    stream.on('end', done);
    stream.on('error', done);
  });
  return events;
}

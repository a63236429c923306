// Stats through the Engine API, in one of two ways (bench/api-sampling.js measured both):
// - 'stream' (live modes): one persistent stats stream per running container, as docker stats
//   does. The engine's 1 s collector pushes records; a tick takes the latest at once, so no tick
//   waits on the engine, and each record's precpu_stats gives exactly docker's CPU %. At 50
//   containers it costs the engine the same as one-shot requests, with ~2.5× less client CPU and
//   no late rows.
// - 'two-sample' (--no-stream): `stream=false`, the engine's own record of two collector passes
//   (~1–2 s), exactly what `docker stats --no-stream` prints; one read gives CPU % from its precpu.
// - 'one-shot': `stream=false&one-shot=true`, one immediate read. Docker 20.10 answers one-shots
//   about once a second and holds the rest, so repeated one-shots arrive late (bench/README.md);
//   kept for tests that pair an API read with a cgroup read of the same instant.
import type { EngineApi } from './engine-http.js';
import { StringDecoder } from 'node:string_decoder';
import type { ContainerInfo, RawSample } from '../../core/model/types.js';
import { isNotRunningRecord, parseApiStats, type ApiStatsRecord } from './api-stats-record.js';
import type { StatsSource } from '../source.js';

export type ApiMode = 'stream' | 'two-sample' | 'one-shot';

export interface EngineApiOptions {
  docker: EngineApi;
  mode?: ApiMode;
}

interface Feed {
  stream: NodeJS.ReadableStream & { destroy(): void };
  latest: RawSample | null;
  waiters: (() => void)[];
  ended: boolean;
}

export class EngineApiSource implements StatsSource {
  readonly kind = 'api' as const;
  readonly concurrency = 64;
  private readonly docker: EngineApi;
  private readonly mode: ApiMode;
  private readonly limits = new Map<string, Promise<number | null>>();
  private readonly feeds = new Map<string, Promise<Feed>>();

  constructor(opts: EngineApiOptions) {
    this.docker = opts.docker;
    this.mode = opts.mode ?? 'stream';
  }

  async sample(c: ContainerInfo, signal?: AbortSignal): Promise<RawSample | null> {
    let sample: RawSample | null;
    try {
      sample = this.mode === 'stream' ? await this.fromStream(c.id, signal) : await this.once(c.id, signal);
    } catch (err) {
      if (isGone(err) || signal?.aborted) return null;
      throw err;
    }
    if (sample) sample.cpuLimitCores = await this.cpuLimitOf(c.id);
    return sample;
  }

  forget(id: string): void {
    this.limits.delete(id);
    const feed = this.feeds.get(id);
    this.feeds.delete(id);
    feed?.then((f) => f.stream.destroy()).catch(() => undefined);
  }

  close(): void {
    for (const id of [...this.feeds.keys()]) this.forget(id);
  }

  private async once(id: string, signal?: AbortSignal): Promise<RawSample | null> {
    const query: Record<string, unknown> = { stream: false };
    if (this.mode === 'one-shot') query['one-shot'] = true;
    if (signal) query.abortSignal = signal;
    const rec = (await this.docker.getContainer(id).stats(query as { stream: false })) as ApiStatsRecord;
    return isNotRunningRecord(rec) ? null : parseApiStats(rec, id, Date.now());
  }

  /** The newest record of the container's stream; waits for the first one (until the tick's deadline). */
  private async fromStream(id: string, signal?: AbortSignal): Promise<RawSample | null> {
    let feed = await this.feedOf(id);
    if (feed.ended) {
      this.feeds.delete(id); // the engine closed it (removed, or a dropped connection): reopen
      feed = await this.feedOf(id);
    }
    if (!feed.latest) {
      await new Promise<void>((resolve) => {
        feed.waiters.push(resolve);
        signal?.addEventListener('abort', () => resolve(), { once: true });
      });
    }
    return feed.latest ? { ...feed.latest } : null;
  }

  private feedOf(id: string): Promise<Feed> {
    let p = this.feeds.get(id);
    if (!p) {
      p = this.openFeed(id);
      this.feeds.set(id, p);
      p.catch(() => this.feeds.delete(id));
    }
    return p;
  }

  private async openFeed(id: string): Promise<Feed> {
    const stream = (await this.docker.getContainer(id).stats({ stream: true })) as Feed['stream'];
    const feed: Feed = { stream, latest: null, waiters: [], ended: false };
    const decoder = new StringDecoder('utf8'); // a multi-byte character can straddle two chunks
    let buf = '';
    stream.on('data', (chunk: Buffer) => {
      buf += decoder.write(chunk);
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (!line.trim()) continue;
        try {
          const rec = JSON.parse(line) as ApiStatsRecord;
          feed.latest = isNotRunningRecord(rec) ? null : parseApiStats(rec, id, Date.now());
        } catch {
          continue; // a torn or foreign line: wait for the next record
        }
        feed.waiters.splice(0).forEach((w) => w());
      }
    });
    // The engine ends the stream when the container is removed; the next sample reopens it.
    const done = () => {
      feed.ended = true;
      feed.waiters.splice(0).forEach((w) => w());
    };
    stream.on('end', done);
    stream.on('error', done);
    return feed;
  }

  // Limits change only through `docker update`, so one inspect per container is enough.
  private cpuLimitOf(id: string): Promise<number | null> {
    let p = this.limits.get(id);
    if (!p) {
      p = this.docker
        .getContainer(id)
        .inspect()
        .then((i) => cpuLimit(i.HostConfig))
        .catch(() => null);
      this.limits.set(id, p);
    }
    return p;
  }
}

export function cpuLimit(hc: { NanoCpus?: number; CpuQuota?: number; CpuPeriod?: number } | undefined): number | null {
  if (!hc) return null;
  if (hc.NanoCpus && hc.NanoCpus > 0) return hc.NanoCpus / 1e9;
  if (hc.CpuQuota && hc.CpuQuota > 0) return hc.CpuQuota / (hc.CpuPeriod && hc.CpuPeriod > 0 ? hc.CpuPeriod : 100000);
  return null;
}

export function isGone(err: unknown): boolean {
  const code = (err as { statusCode?: number }).statusCode;
  return code === 404 || code === 409;
}

// Whether an engine is answering, and since when: a monitor must say when it is blind rather than
// show an empty list. Three things can tell it the engine is gone — the /events stream dropping,
// a container list failing, a heartbeat /_ping failing or hanging — and one thing tells it the
// engine is back: a ping that answers, followed by a fresh list (so the rows shown are current).
import type { EngineStatus } from '../../core/model/types.js';

/** What can fail: the heartbeat, the container list, the /events subscription. */
export type EngineChannel = 'ping' | 'list' | 'events';

export interface EngineMonitorOptions {
  name: string;
  sourceLabel: () => string;
  /** GET /_ping; rejects when the engine does not answer, by itself within `timeoutMs` (it is not aborted). */
  ping: (timeoutMs: number) => Promise<unknown>;
  /** Heartbeat period (default 1000 ms). Drops and failures probe at once, not on the next beat. */
  probeMs?: number;
  /** A ping slower than this counts as "not answering" (default 2 × probeMs, at least 2 s). */
  timeoutMs?: number;
  /** Run when pings answer again after a failure: re-list, re-subscribe. Reports its own outcome. */
  onRecover?: () => Promise<void>;
  now?: () => number;
}

interface Failure {
  reason: string;
  since: number;
}

// The order in which reasons are shown: the heartbeat says most plainly what is wrong.
const CHANNELS: readonly EngineChannel[] = ['ping', 'list', 'events'];

export class EngineMonitor {
  private readonly failures = new Map<EngineChannel, Failure>();
  private readonly listeners = new Set<(s: EngineStatus) => void>();
  private current: EngineStatus;
  private timer: NodeJS.Timeout | null = null;
  private probing: Promise<void> | null = null;
  private recovering = false;
  private closed = false;

  constructor(private readonly opts: EngineMonitorOptions) {
    this.current = { name: opts.name, state: 'up', reason: null, since: this.now(), sourceLabel: opts.sourceLabel() };
  }

  /** Starts the heartbeat. */
  start(): void {
    if (this.timer || this.closed) return;
    this.timer = setInterval(() => void this.probe(), this.opts.probeMs ?? 1000);
    this.timer.unref?.();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  status(): EngineStatus {
    return { ...this.current, sourceLabel: this.opts.sourceLabel() };
  }

  onChange(listener: (s: EngineStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A channel's outcome: an error marks it failing (and probes the engine), null clears it. */
  report(channel: EngineChannel, err: unknown): void {
    if (this.closed) return;
    if (err === null || err === undefined) {
      if (this.failures.delete(channel)) this.update();
      return;
    }
    // The latest words (a reset while stopping, then "connection refused"), the first failure's time.
    this.failures.set(channel, { reason: engineErrorReason(err), since: this.failures.get(channel)?.since ?? this.now() });
    this.update();
    if (channel !== 'ping') void this.probe();
  }

  /** Something looks wrong (a stream dropped, a read failed): ask the engine now. */
  probe(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.probing ??= this.ping().finally(() => {
      this.probing = null;
    });
    return this.probing;
  }

  private async ping(): Promise<void> {
    const timeoutMs = this.opts.timeoutMs ?? Math.max(2000, 2 * (this.opts.probeMs ?? 1000));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${formatSeconds(timeoutMs)}`), { code: 'CTOP_NO_ANSWER' })), timeoutMs);
    });
    const wasDown = this.failures.has('ping');
    try {
      await Promise.race([this.opts.ping(timeoutMs), timeout]);
    } catch (err) {
      // The container list is as old as the outage: it must be re-read before the engine counts as up.
      if (!this.failures.has('list')) this.failures.set('list', { reason: engineErrorReason(err), since: this.now() });
      this.report('ping', err);
      return;
    } finally {
      clearTimeout(timer);
    }
    this.report('ping', null);
    if ((wasDown || this.failures.size > 0) && !this.recovering && this.opts.onRecover) {
      this.recovering = true;
      this.update();
      try {
        await this.opts.onRecover();
      } finally {
        this.recovering = false;
        this.update();
      }
    }
  }

  private update(): void {
    const failing = CHANNELS.filter((c) => this.failures.has(c));
    const state: EngineStatus['state'] = failing.length === 0 ? 'up' : this.recovering && !this.failures.has('ping') ? 'connecting' : 'down';
    const reason = failing.length === 0 ? null : this.failures.get(failing[0])!.reason;
    const prev = this.current;
    if (state === prev.state && reason === prev.reason) return;
    // `since` dates the outage, not each change of wording inside it.
    const since = state === prev.state || (state !== 'up' && prev.state !== 'up') ? prev.since : this.now();
    this.current = { name: this.opts.name, state, reason, since, sourceLabel: this.opts.sourceLabel() };
    // While up, the engine's own connections keep the process alive; during an outage nothing
    // else may (--events has no timer of its own), and the process must wait for the engine.
    if (state === 'up') this.timer?.unref?.();
    else this.timer?.ref?.();
    for (const l of this.listeners) l(this.status());
  }

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }
}

/** Short words for why an engine is not answering, for the header, NDJSON and stderr. */
export function engineErrorReason(err: unknown): string {
  const e = err as { code?: unknown; statusCode?: number; message?: string; reason?: string; json?: { message?: string } };
  switch (e?.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOENT':
      return 'socket not found';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'connection reset';
    case 'ETIMEDOUT':
      return 'connection timed out';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host name does not resolve';
  }
  if (typeof e?.statusCode === 'number') {
    const text = e.json?.message ?? e.reason ?? e.message ?? '';
    return `engine answered ${e.statusCode}${text ? `: ${firstLine(text)}` : ''}`;
  }
  return firstLine(e?.message ?? String(err));
}

function firstLine(s: string): string {
  return s.split('\n')[0].replace(/^\(HTTP code \d+\)\s*(\w+ - )?/, '').slice(0, 200);
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

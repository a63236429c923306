// Writes line protocol to InfluxDB over HTTP without ever holding up sampling: ticks go into a
// bounded buffer (the oldest lines are dropped, and counted, when it is full), one request is in
// flight at a time, and 429/5xx/network failures are retried with exponential backoff. Any other
// 4xx (unknown database, bad token, malformed line) will not fix itself: it is reported once,
// through onFatal, and the pusher stops.

export interface InfluxTarget {
  url: string; // base URL, e.g. http://127.0.0.1:8086
  /** v1: database (and optional retention policy, user, password). */
  db?: string;
  rp?: string;
  user?: string;
  password?: string;
  /** v2: org, bucket and token. */
  org?: string;
  bucket?: string;
  token?: string;
}

export interface PusherOptions {
  target: InfluxTarget;
  /** Lines held while the database is slow or down (default 100 000). */
  maxBufferedLines?: number;
  /** Lines per request (default 5 000, InfluxDB's advice). */
  batchLines?: number;
  requestTimeoutMs?: number;
  /** First retry delay; doubles up to maxBackoffMs (defaults 500 ms, 30 s). */
  backoffMs?: number;
  maxBackoffMs?: number;
  onFatal(message: string): void;
  /** State changes worth a --verbose line (retrying, recovered). */
  onNote?(message: string): void;
}

/** The write endpoint; credentials travel in headers so they never appear in a URL or a log line. */
export function writeRequest(t: InfluxTarget): { url: string; headers: Record<string, string> } {
  const base = t.url.replace(/\/+$/, '');
  const headers: Record<string, string> = { 'Content-Type': 'text/plain; charset=utf-8' };
  if (t.bucket !== undefined) {
    const q = new URLSearchParams({ org: t.org ?? '', bucket: t.bucket, precision: 'ns' });
    if (t.token) headers.Authorization = `Token ${t.token}`;
    return { url: `${base}/api/v2/write?${q}`, headers };
  }
  const q = new URLSearchParams({ db: t.db ?? '', precision: 'n' });
  if (t.rp) q.set('rp', t.rp);
  if (t.user !== undefined) headers.Authorization = `Basic ${Buffer.from(`${t.user}:${t.password ?? ''}`).toString('base64')}`;
  else if (t.token) headers.Authorization = `Token ${t.token}`;
  return { url: `${base}/write?${q}`, headers };
}

/** The reason in an InfluxDB error body: v1 `{"error":…}`, v2 `{"message":…}`, else the text. */
export function errorText(body: string): string {
  try {
    const j = JSON.parse(body) as { error?: string; message?: string };
    if (j.error || j.message) return String(j.error ?? j.message);
  } catch {
    // not JSON
  }
  return body.trim().slice(0, 200) || 'no details';
}

export class InfluxPusher {
  private queue: string[] = [];
  private head = 0; // index of the oldest unsent line in queue
  private sending = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private failures = 0;
  private stopped = false;
  /** Lines dropped because the buffer was full. */
  dropped = 0;
  /** Lines InfluxDB accepted. */
  delivered = 0;
  private readonly req: { url: string; headers: Record<string, string> };

  constructor(private readonly opts: PusherOptions) {
    this.req = writeRequest(opts.target);
  }

  get buffered(): number {
    return this.queue.length - this.head;
  }

  /** Queues one tick's lines (`\n`-terminated) and starts a send if none is running. */
  push(text: string): void {
    if (this.stopped || !text) return;
    for (const line of text.split('\n')) if (line) this.queue.push(line);
    const max = this.opts.maxBufferedLines ?? 100_000;
    const over = this.buffered - max;
    if (over > 0) {
      this.head += over;
      this.dropped += over;
    }
    if (!this.sending && this.head > 10_000 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    this.pump();
  }

  /** Sends what is buffered, waiting at most `timeoutMs`; resolves when done or out of time. */
  async drain(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    while (!this.stopped && this.buffered > 0 && Date.now() < deadline) {
      if (!this.sending) this.pump(true);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }

  private pump(force = false): void {
    if (this.sending || this.stopped || this.buffered === 0 || (this.retryTimer && !force)) return;
    this.sending = true;
    const n = Math.min(this.buffered, this.opts.batchLines ?? 5000);
    const start = this.head; // the queue is not compacted while a batch is out, so indices hold
    const batch = this.queue.slice(start, start + n);
    void this.send(batch.join('\n') + '\n').then((outcome) => {
      this.sending = false;
      if (outcome === 'ok') {
        // Drops while the batch was out may have moved head into or past it already.
        this.head = Math.max(this.head, start + n);
        this.delivered += n;
        if (this.failures > 0) this.opts.onNote?.(`InfluxDB writes work again (${this.buffered} lines still buffered, ${this.dropped} dropped so far)`);
        this.failures = 0;
        this.pump();
      } else if (outcome === 'retry') {
        const delay = Math.min(this.opts.maxBackoffMs ?? 30_000, (this.opts.backoffMs ?? 500) * 2 ** this.failures);
        this.failures++;
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null;
          this.pump();
        }, delay);
        this.retryTimer.unref();
      }
    });
  }

  private async send(body: string): Promise<'ok' | 'retry' | 'fatal'> {
    let res: Response;
    try {
      res = await fetch(this.req.url, { method: 'POST', headers: this.req.headers, body, signal: AbortSignal.timeout(this.opts.requestTimeoutMs ?? 10_000) });
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      if (this.failures === 0) this.opts.onNote?.(`InfluxDB write failed (${e.cause?.code ?? e.name}); buffering and retrying`);
      return 'retry';
    }
    const text = await res.text().catch(() => '');
    if (res.status >= 200 && res.status < 300) return 'ok';
    if (res.status === 429 || res.status >= 500) {
      if (this.failures === 0) this.opts.onNote?.(`InfluxDB answered ${res.status} (${errorText(text)}); buffering and retrying`);
      return 'retry';
    }
    this.stopped = true;
    const where = new URL(this.req.url);
    this.opts.onFatal(`InfluxDB at ${where.origin} refused the write with ${res.status}: ${errorText(text)}`);
    return 'fatal';
  }
}

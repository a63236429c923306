// A small client for Prometheus's HTTP API (/api/v1/query, /api/v1/query_range). Node's own http/https
// rather than fetch, so TLS options (CA file, client certificate, skip-verify) reach the socket.
// Every request has a timeout: a slow Prometheus must never hold a tick, let alone the UI.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { gunzipSync } from 'node:zlib';
import { UserFacingError } from '../../core/model/errors.js';

export interface PromAuth {
  username?: string;
  password?: string;
  bearerToken?: string;
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  insecureSkipVerify?: boolean;
}

export interface PromClientOptions extends PromAuth {
  url: string;
  timeoutMs?: number; // per request (default 5 s)
}

/** One element of an instant vector. Values stay strings until parsed: "NaN", "+Inf" are legal. */
export interface PromVectorSample {
  metric: Record<string, string>;
  value: [number, string];
}

export interface PromMatrixSeries {
  metric: Record<string, string>;
  values: [number, string][];
}

/** What one request cost, for --verbose and the benchmark. */
export interface PromCost {
  queries: number;
  bytes: number; // on the wire (gzip when the server compresses)
  decodedBytes: number; // JSON after decompression
  ms: number;
}

/** A failure worth one line to the user; `kind` lets the session tell outage from bad query. */
export class PromError extends UserFacingError {
  constructor(
    message: string,
    readonly kind: 'unreachable' | 'timeout' | 'http' | 'api' | 'format',
    hint?: string,
  ) {
    super(message, hint, 1);
  }
}

/** Prometheus writes special floats as strings; Number("+Inf") is NaN, so map them explicitly. */
export function parsePromValue(v: string): number {
  if (v === '+Inf') return Infinity;
  if (v === '-Inf') return -Infinity;
  return Number(v); // "NaN" → NaN
}

export class PromClient {
  readonly base: URL;
  private readonly agent: http.Agent;
  private readonly headers: Record<string, string> = {};
  readonly cost: PromCost = { queries: 0, bytes: 0, decodedBytes: 0, ms: 0 };

  constructor(private readonly opts: PromClientOptions) {
    let base: URL;
    try {
      base = new URL(opts.url);
    } catch {
      throw new UserFacingError(`--prometheus: not a URL: ${opts.url}`, 'e.g. http://127.0.0.1:9090', 2);
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:')
      throw new UserFacingError(`--prometheus: expected http:// or https://, got ${base.protocol}`, undefined, 2);
    // A path prefix (Prometheus behind a proxy at /prom/) is kept: API paths are appended to it.
    if (!base.pathname.endsWith('/')) base.pathname += '/';
    this.base = base;
    const read = (file: string | undefined, what: string) => {
      if (file === undefined) return undefined;
      try {
        return readFileSync(file);
      } catch (err) {
        throw new UserFacingError(`cannot read ${what} ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, undefined, 2);
      }
    };
    this.agent =
      base.protocol === 'https:'
        ? new https.Agent({
            keepAlive: true,
            ca: read(opts.caFile, 'CA file'),
            cert: read(opts.certFile, 'certificate'),
            key: read(opts.keyFile, 'key'),
            rejectUnauthorized: !opts.insecureSkipVerify,
          })
        : new http.Agent({ keepAlive: true });
    const user = opts.username ?? (base.username ? decodeURIComponent(base.username) : undefined);
    const pass = opts.password ?? (base.password ? decodeURIComponent(base.password) : '');
    if (opts.bearerToken) this.headers.authorization = `Bearer ${opts.bearerToken}`;
    else if (user !== undefined) this.headers.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    base.username = '';
    base.password = '';
  }

  /** The URL as shown to people: never with credentials. */
  display(): string {
    return this.base.origin + this.base.pathname.replace(/\/$/, '');
  }

  async query(promql: string, time: number, signal?: AbortSignal): Promise<PromVectorSample[]> {
    const data = await this.call('api/v1/query', { query: promql, time: time.toFixed(3) }, signal);
    if (data.resultType !== 'vector') throw new PromError(`expected a vector from Prometheus, got ${String(data.resultType)}`, 'format');
    return data.result as PromVectorSample[];
  }

  async queryRange(promql: string, start: number, end: number, step: number, signal?: AbortSignal): Promise<PromMatrixSeries[]> {
    const params = { query: promql, start: start.toFixed(3), end: end.toFixed(3), step: String(step) };
    const data = await this.call('api/v1/query_range', params, signal);
    if (data.resultType !== 'matrix') throw new PromError(`expected a matrix from Prometheus, got ${String(data.resultType)}`, 'format');
    return data.result as PromMatrixSeries[];
  }

  /** The server's version from /api/v1/status/buildinfo (for the header). */
  async buildVersion(): Promise<string | null> {
    const data = (await this.call('api/v1/status/buildinfo', {}, undefined, 'GET')) as { version?: unknown };
    return typeof data.version === 'string' ? data.version : null;
  }

  close(): void {
    this.agent.destroy();
  }

  /** POST form-encoded (PromQL for hundreds of matchers outgrows a URL); resolves `data`. */
  private call(path: string, params: Record<string, string>, signal?: AbortSignal, method: 'GET' | 'POST' = 'POST'): Promise<{ resultType?: unknown; result?: unknown }> {
    const url = new URL(path, this.base);
    const body = method === 'GET' ? '' : new URLSearchParams({ ...params, timeout: `${Math.max(1, Math.floor((this.opts.timeoutMs ?? 5000) / 1000))}s` }).toString();
    const timeoutMs = this.opts.timeoutMs ?? 5000;
    const started = Date.now();
    const where = this.display();
    return new Promise((resolve, reject) => {
      const lib = url.protocol === 'https:' ? https : http;
      const req = lib.request(
        url,
        {
          method,
          agent: this.agent,
          headers: { ...this.headers, ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } : {}), accept: 'application/json', 'accept-encoding': 'gzip' },
          signal,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (err) => reject(new PromError(`Prometheus at ${where}: ${err.message}`, 'unreachable')));
          res.on('end', () => {
            clearTimeout(timer);
            const raw = Buffer.concat(chunks);
            this.cost.queries++;
            this.cost.bytes += raw.length;
            this.cost.ms += Date.now() - started;
            try {
              // Label sets repeat from series to series: gzip makes a 500-container answer ~15× smaller.
              const body = res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
              this.cost.decodedBytes += body.length;
              resolve(parseEnvelope(res.statusCode ?? 0, body.toString('utf8'), where));
            } catch (err) {
              reject(err);
            }
          });
        },
      );
      const timer = setTimeout(() => req.destroy(new PromError(`Prometheus at ${where} did not answer within ${timeoutMs} ms`, 'timeout', 'a slow server: raise --prometheus-timeout or narrow the selection with -l')), timeoutMs);
      req.on('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        if (err instanceof PromError) return reject(err);
        if (err.name === 'AbortError') return reject(err);
        const why = err.code ?? err.message;
        if (/CERT|SSL|TLS|SELF_SIGNED|HOSTNAME/i.test(`${err.code ?? ''} ${err.message}`))
          return reject(new PromError(`TLS with Prometheus at ${where} failed: ${err.message}`, 'unreachable', 'pass its CA with --prometheus-ca (or --prometheus-insecure to skip verification)'));
        reject(new PromError(`cannot reach Prometheus at ${where}: ${why}`, 'unreachable', 'is the URL right and the server up?'));
      });
      req.end(body);
    });
  }
}

/**
 * The API's envelope: `{status, data, errorType, error, warnings}`. A proxy in front may answer
 * with HTML or plain text instead, so a non-JSON body is reported by status and its first line.
 */
export function parseEnvelope(status: number, text: string, where: string): { resultType?: unknown; result?: unknown } {
  type Envelope = { status?: string; data?: { resultType?: unknown; result?: unknown }; errorType?: string; error?: string };
  const env = ((): Envelope | null => {
    try {
      const parsed = JSON.parse(text) as unknown;
      return parsed !== null && typeof parsed === 'object' ? (parsed as Envelope) : null;
    } catch {
      return null;
    }
  })();
  if (env && env.status === 'success' && env.data) return env.data;
  if (env && env.status === 'error') {
    const text = `Prometheus at ${where}: ${env.errorType ?? 'error'}: ${env.error ?? 'no error text'}`;
    // Limits: query timeout (503 "timeout"), too many samples ("query processing would load too many samples").
    const limit = env.errorType === 'timeout' || /too many samples|exceeded maximum resolution|limit/i.test(env.error ?? '');
    throw new PromError(text, 'api', limit ? 'the query hit a server limit: narrow the selection with -l or raise the server\'s limits' : undefined);
  }
  if (status === 401 || status === 403)
    throw new PromError(`Prometheus at ${where} answered ${status}${status === 401 ? ' (unauthorized)' : ' (forbidden)'}`, 'http', 'pass --prometheus-user/--prometheus-password or --prometheus-token');
  const first = text.trim().split('\n')[0]?.slice(0, 200) ?? '';
  const notApi = 'is this the Prometheus base URL (the one serving /api/v1/query)?';
  if (status >= 200 && status < 300) // e.g. a login page in front of it
    throw new PromError(`${where} did not answer like the Prometheus API (HTTP ${status})${first ? `: ${first}` : ''}`, 'format', notApi);
  throw new PromError(`Prometheus at ${where} answered ${status || 'nothing'}${first ? `: ${first}` : ''}`, status >= 400 ? 'http' : 'format', status === 404 ? notApi : undefined);
}

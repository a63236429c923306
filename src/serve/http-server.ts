// The HTTP(S) endpoint: GET/HEAD /metrics and /healthz, nothing else. It can only read: there is
// no route that reaches an engine command. Bounded concurrent requests and a timeout per request
// keep a misbehaving client from piling up work; TLS and basic auth come from the web config.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { constants as zlibConstants, gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { negotiateFormat, OPENMETRICS_CONTENT_TYPE, TEXT_CONTENT_TYPE, type ExpositionFormat } from '../output/prometheus-text.js';
import { BasicAuth, type WebConfig } from './web-config.js';

const gzipAsync = promisify(gzip);

export interface HttpServerOptions {
  host: string;
  port: number;
  web: WebConfig | null;
  /**
   * Re-reads the web config when its file changed (exporter-toolkit reads it per request), so users,
   * headers and certificates rotate without a restart; turning TLS on or off still needs one.
   */
  reloadWeb?: () => WebConfig | null;
  /** Builds the exposition for one /metrics request. */
  render(format: ExpositionFormat): Promise<string>;
  /** Requests handled at once; more get 503 (default 8). */
  maxConcurrent?: number;
  /** Whole-request timeout in ms (default 10 s): a slow read answers 503, a slow client is cut off. */
  requestTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface RunningServer {
  server: Server;
  url: string; // e.g. http://127.0.0.1:9184
  port: number;
  close(): Promise<void>;
}

class Timeout extends Error {}

function send(res: ServerResponse, req: IncomingMessage, status: number, body: string | Buffer, headers: Record<string, string> = {}): void {
  const buf = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, { 'Content-Length': String(buf.length), 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end(req.method === 'HEAD' ? undefined : buf);
}

export async function startHttpServer(opts: HttpServerOptions): Promise<RunningServer> {
  let auth = new BasicAuth(opts.web?.users ?? new Map());
  const maxConcurrent = opts.maxConcurrent ?? 8;
  const timeoutMs = opts.requestTimeoutMs ?? 10_000;
  let extraHeaders = opts.web?.headers ?? {};
  let active = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    reload();
    for (const [k, v] of Object.entries(extraHeaders)) res.setHeader(k, v);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, req, 405, 'method not allowed: only GET and HEAD\n', { Allow: 'GET, HEAD' });
    if (!(await auth.check(req.headers.authorization))) return send(res, req, 401, 'Unauthorized\n', { 'WWW-Authenticate': 'Basic' });
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') return send(res, req, 200, 'ok\n');
    if (path !== '/metrics') return send(res, req, 404, 'not found: this endpoint serves /metrics and /healthz\n');
    const format = negotiateFormat(req.headers.accept);
    let timer: NodeJS.Timeout | undefined;
    const text = await Promise.race([
      opts.render(format),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Timeout()), timeoutMs))),
    ]).finally(() => clearTimeout(timer));
    const headers: Record<string, string> = { 'Content-Type': format === 'openmetrics' ? OPENMETRICS_CONTENT_TYPE : TEXT_CONTENT_TYPE };
    if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      headers['Content-Encoding'] = 'gzip';
      headers.Vary = 'Accept-Encoding';
      // Fastest level: exposition text is so repetitive that it still shrinks ~15×.
      return send(res, req, 200, await gzipAsync(text, { level: zlibConstants.Z_BEST_SPEED }), headers);
    }
    send(res, req, 200, text, headers);
  };

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    if (active >= maxConcurrent) return send(res, req, 503, 'too many concurrent requests\n', { 'Retry-After': '1' });
    active++;
    res.once('close', () => active--);
    handle(req, res).catch((err: unknown) => {
      const timeout = err instanceof Timeout;
      opts.log?.(timeout ? `scrape timed out after ${timeoutMs} ms` : `scrape failed: ${(err as Error)?.message ?? err}`);
      if (!res.headersSent) send(res, req, 503, timeout ? 'scrape timed out\n' : 'scrape failed\n');
      else res.destroy();
    });
  };

  const tls = opts.web?.tls;
  let current = opts.web;
  const reload = () => {
    const next = opts.reloadWeb?.();
    if (!next || next === current) return;
    current = next;
    auth = new BasicAuth(next.users);
    extraHeaders = next.headers;
    const t = next.tls;
    if (t && tls) (server as import('node:https').Server).setSecureContext({ cert: t.cert, key: t.key, ca: t.ca, minVersion: t.minVersion, maxVersion: t.maxVersion });
  };
  const server: Server = tls
    ? createHttpsServer({ cert: tls.cert, key: tls.key, ca: tls.ca, requestCert: tls.requestCert, rejectUnauthorized: tls.rejectUnauthorized, minVersion: tls.minVersion, maxVersion: tls.maxVersion }, listener)
    : createHttpServer(listener);
  server.requestTimeout = timeoutMs + 5_000;
  server.headersTimeout = Math.min(timeoutMs, 10_000);
  server.keepAliveTimeout = 65_000; // longer than typical scrape intervals, so Prometheus reuses the connection
  server.maxHeadersCount = 64;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const hostPart = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    server,
    port,
    url: `${tls ? 'https' : 'http'}://${hostPart}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

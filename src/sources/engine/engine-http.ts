// The few Engine API calls a session makes on its own (info, version, list, inspect, events,
// stats), over node:http: dockerode's import pulls in ssh2, gRPC and protobuf (~0.1 s of CPU on
// this machine, more on a busy one), all of it start-up that the cgroup fast path and
// `--no-stream` never use. dockerode still serves the commands (inspect details, actions, logs,
// exec), loaded when one is first asked for, and every ssh:// engine.
//
// The methods keep dockerode's names and shapes, and errors carry `statusCode` and a message of
// docker-modem's form, so the tracker, the stats sources and explainEngineError read both alike.
import http from 'node:http';
import type { Agent, ClientRequest, IncomingMessage, RequestOptions } from 'node:http';

/** Where the engine listens: a unix socket, or TCP with optional TLS (ssh:// stays with dockerode). */
export interface EngineEndpoint {
  socketPath?: string;
  host?: string;
  port?: number | string;
  protocol?: 'http' | 'https' | 'ssh';
  ca?: unknown; // TLS material, as dockerode takes it
  cert?: unknown;
  key?: unknown;
  /** Set (by engine-tls.ts) when the server's certificate is not to be verified. */
  agent?: unknown;
}

interface CallOptions {
  abortSignal?: AbortSignal;
}

/** The subset of dockerode a session uses to list and sample containers. */
export interface EngineApi {
  info(): Promise<unknown>;
  version(): Promise<unknown>;
  listContainers(opts?: { all?: boolean; filters?: Record<string, string[]> }): Promise<unknown[]>;
  getEvents(opts?: { filters?: unknown; since?: number } & CallOptions): Promise<NodeJS.ReadableStream>;
  getContainer(id: string): {
    inspect(opts?: CallOptions): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- dockerode's own return type
    stats(opts?: { stream?: boolean; 'one-shot'?: boolean } & CallOptions): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
}

export class EngineHttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly json: unknown,
  ) {
    super(`(HTTP code ${statusCode}) ${message}`);
  }
}

/** True when this client can talk to the endpoint (everything but ssh://). */
export function canUseHttp(endpoint: EngineEndpoint): boolean {
  return endpoint.protocol !== 'ssh';
}

export class EngineHttpClient implements EngineApi {
  private agent: Agent | null = null;

  constructor(private readonly endpoint: EngineEndpoint) {}

  info(): Promise<unknown> {
    return this.json('/info');
  }

  version(): Promise<unknown> {
    return this.json('/version');
  }

  async listContainers(opts: { all?: boolean; filters?: Record<string, string[]> } = {}): Promise<unknown[]> {
    return (await this.json(`/containers/json${query({ all: opts.all, filters: opts.filters })}`)) as unknown[];
  }

  getEvents(opts: { filters?: unknown; since?: number } & CallOptions = {}): Promise<NodeJS.ReadableStream> {
    return this.stream(`/events${query({ filters: opts.filters, since: opts.since })}`, opts.abortSignal);
  }

  getContainer(id: string): ReturnType<EngineApi['getContainer']> {
    const base = `/containers/${encodeURIComponent(id)}`;
    return {
      inspect: (opts: CallOptions = {}) => this.json(`${base}/json`, opts.abortSignal),
      stats: (opts: { stream?: boolean; 'one-shot'?: boolean } & CallOptions = {}) => {
        const path = `${base}/stats${query({ stream: opts.stream ?? true, 'one-shot': opts['one-shot'] })}`;
        return opts.stream === false ? this.json(path, opts.abortSignal) : this.stream(path, opts.abortSignal);
      },
    };
  }

  /** Frees the kept-alive connections (the process may still exit without it: they are unref'd). */
  close(): void {
    this.agent?.destroy();
  }

  private async json(path: string, signal?: AbortSignal): Promise<unknown> {
    const res = await this.request(path, signal);
    const text = await readAll(res);
    const body = parse(text);
    if (res.statusCode !== 200) throw failure(res.statusCode ?? 0, body, text);
    return body;
  }

  private async stream(path: string, signal?: AbortSignal): Promise<NodeJS.ReadableStream> {
    const res = await this.request(path, signal);
    if (res.statusCode === 200) return res;
    const text = await readAll(res);
    throw failure(res.statusCode ?? 0, parse(text), text);
  }

  private async request(path: string, signal?: AbortSignal): Promise<IncomingMessage> {
    const mod = await httpModule(this.endpoint);
    this.agent ??= new mod.Agent({ keepAlive: true, maxSockets: 64 });
    const options = getOptions(this.endpoint, path, this.agent, signal);
    return new Promise((resolve, reject) => {
      const req: ClientRequest = mod.request(options, resolve);
      req.on('error', reject);
      req.end();
    });
  }
}

/** node:http, or node:https for a TLS endpoint (its TLS stack loads only for an engine that needs it). */
async function httpModule(endpoint: EngineEndpoint): Promise<typeof http> {
  return endpoint.protocol === 'https' ? ((await import('node:https')) as unknown as typeof http) : http;
}

/** A GET of `path` on the endpoint: its socket or host and port, its TLS material, the Host header. */
function getOptions(endpoint: EngineEndpoint, path: string, agent: Agent, signal?: AbortSignal): RequestOptions {
  const { socketPath, host, port } = endpoint;
  const options: RequestOptions = { method: 'GET', path, agent, signal, headers: { host: hostHeader(endpoint) } };
  if (socketPath) options.socketPath = socketPath;
  else Object.assign(options, { host, port }, tlsMaterial(endpoint));
  // No TLS, no SNI: an empty name spares node:http its isIP() check, whose IPv6 pattern costs
  // ~4 ms to compile on a process's first request.
  if (endpoint.protocol !== 'https') Object.assign(options, { servername: '' });
  return options;
}

/** The Host header an engine is asked with: `docker` over its socket, else its host and port. */
export function hostHeader(endpoint: EngineEndpoint): string {
  return endpoint.socketPath ? 'docker' : `${endpoint.host}:${endpoint.port}`;
}

/**
 * The endpoint's TLS material for a connection, and whether to verify the server: not under
 * DOCKER_TLS without verification or a context's SkipTLSVerify (engine-tls.ts marks them with an agent).
 */
export function tlsMaterial(endpoint: EngineEndpoint): { ca?: unknown; cert?: unknown; key?: unknown; rejectUnauthorized?: false } {
  const { ca, cert, key } = endpoint;
  return endpoint.agent ? { ca, cert, key, rejectUnauthorized: false } : { ca, cert, key };
}

function query(params: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null) continue;
    const text = typeof v === 'object' ? JSON.stringify(v) : String(v);
    parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(text)}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

function readAll(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
  });
}

function parse(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}

function failure(status: number, body: unknown, text: string): EngineHttpError {
  const message = (body as { message?: string } | null)?.message ?? (text.trim() || http.STATUS_CODES[status] || 'error');
  return new EngineHttpError(status, message, body);
}

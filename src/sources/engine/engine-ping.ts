// GET /_ping: the cheapest question an engine answers (measured: 0.05 ms of engine CPU, against
// 0.15 ms for /version on Docker and 16 ms on Podman, which gathers host facts for it). The
// fleet asks it of every engine each interval to notice one that stopped answering.
//
// Written on one kept-open connection per engine and read back directly, not through node:http:
// at one beat a second everything runs cold, and a beat through http.request (ClientRequest,
// agent, parser, IncomingMessage, AbortSignal) cost 1.5 ms of our CPU against 0.3 ms for the
// same exchange on the socket — most of what a tick with no container cost. The answer is tiny
// and fixed in shape (a status line, a few headers, "OK"); pingAnswer() reads exactly that much
// of HTTP/1.1: Content-Length, chunked, or a body that ends with the connection.
//
// A connection the engine closed while idle (it restarted) fails on reuse; that one failure is
// retried on a new connection, so a restart between two beats is not reported as an outage.
import net from 'node:net';
import type { ConnectionOptions, TLSSocket } from 'node:tls';
import type { EngineTarget } from './connection.js';
import { hostHeader, tlsMaterial, type EngineEndpoint } from './engine-http.js';

/** A complete answer: its status, how many characters it took, whether the engine closes after it. */
export interface PingAnswer {
  status: number;
  length: number;
  close: boolean;
}

// An answer to /_ping is a few hundred bytes; anything this long without an end is not one.
const MAX_ANSWER = 64 * 1024;

/**
 * Reads one HTTP/1.1 answer from the start of `text` (latin1: one character per byte). Null while
 * incomplete; `ended` says the connection has closed, which completes a body sent without a length.
 * Throws on something that is not an HTTP answer.
 */
export function pingAnswer(text: string, ended = false): PingAnswer | null {
  const head = text.indexOf('\r\n\r\n');
  if (head === -1) {
    if (text.length > MAX_ANSWER || (ended && text.length > 0)) throw notHttp(text);
    return null;
  }
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(text);
  if (!status) throw notHttp(text);
  const code = Number(status[1]);
  let length: number | null = null;
  let chunked = false;
  let close = text.startsWith('HTTP/1.0');
  for (const line of text.slice(text.indexOf('\r\n') + 2, head).split('\r\n')) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim().toLowerCase();
    if (name === 'content-length') length = Number(value);
    else if (name === 'transfer-encoding') chunked = value.endsWith('chunked');
    else if (name === 'connection') close = value === 'close' ? true : value === 'keep-alive' ? false : close;
  }
  const body = head + 4;
  if (code === 204 || code === 304 || (code >= 100 && code < 200)) return { status: code, length: body, close };
  if (chunked) {
    const end = chunkedEnd(text, body);
    return end === null ? null : { status: code, length: end, close };
  }
  if (length !== null && Number.isFinite(length) && length >= 0) {
    return text.length >= body + length ? { status: code, length: body + length, close } : null;
  }
  // No length: the body runs to the end of the connection.
  return ended ? { status: code, length: text.length, close: true } : null;
}

/** Where a chunked body ends (after the last chunk and the trailers), or null while incomplete. */
function chunkedEnd(text: string, from: number): number | null {
  let pos = from;
  for (;;) {
    const eol = text.indexOf('\r\n', pos);
    if (eol === -1) return null;
    const size = parseInt(text.slice(pos, eol), 16);
    if (!Number.isFinite(size)) throw notHttp(text);
    if (size === 0) {
      const end = text.indexOf('\r\n\r\n', eol);
      return end === -1 ? (text.startsWith('\r\n', eol + 2) ? eol + 4 : null) : end + 4;
    }
    pos = eol + 2 + size + 2;
    if (pos > text.length) return null;
  }
}

function notHttp(text: string): Error {
  return Object.assign(new Error(`not an HTTP answer: ${JSON.stringify(text.slice(0, 40))}`), { code: 'EPROTO' });
}

interface Waiting {
  resolve: () => void;
  reject: (err: Error) => void;
  /** Anything of this answer arrived: a failure after it is not a stale connection's. */
  heard: boolean;
  /** The connection had carried an answer before this request. */
  reused: boolean;
}

/** One engine's ping connection: opened on the first beat, kept while the engine keeps it. */
class PingLine {
  private socket: net.Socket | TLSSocket | null = null;
  private text = '';
  private answered = 0; // answers read on the current connection
  private waiting: Waiting | null = null;
  private inFlight: Promise<void> | null = null;

  constructor(private readonly endpoint: EngineEndpoint) {}

  ping(timeoutMs: number): Promise<void> {
    this.inFlight ??= this.beat(timeoutMs).finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  private beat(timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        const err = Object.assign(new Error('no answer'), { code: 'ETIMEDOUT' });
        this.fail(err);
        reject(err);
      }, timeoutMs);
      this.ask()
        .catch((err: { reused?: boolean }) => {
          if (!err.reused) throw err;
          return this.ask(); // the kept connection had been closed by the engine: ask on a new one
        })
        .then(resolve, reject)
        .finally(() => clearTimeout(timer));
    });
  }

  private async ask(): Promise<void> {
    const socket = this.socket ?? (await this.connect());
    socket.ref(); // an unanswered beat keeps the process up; an idle connection does not
    return new Promise<void>((resolve, reject) => {
      this.waiting = { resolve, reject, heard: false, reused: this.answered > 0 };
      socket.write(`GET /_ping HTTP/1.1\r\nHost: ${hostHeader(this.endpoint)}\r\nUser-Agent: ctop-ts\r\n\r\n`, 'latin1');
    });
  }

  private async connect(): Promise<net.Socket | TLSSocket> {
    const { socketPath, host, port, protocol } = this.endpoint;
    let socket: net.Socket | TLSSocket;
    if (protocol === 'https') {
      const tls = await import('node:tls'); // only for a TLS engine
      const options = { host, port: Number(port), ...tlsMaterial(this.endpoint) } as ConnectionOptions;
      if (host && net.isIP(host) === 0) options.servername = host;
      socket = tls.connect(options);
    } else socket = socketPath ? net.connect(socketPath) : net.connect(Number(port), host);
    this.socket = socket;
    this.text = '';
    this.answered = 0;
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => this.onData(socket, chunk));
    socket.on('error', (err) => this.onEnd(socket, err));
    socket.on('close', () => this.onEnd(socket, null));
    socket.on('end', () => this.onEnd(socket, null));
    return socket;
  }

  private onData(socket: net.Socket, chunk: string): void {
    if (socket !== this.socket) return;
    this.text += chunk;
    const w = this.waiting;
    if (!w) {
      if (this.text.length > MAX_ANSWER) this.drop(); // chatter nobody asked for
      return;
    }
    w.heard = true;
    this.settle(socket, false);
  }

  private onEnd(socket: net.Socket, err: Error | null): void {
    if (socket !== this.socket) return;
    if (this.waiting && this.text.length > 0 && !err) {
      this.settle(socket, true); // an answer whose body ended with the connection
      if (!this.waiting) return;
    }
    const w = this.waiting;
    this.drop();
    if (!w) return;
    const cause = err ?? Object.assign(new Error('connection closed by the engine'), { code: 'ECONNRESET' });
    const code = (cause as NodeJS.ErrnoException).code;
    const stale = w.reused && !w.heard && (code === 'ECONNRESET' || code === 'EPIPE');
    this.waiting = null;
    w.reject(stale ? Object.assign(cause, { reused: true }) : cause);
  }

  private settle(socket: net.Socket, ended: boolean): void {
    const w = this.waiting!;
    let answer: PingAnswer | null;
    try {
      answer = pingAnswer(this.text, ended);
    } catch (err) {
      return this.fail(err as Error);
    }
    if (!answer) return;
    this.text = this.text.slice(answer.length);
    this.answered++;
    this.waiting = null;
    if (answer.close && socket === this.socket) this.drop();
    else socket.unref();
    if (answer.status === 200) w.resolve();
    else w.reject(Object.assign(new Error(`/_ping answered ${answer.status}`), { statusCode: answer.status }));
  }

  /** Rejects the beat in progress and abandons the connection (it may still answer, late). */
  private fail(err: Error): void {
    const w = this.waiting;
    this.waiting = null;
    this.drop();
    w?.reject(err);
  }

  private drop(): void {
    const s = this.socket;
    this.socket = null;
    this.text = '';
    s?.destroy();
  }
}

const lines = new WeakMap<EngineTarget, PingLine>();

/** Resolves when the engine answers 200 within `timeoutMs`; rejects with the error (code set) otherwise. */
export function pingEngine(target: EngineTarget, timeoutMs: number): Promise<void> {
  let line = lines.get(target);
  if (!line) lines.set(target, (line = new PingLine(target.options as EngineEndpoint)));
  return line.ping(timeoutMs);
}

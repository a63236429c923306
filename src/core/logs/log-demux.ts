// Bytes of a container's log stream → tagged lines. Pure (no I/O), fed chunk by chunk.
//
// A container without a TTY sends its logs multiplexed: each frame is an 8-byte header
// [stream, 0, 0, 0, size as uint32 big-endian] followed by `size` bytes of payload
// (stream 1 = stdout, 2 = stderr; 0 = stdin echoed to stdout, 3 = engine error text).
// A TTY container sends raw bytes (stdout and stderr are merged by the TTY).
// Chunks from the socket cut frames anywhere, headers included.
import { StringDecoder } from 'node:string_decoder';

export type StdStream = 'stdout' | 'stderr';

export interface StreamPiece {
  stream: StdStream;
  data: Buffer;
}

const HEADER = 8;

export class LogDemuxer {
  private readonly header = Buffer.alloc(HEADER);
  private headerFill = 0;
  private remaining = 0;
  private current: StdStream = 'stdout';
  private rawMode: boolean;

  /** `raw`: the container has a TTY, so every byte is stdout and nothing is framed. */
  constructor(raw = false) {
    this.rawMode = raw;
  }

  /** True once the stream turned out not to be framed (or was raw from the start). */
  get raw(): boolean {
    return this.rawMode;
  }

  /** Bytes of a header seen but not yet complete (non-zero at end = truncated stream). */
  get pendingHeaderBytes(): number {
    return this.headerFill;
  }

  push(chunk: Buffer): StreamPiece[] {
    if (this.rawMode) return chunk.length ? [{ stream: 'stdout', data: chunk }] : [];
    const out: StreamPiece[] = [];
    let at = 0;
    while (at < chunk.length) {
      if (this.remaining > 0) {
        // Payload is passed on as it arrives: a 1 MB frame is never buffered whole.
        const n = Math.min(this.remaining, chunk.length - at);
        out.push({ stream: this.current, data: chunk.subarray(at, at + n) });
        this.remaining -= n;
        at += n;
        continue;
      }
      const n = Math.min(HEADER - this.headerFill, chunk.length - at);
      chunk.copy(this.header, this.headerFill, at, at + n);
      this.headerFill += n;
      at += n;
      if (this.headerFill < HEADER) break;
      this.headerFill = 0;
      const type = this.header[0];
      if (type > 3 || this.header[1] !== 0 || this.header[2] !== 0 || this.header[3] !== 0) {
        // Not a frame header: the stream is raw after all (a TTY we were not told about).
        // Nothing is lost: the eight bytes and the rest are text.
        this.rawMode = true;
        const rest = Buffer.concat([this.header, chunk.subarray(at)]);
        out.push({ stream: 'stdout', data: rest });
        return out;
      }
      this.current = type === 2 || type === 3 ? 'stderr' : 'stdout';
      this.remaining = this.header.readUInt32BE(4);
    }
    return out;
  }
}

export interface SplitLine {
  text: string;
  /** A piece of an over-long line after the first: it has no timestamp of its own. */
  continued: boolean;
}

/** Lines longer than this are cut into pieces, so one runaway line cannot eat the memory. */
export const DEFAULT_MAX_LINE = 16 * 1024;

/**
 * Bytes → complete lines for one stream. UTF-8 characters cut between chunks are
 * joined; "\r\n" (a TTY's line end) counts as "\n"; the last partial line waits for
 * more bytes or for flush().
 */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';
  private midLine = false;

  constructor(private readonly maxLine = DEFAULT_MAX_LINE) {}

  push(data: Buffer): SplitLine[] {
    const text = this.partial + this.decoder.write(data);
    const parts = text.split('\n');
    this.partial = parts.pop() ?? '';
    const out: SplitLine[] = [];
    for (const part of parts) {
      this.emit(part.endsWith('\r') ? part.slice(0, -1) : part, out);
      this.midLine = false;
    }
    while (this.partial.length > this.maxLine) {
      const cut = cutAt(this.partial, this.maxLine);
      out.push({ text: this.partial.slice(0, cut), continued: this.midLine });
      this.partial = this.partial.slice(cut);
      this.midLine = true;
    }
    return out;
  }

  /** The unterminated last line, if any (call when the stream ends). */
  flush(): SplitLine[] {
    const rest = this.partial + this.decoder.end();
    this.partial = '';
    const out: SplitLine[] = [];
    if (rest !== '') this.emit(rest.endsWith('\r') ? rest.slice(0, -1) : rest, out);
    this.midLine = false;
    return out;
  }

  private emit(line: string, out: SplitLine[]): void {
    let rest = line;
    let continued = this.midLine;
    while (rest.length > this.maxLine) {
      const cut = cutAt(rest, this.maxLine);
      out.push({ text: rest.slice(0, cut), continued });
      rest = rest.slice(cut);
      continued = true;
    }
    // An empty tail of a line already sent in pieces is not a line of its own.
    if (rest !== '' || !continued) out.push({ text: rest, continued });
  }
}

// Never cut a surrogate pair in half.
function cutAt(s: string, max: number): number {
  const c = s.charCodeAt(max - 1);
  return c >= 0xd800 && c <= 0xdbff ? max - 1 : max;
}

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LineSplitter, LogDemuxer, type StreamPiece } from '../../../src/core/logs/log-demux.js';

function frame(type: number, payload: string | Buffer): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

/** Joins consecutive pieces of the same stream, which is all a consumer can observe. */
function collect(pieces: StreamPiece[]): [string, string][] {
  const out: [string, string][] = [];
  for (const p of pieces) {
    const last = out[out.length - 1];
    if (last && last[0] === p.stream) last[1] += p.data.toString('latin1');
    else out.push([p.stream, p.data.toString('latin1')]);
  }
  return out.filter(([, s]) => s !== '');
}

function feed(d: LogDemuxer, bytes: Buffer, sizes: number[]): StreamPiece[] {
  const out: StreamPiece[] = [];
  let at = 0;
  let k = 0;
  while (at < bytes.length) {
    const n = sizes[k++ % sizes.length];
    out.push(...d.push(bytes.subarray(at, at + n)));
    at += n;
  }
  return out;
}

describe('LogDemuxer', () => {
  const stream = Buffer.concat([frame(1, 'out 1\n'), frame(2, 'err 1\n'), frame(1, 'out 2\n'), frame(0, 'in\n'), frame(3, 'boom\n')]);
  const want: [string, string][] = [
    ['stdout', 'out 1\n'],
    ['stderr', 'err 1\n'],
    ['stdout', 'out 2\nin\n'],
    ['stderr', 'boom\n'],
  ];

  it('reads whole frames and tags stdout and stderr', () => {
    assert.deepEqual(collect(new LogDemuxer().push(stream)), want);
  });

  // Every way of cutting the bytes, including through headers, gives the same result.
  for (const sizes of [[1], [2], [3], [5], [7], [8], [9], [13], [1, 8, 2], [64]]) {
    it(`frames split into chunks of ${sizes.join(',')} bytes`, () => {
      const d = new LogDemuxer();
      assert.deepEqual(collect(feed(d, stream, sizes)), want);
      assert.equal(d.pendingHeaderBytes, 0);
    });
  }

  it('streams a large frame through without waiting for all of it', () => {
    const big = Buffer.alloc(100_000, 'x');
    const d = new LogDemuxer();
    const bytes = frame(2, big);
    const first = d.push(bytes.subarray(0, 1000));
    assert.equal(first[0].stream, 'stderr');
    assert.equal(first[0].data.length, 992);
    const rest = d.push(bytes.subarray(1000));
    assert.equal(rest.reduce((n, p) => n + p.data.length, 0), 100_000 - 992);
  });

  it('a zero-length frame is fine', () => {
    assert.deepEqual(collect(new LogDemuxer().push(Buffer.concat([frame(1, ''), frame(2, 'e\n')]))), [['stderr', 'e\n']]);
  });

  it('a truncated header is reported as pending', () => {
    const d = new LogDemuxer();
    d.push(frame(1, 'a').subarray(0, 5));
    assert.equal(d.pendingHeaderBytes, 5);
  });

  it('raw (TTY) mode passes everything through as stdout', () => {
    const d = new LogDemuxer(true);
    assert.deepEqual(collect(d.push(Buffer.from('hello\r\n'))), [['stdout', 'hello\r\n']]);
  });

  it('falls back to raw when the bytes are not frames (an unexpected TTY), losing nothing', () => {
    const d = new LogDemuxer();
    const pieces = [...d.push(Buffer.from('plain t')), ...d.push(Buffer.from('ext\n'))];
    assert.equal(d.raw, true);
    assert.deepEqual(collect(pieces), [['stdout', 'plain text\n']]);
  });
});

describe('LineSplitter', () => {
  const texts = (s: LineSplitter, ...chunks: (string | Buffer)[]) =>
    chunks.flatMap((c) => s.push(typeof c === 'string' ? Buffer.from(c) : c)).map((l) => l.text);

  it('splits lines and keeps the partial one for later', () => {
    const s = new LineSplitter();
    assert.deepEqual(texts(s, 'a\nb', 'c\n', 'd'), ['a', 'bc']);
    assert.deepEqual(s.flush().map((l) => l.text), ['d']);
    assert.deepEqual(s.flush(), []);
  });

  it('treats \\r\\n as a line end (TTY output)', () => {
    assert.deepEqual(texts(new LineSplitter(), 'a\r\nb\r', '\nc\r\n'), ['a', 'b', 'c']);
  });

  it('keeps empty lines', () => {
    assert.deepEqual(texts(new LineSplitter(), 'a\n\nb\n'), ['a', '', 'b']);
  });

  it('joins a UTF-8 character cut between chunks', () => {
    const bytes = Buffer.from('é🐳\n');
    const s = new LineSplitter();
    const out = [];
    for (let i = 0; i < bytes.length; i++) out.push(...s.push(bytes.subarray(i, i + 1)));
    assert.deepEqual(out.map((l) => l.text), ['é🐳']);
  });

  it('cuts a very long complete line into pieces, marking continuations', () => {
    const out = new LineSplitter(10).push(Buffer.from(`${'a'.repeat(25)}\n`));
    assert.deepEqual(out.map((l) => [l.text.length, l.continued]), [[10, false], [10, true], [5, true]]);
  });

  it('cuts a runaway partial line before its newline arrives, and continues it', () => {
    const s = new LineSplitter(10);
    const first = s.push(Buffer.from('b'.repeat(15)));
    assert.deepEqual(first.map((l) => [l.text, l.continued]), [['bbbbbbbbbb', false]]);
    const second = s.push(Buffer.from('bb\nnext\n'));
    assert.deepEqual(second.map((l) => [l.text, l.continued]), [['bbbbbbb', true], ['next', false]]);
  });

  it('does not emit an empty continuation when a cut lands on the newline', () => {
    const s = new LineSplitter(4);
    assert.deepEqual([...s.push(Buffer.from('abcd')), ...s.push(Buffer.from('\nx\n'))].map((l) => l.text), ['abcd', 'x']);
  });

  it('never cuts a surrogate pair', () => {
    const out = new LineSplitter(3).push(Buffer.from('ab🐳c\n'));
    assert.deepEqual(out.map((l) => l.text), ['ab', '🐳c']);
  });
});

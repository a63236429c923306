import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { errorText, InfluxPusher, writeRequest } from '../../src/modes/influx-push.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

// A local stand-in for InfluxDB: records requests and answers with the next scripted status.
let server: Server;
let base = '';
const seen: Seen[] = [];
let script: { status: number; body?: string }[] = [];

before(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      const next = script.shift() ?? { status: 204 };
      res.writeHead(next.status, { 'Content-Type': 'application/json' });
      res.end(next.body ?? '');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((r) => server.close(() => r())));

const waitFor = async (cond: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('writeRequest', () => {
  it('v2: /api/v2/write with org, bucket, ns precision and a Token header', () => {
    const r = writeRequest({ url: 'http://h:8086/', org: 'my org', bucket: 'b&c', token: 'T0K' });
    assert.equal(r.url, 'http://h:8086/api/v2/write?org=my+org&bucket=b%26c&precision=ns');
    assert.equal(r.headers.Authorization, 'Token T0K');
  });
  it('v1: /write?db with Basic auth in a header, never in the URL', () => {
    const r = writeRequest({ url: 'http://h:8086', db: 'metrics', rp: 'week', user: 'u', password: 'p w' });
    assert.equal(r.url, 'http://h:8086/write?db=metrics&precision=n&rp=week');
    assert.equal(r.headers.Authorization, `Basic ${Buffer.from('u:p w').toString('base64')}`);
    assert.doesNotMatch(r.url, /p w|u:/);
  });
  it('errorText reads v1 and v2 error bodies', () => {
    assert.equal(errorText('{"error":"database not found: \\"x\\""}'), 'database not found: "x"');
    assert.equal(errorText('{"code":"unauthorized","message":"unauthorized access"}'), 'unauthorized access');
    assert.equal(errorText('<html>oops</html>'), '<html>oops</html>');
  });
});

describe('InfluxPusher against a local server', () => {
  it('a v2 write request carries the lines, the token header and the query', async () => {
    seen.length = 0;
    script = [{ status: 204 }];
    const p = new InfluxPusher({ target: { url: base, org: 'o', bucket: 'b', token: 'secret' }, onFatal: (m) => assert.fail(m) });
    p.push('m,t=1 f=1i 1000000\nm,t=2 f=2i 1000000\n');
    await waitFor(() => p.delivered === 2);
    assert.equal(seen.length, 1);
    assert.equal(seen[0].method, 'POST');
    assert.equal(seen[0].url, '/api/v2/write?org=o&bucket=b&precision=ns');
    assert.equal(seen[0].headers.authorization, 'Token secret');
    assert.equal(seen[0].body, 'm,t=1 f=1i 1000000\nm,t=2 f=2i 1000000\n');
  });

  it('503 and network errors are retried with backoff; nothing is lost', async () => {
    seen.length = 0;
    script = [{ status: 503, body: '{"error":"busy"}' }, { status: 500 }, { status: 204 }];
    const notes: string[] = [];
    const p = new InfluxPusher({ target: { url: base, db: 'd' }, backoffMs: 20, onFatal: (m) => assert.fail(m), onNote: (n) => notes.push(n) });
    p.push('m f=1 1\n');
    await waitFor(() => p.delivered === 1);
    assert.equal(seen.length, 3);
    assert.equal(p.dropped, 0);
    assert.match(notes[0], /503 \(busy\); buffering and retrying/);
    assert.match(notes.at(-1)!, /work again/);
  });

  it('a full buffer drops the oldest lines and counts them', async () => {
    const p = new InfluxPusher({ target: { url: 'http://127.0.0.1:9', db: 'd' }, maxBufferedLines: 3, backoffMs: 10_000, onFatal: (m) => assert.fail(m) });
    p.push('a f=1 1\nb f=1 1\n');
    p.push('c f=1 1\nd f=1 1\ne f=1 1\n');
    assert.equal(p.buffered, 3);
    assert.equal(p.dropped, 2);
    p.stop();
  });

  it('a 404 (unknown database) is fatal: one message, no retry', async () => {
    seen.length = 0;
    script = [{ status: 404, body: '{"error":"database not found: \\"nope\\""}' }];
    const fatal: string[] = [];
    const p = new InfluxPusher({ target: { url: base, db: 'nope' }, backoffMs: 10, onFatal: (m) => fatal.push(m) });
    p.push('m f=1 1\n');
    await waitFor(() => fatal.length === 1);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(seen.length, 1);
    assert.equal(fatal[0], `InfluxDB at ${base} refused the write with 404: database not found: "nope"`);
  });
});

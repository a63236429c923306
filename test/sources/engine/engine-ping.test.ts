import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { parseEngineHost } from '../../../src/sources/engine/connection.js';
import { pingAnswer, pingEngine } from '../../../src/sources/engine/engine-ping.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ctop-ping-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A fake engine on a unix socket: `answer(connection, request)` decides each reply. */
async function fakeEngine(answer: (conn: number, req: number, socket: net.Socket) => void) {
  const socketPath = path.join(dir, `e${Math.random().toString(36).slice(2)}.sock`);
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    const conn = ++connections;
    sockets.add(socket);
    let req = 0;
    let buf = '';
    socket.on('data', (d) => {
      buf += d;
      while (buf.includes('\r\n\r\n')) {
        buf = buf.slice(buf.indexOf('\r\n\r\n') + 4);
        answer(conn, ++req, socket);
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(socketPath, r));
  return { target: parseEngineHost(`unix://${socketPath}`, {}), connections: () => connections, close: () => new Promise((r) => (sockets.forEach((s) => s.destroy()), server.close(r))) };
}

const ok = (socket: net.Socket) => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nOK');

describe('pingEngine', () => {
  test('beats share one kept-alive connection', async () => {
    const engine = await fakeEngine((_c, _r, s) => ok(s));
    for (let i = 0; i < 5; i++) await pingEngine(engine.target, 1000);
    assert.equal(engine.connections(), 1);
    await engine.close();
  });

  test('a kept connection the engine dropped (a restart) is retried once on a new one, not reported', async () => {
    // The first connection answers once, then is cut when asked again: what a restarted engine's
    // old connection does.
    const engine = await fakeEngine((conn, req, s) => (conn === 1 && req === 2 ? s.destroy() : ok(s)));
    await pingEngine(engine.target, 1000);
    await pingEngine(engine.target, 1000);
    assert.equal(engine.connections(), 2);
    await engine.close();
  });

  test('an answer other than 200 rejects with its status', async () => {
    const engine = await fakeEngine((_c, _r, s) => s.write('HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n'));
    await assert.rejects(pingEngine(engine.target, 1000), (err: { statusCode?: number }) => err.statusCode === 500);
    await engine.close();
  });

  test('no answer rejects with ETIMEDOUT after the timeout', async () => {
    const engine = await fakeEngine(() => undefined);
    const t0 = Date.now();
    await assert.rejects(pingEngine(engine.target, 300), (err: { code?: string }) => err.code === 'ETIMEDOUT');
    assert.ok(Date.now() - t0 < 2000);
    await engine.close();
  });

  test('a fresh connection that is cut is an error, not retried forever', async () => {
    const engine = await fakeEngine((_c, _r, s) => s.destroy());
    await assert.rejects(pingEngine(engine.target, 1000), (err: { code?: string }) => err.code === 'ECONNRESET');
    assert.equal(engine.connections(), 1);
    await engine.close();
  });

  test('an answer in pieces, a chunked one, and one that closes the connection are all read', async () => {
    const engine = await fakeEngine((conn, req, s) => {
      if (req === 1) {
        s.write('HTTP/1.1 200 OK\r\nContent-Le');
        setTimeout(() => s.write('ngth: 2\r\n\r\nO'), 20);
        setTimeout(() => s.write('K'), 40);
      } else if (req === 2) s.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nOK\r\n0\r\n\r\n');
      else s.end('HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nOK');
      void conn;
    });
    for (let i = 0; i < 3; i++) await pingEngine(engine.target, 1000);
    assert.equal(engine.connections(), 1);
    await pingEngine(engine.target, 1000); // the engine closed after the third: a new connection
    assert.equal(engine.connections(), 2);
    await engine.close();
  });

  test('something other than HTTP rejects', async () => {
    const engine = await fakeEngine((_c, _r, s) => s.end('SSH-2.0-OpenSSH_9.2\r\n'));
    await assert.rejects(pingEngine(engine.target, 1000), (err: { code?: string }) => err.code === 'EPROTO');
    await engine.close();
  });

  test('no engine at the socket rejects at once', async () => {
    await assert.rejects(pingEngine(parseEngineHost(`unix://${path.join(dir, 'none.sock')}`, {}), 1000), (err: { code?: string }) => err.code === 'ENOENT');
  });
});

describe('pingAnswer', () => {
  const ok = 'HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Length: 2\r\n\r\nOK';
  test('a whole answer: its status, its length, kept alive', () => {
    assert.deepEqual(pingAnswer(ok + 'HTTP/1.1'), { status: 200, length: ok.length, close: false });
  });
  test('incomplete head or body: not yet', () => {
    assert.equal(pingAnswer(ok.slice(0, 30)), null);
    assert.equal(pingAnswer(ok.slice(0, -1)), null);
  });
  test('chunked: complete only with the last chunk and the blank line', () => {
    const head = 'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n';
    assert.equal(pingAnswer(head + '2\r\nOK\r\n'), null);
    assert.equal(pingAnswer(head + '2\r\nOK\r\n0\r\n'), null);
    const whole = head + '2\r\nOK\r\n0\r\n\r\n';
    assert.deepEqual(pingAnswer(whole), { status: 200, length: whole.length, close: false });
  });
  test('no length: the body ends with the connection; HTTP/1.0 and Connection: close close', () => {
    const text = 'HTTP/1.1 200 OK\r\n\r\nOK';
    assert.equal(pingAnswer(text), null);
    assert.deepEqual(pingAnswer(text, true), { status: 200, length: text.length, close: true });
    assert.equal(pingAnswer('HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nOK')?.close, true);
    assert.equal(pingAnswer('HTTP/1.1 500 Oops\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')?.close, true);
    assert.equal(pingAnswer('HTTP/1.1 204 No Content\r\n\r\n')?.status, 204);
  });
  test('not HTTP, or a head that never ends: an error', () => {
    assert.throws(() => pingAnswer('garbage\r\n\r\n'), /not an HTTP answer/);
    assert.throws(() => pingAnswer('HTTP/1.1 200 OK\r\n' + 'x'.repeat(70_000)), /not an HTTP answer/);
    assert.throws(() => pingAnswer('HTTP/1.1 200 O', true), /not an HTTP answer/);
  });
});

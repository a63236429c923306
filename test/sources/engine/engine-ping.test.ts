import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { parseEngineHost } from '../../../src/sources/engine/connection.js';
import { pingEngine } from '../../../src/sources/engine/engine-ping.js';

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

  test('no engine at the socket rejects at once', async () => {
    await assert.rejects(pingEngine(parseEngineHost(`unix://${path.join(dir, 'none.sock')}`, {}), 1000), (err: { code?: string }) => err.code === 'ENOENT');
  });
});

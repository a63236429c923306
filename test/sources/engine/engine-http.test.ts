// The node:http Engine API client the session lists and samples with: the requests it sends
// (paths, dockerode's query encoding), JSON and stream answers, and errors shaped like
// docker-modem's (statusCode + the engine's message), against a fake engine on a unix socket.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineHttpClient, EngineHttpError } from '../../../src/sources/engine/engine-http.js';
import { explainEngineError, parseEngineHost } from '../../../src/sources/engine/connection.js';
import { isGone } from '../../../src/sources/engine/api-stats-source.js';

describe('EngineHttpClient', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ctop-engine-http-'));
  const socketPath = join(dir, 'engine.sock');
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://x');
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/info') return json(200, { Name: 'fake', NCPU: 2 });
    if (url.pathname === '/containers/json') return json(200, [{ Id: 'a1', Names: ['/one'] }]);
    if (url.pathname === '/containers/gone/json') return json(404, { message: 'No such container: gone' });
    if (url.pathname === '/containers/a1/stats' && url.searchParams.get('stream') === 'false') return json(200, { read: 'now' });
    if (url.pathname === '/containers/a1/stats' || url.pathname === '/events') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"n":1}\n');
      return; // left open, as the engine does
    }
    json(500, { message: 'unexpected' });
  });
  const client = new EngineHttpClient({ socketPath });

  before(() => new Promise<void>((r) => server.listen(socketPath, r)));
  after(() => {
    client.close();
    server.closeAllConnections();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers JSON and encodes queries as dockerode does', async () => {
    assert.deepEqual(await client.info(), { Name: 'fake', NCPU: 2 });
    assert.deepEqual(await client.listContainers({ all: true, filters: { label: ['a=b'] } }), [{ Id: 'a1', Names: ['/one'] }]);
    const list = seen.find((u) => u.startsWith('/containers/json'))!;
    const q = new URL(list, 'http://x').searchParams;
    assert.equal(q.get('all'), 'true');
    assert.deepEqual(JSON.parse(q.get('filters')!), { label: ['a=b'] });
    assert.deepEqual(await client.getContainer('a1').stats({ stream: false, 'one-shot': true }), { read: 'now' });
    assert.ok(seen.includes('/containers/a1/stats?stream=false&one-shot=true'));
  });

  it('streams: events and stats come back as readable streams, and abort ends them', async () => {
    const abort = new AbortController();
    const events = await client.getEvents({ filters: { type: ['container'] }, since: 5, abortSignal: abort.signal });
    const first = await new Promise<string>((r) => events.once('data', (d: Buffer) => r(String(d))));
    assert.equal(first, '{"n":1}\n');
    assert.ok(seen.some((u) => u.startsWith('/events?filters=') && u.endsWith('&since=5')));
    const ended = new Promise((r) => events.on('close', r));
    events.on('error', () => undefined);
    abort.abort();
    await ended;
    const stats = await client.getContainer('a1').stats({ stream: true });
    assert.equal(typeof (stats as NodeJS.ReadableStream).on, 'function');
    (stats as unknown as { destroy(): void }).destroy();
  });

  it('errors carry statusCode and the engine message, so isGone and explainEngineError read them', async () => {
    const err = await client.getContainer('gone').inspect().then(
      () => assert.fail('expected a 404'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof EngineHttpError);
    assert.equal(err.statusCode, 404);
    assert.equal(isGone(err), true);
    assert.match(explainEngineError(err, parseEngineHost(`unix://${socketPath}`)).message, /answered 404: No such container: gone/);
  });

  it('a missing socket fails with ENOENT, which explainEngineError turns into one line', async () => {
    const nowhere = new EngineHttpClient({ socketPath: join(dir, 'missing.sock') });
    const err = await nowhere.info().catch((e: unknown) => e);
    assert.equal((err as NodeJS.ErrnoException).code, 'ENOENT');
    assert.match(explainEngineError(err, parseEngineHost(`unix://${join(dir, 'missing.sock')}`)).message, /no Docker engine at .*socket not found/);
  });
});

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseEnvelope, parsePromValue, PromClient, PromError } from '../../../src/sources/prometheus/prom-client.js';
import { startFakePrometheus, type FakePrometheus } from './fake-prometheus.js';

const badData = readFileSync(new URL('../../../fixtures/prometheus/error-bad-data.json', import.meta.url), 'utf8');

describe('prom client', () => {
  let fake: FakePrometheus;
  before(async () => (fake = await startFakePrometheus()));
  after(() => fake.close());

  it('POSTs the query and time as a form and returns the vector', async () => {
    const client = new PromClient({ url: fake.url });
    const v = await client.query('count(container_cpu_usage_seconds_total)', 1700000000.5);
    client.close();
    assert.equal(v[0].value[1], '8');
    const req = fake.requests.at(-1)!;
    assert.equal(req.path, '/api/v1/query');
    assert.equal(req.params.get('time'), '1700000000.500');
    assert.equal(req.params.get('timeout'), '5s');
    assert.equal(client.cost.queries, 1);
    assert.ok(client.cost.bytes > 0);
  });

  it('keeps a path prefix and sends basic auth from the URL or a bearer token, never showing secrets', async () => {
    const basic = new PromClient({ url: `http://ann:s3cret@${new URL(fake.url).host}/prom` });
    await basic.query('count(x)', 1);
    basic.close();
    const req = fake.requests.at(-1)!;
    assert.equal(req.path, '/prom/api/v1/query');
    assert.equal(req.headers.authorization, `Basic ${Buffer.from('ann:s3cret').toString('base64')}`);
    assert.doesNotMatch(basic.display(), /s3cret|ann/);
    const bearer = new PromClient({ url: fake.url, bearerToken: 'tok' });
    await bearer.query('count(x)', 1);
    bearer.close();
    assert.equal(fake.requests.at(-1)!.headers.authorization, 'Bearer tok');
  });

  it('reports an API error with its type and text', async () => {
    fake.handler = (_r, res) => (res.writeHead(400, { 'content-type': 'application/json' }).end(badData), true);
    const client = new PromClient({ url: fake.url });
    await assert.rejects(client.query('rate(', 1), (err: PromError) => {
      assert.equal(err.kind, 'api');
      assert.match(err.message, /bad_data: invalid parameter "query": 1:6: parse error: unclosed left parenthesis/);
      return true;
    });
    fake.handler = null;
    client.close();
  });

  it('times out a server that does not answer', async () => {
    fake.delayMs = 2000;
    const client = new PromClient({ url: fake.url, timeoutMs: 300 });
    const t0 = Date.now();
    await assert.rejects(client.query('count(x)', 1), (err: PromError) => err.kind === 'timeout' && /did not answer within 300 ms/.test(err.message));
    assert.ok(Date.now() - t0 < 1500);
    fake.delayMs = 0;
    client.close();
  });

  it('says when nothing listens', async () => {
    const client = new PromClient({ url: 'http://127.0.0.1:1' });
    await assert.rejects(client.query('x', 1), (err: PromError) => err.kind === 'unreachable' && /cannot reach Prometheus at http:\/\/127\.0\.0\.1:1: ECONNREFUSED/.test(err.message));
    client.close();
  });
});

describe('prom client over TLS with basic auth', () => {
  let dir: string;
  let url: string;
  let close: () => void;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ctop-prom-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (req, res) => {
      req.resume();
      if (req.headers.authorization !== `Basic ${Buffer.from('ops:pw').toString('base64')}`) {
        res.writeHead(401, { 'www-authenticate': 'Basic' }).end('Unauthorized\n');
        return;
      }
      res.writeHead(200).end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const addr = server.address();
    url = `https://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    close = () => {
      server.closeAllConnections();
      server.close();
    };
  });
  after(() => {
    close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('verifies the server against --prometheus-ca and authenticates', async () => {
    const c = new PromClient({ url, caFile: join(dir, 'cert.pem'), username: 'ops', password: 'pw' });
    assert.deepEqual(await c.query('up', 1), []);
    c.close();
  });

  it('an unknown CA is one clear line with the fix; --prometheus-insecure skips verification', async () => {
    const c = new PromClient({ url, username: 'ops', password: 'pw' });
    await assert.rejects(c.query('up', 1), (e: PromError) => /^TLS with Prometheus at https:\/\/127\.0\.0\.1:\d+ failed: self.signed certificate/.test(e.message) && /--prometheus-ca/.test(e.hint ?? ''));
    c.close();
    const insecure = new PromClient({ url, username: 'ops', password: 'pw', insecureSkipVerify: true });
    assert.deepEqual(await insecure.query('up', 1), []);
    insecure.close();
  });

  it('a wrong password gets 401 with the flags to use', async () => {
    const c = new PromClient({ url, caFile: join(dir, 'cert.pem'), username: 'ops', password: 'nope' });
    await assert.rejects(c.query('up', 1), (e: PromError) => /answered 401 \(unauthorized\)/.test(e.message) && /--prometheus-user/.test(e.hint ?? ''));
    c.close();
  });
});

describe('envelope', () => {
  it('a proxy page, 401 and server limits get one clear line each', () => {
    assert.throws(() => parseEnvelope(502, '<html><body>Bad Gateway</body></html>\n', 'P'), /P answered 502: <html><body>Bad Gateway/);
    assert.throws(() => parseEnvelope(200, '<!DOCTYPE html>\n<title>Sign in</title>', 'P'), (e: PromError) => /^P did not answer like the Prometheus API \(HTTP 200\): <!DOCTYPE html>$/.test(e.message) && /base URL/.test(e.hint ?? ''));
    assert.throws(() => parseEnvelope(401, 'Unauthorized\n', 'P'), (e: PromError) => /401 \(unauthorized\)/.test(e.message) && /--prometheus-user/.test(e.hint ?? ''));
    const limit = JSON.stringify({ status: 'error', errorType: 'execution', error: 'query processing would load too many samples into memory in query execution' });
    assert.throws(() => parseEnvelope(422, limit, 'P'), (e: PromError) => /too many samples/.test(e.message) && /server limit/.test(e.hint ?? ''));
  });

  it('special floats', () => {
    assert.equal(parsePromValue('+Inf'), Infinity);
    assert.equal(parsePromValue('-Inf'), -Infinity);
    assert.ok(Number.isNaN(parsePromValue('NaN')));
    assert.equal(parsePromValue('1e+21'), 1e21);
  });
});

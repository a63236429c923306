// The endpoint end to end on loopback, driven by the seeded mock engine (no Docker needed).
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import bcrypt from 'bcryptjs';
import { runServe, type ServeMode } from '../../src/modes/serve.js';
import { createMockSession } from '../../src/sources/mock/mock-session.js';
import type { WebConfig } from '../../src/serve/web-config.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function call(url: string, opts: { method?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serve endpoint (mock engine)', () => {
  let serve: ServeMode;
  let url = '';
  before(async () => {
    serve = await runServe({ session: createMockSession({ seed: 7, count: 12 }), version: '0.0.0-test', host: '127.0.0.1', port: 0, web: null, all: false, scrapeTimeoutMs: 2000 });
    url = serve.server.url;
  });
  after(() => serve.close());

  it('/metrics: text 0.0.4 with cAdvisor families and ctop extras', async () => {
    const r = await call(`${url}/metrics`);
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8');
    const text = r.body.toString();
    assert.match(text, /^# HELP container_cpu_usage_seconds_total Cumulative cpu time consumed in seconds\.\n# TYPE container_cpu_usage_seconds_total counter\n/m);
    assert.match(text, /^container_memory_working_set_bytes\{container_label_com_docker_compose_project="(shop|blog|metrics)",.*name="[a-z]+-[a-z]+-\d+"\} \d+$/m);
    assert.match(text, /^ctop_scrape_containers \d+$/m);
    assert.match(text, /^ctop_build_info\{source="mock",version="0\.0\.0-test"\} 1$/m);
    // One HELP and one TYPE per family, each family contiguous.
    const names = text.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(/[{ ]/)[0]);
    const runs = names.filter((n, i) => n !== names[i - 1]);
    assert.equal(new Set(runs).size, runs.length, 'families are contiguous');
    assert.equal((text.match(/^# TYPE container_last_seen /gm) ?? []).length, 1);
    assert.ok(text.endsWith('\n'));
  });

  it('OpenMetrics when Accept asks for it, ending in # EOF', async () => {
    const r = await call(`${url}/metrics`, { headers: { Accept: 'application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5' } });
    assert.equal(r.headers['content-type'], 'application/openmetrics-text; version=1.0.0; charset=utf-8');
    const text = r.body.toString();
    assert.match(text, /^# TYPE container_cpu_usage_seconds counter\n# UNIT container_cpu_usage_seconds seconds\n/m);
    assert.ok(text.endsWith('# EOF\n'));
  });

  it('gzip when accepted', async () => {
    const r = await call(`${url}/metrics`, { headers: { 'Accept-Encoding': 'gzip, deflate' } });
    assert.equal(r.headers['content-encoding'], 'gzip');
    assert.match(gunzipSync(r.body).toString(), /^# HELP /);
  });

  it('HEAD answers headers only; other methods 405; other paths 404; /healthz ok', async () => {
    const head = await call(`${url}/metrics`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.body.length, 0);
    assert.equal((await call(`${url}/metrics`, { method: 'POST' })).status, 405);
    assert.equal((await call(`${url}/metrics`, { method: 'DELETE' })).status, 405);
    assert.equal((await call(`${url}/`)).status, 404);
    assert.equal((await call(`${url}/containers/x/stop`)).status, 404);
    const h = await call(`${url}/healthz`);
    assert.deepEqual([h.status, h.body.toString()], [200, 'ok\n']);
  });

  it('concurrent scrapes share one read', async () => {
    await new Promise((r) => setTimeout(r, 600)); // past the coalescing window of earlier tests
    const before = serve.scraper.reads;
    const answers = await Promise.all(Array.from({ length: 6 }, () => call(`${url}/metrics`)));
    assert.ok(answers.every((a) => a.status === 200));
    assert.equal(serve.scraper.reads - before, 1);
  });
});

describe('serve endpoint with basic auth', () => {
  let serve: ServeMode;
  before(async () => {
    const web: WebConfig = { tls: null, users: new Map([['alice', bcrypt.hashSync('wonder land', 4)]]), headers: { 'X-Frame-Options': 'deny' } };
    serve = await runServe({ session: createMockSession({ seed: 1, count: 3 }), version: 't', host: '127.0.0.1', port: 0, web, all: false, scrapeTimeoutMs: 2000 });
  });
  after(() => serve.close());
  const auth = (s: string) => ({ Authorization: `Basic ${Buffer.from(s).toString('base64')}` });

  it('401 with WWW-Authenticate: Basic without, or with wrong, credentials', async () => {
    for (const headers of [{}, auth('alice:wrong'), auth('bob:wonder land'), { Authorization: 'Bearer x' }]) {
      const r = await call(`${serve.server.url}/metrics`, { headers });
      assert.equal(r.status, 401);
      assert.equal(r.headers['www-authenticate'], 'Basic');
    }
  });
  it('200 with the right ones, plus the configured headers', async () => {
    const r = await call(`${serve.server.url}/metrics`, { headers: auth('alice:wonder land') });
    assert.equal(r.status, 200);
    assert.equal(r.headers['x-frame-options'], 'deny');
  });
});

describe('limits', () => {
  it('a read slower than the request timeout answers 503; more concurrent requests than allowed get 503', async () => {
    const { startHttpServer } = await import('../../src/serve/http-server.js');
    let release: () => void = () => undefined;
    const server = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      web: null,
      maxConcurrent: 1,
      requestTimeoutMs: 150,
      render: () => new Promise((resolve) => (release = () => resolve('x 1\n'))),
    });
    try {
      const slow = call(`${server.url}/metrics`);
      await new Promise((r) => setTimeout(r, 30));
      const second = await call(`${server.url}/metrics`);
      assert.equal(second.status, 503);
      assert.equal(second.body.toString(), 'too many concurrent requests\n');
      const first = await slow;
      assert.equal(first.status, 503);
      assert.equal(first.body.toString(), 'scrape timed out\n');
      release();
    } finally {
      await server.close();
    }
  });
});

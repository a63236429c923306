import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildServeCommand, DEFAULT_SERVE_PORT, parseAllowlist, parseListen } from '../src/cli-serve.js';

describe('parseListen', () => {
  const ok: [string, { host: string; port: number }][] = [
    ['127.0.0.1:9000', { host: '127.0.0.1', port: 9000 }],
    ['9000', { host: '127.0.0.1', port: 9000 }],
    [':9000', { host: '0.0.0.0', port: 9000 }],
    ['[::1]:9000', { host: '::1', port: 9000 }],
    ['localhost:0', { host: 'localhost', port: 0 }],
  ];
  for (const [input, want] of ok) it(`${input}`, () => assert.deepEqual(parseListen(input), want));
  for (const bad of ['', 'host', '1.2.3.4:', ':99999', 'a:b:c', '[::1]']) it(`rejects ${JSON.stringify(bad)}`, () => assert.throws(() => parseListen(bad), /HOST:PORT/));
});

describe('parseAllowlist', () => {
  const allowed = parseAllowlist('app, com.docker.compose.*');
  it('exact keys and prefixes', () => {
    assert.equal(allowed('app'), true);
    assert.equal(allowed('com.docker.compose.project'), true);
    assert.equal(allowed('apps'), false);
    assert.equal(allowed('maintainer'), false);
  });
  it('"" allows none', () => assert.equal(parseAllowlist('')('app'), false));
});

describe('serve command', () => {
  it('defaults to loopback on the documented port', () => {
    const cmd = buildServeCommand('t').exitOverride();
    cmd.parse([], { from: 'user' });
    assert.deepEqual(cmd.opts().listen, { host: '127.0.0.1', port: DEFAULT_SERVE_PORT });
    assert.equal(DEFAULT_SERVE_PORT, 19184);
  });
  it('shares the source options with the root command', () => {
    const cmd = buildServeCommand('t').exitOverride();
    cmd.parse(['-l', 'app=web', '--source', 'api', '--web-config', 'w.yml', '--scrape-timeout', '2s'], { from: 'user' });
    const o = cmd.opts();
    assert.deepEqual([o.selector, o.source, o.webConfig, o.scrapeTimeout], [['app=web'], 'api', 'w.yml', 2000]);
  });
});

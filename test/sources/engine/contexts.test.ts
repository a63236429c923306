// The Docker CLI's context store read from a fixture config dir (DOCKER_CONFIG / HOME), and the
// precedence that picks engines from flags, config, DOCKER_HOST, DOCKER_CONTEXT and currentContext.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contextId, currentContextName, readContext } from '../../../src/sources/engine/contexts.js';
import { resolveEngines } from '../../../src/sources/engine/engine-specs.js';
import { UserFacingError } from '../../../src/core/model/errors.js';

const home = mkdtempSync(join(tmpdir(), 'ctop-contexts-'));
const dockerDir = join(home, '.docker');
after(() => rmSync(home, { recursive: true, force: true }));

function addContext(name: string, meta: unknown, tls?: Record<string, string>): void {
  const id = contextId(name);
  mkdirSync(join(dockerDir, 'contexts', 'meta', id), { recursive: true });
  writeFileSync(join(dockerDir, 'contexts', 'meta', id, 'meta.json'), typeof meta === 'string' ? meta : JSON.stringify(meta));
  if (tls) {
    const dir = join(dockerDir, 'contexts', 'tls', id, 'docker');
    mkdirSync(dir, { recursive: true });
    for (const [f, body] of Object.entries(tls)) writeFileSync(join(dir, f), body);
  }
}

mkdirSync(dockerDir, { recursive: true });
writeFileSync(join(dockerDir, 'config.json'), JSON.stringify({ currentContext: 'remote' }));
addContext('remote', { Name: 'remote', Metadata: {}, Endpoints: { docker: { Host: 'ssh://someserver', SkipTLSVerify: false } } });
// Go decodes keys case-insensitively; other endpoints (kubernetes) are ignored.
addContext('secure', { name: 'secure', endpoints: { kubernetes: {}, docker: { host: 'tcp://10.0.0.9:2376' } } }, { 'ca.pem': 'CA', 'cert.pem': 'CERT', 'key.pem': 'KEY' });
addContext('plain', { Name: 'plain', Endpoints: { docker: { Host: 'tcp://10.0.0.8:2375' } } });
addContext('broken', '{ not json');
const env = { HOME: home };

describe('Docker context store', () => {
  // The docker CLI's own e2e fixture stores "remote" under b71199eb…7a7a.
  it('names a context directory by the SHA-256 of its name', () => assert.match(contextId('remote'), /^b71199eb[0-9a-f]{52}7a7a$/));

  it('currentContext from config.json (HOME/.docker or DOCKER_CONFIG)', () => {
    assert.equal(currentContextName(env), 'remote');
    assert.equal(currentContextName({ DOCKER_CONFIG: join(home, 'nowhere') }), null);
  });

  it('a context with TLS files: https with its CA and client certificate', () => {
    const [spec] = resolveEngines({ hosts: [], contexts: ['secure'] }, env);
    assert.equal(spec.name, 'secure');
    assert.equal(spec.target.options.protocol, 'https');
    assert.equal(spec.target.options.port, 2376);
    assert.equal(String(spec.target.options.ca), 'CA');
    assert.equal(String(spec.target.options.cert), 'CERT');
  });

  it('a tcp context without TLS files is plain HTTP, even with DOCKER_TLS_VERIFY set', () => {
    const [spec] = resolveEngines({ hosts: [], contexts: ['plain'] }, { ...env, DOCKER_TLS_VERIFY: '1' });
    assert.equal(spec.target.options.protocol, 'http');
  });

  it('a missing context is one clear line naming the config dir', () =>
    assert.throws(
      () => readContext('nope', env),
      (e: unknown) => e instanceof UserFacingError && e.exitCode === 2 && e.message === `no Docker context named "nope" in ${dockerDir}`,
    ));

  it('a broken meta.json is one clear line naming the file', () =>
    assert.throws(() => readContext('broken', env), (e: unknown) => e instanceof UserFacingError && /is not valid JSON: .*meta\.json$/.test(e.message)));

  it('an unreadable TLS file is one clear line naming it', { skip: process.getuid?.() === 0 ? 'root reads every file' : false }, () => {
    const key = join(dockerDir, 'contexts', 'tls', contextId('secure'), 'docker', 'key.pem');
    chmodSync(key, 0);
    try {
      assert.throws(() => resolveEngines({ hosts: [], contexts: ['secure'] }, env), /cannot read TLS file .*key\.pem.*permission denied/);
    } finally {
      chmodSync(key, 0o600);
    }
  });

  it('a TLS path that is a directory is one clear line naming it', () => {
    const dir = join(home, 'certs-bad');
    mkdirSync(join(dir, 'key.pem'), { recursive: true });
    writeFileSync(join(dir, 'ca.pem'), 'CA');
    writeFileSync(join(dir, 'cert.pem'), 'CERT');
    assert.throws(
      () => resolveEngines({ hosts: ['tcp://h:2376'], contexts: [] }, { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: dir }),
      (e: unknown) => e instanceof UserFacingError && e.message === `cannot read TLS file ${join(dir, 'key.pem')} for tcp://h:2376 (is a directory)`,
    );
  });
});

describe('which engines: the docker CLI precedence, plus the config file', () => {
  const urls = (specs: ReturnType<typeof resolveEngines>) => specs.map((s) => `${s.name}=${s.target.url}@${s.origin}`);

  it('-H and --context (both repeatable) are all watched, and win over everything', () =>
    assert.deepEqual(urls(resolveEngines({ hosts: ['unix:///a/docker.sock'], contexts: ['plain'], config: [{ name: 'x', host: 'unix:///x.sock' }] }, { ...env, DOCKER_HOST: 'tcp://h:1' })), [
      'docker=unix:///a/docker.sock@-H',
      'plain=tcp://10.0.0.8:2375@context plain',
    ]));

  it('the config file\'s engines come next', () =>
    assert.deepEqual(urls(resolveEngines({ hosts: [], contexts: [], config: [{ name: 'x', host: 'unix:///x.sock' }, { name: 'y', context: 'plain' }] }, { ...env, DOCKER_HOST: 'tcp://h:1' })), [
      'x=unix:///x.sock@config',
      'y=tcp://10.0.0.8:2375@config (context plain)',
    ]));

  it('DOCKER_HOST beats DOCKER_CONTEXT and currentContext', () =>
    assert.deepEqual(urls(resolveEngines({ hosts: [], contexts: [] }, { ...env, DOCKER_HOST: 'tcp://h:1', DOCKER_CONTEXT: 'plain' })), ['h=tcp://h:1@DOCKER_HOST']));

  it('DOCKER_CONTEXT beats currentContext, which beats the local socket', () => {
    assert.deepEqual(urls(resolveEngines({ hosts: [], contexts: [] }, { ...env, DOCKER_CONTEXT: 'plain' })), ['plain=tcp://10.0.0.8:2375@DOCKER_CONTEXT']);
    assert.deepEqual(urls(resolveEngines({ hosts: [], contexts: [] }, env)), ['remote=ssh://someserver@currentContext']);
    assert.deepEqual(urls(resolveEngines({ hosts: [], contexts: [] }, { HOME: join(home, 'none') })), ['docker=unix:///var/run/docker.sock@default']);
  });

  it('names: NAME=URL, the socket file, its folder on a clash, then a number', () => {
    assert.deepEqual(
      resolveEngines({ hosts: ['web=ssh://root@web1', 'unix:///run/a/docker.sock', 'unix:///run/b/docker.sock', 'tcp://h:1', 'tcp://h:2'], contexts: [] }, {}).map((s) => s.name),
      ['web', 'a-docker', 'b-docker', 'h', 'h-2'],
    );
  });

  it('a bad or repeated name is one clear line', () => {
    assert.throws(() => resolveEngines({ hosts: ['a b=unix:///x'], contexts: [] }, {}), /bad engine name "a b"/);
    assert.throws(() => resolveEngines({ hosts: ['x=unix:///a', 'x=unix:///b'], contexts: [] }, {}), /two engines are named "x"/);
  });
});

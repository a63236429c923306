// -H / DOCKER_HOST parsing and the one-line explanations of connection failures.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { explainEngineError, negotiateApiVersion, parseEngineHost, type EngineTarget } from '../../../src/sources/engine/connection.js';
import { UserFacingError } from '../../../src/core/model/errors.js';

describe('parseEngineHost', () => {
  const cases: {
    name: string;
    host?: string;
    env?: NodeJS.ProcessEnv;
    want: { socketPath?: string; host?: string; port?: number; protocol?: string; username?: string; local: boolean };
  }[] = [
    { name: 'nothing set: the local docker socket', want: { socketPath: '/var/run/docker.sock', local: true } },
    { name: 'empty DOCKER_HOST means unset, as for docker', env: { DOCKER_HOST: '' }, want: { socketPath: '/var/run/docker.sock', local: true } },
    { name: 'DOCKER_HOST unix URL', env: { DOCKER_HOST: 'unix:///run/user/1000/docker.sock' }, want: { socketPath: '/run/user/1000/docker.sock', local: true } },
    { name: '-H wins over DOCKER_HOST', host: 'unix:///a.sock', env: { DOCKER_HOST: 'tcp://h:1' }, want: { socketPath: '/a.sock', local: true } },
    { name: 'a bare absolute path', host: '/run/podman/podman.sock', want: { socketPath: '/run/podman/podman.sock', local: true } },
    // new URL() would read "docker.sock" as a host name and silently fall back to the default socket.
    { name: 'unix:// with a relative path keeps the path', host: 'unix://docker.sock', want: { socketPath: 'docker.sock', local: true } },
    { name: 'unix:// with no path: the default socket', host: 'unix://', want: { socketPath: '/var/run/docker.sock', local: true } },
    { name: 'tcp with port', host: 'tcp://127.0.0.1:2375', want: { host: '127.0.0.1', port: 2375, protocol: 'http', local: false } },
    { name: 'tcp without port: 2375', host: 'tcp://docker.example', want: { host: 'docker.example', port: 2375, protocol: 'http', local: false } },
    { name: 'http scheme', host: 'http://h:8080', want: { host: 'h', port: 8080, protocol: 'http', local: false } },
    { name: 'tcp IPv6', host: 'tcp://[::1]:2375', want: { host: '[::1]', port: 2375, protocol: 'http', local: false } },
    { name: 'ssh with user and port', host: 'ssh://me@box:2222', want: { host: 'box', port: 2222, protocol: 'ssh', username: 'me', local: false } },
    { name: 'ssh without user: port 22', host: 'ssh://box', want: { host: 'box', port: 22, protocol: 'ssh', username: undefined, local: false } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const t = parseEngineHost(c.host, c.env ?? {});
      const { local, ...opts } = c.want;
      assert.equal(t.local, local);
      for (const [k, v] of Object.entries(opts)) assert.equal((t.options as Record<string, unknown>)[k], v, k);
    });
  }

  const bad: { host: string; why: RegExp }[] = [
    { host: 'bogus://x', why: /unsupported scheme bogus/ },
    { host: 'npipe:////./pipe/docker_engine', why: /unsupported scheme npipe/ },
    { host: 'not a url', why: /not a URL/ },
    { host: 'localhost:2375', why: /unsupported scheme localhost/ },
    { host: 'tcp://', why: /no host name/ },
    { host: 'tcp://h:99999', why: /not a URL/ },
    { host: 'ssh://', why: /no host name/ },
    { host: 'unix:/var/run/docker.sock', why: /unix:\/\/\/path/ },
  ];
  for (const c of bad) {
    it(`rejects ${JSON.stringify(c.host)} with exit code 2 and a hint`, () =>
      assert.throws(
        () => parseEngineHost(c.host, {}),
        (e: unknown) =>
          e instanceof UserFacingError &&
          e.exitCode === 2 &&
          e.message.startsWith(`bad engine address ${JSON.stringify(c.host)}: `) &&
          c.why.test(e.message) &&
          /unix:\/\/\/path.*tcp:\/\/HOST:PORT/.test(e.hint ?? ''),
      ));
  }

  describe('TLS', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ctop-certs-'));
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('DOCKER_TLS_VERIFY without certificates is a clear error naming the folder', () =>
      assert.throws(
        () => parseEngineHost('tcp://h', { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: join(dir, 'missing') }),
        (e: unknown) => e instanceof UserFacingError && e.message.includes(join(dir, 'missing')) && e.exitCode === 2,
      ));

    it('DOCKER_TLS_VERIFY with certificates: https on 2376 with ca/cert/key loaded', () => {
      for (const f of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(join(dir, f), `${f} body`);
      const t = parseEngineHost('tcp://h', { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: dir });
      assert.equal(t.options.protocol, 'https');
      assert.equal(t.options.port, 2376);
      assert.equal(String(t.options.ca), 'ca.pem body');
      assert.equal(String(t.options.key), 'key.pem body');
    });
  });
});

describe('explainEngineError', () => {
  const target: EngineTarget = { url: 'unix:///x.sock', options: { socketPath: '/x.sock' }, local: true };
  const errno = (code: string) => Object.assign(new Error(`connect ${code} /x.sock`), { code });
  const cases: { name: string; err: unknown; message: RegExp; hint: RegExp | null }[] = [
    { name: 'socket missing', err: errno('ENOENT'), message: /^no Docker engine at unix:\/\/\/x\.sock \(socket not found\)$/, hint: /dockerd running/ },
    { name: 'permission denied', err: errno('EACCES'), message: /^permission denied on unix:\/\/\/x\.sock$/, hint: /docker group/ },
    { name: 'EPERM is permission denied too', err: errno('EPERM'), message: /^permission denied/, hint: /docker group/ },
    { name: 'refused', err: errno('ECONNREFUSED'), message: /^the engine at unix:\/\/\/x\.sock refused the connection$/, hint: /listening/ },
    { name: 'unknown host', err: errno('ENOTFOUND'), message: /^cannot resolve the engine host in unix:\/\/\/x\.sock$/, hint: /DOCKER_HOST/ },
    { name: 'DNS unavailable', err: errno('EAI_AGAIN'), message: /^cannot resolve/, hint: /DOCKER_HOST/ },
    { name: 'timeout', err: errno('ETIMEDOUT'), message: /did not answer \(ETIMEDOUT\)$/, hint: /network path/ },
    { name: 'reset', err: errno('ECONNRESET'), message: /did not answer \(ECONNRESET\)$/, hint: /network path/ },
    {
      name: 'HTTP status: first line only, without dockerode\'s "(HTTP code N)" prefix',
      err: Object.assign(new Error('(HTTP code 500) server error - boom\nsecond line'), { statusCode: 500 }),
      message: /^the engine at unix:\/\/\/x\.sock answered 500: server error - boom$/,
      hint: null,
    },
    { name: 'anything else', err: new Error('weird\nstack-ish'), message: /^cannot talk to the engine at unix:\/\/\/x\.sock: weird$/, hint: null },
    { name: 'not even an Error', err: 'just a string', message: /^cannot talk to the engine at unix:\/\/\/x\.sock: unknown error$/, hint: null },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const e = explainEngineError(c.err, target);
      assert.ok(e instanceof UserFacingError);
      assert.match(e.message, c.message);
      assert.doesNotMatch(e.message, /\n/, 'one line');
      if (c.hint) assert.match(e.hint ?? '', c.hint);
      else assert.equal(e.hint, undefined);
      assert.equal(e.exitCode, 1);
    });
  }

  it('a UserFacingError passes through unchanged', () => {
    const original = new UserFacingError('already clear', 'do this', 2);
    assert.equal(explainEngineError(original, target), original);
  });
});

describe('negotiateApiVersion (from /version, as the docker CLI does after its ping)', () => {
  const cases: [string | undefined, string | undefined, string | null][] = [
    ['1.41', '1.12', '1.41'], // Docker 20.10, Podman 4: their newest
    ['1.44', '1.44', '1.44'], // Docker 29.0–29.2 refuse older clients
    ['1.52', '1.40', '1.52'], // Docker 29.3+
    ['1.60', '1.44', '1.52'], // a future engine: ours, the newest we know
    ['1.60', '1.55', '1.55'], // …unless it no longer speaks it
    [undefined, undefined, null], // no answer: unversioned paths
    ['garbage', '1.12', null],
  ];
  for (const [max, min, want] of cases) it(`max ${max}, min ${min} → ${want}`, () => assert.equal(negotiateApiVersion(max, min), want));
});

describe('ssh targets go through our own tunnel', () => {
  it('user, port and the remote socket (default /var/run/docker.sock, or the URL path)', () => {
    assert.deepEqual(parseEngineHost('ssh://root@127.0.0.1:2222', {}).ssh, { host: '127.0.0.1', port: 2222, user: 'root', socketPath: '/var/run/docker.sock' });
    assert.deepEqual(parseEngineHost('ssh://box/run/podman/podman.sock', {}).ssh, { host: 'box', port: undefined, user: undefined, socketPath: '/run/podman/podman.sock' });
  });
});

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { BasicAuth, loadWebConfig, webConfigReloader } from '../../src/serve/web-config.js';

const dir = mkdtempSync(join(tmpdir(), 'ctop-webcfg-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
// A $2y$ hash (the prefix htpasswd -nBC 10 writes) of the password "test".
const HASH = '$2y$10$lo6BBjOojPcbSDr3b0VEHuq0v0YLXE7BPKiu2aEGrVoKKLeXXjcT.';

describe('loadWebConfig', () => {
  it('reads TLS files relative to the config file, and users', () => {
    file('c.pem', 'CERT');
    file('k.pem', 'KEY');
    const cfg = loadWebConfig(file('ok.yml', `tls_server_config:\n  cert_file: c.pem\n  key_file: k.pem\n  min_version: TLS13\nbasic_auth_users:\n  prom: ${HASH}\n`));
    assert.equal(cfg.tls?.cert.toString(), 'CERT');
    assert.equal(cfg.tls?.key.toString(), 'KEY');
    assert.equal(cfg.tls?.minVersion, 'TLSv1.3');
    assert.equal(cfg.users.get('prom'), HASH);
  });
  it('an empty file means no TLS and no auth', () => {
    const cfg = loadWebConfig(file('empty.yml', ''));
    assert.equal(cfg.tls, null);
    assert.equal(cfg.users.size, 0);
  });
  const bad: [string, string, RegExp][] = [
    ['typo.yml', 'basic_auth_user:\n  a: b\n', /unknown key basic_auth_user/],
    ['tlstypo.yml', 'tls_server_config:\n  certfile: x\n', /unknown key tls_server_config\.certfile/],
    ['nohash.yml', 'basic_auth_users:\n  a: plaintext\n', /not a bcrypt hash/],
    ['nokey.yml', 'tls_server_config:\n  cert_file: c.pem\n', /needs cert_file and key_file/],
    ['missing.yml', 'tls_server_config:\n  cert_file: nope.pem\n  key_file: k.pem\n', /cannot read .*nope\.pem \(ENOENT\)/],
    ['yaml.yml', 'a: [\n', /not valid YAML/],
    ['auth.yml', 'tls_server_config:\n  cert_file: c.pem\n  key_file: k.pem\n  client_auth_type: Maybe\n', /unknown value Maybe/],
  ];
  for (const [name, text, re] of bad) {
    it(`rejects ${name} with one clear line`, () => {
      assert.throws(() => loadWebConfig(file(name, text)), (err: Error) => re.test(err.message) && !err.message.includes('\n'));
    });
  }
  it('a missing file says so', () => assert.throws(() => loadWebConfig(join(dir, 'absent.yml')), /no such file/));
});

describe('BasicAuth', () => {
  const auth = new BasicAuth(new Map([['prom', HASH]]));
  const header = (s: string) => `Basic ${Buffer.from(s).toString('base64')}`;
  it('accepts a $2y$ hash made by htpasswd', async () => assert.equal(await auth.check(header('prom:test')), true));
  it('refuses a wrong password, an unknown user, garbage', async () => {
    assert.equal(await auth.check(header('prom:nope')), false);
    assert.equal(await auth.check(header('other:test')), false);
    assert.equal(await auth.check('Basic !!!'), false);
    assert.equal(await auth.check(undefined), false);
  });
  it('without users everything passes', async () => assert.equal(await new BasicAuth(new Map()).check(undefined), true));
});

describe('webConfigReloader', () => {
  it('picks up a changed file (checked at most once a second); a broken edit keeps the last good config', async () => {
    const p = file('reload.yml', `basic_auth_users:\n  a: ${HASH}\n`);
    const errors: string[] = [];
    const reload = webConfigReloader(p, loadWebConfig(p), (m) => errors.push(m));
    const first = reload();
    assert.deepEqual([...first.users.keys()], ['a']);
    writeFileSync(p, `basic_auth_users:\n  b: ${HASH}\n  c: ${HASH}\n`);
    assert.equal(reload(), first, 'not re-read within a second');
    await new Promise((r) => setTimeout(r, 1100));
    const second = reload();
    assert.deepEqual([...second.users.keys()], ['b', 'c']);
    writeFileSync(p, 'basic_auth_users: [\n');
    await new Promise((r) => setTimeout(r, 1100));
    assert.equal(reload(), second);
    assert.equal(errors.length, 1);
    assert.match(errors[0], /not valid YAML.*keeping the previous web config/);
  });
});

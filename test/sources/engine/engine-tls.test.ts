// TLS material as the docker CLI decides it: environment, explicit https://, a context's files.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tlsFor } from '../../../src/sources/engine/engine-tls.js';

const dir = mkdtempSync(join(tmpdir(), 'ctop-tls-unit-'));
after(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'ca.pem'), 'CA');
writeFileSync(join(dir, 'cert.pem'), 'CERT');
writeFileSync(join(dir, 'key.pem'), 'KEY');
const onlyCa = mkdtempSync(join(dir, 'ca-only-'));
writeFileSync(join(onlyCa, 'ca.pem'), 'CA');
const certNoKey = mkdtempSync(join(dir, 'cert-no-key-'));
writeFileSync(join(certNoKey, 'ca.pem'), 'CA');
writeFileSync(join(certNoKey, 'cert.pem'), 'CERT');

describe('tlsFor', () => {
  it('nothing set: plain HTTP', () => assert.equal(tlsFor('tcp://h:2375', false, {}), null));
  it('DOCKER_TLS_VERIFY: verified TLS with every file', () => {
    const m = tlsFor('tcp://h', false, { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: dir })!;
    assert.deepEqual([String(m.ca), String(m.cert), String(m.key), m.agent], ['CA', 'CERT', 'KEY', undefined]);
  });
  it('DOCKER_TLS alone: TLS without verification (an agent that does not reject)', () => {
    const m = tlsFor('tcp://h', false, { DOCKER_TLS: '1', DOCKER_CERT_PATH: dir })!;
    assert.equal((m.agent as unknown as { options: { rejectUnauthorized: boolean } }).options.rejectUnauthorized, false);
  });
  it('ca.pem alone verifies the server without a client certificate', () => {
    const m = tlsFor('tcp://h', false, { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: onlyCa })!;
    assert.deepEqual([String(m.ca), m.cert, m.key], ['CA', undefined, undefined]);
  });
  it('a certificate without its key is dropped, as the CLI does', () => {
    const m = tlsFor('tcp://h', false, { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certNoKey })!;
    assert.deepEqual([m.cert, m.key], [undefined, undefined]);
  });
  it('a context: its files decide; none and no SkipTLSVerify is plain HTTP', () => {
    assert.equal(tlsFor('tcp://h', false, { DOCKER_TLS_VERIFY: '1' }, { dir: null, skipVerify: false, context: 'c' }), null);
    const skip = tlsFor('tcp://h', false, {}, { dir: null, skipVerify: true, context: 'c' })!;
    assert.ok(skip.agent);
    assert.equal(String(tlsFor('tcp://h', false, {}, { dir, skipVerify: false, context: 'c' })!.ca), 'CA');
  });
  it('DOCKER_CERT_PATH unset: the config dir (DOCKER_CONFIG)', () => assert.equal(String(tlsFor('tcp://h', false, { DOCKER_TLS_VERIFY: '1', DOCKER_CONFIG: dir })!.cert), 'CERT'));
});

// Certificates for a TLS test, made with openssl in a temp dir: a CA, a server certificate for
// 127.0.0.1 (IP SAN) and a client certificate, named as the docker CLI expects them in
// DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem) plus server-cert.pem / server-key.pem.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCerts {
  dir: string;
  /** dockerd flags for a verified TLS listener on 127.0.0.1:port. */
  dockerdArgs(port: number): string[];
  remove(): void;
}

export function opensslMissingReason(): Promise<string | null> {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return Promise.resolve(null);
  } catch {
    return Promise.resolve('openssl is not installed');
  }
}

export function makeCerts(): TestCerts {
  const dir = mkdtempSync(join(tmpdir(), 'ctop-tls-'));
  const f = (name: string) => join(dir, name);
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=ctop-test-ca', '-keyout', f('ca-key.pem'), '-out', f('ca.pem'));
  writeFileSync(f('server.ext'), 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  writeFileSync(f('client.ext'), 'extendedKeyUsage=clientAuth\n');
  for (const [who, cn] of [['server', '127.0.0.1'], ['client', 'ctop-test-client']] as const) {
    ssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${cn}`, '-keyout', f(`${who}-key.pem`), '-out', f(`${who}.csr`));
    ssl('x509', '-req', '-in', f(`${who}.csr`), '-CA', f('ca.pem'), '-CAkey', f('ca-key.pem'), '-CAcreateserial', '-days', '2', '-extfile', f(`${who}.ext`), '-out', f(`${who}-cert.pem`));
  }
  // The names docker looks for in DOCKER_CERT_PATH.
  execFileSync('cp', [f('client-cert.pem'), f('cert.pem')]);
  execFileSync('cp', [f('client-key.pem'), f('key.pem')]);
  return {
    dir,
    dockerdArgs: (port) => ['--tlsverify', `--tlscacert=${f('ca.pem')}`, `--tlscert=${f('server-cert.pem')}`, `--tlskey=${f('server-key.pem')}`, '-H', `tcp://127.0.0.1:${port}`],
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

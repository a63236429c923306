// `--web-config FILE` in the Prometheus exporter-toolkit format (reference export-and-fleet §2.3),
// so the exporter slots into setups that already protect node_exporter and friends:
//   tls_server_config: { cert_file, key_file | cert, key, client_auth_type, client_ca_file, min_version, max_version }
//   basic_auth_users: { user: <bcrypt hash> }
//   http_server_config: { headers: {…} }
// Relative paths resolve against the file's directory, as the toolkit does. Unknown keys are an
// error (the toolkit parses strictly), so a typo cannot silently turn TLS or auth off.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { SecureVersion } from 'node:tls';
import bcrypt from 'bcryptjs';
import { parse as parseYaml } from 'yaml';
import { UserFacingError } from '../core/model/errors.js';

export interface TlsSettings {
  cert: Buffer | string;
  key: Buffer | string;
  ca?: Buffer;
  requestCert: boolean;
  rejectUnauthorized: boolean;
  minVersion: SecureVersion;
  maxVersion?: SecureVersion;
}

export interface WebConfig {
  tls: TlsSettings | null;
  users: Map<string, string>; // user → bcrypt hash; empty: no auth
  headers: Record<string, string>;
}

const TLS_VERSIONS: Record<string, SecureVersion> = { TLS10: 'TLSv1', TLS11: 'TLSv1.1', TLS12: 'TLSv1.2', TLS13: 'TLSv1.3' };
const CLIENT_AUTH: Record<string, { requestCert: boolean; rejectUnauthorized: boolean; needsCa: boolean }> = {
  NoClientCert: { requestCert: false, rejectUnauthorized: false, needsCa: false },
  RequestClientCert: { requestCert: true, rejectUnauthorized: false, needsCa: false },
  RequireAnyClientCert: { requestCert: true, rejectUnauthorized: false, needsCa: false },
  RequireClientCert: { requestCert: true, rejectUnauthorized: false, needsCa: false },
  VerifyClientCertIfGiven: { requestCert: true, rejectUnauthorized: false, needsCa: true },
  RequireAndVerifyClientCert: { requestCert: true, rejectUnauthorized: true, needsCa: true },
};
const TOP_KEYS = new Set(['tls_server_config', 'basic_auth_users', 'http_server_config', 'rate_limit']);
const TLS_KEYS = new Set(['cert_file', 'key_file', 'cert', 'key', 'client_auth_type', 'client_ca_file', 'client_ca', 'min_version', 'max_version', 'cipher_suites', 'curve_preferences', 'prefer_server_cipher_suites', 'client_allowed_sans']);

function bad(file: string, what: string): UserFacingError {
  return new UserFacingError(`web config ${file}: ${what}`, 'see https://prometheus.io/docs/prometheus/latest/configuration/https/', 2);
}

function checkKeys(file: string, section: string, obj: Record<string, unknown>, allowed: Set<string>): void {
  for (const k of Object.keys(obj)) if (!allowed.has(k)) throw bad(file, `unknown key ${section}${k}`);
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function loadWebConfig(file: string): WebConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw bad(file, (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message);
  }
  let doc: unknown;
  try {
    doc = parseYaml(text) ?? {};
  } catch (err) {
    throw bad(file, `not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  if (!isMap(doc)) throw bad(file, 'expected a mapping at the top level');
  checkKeys(file, '', doc, TOP_KEYS);
  return parseWebConfig(doc, file, dirname(resolve(file)));
}

/** Pure apart from reading the files the config names. */
export function parseWebConfig(doc: Record<string, unknown>, file: string, dir: string): WebConfig {
  const users = new Map<string, string>();
  const auth = doc.basic_auth_users;
  if (auth !== undefined && auth !== null) {
    if (!isMap(auth)) throw bad(file, 'basic_auth_users must map user names to bcrypt hashes');
    for (const [user, hash] of Object.entries(auth)) {
      if (typeof hash !== 'string' || !/^\$2[abxy]\$\d\d\$.{53}$/.test(hash)) throw bad(file, `basic_auth_users.${user}: not a bcrypt hash (make one with: htpasswd -nBC 10 "" | tr -d ':\\n')`);
      users.set(user, hash);
    }
  }
  const headers: Record<string, string> = {};
  const http = doc.http_server_config;
  if (isMap(http) && isMap(http.headers)) for (const [k, v] of Object.entries(http.headers)) headers[k] = String(v);
  const tlsDoc = doc.tls_server_config;
  let tls: TlsSettings | null = null;
  if (tlsDoc !== undefined && tlsDoc !== null) {
    if (!isMap(tlsDoc)) throw bad(file, 'tls_server_config must be a mapping');
    checkKeys(file, 'tls_server_config.', tlsDoc, TLS_KEYS);
    const read = (key: string) => {
      const p = resolve(dir, String(tlsDoc[key]));
      try {
        return readFileSync(p);
      } catch (err) {
        throw bad(file, `tls_server_config.${key}: cannot read ${p} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
      }
    };
    const cert = tlsDoc.cert_file ? read('cert_file') : typeof tlsDoc.cert === 'string' ? tlsDoc.cert : null;
    const key = tlsDoc.key_file ? read('key_file') : typeof tlsDoc.key === 'string' ? tlsDoc.key : null;
    if (!cert || !key) throw bad(file, 'tls_server_config needs cert_file and key_file (or cert and key)');
    const authType = String(tlsDoc.client_auth_type ?? 'NoClientCert');
    const clientAuth = CLIENT_AUTH[authType];
    if (!clientAuth) throw bad(file, `tls_server_config.client_auth_type: unknown value ${authType}`);
    const ca = tlsDoc.client_ca_file ? read('client_ca_file') : typeof tlsDoc.client_ca === 'string' ? Buffer.from(tlsDoc.client_ca) : undefined;
    if (ca && authType === 'NoClientCert') throw bad(file, 'client CA given with client_auth_type NoClientCert');
    if (clientAuth.needsCa && !ca) throw bad(file, `client_auth_type ${authType} needs client_ca_file`);
    const version = (k: string, dflt: SecureVersion | undefined) => {
      if (tlsDoc[k] === undefined) return dflt;
      const v = TLS_VERSIONS[String(tlsDoc[k])];
      if (!v) throw bad(file, `tls_server_config.${k}: expected TLS10, TLS11, TLS12 or TLS13`);
      return v;
    };
    tls = { cert, key, ca, requestCert: clientAuth.requestCert, rejectUnauthorized: clientAuth.rejectUnauthorized, minVersion: version('min_version', 'TLSv1.2')!, maxVersion: version('max_version', undefined) };
  }
  return { tls, users, headers };
}

// Unknown users are checked against this, so a wrong user name costs as much as a wrong password.
const FAKE_HASH = '$2b$10$H3cDXlLpyDVD5fJo23h6ZeLGo.bwgd9dF9QNVC8NhkiRYmhG74LaG';

/**
 * Basic auth against bcrypt hashes. Results are cached per (user, hash, password digest), and
 * comparisons run one at a time, as the toolkit does: bcrypt is slow on purpose, and Prometheus
 * sends the same credentials on every scrape.
 */
export class BasicAuth {
  private readonly cache = new Map<string, boolean>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly users: Map<string, string>) {}

  get enabled(): boolean {
    return this.users.size > 0;
  }

  /** True when the Authorization header names a configured user with the right password. */
  async check(header: string | undefined): Promise<boolean> {
    if (!this.enabled) return true;
    const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
    if (!m) return false;
    const decoded = Buffer.from(m[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return false;
    const user = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    const hash = this.users.get(user);
    const key = createHash('sha256').update(`${user}\0${hash ?? ''}\0${password}`).digest('base64');
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const result = this.queue.then(() => bcrypt.compare(password, hash ?? FAKE_HASH)).then((ok) => ok && hash !== undefined);
    this.queue = result.catch(() => undefined);
    const ok = await result.catch(() => false);
    if (this.cache.size > 1000) this.cache.clear(); // bounded: a password-guessing client cannot grow it
    this.cache.set(key, ok);
    return ok;
  }
}

/**
 * A reloader for startHttpServer: looks at the file at most once a second and parses it again when
 * its modification time or size changed. A file that no longer parses keeps the last good config
 * (said once through `onError`), so a half-written edit never opens the endpoint.
 */
export function webConfigReloader(file: string, initial: WebConfig, onError?: (message: string) => void): () => WebConfig {
  let config = initial;
  let stamp = fileStamp(file);
  let checkedAt = Date.now();
  let lastError = '';
  return () => {
    const now = Date.now();
    if (now - checkedAt < 1000) return config;
    checkedAt = now;
    const next = fileStamp(file);
    if (next === stamp) return config;
    try {
      config = loadWebConfig(file);
      stamp = next;
      lastError = '';
    } catch (err) {
      const message = `${(err as Error).message}; keeping the previous web config`;
      if (message !== lastError) onError?.(message);
      lastError = message;
    }
    return config;
  };
}

function fileStamp(file: string): string {
  try {
    const s = statSync(file);
    return `${s.mtimeMs}:${s.size}`;
  } catch {
    return 'missing';
  }
}

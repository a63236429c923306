// TLS material for a tcp:// engine, following the docker CLI's rules (reference export-and-fleet
// §1.1–1.2), since docker-modem's own rules differ (it keys on port 2376 and knows no contexts):
// - environment (`default` context): a non-empty DOCKER_TLS_VERIFY means TLS with verification, a
//   non-empty DOCKER_TLS means TLS without; files from $DOCKER_CERT_PATH (default: the config dir);
//   a missing file is dropped, as the CLI does, but a folder with none of them is an error here
//   (the handshake would fail later with a far less clear message);
// - a context: its tls/<id>/docker/{ca,cert,key}.pem; no files and no SkipTLSVerify means plain
//   HTTP. ca.pem alone verifies the server; cert+key add a client certificate.
import { readFileSync } from 'node:fs';
import type { Agent } from 'node:https';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { UserFacingError } from '../../core/model/errors.js';

/** Where a context keeps its TLS files, and whether it skips verification. */
export interface ContextTls {
  dir: string | null; // null: the context has no TLS files
  skipVerify: boolean;
  context: string; // for messages
}

export interface TlsMaterial {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  /** Set when verification is off: docker-modem has no rejectUnauthorized, an agent carries it. */
  agent?: Agent;
}

const FILES = ['ca', 'cert', 'key'] as const;

/** An agent that skips certificate checks. node:https (and tls) load here, for such an engine only, not at every start (~2 ms). */
function unverifiedAgent(): Agent {
  const { Agent } = createRequire(import.meta.url)('node:https') as typeof import('node:https');
  return new Agent({ rejectUnauthorized: false });
}

/** The config dir the docker CLI uses: $DOCKER_CONFIG, else ~/.docker. */
export function dockerConfigDir(env: NodeJS.ProcessEnv): string {
  return env.DOCKER_CONFIG || join(env.HOME ?? '', '.docker');
}

/** Reads `<dir>/<name>.pem`; undefined when absent, a clear error when present but unreadable. */
function readPem(dir: string, name: string, url: string): Buffer | undefined {
  const file = join(dir, `${name}.pem`);
  try {
    return readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (code ?? 'unreadable');
    throw new UserFacingError(`cannot read TLS file ${file} for ${url} (${why})`, 'fix its permissions or point DOCKER_CERT_PATH elsewhere', 2);
  }
}

function loadDir(dir: string, url: string): TlsMaterial {
  const m: TlsMaterial = {};
  for (const f of FILES) {
    const body = readPem(dir, f, url);
    if (body) m[f] = body;
  }
  // A certificate without its key (or the reverse) cannot be used; the CLI drops both.
  if (!m.cert || !m.key) {
    delete m.cert;
    delete m.key;
  }
  return m;
}

/**
 * TLS for a tcp:// engine, or null for plain HTTP. `https://` asks for TLS explicitly; a context
 * decides by its files; otherwise the environment does.
 */
export function tlsFor(url: string, explicitHttps: boolean, env: NodeJS.ProcessEnv, context?: ContextTls): TlsMaterial | null {
  if (context) {
    if (!context.dir && !context.skipVerify && !explicitHttps) return null;
    const m = context.dir ? loadDir(context.dir, url) : {};
    if (context.skipVerify) m.agent = unverifiedAgent();
    return m;
  }
  const verify = (env.DOCKER_TLS_VERIFY ?? '') !== '';
  const tls = verify || (env.DOCKER_TLS ?? '') !== '' || explicitHttps;
  if (!tls) return null;
  const dir = env.DOCKER_CERT_PATH || dockerConfigDir(env);
  const m = loadDir(dir, url);
  if (verify && !m.ca && !m.cert) {
    throw new UserFacingError(`TLS requested for ${url} but no certificates in ${dir}`, 'set DOCKER_CERT_PATH to the folder with ca.pem, cert.pem and key.pem', 2);
  }
  if (!verify && !explicitHttps) m.agent = unverifiedAgent();
  return m;
}

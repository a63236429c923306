// The Docker CLI's context store, read as the CLI reads it (reference export-and-fleet §1.1):
// <config dir>/config.json `currentContext`, <config dir>/contexts/meta/<sha256(name)>/meta.json
// and TLS files under <config dir>/contexts/tls/<sha256(name)>/docker/. `default` is not on disk:
// it is DOCKER_HOST (or the local socket) with the environment's TLS settings.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { UserFacingError } from '../../core/model/errors.js';
import { dockerConfigDir, type ContextTls } from './engine-tls.js';

export interface DockerContext {
  name: string;
  /** The docker endpoint's Host; undefined for `default` (DOCKER_HOST or the local socket). */
  host: string | undefined;
  /** Undefined for `default`: the environment decides TLS there. */
  tls: ContextTls | undefined;
}

/** The store's directory name for a context: lowercase hex SHA-256 of its name. */
export function contextId(name: string): string {
  // node:crypto loads here, not at start-up: only a named context needs it (~2 ms of every start otherwise).
  const { createHash } = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return createHash('sha256').update(name).digest('hex');
}

/** config.json's currentContext, or null when unset or unreadable (the CLI then uses `default`). */
export function currentContextName(env: NodeJS.ProcessEnv): string | null {
  const file = join(dockerConfigDir(env), 'config.json');
  try {
    const cfg = JSON.parse(readFileSync(file, 'utf8')) as { currentContext?: unknown };
    return typeof cfg.currentContext === 'string' && cfg.currentContext !== '' ? cfg.currentContext : null;
  } catch {
    return null;
  }
}

/** JSON keys decode case-insensitively in Go: find `key` in any case. */
function field(obj: unknown, key: string): unknown {
  if (!obj || typeof obj !== 'object') return undefined;
  const k = Object.keys(obj).find((x) => x.toLowerCase() === key.toLowerCase());
  return k === undefined ? undefined : (obj as Record<string, unknown>)[k];
}

/** Reads one context; a missing or broken one is a clear error naming the file. */
export function readContext(name: string, env: NodeJS.ProcessEnv): DockerContext {
  if (name === 'default') return { name, host: undefined, tls: undefined };
  const dir = dockerConfigDir(env);
  const id = contextId(name);
  const metaFile = join(dir, 'contexts', 'meta', id, 'meta.json');
  let text: string;
  try {
    text = readFileSync(metaFile, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new UserFacingError(`no Docker context named ${JSON.stringify(name)} in ${dir}`, 'list them with `docker context ls`', 2);
    throw new UserFacingError(`cannot read Docker context ${JSON.stringify(name)}: ${metaFile} (${(err as NodeJS.ErrnoException).code})`, undefined, 2);
  }
  let meta: unknown;
  try {
    meta = JSON.parse(text);
  } catch {
    throw new UserFacingError(`Docker context ${JSON.stringify(name)} is not valid JSON: ${metaFile}`, undefined, 2);
  }
  const docker = field(field(meta, 'Endpoints'), 'docker');
  const host = field(docker, 'Host');
  if (typeof host !== 'string' || host === '')
    throw new UserFacingError(`Docker context ${JSON.stringify(name)} has no docker endpoint host (${metaFile})`, undefined, 2);
  const tlsDir = join(dir, 'contexts', 'tls', id, 'docker');
  return {
    name,
    host,
    tls: { dir: existsSync(tlsDir) ? tlsDir : null, skipVerify: field(docker, 'SkipTLSVerify') === true, context: name },
  };
}

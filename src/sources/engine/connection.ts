// Connecting to a Docker-compatible engine: DOCKER_HOST / -H parsing, host facts, and turning
// connection failures into one clear line for the user.
import Docker from 'dockerode';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HostInfo } from '../../core/model/types.js';
import { UserFacingError } from '../source.js';

export interface EngineTarget {
  url: string; // as the user gave it, for messages
  options: Docker.DockerOptions;
  local: boolean; // a unix socket on this machine: the cgroup fast path may work
}

const DEFAULT_SOCKET = '/var/run/docker.sock';

/** Parses -H / DOCKER_HOST into dockerode options; a malformed value is a UserFacingError. */
export function parseEngineHost(host: string | undefined, env: NodeJS.ProcessEnv = process.env): EngineTarget {
  // An empty DOCKER_HOST means unset, as the docker CLI reads it.
  const raw = host || env.DOCKER_HOST || `unix://${DEFAULT_SOCKET}`;
  const bad = (why: string) =>
    new UserFacingError(
      `bad engine address ${JSON.stringify(raw)}: ${why}`,
      'use unix:///path/to/docker.sock, tcp://HOST:PORT or ssh://USER@HOST (via -H or DOCKER_HOST)',
      2,
    );
  if (raw.startsWith('/')) return { url: raw, options: { socketPath: raw }, local: true };
  // Not through URL: in unix://docker.sock the path would parse as a host name and be lost.
  if (raw.startsWith('unix://')) return { url: raw, options: { socketPath: raw.slice('unix://'.length) || DEFAULT_SOCKET }, local: true };
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw bad('not a URL');
  }
  switch (u.protocol) {
    case 'unix:':
      throw bad('expected unix:///path/to/socket');
    case 'tcp:':
    case 'http:':
    case 'https:': {
      if (!u.hostname) throw bad('no host name');
      const tls = u.protocol === 'https:' || (env.DOCKER_TLS_VERIFY ?? '') !== '';
      const port = u.port ? Number(u.port) : tls ? 2376 : 2375;
      const options: Docker.DockerOptions = { host: u.hostname, port, protocol: tls ? 'https' : 'http' };
      if (tls) {
        const dir = env.DOCKER_CERT_PATH ?? join(env.HOME ?? '', '.docker');
        try {
          options.ca = readFileSync(join(dir, 'ca.pem'));
          options.cert = readFileSync(join(dir, 'cert.pem'));
          options.key = readFileSync(join(dir, 'key.pem'));
        } catch {
          throw new UserFacingError(`TLS requested for ${raw} but no certificates in ${dir}`, 'set DOCKER_CERT_PATH', 2);
        }
      }
      return { url: raw, options, local: false };
    }
    case 'ssh:': {
      if (!u.hostname) throw bad('no host name');
      const options: Docker.DockerOptions = {
        protocol: 'ssh',
        host: u.hostname,
        port: u.port ? Number(u.port) : 22,
        username: u.username ? decodeURIComponent(u.username) : undefined,
      };
      return { url: raw, options, local: false };
    }
    default:
      throw bad(`unsupported scheme ${u.protocol.replace(':', '')}`);
  }
}

/** Maps a dockerode/network error to what the user should do about it. */
export function explainEngineError(err: unknown, target: EngineTarget): UserFacingError {
  if (err instanceof UserFacingError) return err;
  const e = err as { code?: string; statusCode?: number; message?: string };
  const where = target.url;
  switch (e.code) {
    case 'ENOENT':
      return new UserFacingError(
        `no Docker engine at ${where} (socket not found)`,
        'is dockerd running? point -H or DOCKER_HOST at your engine',
      );
    case 'EACCES':
    case 'EPERM':
      return new UserFacingError(
        `permission denied on ${where}`,
        'add your user to the docker group (then log in again) or run with sudo',
      );
    case 'ECONNREFUSED':
      return new UserFacingError(`the engine at ${where} refused the connection`, 'is dockerd running and listening there?');
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new UserFacingError(`cannot resolve the engine host in ${where}`, 'check -H / DOCKER_HOST');
    case 'ETIMEDOUT':
    case 'ECONNRESET':
      return new UserFacingError(`the engine at ${where} did not answer (${e.code})`, 'check the network path to it');
  }
  if (e.statusCode) return new UserFacingError(`the engine at ${where} answered ${e.statusCode}: ${firstLine(e.message)}`);
  return new UserFacingError(`cannot talk to the engine at ${where}: ${firstLine(e.message)}`);
}

function firstLine(s: string | undefined): string {
  return (s ?? 'unknown error').split('\n')[0].replace(/^\(HTTP code \d+\)\s*/, '');
}

export function connect(target: EngineTarget): Docker {
  return new Docker(target.options);
}

interface InfoPayload {
  Name?: string;
  NCPU?: number;
  MemTotal?: number;
  CgroupVersion?: string;
  CgroupDriver?: string;
}
interface VersionPayload {
  Version?: string;
  ApiVersion?: string;
  Components?: { Name?: string }[];
  Platform?: { Name?: string };
}

/** One /info and one /version: also the reachability check that produces the clear error. */
export async function readHostInfo(docker: Docker, target: EngineTarget): Promise<HostInfo> {
  let info: InfoPayload;
  let version: VersionPayload;
  try {
    [info, version] = await Promise.all([docker.info() as Promise<InfoPayload>, docker.version() as Promise<VersionPayload>]);
  } catch (err) {
    throw explainEngineError(err, target);
  }
  const podman = (version.Components ?? []).some((c) => /podman/i.test(c.Name ?? '')) || /podman/i.test(version.Platform?.Name ?? '');
  return {
    engine: `${podman ? 'Podman' : 'Docker'} Engine ${version.Version ?? '?'}`,
    apiVersion: version.ApiVersion ?? '?',
    hostname: info.Name ?? '',
    ncpu: info.NCPU ?? 0,
    memTotal: info.MemTotal ?? 0,
    cgroupVersion: info.CgroupVersion === '1' || info.CgroupVersion === '2' ? info.CgroupVersion : null,
    cgroupDriver: info.CgroupDriver ?? null,
    local: target.local,
  };
}

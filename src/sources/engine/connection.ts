// Connecting to a Docker-compatible engine: DOCKER_HOST / -H parsing, host facts, and turning
// connection failures into one clear line for the user.
import type Docker from 'dockerode';
import { createRequire } from 'node:module';
import type { HostInfo } from '../../core/model/types.js';
import { canUseHttp, EngineHttpClient, type EngineApi } from './engine-http.js';
import { UserFacingError } from '../source.js';
import { tlsFor, type ContextTls } from './engine-tls.js';
import type { SshTarget } from './ssh-tunnel.js';

export interface EngineTarget {
  url: string; // as the user gave it, for messages
  options: Docker.DockerOptions;
  local: boolean; // a unix socket on this machine: the cgroup fast path may work
  /** ssh:// engines go through our own tunnel (ssh-tunnel.ts): openEngine points options at it. */
  ssh?: SshTarget;
}

const DEFAULT_SOCKET = '/var/run/docker.sock';

/**
 * Parses -H / DOCKER_HOST into dockerode options; a malformed value is a UserFacingError.
 * `tls` comes from a Docker context; without it the environment decides (DOCKER_TLS_VERIFY…).
 */
export function parseEngineHost(host: string | undefined, env: NodeJS.ProcessEnv = process.env, tls?: ContextTls): EngineTarget {
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
      const material = u.protocol === 'http:' ? null : tlsFor(raw, u.protocol === 'https:', env, tls);
      const port = u.port ? Number(u.port) : material ? 2376 : 2375;
      const options: Docker.DockerOptions = { host: u.hostname, port, protocol: material ? 'https' : 'http' };
      if (material) Object.assign(options, material);
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
      const ssh: SshTarget = {
        host: u.hostname,
        port: u.port ? Number(u.port) : undefined,
        user: options.username,
        socketPath: u.pathname && u.pathname !== '/' ? decodeURIComponent(u.pathname) : DEFAULT_SOCKET,
      };
      return { url: raw, options, local: false, ssh };
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

/**
 * dockerode, required on first use rather than imported: its ssh2/gRPC/protobuf graph costs
 * ~0.1 s of start-up that only the engine commands and ssh:// engines need.
 */
export function connect(target: EngineTarget): Docker {
  const DockerClass = createRequire(import.meta.url)('dockerode') as typeof Docker;
  return new DockerClass(target.options);
}

/** The client a session lists and samples with: plain node:http, or dockerode for ssh://. */
export function connectApi(target: EngineTarget): EngineApi {
  return canUseHttp(target.options) ? new EngineHttpClient(target.options) : (connect(target) as unknown as EngineApi);
}

/** The newest Engine API this client was written against (Docker 29). */
export const CLIENT_API_MAX = '1.52';

function compareVersions(a: string, b: string): number {
  const [am, an] = a.split('.').map(Number);
  const [bm, bn] = b.split('.').map(Number);
  return am !== bm ? am - bm : an - bn;
}

/**
 * The API version to speak, as the docker CLI negotiates it: the engine's newest if we know it,
 * else ours; never below the engine's minimum (Docker 29.0–29.2 refuse anything under 1.44;
 * 20.10 and Podman 4 top out at 1.41). Null when the engine did not say (use unversioned paths).
 */
export function negotiateApiVersion(serverMax: string | undefined, serverMin: string | undefined): string | null {
  const valid = (v: string | undefined): v is string => typeof v === 'string' && /^\d+\.\d+$/.test(v);
  if (!valid(serverMax)) return null;
  let v = compareVersions(serverMax, CLIENT_API_MAX) < 0 ? serverMax : CLIENT_API_MAX;
  if (valid(serverMin) && compareVersions(v, serverMin) < 0) v = serverMin;
  return v;
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
  MinAPIVersion?: string;
  Components?: { Name?: string }[];
  Platform?: { Name?: string };
}

/** One /info and one /version: also the reachability check that produces the clear error. */
export async function readHostInfo(docker: Pick<EngineApi, 'info' | 'version'>, target: EngineTarget): Promise<HostInfo> {
  let info: InfoPayload;
  let version: VersionPayload;
  try {
    [info, version] = await Promise.all([docker.info() as Promise<InfoPayload>, docker.version() as Promise<VersionPayload>]);
  } catch (err) {
    throw explainEngineError(err, target);
  }
  const podman = (version.Components ?? []).some((c) => /podman/i.test(c.Name ?? '')) || /podman/i.test(version.Platform?.Name ?? '');
  const api = negotiateApiVersion(version.ApiVersion, version.MinAPIVersion);
  // dockerode (the commands) then pins every path to /v<api>/, as the docker CLI does after its ping.
  if (api) target.options.version = `v${api}`;
  return {
    engine: `${podman ? 'Podman' : 'Docker'} Engine ${version.Version ?? '?'}`,
    apiVersion: api ?? version.ApiVersion ?? '?',
    hostname: info.Name ?? '',
    ncpu: info.NCPU ?? 0,
    memTotal: info.MemTotal ?? 0,
    cgroupVersion: info.CgroupVersion === '1' || info.CgroupVersion === '2' ? info.CgroupVersion : null,
    cgroupDriver: info.CgroupDriver ?? null,
    local: target.local,
  };
}

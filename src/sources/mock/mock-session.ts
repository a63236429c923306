// A seeded, deterministic stand-in for an engine (like ctop's mock connector): containers with
// compose-style labels, varied states and a moving load, for demos, tests and benchmarks.
import type { ContainerInfo, ContainerState, EngineEvent, HostInfo, RawSample } from '../../core/model/types.js';
import type { Session } from '../session.js';
import type { StatsSource } from '../source.js';
import { prng } from '../../core/model/prng.js';
import { refusingCommands } from '../../commands/engine-commands.js';

export interface MockOptions {
  seed: number;
  count?: number;
}

const PROJECTS = ['shop', 'blog', 'metrics'];
const SERVICES = ['web', 'api', 'db', 'cache', 'worker'];
const IMAGES: Record<string, string> = { web: 'nginx:1.27', api: 'node:20-alpine', db: 'postgres:16', cache: 'redis:7', worker: 'python:3.12-slim' };
const NCPU = 8;
const MEM_TOTAL = 16 * 1024 ** 3;

interface MockContainer {
  info: ContainerInfo;
  load: number; // mean cores used
  mem: number; // bytes
  limit: number | null;
  cpuNs: number;
  net: number;
  blk: number;
}

export function mockContainers(seed: number, count: number): MockContainer[] {
  const rnd = prng(seed);
  const hex = () => Array.from({ length: 64 }, () => Math.floor(rnd() * 16).toString(16)).join('');
  const out: MockContainer[] = [];
  for (let i = 0; i < count; i++) {
    const project = PROJECTS[i % PROJECTS.length];
    const service = SERVICES[Math.floor(i / PROJECTS.length) % SERVICES.length];
    const n = Math.floor(i / (PROJECTS.length * SERVICES.length)) + 1;
    const r = rnd();
    const state: ContainerState = r < 0.08 ? 'exited' : r < 0.11 ? 'paused' : 'running';
    const health = service === 'web' ? (rnd() < 0.2 ? 'unhealthy' : 'healthy') : null;
    const created = Math.floor(Date.now() / 1000) - Math.floor(rnd() * 86400 * 3);
    out.push({
      info: {
        id: hex(),
        name: `${project}-${service}-${n}`,
        image: IMAGES[service],
        labels: { 'com.docker.compose.project': project, 'com.docker.compose.service': service, team: i % 2 ? 'core' : 'growth' },
        state,
        status: state === 'exited' ? 'Exited (0) 2 hours ago' : `Up 3 hours${health ? ` (${health})` : state === 'paused' ? ' (Paused)' : ''}`,
        health: state === 'running' ? health : null,
        created,
        networkMode: 'bridge',
      },
      load: rnd() * (service === 'worker' ? 1.8 : 0.4),
      mem: Math.floor((20 + rnd() * 480) * 1024 ** 2),
      limit: rnd() < 0.5 ? 1024 ** 3 : null,
      cpuNs: 0,
      net: 0,
      blk: 0,
    });
  }
  return out;
}

export function createMockSession(opts: MockOptions): Session {
  const containers = mockContainers(opts.seed, opts.count ?? 24);
  const byId = new Map(containers.map((m) => [m.info.id, m])); // a lookup per sample: 1 000 containers stay O(N) a tick
  const infos = containers.map((m) => m.info);
  const rnd = prng(opts.seed ^ 0x9e3779b9);
  const start = Date.now();
  const host: HostInfo = { engine: 'Mock Engine 1.0', apiVersion: '1.41', hostname: 'mock', ncpu: NCPU, memTotal: MEM_TOTAL, cgroupVersion: '2', cgroupDriver: 'systemd', local: false };
  // Counters advance once per tick, by the time since the previous tick.
  let prevTick = start;
  let curTick = start;
  const source: StatsSource = {
    kind: 'mock',
    async sample(c): Promise<RawSample | null> {
      const m = byId.get(c.id);
      if (!m) return null;
      const now = curTick;
      const dt = Math.max(0, curTick - prevTick) / 1000;
      const wave = 1 + 0.5 * Math.sin(now / 7000 + m.load * 10);
      if (m.info.state === 'running') {
        m.cpuNs += m.load * wave * dt * 1e9 * (0.8 + rnd() * 0.4);
        m.net += Math.floor(rnd() * 200_000 * dt);
        m.blk += Math.floor(rnd() * 50_000 * dt);
      }
      return {
        id: c.id,
        source: 'mock',
        timestamp: now,
        cpuTotalNs: Math.floor(m.cpuNs),
        systemCpuNs: (now - start + 3_600_000) * 1e6 * NCPU,
        onlineCpus: NCPU,
        memUsage: Math.floor(m.mem * (0.9 + 0.2 * rnd())),
        memTotalInactiveFile: null,
        memInactiveFile: 0,
        memLimit: m.limit ?? MEM_TOTAL,
        netRxBytes: m.net,
        netTxBytes: Math.floor(m.net / 3),
        blkReadBytes: m.blk,
        blkWriteBytes: Math.floor(m.blk / 2),
        pids: 1 + Math.floor(m.load * 20),
        pidsLimit: null,
        cpuLimitCores: m.limit ? 1 : null,
        throttlePeriods: null,
        throttledPeriods: null,
        throttledTimeNs: null,
        oomKills: 0,
        pressure: null,
      };
    },
  };
  return {
    host,
    source,
    commands: refusingCommands('mock'),
    containers: () => infos.slice(),
    sourceLabel: () => 'mock',
    beginTick: () => {
      prevTick = curTick;
      curTick = Date.now();
    },
    onEvent: (_l: (e: EngineEvent) => void) => () => undefined,
    close: () => undefined,
  };
}

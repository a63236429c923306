// Several engines as one session. Each container is presented with the fleet key
// `id = "<engine name>/<engine id>"`, `host` = the engine's short name and `engineId` = its own id,
// so the store, history, selection and marks (all keyed by id) need no change; the stats source and
// the commands route each call to the engine named by `host`, with the engine's own id.
//
// Isolation: each engine has its own state and reconnection (fleet-member.ts) and its own bound on
// reads in flight, so a slow engine cannot take the sampler's read slots from the others.
// `engines()` names the engines that do not answer: the sampler then skips their containers and
// keeps their rows, marked stale (a read that still arrives for one gets its last sample back).
// With one engine none of this is used (openEngines returns the engine's own session).
import { refusingCommands, type CommandTarget, type EngineCommands } from '../commands/engine-commands.js';
import type { ContainerInfo, EngineEvent, EngineStatus, HostInfo, RawSample } from '../core/model/types.js';
import { UserFacingError } from '../core/model/errors.js';
import type { DockerSessionOptions } from './engine/docker-session.js';
import type { EngineSpec } from './engine/engine-specs.js';
import { FleetMember } from './fleet-member.js';
import type { Session } from './session.js';
import type { StatsSource } from './source.js';

export interface FleetOptions extends Omit<DockerSessionOptions, 'host' | 'target'> {
  /** Sampling interval: the live probe of each engine runs at this pace. */
  intervalMs: number;
}

/** A session for the given engines: the plain engine session for one, a fleet for several. */
export async function openEngines(specs: readonly EngineSpec[], opts: FleetOptions): Promise<Session> {
  const { createDockerSession } = await import('./engine/docker-session.js');
  const open: FleetMemberOpen = (target, cliHost, name) => createDockerSession({ ...opts, target, host: cliHost, name });
  if (specs.length === 1) {
    const { openTransport } = await import('./engine/ssh-tunnel.js');
    const transport = await openTransport(specs[0].target);
    let session: Session;
    try {
      session = await createDockerSession({ ...opts, target: transport.target, host: transport.cliHost });
    } catch (err) {
      transport.close();
      throw err;
    }
    const close = session.close.bind(session);
    (session as { close(): void }).close = () => {
      close();
      transport.close();
    };
    return session;
  }
  return createFleet(specs, opts, open);
}

type FleetMemberOpen = ConstructorParameters<typeof FleetMember>[0]['open'];

/** The fleet itself; `open` makes one engine's session (tests pass their own). */
export async function createFleet(specs: readonly EngineSpec[], opts: FleetOptions, open: FleetMemberOpen): Promise<Session> {
  const eventListeners = new Set<(e: EngineEvent) => void>();
  const changeListeners = new Set<(s: EngineStatus) => void>();
  const statusOf = (m: FleetMember): EngineStatus => ({ ...m.status, sourceLabel: m.session?.sourceLabel() ?? '' });
  const members = specs.map(
    (spec) =>
      new FleetMember({
        spec,
        open,
        follow: opts.follow,
        probeEveryMs: Math.min(2_000, Math.max(500, opts.intervalMs)),
        onChange: (m) => changeListeners.forEach((l) => l(statusOf(m))),
        onEvent: (m, e) => {
          const event = { ...e, id: `${m.name}/${e.id}` };
          eventListeners.forEach((l) => l(event));
        },
      }),
  );
  const byName = new Map(members.map((m) => [m.name, m]));
  await Promise.all(members.map((m) => m.start()));
  if (members.every((m) => m.status.state !== 'up')) {
    members.forEach((m) => m.close());
    const lines = members.map((m) => `${m.name} (${m.url}): ${m.status.reason ?? 'unreachable'}`);
    throw new UserFacingError(`no engine answered: ${lines.join('; ')}`, 'check each -H / --context address');
  }
  const source = new FleetSource(byName);
  return {
    get host() {
      return fleetHost(members);
    },
    source,
    commands: fleetCommands(byName),
    containers: () => members.flatMap((m) => m.containers()),
    sourceLabel: () =>
      members.map((m) => `${m.name}: ${m.status.state === 'up' ? (m.session?.sourceLabel() ?? '') : m.status.state}`).join(', '),
    beginTick() {
      for (const m of members) m.session?.beginTick?.();
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    engines: () => members.map(statusOf),
    onEngineChange(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    async recentEvents() {
      const lists = await Promise.all(
        members.map(async (m) => (await m.session?.recentEvents?.().catch(() => [])) ?? []).map(async (p, i) => (await p).map((e) => ({ ...e, id: `${members[i].name}/${e.id}` }))),
      );
      return lists.flat().sort((a, b) => a.time - b.time);
    },
    close() {
      for (const m of members) m.close();
    },
  };
}

/**
 * Host facts summed over the machines behind the engines that answered: the header's CPU and
 * memory totals. Engines on one machine (dockerd and Podman side by side) count it once.
 */
function fleetHost(members: readonly FleetMember[]): HostInfo | null {
  const all = members.map((m) => m.session?.host).filter((h): h is HostInfo => !!h);
  if (all.length === 0) return null;
  // Engines on unix sockets here share this machine; remote ones are told apart by name and CPUs
  // (not memory: Docker and Podman on one machine report MemTotal a few kB apart).
  const machines = new Map(all.map((h) => [h.local ? 'this machine' : `${h.hostname}|${h.ncpu}`, h]));
  const hosts = [...machines.values()];
  return {
    engine: `${members.length} engines (${engineCounts(members)})`,
    apiVersion: [...new Set(all.map((h) => h.apiVersion))].join('/'),
    hostname: members.map((m) => m.name).join(', '),
    ncpu: hosts.reduce((n, h) => n + h.ncpu, 0),
    memTotal: hosts.reduce((n, h) => n + h.memTotal, 0),
    cgroupVersion: hosts.every((h) => h.cgroupVersion === hosts[0].cgroupVersion) ? hosts[0].cgroupVersion : null,
    cgroupDriver: hosts.every((h) => h.cgroupDriver === hosts[0].cgroupDriver) ? hosts[0].cgroupDriver : null,
    local: hosts.some((h) => h.local),
  };
}

/** `2 up, 1 reconnecting` for the header: how many engines are in each state. */
function engineCounts(members: readonly FleetMember[]): string {
  const count = (state: EngineStatus['state']) => members.filter((m) => m.status.state === state).length;
  const parts = [`${count('up')} up`];
  if (count('connecting') > 0) parts.push(`${count('connecting')} reconnecting`);
  if (count('down') > 0) parts.push(`${count('down')} down`);
  return parts.join(', ');
}

/** Reads routed by `host`, at most each engine's own concurrency in flight per engine. */
class FleetSource implements StatsSource {
  readonly kind = 'auto' as const;
  // The sampler may start every read at once: each engine's own limit applies below.
  readonly concurrency = 100_000;
  private readonly slots = new Map<string, { free: number; queue: (() => void)[] }>();

  constructor(private readonly byName: ReadonlyMap<string, FleetMember>) {}

  async sample(c: ContainerInfo, signal?: AbortSignal): Promise<RawSample | null> {
    const m = this.byName.get(c.host ?? '');
    const engineId = c.engineId ?? c.id;
    if (!m) return null;
    const session = m.session;
    if (!session || m.status.state !== 'up') {
      // Down: the last numbers stay (same timestamp, so the sampler keeps its last stats).
      const last = m.last.get(engineId);
      if (last) return { ...last, id: c.id };
      throw new Error(`engine ${m.name} is ${m.status.state}: ${m.status.reason ?? ''}`);
    }
    const original = m.original.get(c) ?? { ...c, id: engineId };
    await this.acquire(m.name, session.source.concurrency ?? 16, signal);
    let s: RawSample | null;
    try {
      s = await session.source.sample(original, signal);
    } catch (err) {
      if (isConnectionError(err)) m.suspect(err);
      throw err;
    } finally {
      this.release(m.name);
    }
    if (!s) return null;
    // Each engine's memory limit is clamped to its own host (the sampler clamps to the fleet's sum).
    const mem = session.host?.memTotal;
    if (mem && s.memLimit !== null && s.memLimit > mem) s.memLimit = mem;
    m.last.set(engineId, s);
    return { ...s, id: c.id };
  }

  forget(id: string): void {
    const slash = id.indexOf('/');
    const m = this.byName.get(id.slice(0, slash));
    if (!m) return;
    const engineId = id.slice(slash + 1);
    m.last.delete(engineId);
    m.session?.source.forget?.(engineId);
  }

  label(): string {
    return [...this.byName.values()].map((m) => `${m.name} ${m.session?.sourceLabel() ?? m.status.state}`).join(', ');
  }

  private acquire(name: string, limit: number, signal?: AbortSignal): Promise<void> {
    let s = this.slots.get(name);
    if (!s) this.slots.set(name, (s = { free: limit, queue: [] }));
    if (s.free > 0) {
      s.free--;
      return Promise.resolve();
    }
    const slot = s;
    return new Promise((resolve, reject) => {
      const go = () => resolve();
      slot.queue.push(go);
      signal?.addEventListener(
        'abort',
        () => {
          const i = slot.queue.indexOf(go);
          if (i >= 0) slot.queue.splice(i, 1);
          reject(new Error('tick deadline'));
        },
        { once: true },
      );
    });
  }

  private release(name: string): void {
    const s = this.slots.get(name)!;
    const next = s.queue.shift();
    if (next) next();
    else s.free++;
  }
}

function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && /^(ECONNREFUSED|ENOENT|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EACCES)$/.test(code);
}

/**
 * Each command goes to the engine that owns the container; a down engine's refusal says so. A
 * target that carries only the fleet key (`<host>/<id>`, e.g. the log view's) is read from it.
 */
export function fleetCommands(byName: ReadonlyMap<string, FleetMember>): EngineCommands {
  const route = <T>(t: CommandTarget, run: (c: EngineCommands, target: CommandTarget) => T): T => {
    const slash = t.id.indexOf('/');
    const host = t.host ?? (slash > 0 ? t.id.slice(0, slash) : '');
    const target = { ...t, host, engineId: t.engineId ?? (slash > 0 ? t.id.slice(slash + 1) : t.id) };
    const m = byName.get(host);
    if (m?.session) return run(m.session.commands, target);
    return run(refusingCommands(m ? `engine ${m.name} is ${m.status.state}` : `no engine ${host || '(none)'}`), target);
  };
  return {
    unavailable: null,
    inspect: (t) => route(t, (c, x) => c.inspect(x)),
    runAction: (t, action, o) => route(t, (c, x) => c.runAction(x, action, o)),
    followLogs: (t, o) => route(t, (c, x) => c.followLogs(x, o)),
    exec: (t, ui, o) => route(t, (c, x) => c.exec(x, ui, o)),
  };
}

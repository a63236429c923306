// A live session on a Docker-compatible engine: connection, host facts, the container list kept
// current by events, and the stats source the user chose (api, cgroup, or auto per container).
import type { EngineEvent, EngineStatus } from '../../core/model/types.js';
import { lazyCommands } from '../../commands/lazy-commands.js';
import { ContainerTracker } from './container-tracker.js';
import { EngineApiSource } from './api-stats-source.js';
import { connect, connectApi, explainEngineError, parseEngineHost, readHostInfo, type EngineTarget } from './connection.js';
import type { EngineApi } from './engine-http.js';
import { pingEngine } from './engine-ping.js';
import { EngineMonitor } from './engine-monitor.js';
import { readRecentEvents } from './recent-events.js';
import type { Session } from '../session.js';
import type { StatsSource } from '../source.js';
import { UserFacingError } from '../source.js';

export type SourceChoice = 'auto' | 'api' | 'cgroup';

export interface DockerSessionOptions {
  host?: string;
  /** An already parsed engine (contexts, TLS, an ssh tunnel's socket); wins over `host`. */
  target?: EngineTarget;
  source: SourceChoice;
  labelFilters?: string[];
  /** Follow /events and reconcile (live modes); a one-shot listing otherwise. */
  follow: boolean;
  onError?: (err: unknown) => void;
  /** Sampling interval: while following, the engine is probed at this pace (within 0.5–2 s). */
  intervalMs?: number;
  /** Short engine name for EngineStatus (default: the engine's host name, else "local"). */
  name?: string;
  /**
   * Read the finer counters only the exporters show (RawSample.detail: CPU user/system, memory
   * breakdown, per interface and device); without it the cgroup path skips a file and the parsing.
   */
  detail?: boolean;
}

export async function createDockerSession(opts: DockerSessionOptions): Promise<Session> {
  const target = opts.target ?? parseEngineHost(opts.host);
  // Listing and sampling need no dockerode (see engine-http.ts); the commands load it on first use.
  const docker = connectApi(target);
  const host = await readHostInfo(docker, target);
  const listeners = new Set<(e: EngineEvent) => void>();
  let source: StatsSource | null = null;
  // Live modes only: a one-shot listing fails loudly instead (explainEngineError).
  const monitor = opts.follow
    ? new EngineMonitor({
        name: opts.name ?? (host.hostname || 'local'),
        sourceLabel: () => source?.label?.() ?? source?.kind ?? opts.source,
        // GET /_ping: /version would cost Podman ~16 ms of CPU per beat (engine-ping.ts).
        ping: (timeoutMs) => pingEngine(target, timeoutMs),
        probeMs: Math.min(2000, Math.max(500, opts.intervalMs ?? 1000)),
        onRecover: async () => {
          tracker.reconnectEvents();
          await tracker.refresh();
        },
      })
    : null;
  const tracker = new ContainerTracker({
    docker,
    labelFilters: opts.labelFilters,
    onEvent: (e) => {
      if (e.action === 'oom') source?.noteOom?.(e.id);
      listeners.forEach((l) => l(e));
    },
    onError: opts.onError,
    onListResult: (err) => monitor?.report('list', err),
    onEventsOpen: () => monitor?.report('events', null),
    // A drop alone may be a proxy's idle timeout: ask the engine; a failed reconnect is a failure.
    onEventsDrop: (err, failed) => (failed ? monitor?.report('events', err) : void monitor?.probe()),
  });
  try {
    await tracker.start(opts.follow);
  } catch (err) {
    throw explainEngineError(err, target);
  }
  // Streams for live modes; the engine's own two-sample record for a single sample, as docker does.
  // Podman's compat stats stream pushes a record only every 5 s (and ignores `interval`), while its
  // stream=false answers at once with current counters: poll that each tick instead.
  const podman = host.engine.startsWith('Podman');
  const api = new EngineApiSource({ docker, mode: opts.follow && !podman ? 'stream' : 'two-sample' });
  const picked = await pickSource(opts.source, api, docker, host, opts.detail ?? true);
  source = picked;
  monitor?.start();
  return {
    host,
    source: monitor ? probingSource(picked, monitor) : picked,
    commands: lazyCommands(async () => {
      const { dockerCommands } = await import('../../commands/docker/docker-commands.js');
      const commands = dockerCommands(connect(target), { host: opts.host });
      if (!podman) return commands;
      const { withPodmanExec } = await import('./podman-exec.js');
      const socket = (target.options as { socketPath?: string }).socketPath;
      return withPodmanExec(commands, socket ? `unix://${socket}` : (opts.host ?? target.url));
    }),
    containers: () => tracker.containers(),
    sourceLabel: () => picked.label?.() ?? picked.kind,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ...(monitor && {
      engines: () => [monitor.status()],
      onEngineChange: (listener: (s: EngineStatus) => void) => monitor.onChange(listener),
    }),
    recentEvents: () => readRecentEvents(docker, opts.labelFilters),
    close() {
      monitor?.close();
      tracker.close();
      picked.close?.();
      (docker as { close?: () => void }).close?.();
    },
  };
}

/** A stats read failing for a reason other than the container going away: is the engine still there? */
function probingSource(inner: StatsSource, monitor: EngineMonitor): StatsSource {
  return {
    kind: inner.kind,
    concurrency: inner.concurrency,
    sample: (c, signal) =>
      inner.sample(c, signal).catch((err: unknown) => {
        if (!signal?.aborted) void monitor.probe();
        throw err;
      }),
    label: inner.label && (() => inner.label!()),
    forget: inner.forget && ((id) => inner.forget!(id)),
    noteOom: inner.noteOom && ((id) => inner.noteOom!(id)),
    close: inner.close && (() => inner.close!()),
  };
}

async function pickSource(
  choice: SourceChoice,
  api: EngineApiSource,
  docker: EngineApi,
  host: NonNullable<Session['host']>,
  detail: boolean,
): Promise<StatsSource> {
  if (choice === 'api') return api;
  const { CgroupSource } = await import('../cgroup/cgroup-source.js');
  const cgroup = new CgroupSource({ docker, hostMemBytes: host.memTotal, detail });
  if (choice === 'cgroup') {
    if (!host.local)
      throw new UserFacingError('--source cgroup needs the engine on this host', 'use --source auto or api for a remote engine', 2);
    return cgroup;
  }
  const { AutoSource } = await import('./auto-source.js');
  return new AutoSource({ cgroup, api, local: host.local });
}

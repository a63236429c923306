// Keeps the list of containers current: subscribe to /events first, then list (as docker stats
// does, so nothing created in between is missed); apply events at once and re-list shortly after
// lifecycle changes, plus a periodic reconcile because the engine may drop events under load.
import type Docker from 'dockerode';
import type { ContainerInfo, ContainerState, EngineEvent, HealthStatus } from '../../core/model/types.js';
import { EventStream } from './event-stream.js';

const STATES: readonly ContainerState[] = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'];
const RELIST_ACTIONS = new Set(['create', 'start', 'restart', 'die', 'destroy', 'rename', 'pause', 'unpause', 'update']);

interface ListEntry {
  Id: string;
  Names?: string[];
  Image?: string;
  Labels?: Record<string, string> | null;
  State?: string;
  Status?: string;
  Created?: number;
  HostConfig?: { NetworkMode?: string };
}

export function healthFromStatus(status: string): HealthStatus {
  if (/\(healthy\)/.test(status)) return 'healthy';
  if (/\(unhealthy\)/.test(status)) return 'unhealthy';
  if (/\(health: starting\)/.test(status)) return 'starting';
  return null;
}

export function fromListEntry(c: ListEntry): ContainerInfo {
  const state = (STATES as readonly string[]).includes(c.State ?? '') ? (c.State as ContainerState) : 'dead';
  const status = c.Status ?? '';
  return {
    id: c.Id,
    name: (c.Names?.[0] ?? '').replace(/^\//, ''),
    image: c.Image ?? '',
    labels: c.Labels ?? {},
    state,
    status,
    health: healthFromStatus(status),
    created: c.Created ?? 0,
    networkMode: c.HostConfig?.NetworkMode ?? 'default',
  };
}

export interface TrackerOptions {
  docker: Docker;
  labelFilters?: string[]; // engine-side label filters; the full selector is applied locally
  reconcileMs?: number;
  onEvent?: (e: EngineEvent) => void;
  onError?: (err: unknown) => void;
}

export class ContainerTracker {
  private byId = new Map<string, ContainerInfo>();
  private events: EventStream | null = null;
  private relistTimer: NodeJS.Timeout | null = null;
  private reconcileTimer: NodeJS.Timeout | null = null;

  constructor(private readonly opts: TrackerOptions) {}

  /** Lists once; with `follow`, also keeps the list current until close(). */
  async start(follow: boolean): Promise<void> {
    if (follow) {
      this.events = new EventStream({
        docker: this.opts.docker,
        labelFilters: this.opts.labelFilters,
        onEvent: (e) => this.apply(e),
        onError: this.opts.onError,
      });
      await this.events.start();
      this.reconcileTimer = setInterval(() => void this.relist(), this.opts.reconcileMs ?? 10_000);
      this.reconcileTimer.unref();
    }
    await this.relist(true);
  }

  containers(): ContainerInfo[] {
    return [...this.byId.values()];
  }

  close(): void {
    this.events?.close();
    if (this.relistTimer) clearTimeout(this.relistTimer);
    if (this.reconcileTimer) clearInterval(this.reconcileTimer);
  }

  private async relist(throwOnError = false): Promise<void> {
    try {
      const filters = this.opts.labelFilters?.length ? { label: this.opts.labelFilters } : undefined;
      const list = (await this.opts.docker.listContainers({ all: true, filters })) as ListEntry[];
      this.byId = new Map(list.map((c) => [c.Id, fromListEntry(c)]));
    } catch (err) {
      if (throwOnError) throw err;
      this.opts.onError?.(err);
    }
  }

  private apply(e: EngineEvent): void {
    const c = this.byId.get(e.id);
    if (c) {
      const next = { ...c };
      if (e.action === 'destroy') this.byId.delete(e.id);
      else {
        if (e.action === 'start' || e.action === 'unpause' || e.action === 'restart') next.state = 'running';
        else if (e.action === 'die') next.state = 'exited';
        else if (e.action === 'pause') next.state = 'paused';
        else if (e.action === 'rename' && e.name) next.name = e.name.replace(/^\//, '');
        else if (e.action === 'health_status' && e.detail) next.health = e.detail as HealthStatus;
        this.byId.set(e.id, next);
      }
    }
    this.opts.onEvent?.(e);
    if (RELIST_ACTIONS.has(e.action)) this.scheduleRelist();
  }

  private scheduleRelist(): void {
    if (this.relistTimer) return;
    this.relistTimer = setTimeout(() => {
      this.relistTimer = null;
      void this.relist();
    }, 200);
    this.relistTimer.unref();
  }
}

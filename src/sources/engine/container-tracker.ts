// Keeps the list of containers current: subscribe to /events first, then list (as docker stats
// does, so nothing created in between is missed); apply events at once and re-list shortly after
// lifecycle changes, plus a periodic reconcile because the engine may drop events under load.
import type { EngineApi } from './engine-http.js';
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
  docker: EngineApi;
  labelFilters?: string[]; // engine-side label filters; the full selector is applied locally
  reconcileMs?: number;
  onEvent?: (e: EngineEvent) => void;
  onError?: (err: unknown) => void;
  /** Each list's outcome (null: it succeeded), and the /events subscription opening and dropping. */
  onListResult?: (err: unknown) => void;
  onEventsOpen?: () => void;
  onEventsDrop?: (err: unknown, failed: boolean) => void;
}

export class ContainerTracker {
  private byId = new Map<string, ContainerInfo>();
  private events: EventStream | null = null;
  private relistTimer: NodeJS.Timeout | null = null;
  private reconcileTimer: NodeJS.Timeout | null = null;
  /** Numbers the lists: an answer older than one already applied is dropped (it would bring back the removed). */
  private listSeq = 0;
  private appliedSeq = 0;
  private listsInFlight = 0;
  /** Destroyed while a list was in flight: that list may still carry them. */
  private destroyedDuringList = new Set<string>();

  constructor(private readonly opts: TrackerOptions) {}

  /** Lists once; with `follow`, also keeps the list current until close(). */
  async start(follow: boolean): Promise<void> {
    if (follow) {
      this.events = new EventStream({
        docker: this.opts.docker,
        labelFilters: this.opts.labelFilters,
        onEvent: (e) => this.apply(e),
        onError: this.opts.onError,
        onOpen: this.opts.onEventsOpen,
        onDrop: this.opts.onEventsDrop,
      });
      await this.events.start();
      this.reconcileTimer = setInterval(() => void this.relist(), this.opts.reconcileMs ?? 10_000);
      this.reconcileTimer.unref();
    }
    await this.relist(true);
  }

  /** Re-list now (after an outage); the outcome goes to onListResult. */
  refresh(): Promise<void> {
    return this.relist();
  }

  /** Re-subscribe to /events now instead of after the backoff. */
  reconnectEvents(): void {
    this.events?.reconnectNow();
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
      // No `filters` key at all when there is nothing to filter: docker-modem sends an undefined
      // value as `filters=`, which Podman rejects (500, "unexpected end of JSON input").
      const query = this.opts.labelFilters?.length ? { all: true, filters: { label: this.opts.labelFilters } } : { all: true };
      const seq = ++this.listSeq;
      this.listsInFlight++;
      let list: ListEntry[];
      try {
        list = (await this.opts.docker.listContainers(query)) as ListEntry[];
      } finally {
        this.listsInFlight--;
      }
      this.opts.onListResult?.(null);
      if (seq > this.appliedSeq) {
        this.appliedSeq = seq;
        const byId = new Map(list.map((c) => [c.Id, fromListEntry(c)]));
        for (const id of this.destroyedDuringList) byId.delete(id);
        this.byId = byId;
      }
      if (this.listsInFlight === 0) this.destroyedDuringList.clear();
    } catch (err) {
      if (this.listsInFlight === 0) this.destroyedDuringList.clear();
      if (throwOnError) throw err;
      this.opts.onListResult?.(err);
      this.opts.onError?.(err);
    }
  }

  private apply(e: EngineEvent): void {
    if (e.action === 'destroy' && this.listsInFlight > 0) this.destroyedDuringList.add(e.id);
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

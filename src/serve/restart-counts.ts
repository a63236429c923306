// Docker's RestartCount is only in inspect, so it is asked once per container and again only when
// the container's state changes or an engine event says it started, restarted or died. The
// answer arrives in the background: a scrape never waits for the engine, and a container's count
// appears from the scrape after it is first seen. Only `inspect` is ever called.
import type { ContainerInfo } from '../core/model/types.js';
import type { Session } from '../sources/session.js';

const REFRESH_ON = new Set(['start', 'restart', 'die']);
const MAX_IN_FLIGHT = 4;

interface Entry {
  state: string; // the state the count was asked for
  count: number | null;
}

export class RestartCounts {
  private readonly cache = new Map<string, Entry>();
  private readonly queue: ContainerInfo[] = [];
  private readonly queued = new Set<string>();
  private inFlight = 0;
  private readonly unsubscribe: () => void;

  constructor(private readonly session: Session) {
    this.unsubscribe = session.onEvent((e) => {
      if (REFRESH_ON.has(e.action)) for (const [id, entry] of this.cache) if (id === e.id || id.endsWith(`/${e.id}`)) entry.state = '';
    });
  }

  /** Whether the session's engine can be asked at all (not for replay or mock). */
  get available(): boolean {
    return this.session.commands?.unavailable === null;
  }

  /** The last known count (null while unknown); schedules a refresh when it may be stale. */
  get(info: ContainerInfo): number | null {
    if (!this.available) return null;
    const entry = this.cache.get(info.id);
    if ((!entry || entry.state !== info.state) && !this.queued.has(info.id)) {
      this.queued.add(info.id);
      this.queue.push(info);
      this.pump();
    }
    return entry?.count ?? null;
  }

  /** Drops containers that are gone, so the cache stays bounded by the container list. */
  retain(ids: ReadonlySet<string>): void {
    for (const id of this.cache.keys()) if (!ids.has(id)) this.cache.delete(id);
  }

  close(): void {
    this.unsubscribe();
  }

  private pump(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.queue.length > 0) {
      const info = this.queue.shift()!;
      this.inFlight++;
      this.session.commands
        .inspect({ id: info.id, name: info.name, host: info.host, engineId: info.engineId })
        .then(
          (d) => this.cache.set(info.id, { state: info.state, count: d.restartCount }),
          () => this.cache.set(info.id, { state: info.state, count: this.cache.get(info.id)?.count ?? null }),
        )
        .finally(() => {
          this.inFlight--;
          this.queued.delete(info.id);
          this.pump();
        });
    }
  }
}

// Inspect details for the detail view's container. Cached per id, so j/k through containers shows
// what we already know at once; refetched when an event says the facts changed (start, die,
// rename, health, update…) and, while shown, every `refreshMs` (the health log's last output
// changes with every check but only sends an event when the status flips).
import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { ContainerDetails } from '../../core/model/container-details.js';
import type { EngineEvent } from '../../core/model/types.js';
import type { CommandTarget, EngineCommands } from '../../commands/engine-commands.js';

export interface ContainerDetailsState {
  /** Null without an engine (replay, mock: see the commands' `unavailable`), without a selection, or before the first answer. */
  details: ContainerDetails | null;
  /** The first inspect of this id is in flight. */
  loading: boolean;
  /** The last inspect failed (e.g. the container was removed); details keep the last good answer. */
  error: string | null;
}

export interface DetailsEntry {
  details: ContainerDetails | null;
  error: string | null;
  /** Which events the answer has seen (see detailsVersion). */
  version: string;
  fetchedAt: number;
}

export interface UseContainerDetailsOptions {
  /** Re-inspect the shown container this often (default 5000; 0 = only on events). */
  refreshMs?: number;
  /** Share the cache beyond this component's life (e.g. across closing and reopening the view). */
  cache?: Map<string, DetailsEntry>;
}

// Events after which `docker inspect` says something new. exec_* come with every health check
// and change nothing; destroy means there is nothing left to inspect.
const REFRESH_ACTIONS = new Set(['start', 'restart', 'die', 'stop', 'oom', 'pause', 'unpause', 'rename', 'update', 'health_status', 'commit']);

/** The newest relevant event of a container, as a key that changes when a refetch is due. */
export function detailsVersion(events: readonly EngineEvent[], id: string | null): string {
  if (id === null) return '';
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (e.id === id && REFRESH_ACTIONS.has(e.action)) return `${e.time}:${e.action}:${e.detail ?? ''}`;
  }
  return '';
}

export function useContainerDetails(
  commands: EngineCommands,
  target: CommandTarget | null,
  events: readonly EngineEvent[],
  opts: UseContainerDetailsOptions = {},
): ContainerDetailsState {
  const refreshMs = opts.refreshMs ?? 5000;
  const cache = useRef(opts.cache ?? new Map<string, DetailsEntry>()).current;
  const inflight = useRef(new Set<string>()).current;
  const alive = useRef(true);
  // Bumped by every answer: re-renders, and re-checks whether events arrived while it was in flight.
  const [answers, rerender] = useReducer((n: number) => n + 1, 0);
  const [tick, setTick] = useState(0);
  const id = target?.id ?? null;
  const targetRef = useRef(target);
  targetRef.current = target;
  const live = commands.unavailable === null;
  const version = useMemo(() => detailsVersion(events, id), [events, id]);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  useEffect(() => {
    if (!live || id === null || !targetRef.current || inflight.has(id)) return;
    const entry = cache.get(id);
    const due = !entry || entry.version !== version || (refreshMs > 0 && Date.now() - entry.fetchedAt >= refreshMs);
    if (!due) return;
    inflight.add(id);
    const done = (next: Omit<DetailsEntry, 'version' | 'fetchedAt'>) => {
      inflight.delete(id);
      cache.set(id, { ...next, version, fetchedAt: Date.now() });
      if (alive.current) rerender();
    };
    commands.inspect(targetRef.current).then(
      (details) => done({ details, error: null }),
      (err: unknown) => done({ details: cache.get(id)?.details ?? null, error: err instanceof Error ? err.message : String(err) }),
    );
  }, [commands, live, id, version, tick, answers, refreshMs, cache, inflight]);

  useEffect(() => {
    if (!live || id === null || refreshMs <= 0) return;
    const timer = setInterval(() => setTick((t) => t + 1), refreshMs);
    timer.unref?.();
    return () => clearInterval(timer);
  }, [live, id, refreshMs]);

  if (!live || id === null) return { details: null, loading: false, error: null };
  const entry = cache.get(id);
  return { details: entry?.details ?? null, loading: entry === undefined, error: entry?.error ?? null };
}

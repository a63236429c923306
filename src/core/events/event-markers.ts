// What engine events say about a container's recent trouble, for the state cell (restarts, OOM
// kills), for chart and sparkline markers, and for one-line descriptions in the events pane.
// Pure: takes the store's event list (oldest first), never reads a clock.
import { sanitize } from '../model/sanitize.js';
import type { EngineEvent } from '../model/types.js';

export type MarkerKind = 'restart' | 'oom' | 'die';
export type EventClass = 'bad' | 'good' | 'info';

/** A marker at a history sample (index into History arrays, oldest first). */
export interface EventMarker {
  index: number;
  kind: MarkerKind;
  time: number;
}

export interface Trouble {
  restarts: number;
  ooms: number;
  /** When the newest counted restart or OOM happened (ms), null when none. */
  lastAt: number | null;
}

export const TROUBLE_WINDOW_MS = 10 * 60_000;

/** One glyph per marker kind, readable without colour. */
export const MARKER_GLYPH: Readonly<Record<MarkerKind, string>> = { oom: '!', restart: '↻', die: 'x' };

/** When several markers share a column, the most telling one wins. */
const MARKER_RANK: Readonly<Record<MarkerKind, number>> = { oom: 3, restart: 2, die: 1 };

export function strongerMarker(a: MarkerKind | null, b: MarkerKind): MarkerKind {
  return a !== null && MARKER_RANK[a] >= MARKER_RANK[b] ? a : b;
}

interface Mark {
  time: number;
  kind: MarkerKind;
}

/**
 * Lifecycle marks of one container, oldest first. A restart is a `start` after a `die`, or a
 * `restart` event; `docker restart` sends die → stop → start → restart, counted once. A restart
 * policy sends only die → start (no `restart` event), so the start is what counts. A manual
 * `docker stop` then `docker start` (die → stop → start) is no restart.
 */
function lifecycleMarks(events: readonly EngineEvent[], id: string): Mark[] {
  const marks: Mark[] = [];
  let diedSinceStart = false;
  let startCounted = false;
  for (const e of events) {
    if (e.id !== id) continue;
    if (e.action === 'die') {
      diedSinceStart = true;
      marks.push({ time: e.time, kind: 'die' });
    } else if (e.action === 'stop') {
      // Asked for (`docker stop`: die, then stop): the next start is the user's, not a restart.
      diedSinceStart = false;
    } else if (e.action === 'oom') {
      marks.push({ time: e.time, kind: 'oom' });
    } else if (e.action === 'start') {
      startCounted = diedSinceStart;
      if (diedSinceStart) marks.push({ time: e.time, kind: 'restart' });
      diedSinceStart = false;
    } else if (e.action === 'restart') {
      if (!startCounted) marks.push({ time: e.time, kind: 'restart' });
      startCounted = true;
    }
  }
  return marks;
}

/**
 * Restarts and OOM kills of one container since `now − windowMs`. Event times are the engine's
 * clock and `now` is ours, so an event "from the future" (a clock ahead of ours) still counts.
 */
export function troubleFor(events: readonly EngineEvent[], id: string, now: number, windowMs = TROUBLE_WINDOW_MS): Trouble {
  const t: Trouble = { restarts: 0, ooms: 0, lastAt: null };
  for (const m of lifecycleMarks(events, id)) {
    if (m.time < now - windowMs || m.kind === 'die') continue;
    if (m.kind === 'restart') t.restarts++;
    else t.ooms++;
    t.lastAt = Math.max(t.lastAt ?? 0, m.time);
  }
  return t;
}

/** Trouble for every container that had any; one pass per container seen in the events. */
export function troubleByContainer(events: readonly EngineEvent[], now: number, windowMs = TROUBLE_WINDOW_MS): Map<string, Trouble> {
  const ids = new Set<string>();
  for (const e of events) if (e.action === 'oom' || e.action === 'start' || e.action === 'restart') ids.add(e.id);
  const out = new Map<string, Trouble>();
  for (const id of ids) {
    const t = troubleFor(events, id, now, windowMs);
    if (t.restarts > 0 || t.ooms > 0) out.set(id, t);
  }
  return out;
}

const LIFECYCLE_ACTIONS = new Set(['die', 'oom', 'start', 'restart']);

/**
 * Each container's lifecycle events (what markers are made of), oldest first: a table row gets
 * only its own, so a burst of health-check events elsewhere does not redraw it.
 */
export function lifecycleEventsByContainer(events: readonly EngineEvent[]): Map<string, EngineEvent[]> {
  const out = new Map<string, EngineEvent[]>();
  for (const e of events) {
    if (!LIFECYCLE_ACTIONS.has(e.action)) continue;
    const list = out.get(e.id);
    if (list) list.push(e);
    else out.set(e.id, [e]);
  }
  return out;
}

/** Short text for the state cell: "↻2", "OOM", "↻1 OOM"; '' when there was no trouble. */
export function troubleBadge(t: Trouble | undefined): string {
  if (!t) return '';
  const parts: string[] = [];
  if (t.restarts > 0) parts.push(`↻${t.restarts}`);
  if (t.ooms > 0) parts.push('OOM');
  return parts.join(' ');
}

/** Index of the sample nearest in time (timestamps ascending); -1 when there are none. */
export function nearestSample(timestamps: readonly number[], time: number): number {
  const n = timestamps.length;
  if (n === 0) return -1;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (timestamps[mid] < time) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && time - timestamps[lo - 1] <= timestamps[lo] - time) return lo - 1;
  return lo;
}

/**
 * Markers for a container's history: each restart, OOM kill and die at the sample nearest to it.
 * Events more than one sampling step outside the history's span are left out.
 */
export function eventMarkers(events: readonly EngineEvent[], id: string, timestamps: readonly number[]): EventMarker[] {
  const n = timestamps.length;
  if (n === 0) return [];
  const step = n > 1 ? (timestamps[n - 1] - timestamps[0]) / (n - 1) : 1000;
  const out: EventMarker[] = [];
  for (const m of lifecycleMarks(events, id)) {
    if (m.time < timestamps[0] - step || m.time > timestamps[n - 1] + step) continue;
    out.push({ index: nearestSample(timestamps, m.time), kind: m.kind, time: m.time });
  }
  return out;
}

/**
 * Markers per column of a time-bucketed sparkline: the same slots as sparkline.ts `bucketize`
 * (the window (end − windowMs, end] in `buckets` equal slots), null where nothing happened.
 */
export function markerSlots(
  events: readonly EngineEvent[],
  id: string,
  end: number,
  windowMs: number,
  buckets: number,
): (MarkerKind | null)[] {
  const out: (MarkerKind | null)[] = new Array(Math.max(0, buckets)).fill(null);
  if (buckets <= 0 || !(windowMs > 0)) return out;
  const start = end - windowMs;
  for (const m of lifecycleMarks(events, id)) {
    if (m.time <= start || m.time > end) continue;
    const b = Math.min(buckets - 1, Math.floor((m.time - start) / (windowMs / buckets)));
    out[b] = strongerMarker(out[b], m.kind);
  }
  return out;
}

/** Colour class: OOM, unhealthy and a non-zero exit are bad; healthy and start are good. */
export function eventClass(e: EngineEvent): EventClass {
  if (e.action === 'oom') return 'bad';
  if (e.action === 'health_status') return e.detail === 'unhealthy' ? 'bad' : e.detail === 'healthy' ? 'good' : 'info';
  if (e.action === 'die') return e.exitCode !== null && e.exitCode !== 0 ? 'bad' : 'info';
  if (e.action === 'start') return 'good';
  return 'info';
}

// Linux numbering (the engine's host), whatever OS this client runs on.
const SIGNALS = [
  'SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGILL', 'SIGTRAP', 'SIGABRT', 'SIGBUS', 'SIGFPE', 'SIGKILL', 'SIGUSR1', 'SIGSEGV',
  'SIGUSR2', 'SIGPIPE', 'SIGALRM', 'SIGTERM', 'SIGSTKFLT', 'SIGCHLD', 'SIGCONT', 'SIGSTOP', 'SIGTSTP', 'SIGTTIN',
  'SIGTTOU', 'SIGURG', 'SIGXCPU', 'SIGXFSZ', 'SIGVTALRM', 'SIGPROF', 'SIGWINCH', 'SIGIO', 'SIGPWR', 'SIGSYS',
];

/** "9" → "SIGKILL", "34" → "SIGRTMIN+0"; names ("SIGTERM", Podman's "TERM") pass through as SIGxxx. */
export function signalName(signal: string | null): string | null {
  if (signal === null || signal.trim() === '') return null;
  const s = signal.trim();
  if (/^\d+$/.test(s)) {
    const n = Number(s);
    if (n >= 1 && n <= SIGNALS.length) return SIGNALS[n - 1];
    if (n >= 34 && n <= 64) return `SIGRTMIN+${n - 34}`;
    return `signal ${n}`;
  }
  const upper = sanitize(s).toUpperCase();
  return upper.startsWith('SIG') ? upper : `SIG${upper}`;
}

/** What happened, without time or name: "die (exit 137)", "kill (SIGKILL)", "health: unhealthy". */
export function describeAction(e: EngineEvent): string {
  switch (e.action) {
    case 'die':
      return e.exitCode === null ? 'die' : `die (exit ${e.exitCode})`;
    case 'exec_die':
      return e.exitCode === null ? 'exec_die' : `exec_die (exit ${e.exitCode})`;
    case 'kill': {
      const sig = signalName(e.signal);
      return sig === null ? 'kill' : `kill (${sig})`;
    }
    case 'health_status':
      return `health: ${sanitize(e.detail ?? '?')}`;
    case 'oom':
      return 'oom (out of memory)';
    case 'rename': {
      const old = e.attributes.oldName;
      return old ? `rename (was ${sanitize(old).replace(/^\//, '')})` : 'rename';
    }
    default:
      return sanitize(e.detail === null ? e.action : `${e.action}: ${e.detail}`);
  }
}

/** Local wall-clock time "HH:MM:SS". */
export function formatClock(ms: number): string {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** The container's name for display, or its short ID when the event carried none. */
export function eventName(e: EngineEvent): string {
  const name = e.name === null ? '' : sanitize(e.name).replace(/^\//, '');
  return name || e.id.slice(0, 12);
}

/** One line: "12:03:04  web-1  die (exit 137)". */
export function describeEvent(e: EngineEvent): string {
  return `${formatClock(e.time)}  ${eventName(e)}  ${describeAction(e)}`;
}

// exec_create and exec_die repeat what exec_start says; a health check sends all three every
// interval, which would bury everything else in the timeline.
const ECHOES = new Set(['exec_create', 'exec_die', 'exec_detach']);

export interface TimelineEntry {
  event: EngineEvent;
  /** How many identical events in a row this entry stands for (the newest is `event`). */
  count: number;
}

/** Events for a timeline, newest first: exec echoes dropped, consecutive repeats folded. */
export function timeline(events: readonly EngineEvent[], id?: string): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if ((id !== undefined && e.id !== id) || ECHOES.has(e.action)) continue;
    const last = out[out.length - 1];
    const same = last && last.event.id === e.id && last.event.action === e.action && last.event.detail === e.detail;
    // `docker stop`'s SIGTERM then SIGKILL are two different events, not one repeated.
    if (last && same && last.event.exitCode === e.exitCode && last.event.signal === e.signal)
      last.count++;
    else out.push({ event: e, count: 1 });
  }
  return out;
}

// Uptime for the live table. The container list gives `created` (exact, but a restart resets the
// clock without changing it) and docker's `status` text ("Up 5 minutes", coarse and refreshed only
// when the list is). We trust `created` when the status agrees with it and fall back to the
// status's own duration when the container has clearly restarted since it was created.
import type { ContainerInfo } from './types.js';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;

export interface StatusDuration {
  /** The duration the phrase names ("3 hours" → 3 h). */
  nominal: number;
  /** Every duration go-units' HumanDuration would print as this phrase lies in [lo, hi). */
  lo: number;
  hi: number;
}

const UNIT: Record<string, number> = { second: 1, minute: MINUTE, hour: HOUR, day: DAY, week: 7 * DAY, month: 30 * DAY, year: 365 * DAY };

/**
 * Parses the duration of go-units `HumanDuration` as it appears after "Up " in docker's status
 * ("Less than a second", "About a minute", "5 minutes", "About an hour", "3 hours", "2 days", …).
 * Returns null for anything else.
 */
export function parseHumanDuration(text: string): StatusDuration | null {
  const t = text.trim().toLowerCase();
  if (t === 'less than a second') return { nominal: 0, lo: 0, hi: 1 };
  if (t === 'about a minute') return { nominal: MINUTE, lo: MINUTE, hi: 2 * MINUTE };
  // HumanDuration rounds to the nearest hour from here on.
  if (t === 'about an hour') return { nominal: HOUR, lo: HOUR, hi: 1.5 * HOUR };
  const m = /^(\d+) (second|minute|hour|day|week|month|year)s?$/.exec(t);
  if (!m) return null;
  const n = Number(m[1]);
  const unit = UNIT[m[2]];
  if (m[2] === 'second' || m[2] === 'minute') return { nominal: n * unit, lo: n * unit, hi: (n + 1) * unit };
  if (m[2] === 'hour') return { nominal: n * unit, lo: (n - 0.5) * unit, hi: (n + 0.5) * unit };
  // days/weeks/months/years are whole divisions of the rounded hours.
  return { nominal: n * unit, lo: n * unit - 0.5 * HOUR, hi: (n + 1) * unit - 0.5 * HOUR };
}

/** The duration in a status like "Up 3 hours (healthy)" or "Up 2 days (Paused)"; null otherwise. */
export function parseUpStatus(status: string): StatusDuration | null {
  const m = /^\s*Up\s+(.+?)\s*(?:\([^)]*\)\s*)*$/i.exec(status);
  return m ? parseHumanDuration(m[1]) : null;
}

/** How stale a status may be: the tracker re-lists every 10 s (plus time in flight). */
const STATUS_SLACK = 30;

/** Seconds the container has been up, or null when it is not up (exited, created, restarting…). */
export function containerUptime(info: Pick<ContainerInfo, 'state' | 'status' | 'created'>, nowMs: number): number | null {
  if (info.state !== 'running' && info.state !== 'paused') return null;
  const sinceCreated = info.created > 0 ? Math.max(0, nowMs / 1000 - info.created) : null;
  const status = parseUpStatus(info.status);
  if (status === null) return sinceCreated;
  if (sinceCreated !== null && sinceCreated >= status.lo && sinceCreated < status.hi + STATUS_SLACK) return sinceCreated;
  return status.nominal;
}

/** Compact uptime for a 6-column cell: "45s", "12m", "3h5m", "2d3h", "41d". */
export function formatUptime(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '--';
  const s = Math.floor(seconds);
  if (s < MINUTE) return `${s}s`;
  if (s < HOUR) return `${Math.floor(s / MINUTE)}m`;
  if (s < DAY) {
    const m = Math.floor((s % HOUR) / MINUTE);
    return `${Math.floor(s / HOUR)}h${m > 0 ? `${m}m` : ''}`;
  }
  const d = Math.floor(s / DAY);
  if (d >= 10) return `${d}d`;
  const h = Math.floor((s % DAY) / HOUR);
  return `${d}d${h > 0 ? `${h}h` : ''}`;
}

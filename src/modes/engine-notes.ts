// One line for people when an engine goes down or comes back (stderr in --json and --events).
import type { EngineStatus } from '../core/model/types.js';
import { sanitize } from '../core/model/sanitize.js';

/** `downSince`: when the outage that just ended began (for "after 12 s"); null when going down. */
export function engineNote(s: EngineStatus, downSince: number | null, extra = ''): string {
  const name = sanitize(s.name);
  if (s.state === 'up') {
    const gap = downSince !== null && s.since !== null ? ` after ${formatGap(s.since - downSince)}` : '';
    return `engine ${name} is answering again${gap}${extra}`;
  }
  const since = s.since === null ? '' : ` since ${clock(s.since)}`;
  return `engine ${name} unreachable${since} (${sanitize(s.reason ?? 'no answer')}), retrying${extra}`;
}

export function clock(ms: number): string {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

function formatGap(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 120 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

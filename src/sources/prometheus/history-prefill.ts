// Prometheus already holds every container's past: when the live screen opens on a Prometheus
// session, the store's history is seeded from two range queries, so sparklines start full rather
// than filling over the first minute. Any other session is left alone.
import type { Store } from '../../core/history/store.js';
import type { Session } from '../session.js';
import type { PrometheusSession } from './prometheus-session.js';

/** Samples seeded per container: two minutes at 1 s, enough for the 60 s sparkline at any width. */
export const PREFILL_POINTS = 120;

export function canPrefill(session: Session): session is Session & Pick<PrometheusSession, 'recentHistory'> {
  return typeof (session as Partial<PrometheusSession>).recentHistory === 'function';
}

/**
 * Seeds `store` with the recent CPU % and memory of the session's current containers, one point
 * per interval. Resolves with how many containers were seeded; a failure only means no prefill.
 */
export async function prefillStore(session: Session, store: Store, intervalMs: number, points = PREFILL_POINTS): Promise<number> {
  if (!canPrefill(session)) return 0;
  try {
    const recent = await session.recentHistory(points, intervalMs);
    let seeded = 0;
    for (const c of session.containers()) {
      const h = recent.get(c.id);
      if (h) {
        store.seed(c.id, h);
        seeded++;
      }
    }
    return seeded;
  } catch {
    return 0;
  }
}

/** The session's long history for the detail charts (Prometheus: the last hour), if it has one. */
export function longHistoryOf(session: Session): PrometheusSession['history'] | undefined {
  const s = session as Partial<PrometheusSession>;
  return typeof s.history === 'function' ? (id, points) => s.history!(id, points) : undefined;
}

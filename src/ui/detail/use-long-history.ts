// The detail view's charts over a long span when the session can supply one (Prometheus: the
// last hour from query_range, one point per column), fetched when the detail view opens on a
// container; null otherwise, and the charts show the ring buffer as before.
import { useEffect, useState } from 'react';
import type { History } from '../../core/model/types.js';

/** A container's history over a long span at about `points` points; null when there is none. */
export type LongHistorySource = (id: string, points: number) => Promise<History | null>;

export function useLongHistory(source: LongHistorySource | undefined, id: string | null, points: number): History | null {
  const [got, setGot] = useState<{ id: string; history: History } | null>(null);
  useEffect(() => {
    if (!source || id === null) return;
    let current = true;
    source(id, Math.max(10, points)).then(
      (history) => {
        if (current && history) setGot({ id, history });
      },
      () => undefined, // no long history: the ring buffer's charts stay
    );
    return () => {
      current = false;
    };
  }, [source, id, points]);
  return got !== null && got.id === id ? got.history : null;
}

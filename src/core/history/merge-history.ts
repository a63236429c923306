// A detail chart over a long span (the last hour from Prometheus's query_range, one point per
// chart column) kept live by the ring buffer's recent samples: those newer than the span's last
// point are folded onto the same grid, so the chart's time axis stays uniform and slides forward.
import type { History } from '../model/types.js';

type Series = Exclude<keyof History, 'timestamps'>;
const SERIES: readonly Series[] = ['cpuPercent', 'memUsage', 'netRxRate', 'netTxRate', 'blockReadRate', 'blockWriteRate'];

/**
 * `long` on a uniform grid (≥ 2 points), extended by `recent` samples after its last point: each
 * lands in the grid slot that ends at or after it, the slot keeping the largest value (a spike
 * between two columns must still show). The result has `long`'s length: the oldest slots drop.
 */
export function mergeOnGrid(long: History, recent: History | undefined): History {
  const n = long.timestamps.length;
  if (n < 2 || !recent || recent.timestamps.length === 0) return long;
  const step = long.timestamps[1] - long.timestamps[0];
  const last = long.timestamps[n - 1];
  if (!(step > 0)) return long;
  const ts = [...long.timestamps];
  const cols = Object.fromEntries(SERIES.map((s) => [s, [...long[s]]])) as Record<Series, (number | null)[]>;
  for (let i = 0; i < recent.timestamps.length; i++) {
    const t = recent.timestamps[i];
    if (!(t > last)) continue;
    const slot = n - 1 + Math.ceil((t - last) / step);
    while (ts.length <= slot) {
      ts.push(last + (ts.length - (n - 1)) * step);
      for (const s of SERIES) cols[s].push(null);
    }
    for (const s of SERIES) {
      const v = recent[s][i];
      const cur = cols[s][slot];
      if (v !== null && v !== undefined && (cur === null || cur === undefined || v > cur)) cols[s][slot] = v;
    }
  }
  const drop = ts.length - n;
  const out = { timestamps: ts.slice(drop) } as Record<keyof History, (number | null)[] | number[]>;
  for (const s of SERIES) out[s] = cols[s].slice(drop);
  return out as unknown as History;
}

// A container's last hour from query_range, for the detail view's charts and pre-filled
// sparklines: one range query per chart series, at a step that gives about one point per column.
import type { History } from '../../core/model/types.js';
import { parsePromValue, type PromClient, type PromMatrixSeries } from './prom-client.js';
import { historyQueries } from './promql-builder.js';
import { containerIdOf, hostOf } from './series-mapping.js';

export const HISTORY_SPAN_S = 3600;

/** Seconds per point so that the span fits `points` columns; never below 1 s nor the API's 11 000-point cap. */
export function historyStep(points: number, spanS = HISTORY_SPAN_S): number {
  return Math.max(1, Math.ceil(spanS / Math.max(1, points)), Math.ceil(spanS / 11_000));
}

/** Aligns one matrix answer to the grid [start, start+step, …, end]; gaps are null. */
export function alignSeries(series: readonly PromMatrixSeries[], start: number, step: number, count: number, scale = 1): (number | null)[] {
  const out: (number | null)[] = new Array(count).fill(null);
  const first = series[0]; // the queries aggregate to one series
  if (!first) return out;
  for (const [t, v] of first.values) {
    const i = Math.round((t - start) / step);
    const n = parsePromValue(v);
    if (i >= 0 && i < count && Number.isFinite(n)) out[i] = n * scale;
  }
  return out;
}

export async function fetchHistory(
  client: PromClient,
  labels: Record<string, string>,
  window: string,
  points: number,
  now = Date.now() / 1000,
): Promise<History> {
  const step = historyStep(points);
  // Ending now, not at a step boundary: the newest point is the current value.
  const end = Math.floor(now);
  const start = end - Math.floor(HISTORY_SPAN_S / step) * step;
  const count = Math.round((end - start) / step) + 1;
  const q = historyQueries(labels, window);
  const keys = Object.keys(q) as (keyof typeof q)[];
  const answers = await Promise.all(keys.map((k) => client.queryRange(q[k], start, end, step)));
  const h: Record<string, unknown> = { timestamps: Array.from({ length: count }, (_, i) => (start + i * step) * 1000) };
  keys.forEach((k, i) => (h[k] = alignSeries(answers[i], start, step, count)));
  return h as unknown as History;
}

/**
 * The last `points` × `stepS` seconds of CPU % and memory for every container the queries select,
 * keyed by row id (host/runtime id, as mapSeries makes them): two range queries in all.
 */
export async function fetchRecent(
  client: PromClient,
  queries: { cpuPercent: string; memUsage: string },
  points: number,
  stepS: number,
  now = Date.now() / 1000,
): Promise<Map<string, History>> {
  const end = Math.floor(now / stepS) * stepS;
  const start = end - (points - 1) * stepS;
  const [cpu, mem] = await Promise.all([client.queryRange(queries.cpuPercent, start, end, stepS), client.queryRange(queries.memUsage, start, end, stepS)]);
  const timestamps = Array.from({ length: points }, (_, i) => Math.round((start + i * stepS) * 1000));
  const out = new Map<string, History>();
  const entry = (labels: Record<string, string>) => {
    const id = `${hostOf(labels)}/${containerIdOf(labels)}`;
    let h = out.get(id);
    if (!h) {
      const empty = () => new Array<number | null>(points).fill(null);
      h = { timestamps, cpuPercent: empty(), memUsage: empty(), netRxRate: empty(), netTxRate: empty(), blockReadRate: empty(), blockWriteRate: empty() };
      out.set(id, h);
    }
    return h as { [K in keyof History]: (number | null)[] };
  };
  for (const s of cpu) entry(s.metric).cpuPercent.splice(0, points, ...alignSeries([s], start, stepS, points));
  for (const s of mem) entry(s.metric).memUsage.splice(0, points, ...alignSeries([s], start, stepS, points));
  return out;
}

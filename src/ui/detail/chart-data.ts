// Series preparation for the detail view's charts: fit a history of any length to the columns a
// chart has, fill gaps so asciichart (which throws on NaN and empty input) can draw, and pick a
// scale that keeps the chart's height stable when the data is flat. Pure and width-exact.
//
// Gaps: a null (a sample we could not read) repeats the previous value, because a missed sample
// is not a zero and a zero would draw a false dip. Before the first known value there is nothing
// to repeat: those points are reported via `firstKnown` so the chart leaves them blank.
import { formatG } from '../../core/metrics/go-format.js';

const known = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Exactly `points` values. Longer input is downsampled to the largest value per bucket (a spike
 * between two columns must still show); shorter input is padded with nulls on the left, so the
 * newest sample is always at the right edge.
 */
export function resampleMax(values: readonly (number | null)[], points: number): (number | null)[] {
  if (points <= 0) return [];
  const n = values.length;
  if (n <= points) return [...new Array<null>(points - n).fill(null), ...values.map((v) => (known(v) ? v : null))];
  const out: (number | null)[] = [];
  for (let b = 0; b < points; b++) {
    const from = Math.floor((b * n) / points);
    const to = Math.floor(((b + 1) * n) / points);
    let best: number | null = null;
    for (let i = from; i < to; i++) {
      const v = values[i];
      if (known(v) && (best === null || v > best)) best = v;
    }
    out.push(best);
  }
  return out;
}

/** The point that sample `index` of `total` lands in after resampleMax(…, points); -1 outside. */
export function pointOfSample(index: number, total: number, points: number): number {
  if (index < 0 || index >= total || points <= 0) return -1;
  if (total <= points) return index + (points - total);
  // Bucket b holds [floor(b·n/p), floor((b+1)·n/p)): the last b whose start is ≤ index.
  return Math.ceil(((index + 1) * points) / total) - 1;
}

export interface FilledSeries {
  values: number[];
  /** Index of the first real value; -1 when there is none (values are then all 0). */
  firstKnown: number;
}

/** Replaces gaps for drawing: carried forward inside, the first known value before it; negatives clamp to 0. */
export function fillGaps(values: readonly (number | null)[]): FilledSeries {
  const firstKnown = values.findIndex(known);
  if (firstKnown < 0) return { values: values.map(() => 0), firstKnown: -1 };
  let carry = Math.max(0, values[firstKnown] as number);
  const out = values.map((v) => {
    if (known(v)) carry = Math.max(0, v);
    return carry;
  });
  for (let i = 0; i < firstKnown; i++) out[i] = out[firstKnown];
  return { values: out, firstKnown };
}

/** The newest known value, or null. */
export function lastKnown(values: readonly (number | null)[]): number | null {
  for (let i = values.length - 1; i >= 0; i--) if (known(values[i])) return values[i];
  return null;
}

/** The largest known value, or null. */
export function peakOf(values: readonly (number | null)[]): number | null {
  let best: number | null = null;
  for (const v of values) if (known(v) && (best === null || v > best)) best = v;
  return best;
}

/**
 * Top of the scale (the bottom is always 0): the largest value, the limit if one is drawn, and at
 * least `floor`, so flat or idle data still spans the full height instead of collapsing to a row.
 */
export function scaleMax(series: readonly (readonly (number | null)[])[], limit: number | null = null, floor = 1): number {
  let max = known(limit) && limit > 0 ? limit : 0;
  for (const s of series) {
    const p = peakOf(s);
    if (p !== null && p > max) max = p;
  }
  return Math.max(max, floor > 0 ? floor : Number.MIN_VALUE);
}

/** Row (0 = top) of a value on a plot of `rows` rows from 0 to `max`, rounded the way asciichart does. */
export function rowOfValue(value: number, max: number, rows: number): number {
  const height = rows - 1;
  return height - Math.round(Math.min(Math.max(value, 0), max) * (height / max));
}

export type ChartMode = 'plot' | 'spark' | 'title' | 'none';

export interface ChartPlan {
  mode: ChartMode;
  /** Rows of the asciichart plot (mode 'plot'); asciichart's `height` option is this − 1. */
  plotRows: number;
  markerRow: boolean;
  /** Columns of the data area right of the label gutter and the axis. */
  dataCols: number;
}

/**
 * How a chart spends width × height: a title line, then the plot, then (when markers are asked
 * for and there is room) one marker row. Too small for a plot: a sparkline row, then the title alone.
 */
export function planChart(width: number, height: number, gutter: number, markers: boolean): ChartPlan {
  const dataCols = Math.max(0, width - gutter - 1);
  if (width <= 0 || height <= 0) return { mode: 'none', plotRows: 0, markerRow: false, dataCols: 0 };
  if (height >= 3 && dataCols >= 2) {
    const markerRow = markers && height >= 4;
    return { mode: 'plot', plotRows: height - 1 - (markerRow ? 1 : 0), markerRow, dataCols };
  }
  if (height >= 2) return { mode: 'spark', plotRows: 0, markerRow: false, dataCols: width };
  return { mode: 'title', plotRows: 0, markerRow: false, dataCols: 0 };
}

// Axis labels must fit a narrow gutter: three significant digits, no space before the unit.

/** "0%", "2.5%", "45%", "250%". */
export function percentAxis(v: number): string {
  if (!known(v) || v === 0) return '0%';
  return v < 9.95 ? `${v.toFixed(1)}%` : `${Math.round(v)}%`;
}

const BINARY = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
const DECIMAL = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];

// Go's %.3g prints 999.5…999.9 as "1e+03"; an axis label reads better as "1000".
function compact(v: number, base: number, units: readonly string[]): string {
  let x = known(v) ? Math.max(0, v) : 0;
  let i = 0;
  while (x >= base && i < units.length - 1) {
    x /= base;
    i++;
  }
  return (x >= 999.5 ? String(Math.round(x)) : formatG(x, 3)) + units[i];
}

/** Binary units like docker's memory column, 3 significant digits: "64MiB", "1.5GiB", "512B". */
export function bytesAxis(v: number): string {
  return compact(v, 1024, BINARY);
}

/** Decimal units like docker's NET I/O column, per second: "1.23MB/s". */
export function rateAxis(v: number): string {
  return compact(v, 1000, DECIMAL) + '/s';
}

// A chart as screen lines (tone-tagged segments), exactly width × height: a title line, an
// asciichart plot, and a marker row. asciichart draws each series without colour; the cells are
// then merged here (first series wins, later ones use heavy glyphs so they stay apart without
// colour), the limit line is laid into empty cells, and leading gaps are blanked.
import asciichart from 'asciichart';
import { fillGaps, lastKnown, peakOf, planChart, pointOfSample, resampleMax, rowOfValue, scaleMax } from './chart-data.js';
import { MARKER_GLYPH, strongerMarker, type MarkerKind } from '../../core/events/event-markers.js';
import { sparkline } from '../shared/sparkline.js';
import { fitLine, mergeSegments, type Segment } from '../shared/segments.js';
import type { Tone } from '../shared/theme.js';

export interface ChartSeries {
  values: readonly (number | null)[];
  /** Shown in the title before this series' latest value, e.g. "rx". */
  label?: string;
  tone?: Tone;
}

export interface ChartMarker {
  /** Index into the series values (the history sample), as event-markers.ts `eventMarkers` gives it. */
  index: number;
  kind: MarkerKind;
}

export interface ChartInput {
  series: readonly ChartSeries[];
  width: number;
  height: number;
  label: string;
  /** Axis labels and title values, in human units; keep it short (the gutter is its width). */
  format: (v: number) => string;
  /** A marker row under the plot (kept, blank, even when the list is empty: stable height). */
  markers?: readonly ChartMarker[];
  /** A dashed line at this value (CPU or memory limit); the scale always includes it. */
  limit?: number | null;
  /** Smallest top of the scale, so idle data does not fill the chart (default 1). */
  floor?: number;
  /** Show only the newest `window` samples (default: all, resampled to fit). */
  window?: number;
  /** Label gutter width (default: the widest label). */
  gutter?: number;
}

const SERIES_TONES: readonly Tone[] = ['graph', 'ok', 'warn'];
const LIGHT = ['┼', '┤', '╶', '╴', '─', '╰', '╭', '╮', '╯', '│'];
const HEAVY = ['┼', '┤', '╺', '╸', '━', '┗', '┏', '┓', '┛', '┃'];
const LIMIT_GLYPH = '╌';
const MARKER_TONE: Record<MarkerKind, Tone> = { oom: 'danger', die: 'danger', restart: 'warn' };

interface Cell {
  ch: string;
  tone?: Tone;
}

/** The chart's lines; each is exactly `width` columns and there are exactly `height` of them. */
export function chartLines(input: ChartInput): Segment[][] {
  const { width, height, format } = input;
  if (width <= 0 || height <= 0) return [];
  const total = Math.max(0, ...input.series.map((s) => s.values.length));
  const cut = input.window !== undefined && input.window > 0 && total > input.window ? total - input.window : 0;
  const series = input.series.map((s, i) => ({ ...s, values: s.values.slice(cut), tone: s.tone ?? SERIES_TONES[i % SERIES_TONES.length] }));
  const n = total - cut;
  const limit = input.limit !== undefined && input.limit !== null && input.limit > 0 ? input.limit : null;
  const max = scaleMax(series.map((s) => s.values), limit, input.floor ?? 1);
  const maxGutter = Math.max(1, Math.floor(width / 3));

  const titleLine = fitLine(title(input.label, series, limit, format), width);
  let plan = planChart(width, height, Math.min(maxGutter, format(max).length), input.markers !== undefined);
  if (plan.mode === 'none') return [];
  if (plan.mode === 'title') return [titleLine];
  if (plan.mode === 'spark') {
    const primary = resampleMax(series[0]?.values ?? [], width);
    const spark: Segment = { text: sparkline(primary, width, { min: 0, max }), tone: series[0]?.tone };
    return [titleLine, fitLine([spark], width), ...blankLines(height - 2, width)];
  }

  const rows = plan.plotRows;
  const values = (r: number) => (max * (rows - 1 - r)) / (rows - 1);
  const step = rows <= 5 ? 1 : rows <= 9 ? 2 : 3;
  // Without data a scale would be made up: only the zero line is labelled.
  const anyData = series.some((s) => lastKnown(s.values) !== null);
  // All zero (an idle container): the scale is only the floor, so fractions of it (853B/s, 683B/s…)
  // would be made-up figures; label its top and the zero line only.
  const idle = limit === null && series.every((s) => s.values.every((v) => v === null || v === 0));
  const labelled = (r: number) => r === rows - 1 || (anyData && (idle ? r === 0 : r % step === 0));
  const labels = Array.from({ length: rows }, (_, r) => (labelled(r) ? format(values(r)) : ''));
  const gutter = input.gutter ?? Math.min(maxGutter, Math.max(1, ...labels.map((l) => l.length)));
  plan = planChart(width, height, gutter, input.markers !== undefined);
  const cols = plan.dataCols;
  const points = cols + 1; // the first point sits on the axis column, then one segment per column

  const grid: Cell[][] = Array.from({ length: rows }, () => Array.from({ length: cols }, () => ({ ch: ' ' })));
  series.forEach((s, k) => {
    const filled = fillGaps(resampleMax(s.values, points));
    if (filled.firstKnown < 0) return;
    const plot = asciichart.plot(filled.values, { height: rows - 1, min: 0, max, offset: 2, format: () => ' '.repeat(gutter), symbols: k === 0 ? LIGHT : HEAVY });
    const lines = plot.split('\n');
    for (let r = 0; r < rows; r++) {
      const cells = lines[r] ?? '';
      for (let c = Math.max(0, filled.firstKnown - 1); c < cols; c++) {
        const ch = cells[gutter + 1 + c] ?? ' ';
        if (ch !== ' ' && grid[r][c].ch === ' ') grid[r][c] = { ch, tone: s.tone };
      }
    }
  });
  if (limit !== null) {
    const r = rowOfValue(limit, max, rows);
    for (const cell of grid[r]) if (cell.ch === ' ') Object.assign(cell, { ch: LIMIT_GLYPH, tone: 'warn' });
  }
  if (!anyData) writeCentered(grid[Math.floor((rows - 1) / 2)], 'no data');

  const out: Segment[][] = [titleLine];
  for (let r = 0; r < rows; r++) {
    const axis = r === rows - 1 ? '┼' : labelled(r) ? '┤' : '│';
    const line: Segment[] = [{ text: labels[r].slice(0, gutter).padStart(gutter) + axis, tone: 'dim' }];
    for (const cell of grid[r]) line.push({ text: cell.ch, tone: cell.tone });
    out.push(fitLine(mergeSegments(line), width));
  }
  if (plan.markerRow) out.push(markerLine(input.markers ?? [], cut, n, points, cols, gutter, width));
  return out;
}

function title(label: string, series: readonly (ChartSeries & { tone: Tone })[], limit: number | null, format: (v: number) => string): Segment[] {
  const out: Segment[] = [{ text: label, tone: 'title' }];
  const value = (v: number | null) => (v === null ? '--' : format(v));
  for (const s of series) out.push({ text: ` ${s.label ? `${s.label} ` : ''}${value(lastKnown(s.values))}`, tone: s.tone });
  if (series.length === 1) out.push({ text: `  peak ${value(peakOf(series[0].values))}`, tone: 'dim' });
  if (limit !== null) out.push({ text: `  ${LIMIT_GLYPH} limit ${format(limit)}`, tone: 'warn' });
  return out;
}

function markerLine(markers: readonly ChartMarker[], cut: number, n: number, points: number, cols: number, gutter: number, width: number): Segment[] {
  const kinds: (MarkerKind | null)[] = new Array(cols).fill(null);
  for (const m of markers) {
    const p = pointOfSample(m.index - cut, n, points);
    if (p < 0) continue;
    const c = Math.max(0, p - 1); // the segment that arrives at the point
    kinds[c] = strongerMarker(kinds[c], m.kind);
  }
  const line: Segment[] = [{ text: ' '.repeat(gutter + 1) }];
  for (const k of kinds) line.push(k === null ? { text: ' ' } : { text: MARKER_GLYPH[k], tone: MARKER_TONE[k] });
  return fitLine(mergeSegments(line), width);
}

function writeCentered(row: Cell[], text: string): void {
  const start = Math.max(0, Math.floor((row.length - text.length) / 2));
  for (let i = 0; i < text.length && start + i < row.length; i++) row[start + i] = { ch: text[i], tone: 'dim' };
}

function blankLines(count: number, width: number): Segment[][] {
  return Array.from({ length: Math.max(0, count) }, () => [{ text: ' '.repeat(width) }]);
}

// Formats one container row into fixed-width, tone-tagged cells for the fitted columns. Pure:
// the numbers come from the snapshot (views never compute metrics), this only formats them.
import { MARKER_GLYPH, markerSlots, troubleBadge, type MarkerKind, type Trouble } from '../../core/events/event-markers.js';
import { bytesSize, humanSize } from '../../core/metrics/go-format.js';
import { displayName, sanitize, truncateId, escapeControls } from '../../core/model/sanitize.js';
import type { SortField } from '../../core/query/sort-rows.js';
import { bucketize, meter, sparkline } from '../shared/sparkline.js';
import type { ContainerInfo, ContainerRow, EngineEvent, History } from '../../core/model/types.js';
import { containerUptime, formatUptime } from '../../core/model/uptime.js';
import { COLUMN_BY_ID, GAP, MEM_PCT_BAR_WIDTH, STATE_FULL_WIDTH, type ColumnId, type Fit } from './columns.js';
import type { Segment } from '../shared/segments.js';
import { displayWidth, fitCell, truncateMiddle } from '../shared/text-fit.js';
import type { Tone } from '../shared/theme.js';
import { isActive } from '../../core/model/container-states.js';
import type { RowRuleResult } from '../../core/thresholds/row-rules.js';
import { ruleTone } from './rule-marks.js';

export const NO_VALUE = '--';
export const SELECTED_MARK = '›';
/** In the margin of a marked row (Space); a marked row that is also selected shows MARKED_SELECTED. */
export const MARKED_MARK = '•';
export const MARKED_SELECTED_MARK = '»';

export interface RowContext {
  /** The snapshot's time: "now" for uptime and the graph window (frozen while paused). */
  now: number;
  history: History | undefined;
  /** Sampling interval, to size the graph window. */
  intervalMs: number;
  /** Restarts and OOM kills of the last 10 minutes (event-markers troubleByContainer); undefined when none. */
  trouble?: Trouble;
  /** Engine events of this container (others are ignored), oldest first: markers in the CPU graph. */
  events?: readonly EngineEvent[];
  /** Blanks before the name: a group member sits under its group's row (grouped table). */
  indent?: number;
  /** This row's --warning/--critical results (table/rule-marks.ts); undefined without rules. */
  rule?: RowRuleResult;
}

export interface StateBadge {
  glyph: string;
  word: string;
  tone: Tone;
}

/** Health outranks "running": it is the more specific news about a live container. */
export function stateBadge(info: Pick<ContainerInfo, 'state' | 'health'>): StateBadge {
  switch (info.state) {
    case 'running':
      if (info.health === 'healthy') return { glyph: '✓', word: 'healthy', tone: 'healthy' };
      if (info.health === 'unhealthy') return { glyph: '✗', word: 'unhealthy', tone: 'unhealthy' };
      if (info.health === 'starting') return { glyph: '◌', word: 'starting', tone: 'starting' };
      return { glyph: '▶', word: 'running', tone: 'running' };
    case 'paused':
      return { glyph: '‖', word: 'paused', tone: 'paused' };
    case 'restarting':
      return { glyph: '↻', word: 'restarting', tone: 'restarting' };
    case 'created':
      return { glyph: '◇', word: 'created', tone: 'created' };
    case 'exited':
      return { glyph: '■', word: 'exited', tone: 'exited' };
    case 'removing':
      return { glyph: '✕', word: 'removing', tone: 'exited' };
    case 'dead':
      return { glyph: '✖', word: 'dead', tone: 'dead' };
  }
}

/** ctop's gauge thresholds: 70 % warns, 90 % is danger. */
export function loadTone(pct: number | null): Tone | undefined {
  if (pct === null || !Number.isFinite(pct)) return undefined;
  return pct >= 90 ? 'danger' : pct >= 70 ? 'warn' : undefined;
}

export function formatPercent(pct: number | null): string {
  if (pct === null || !Number.isFinite(pct)) return NO_VALUE;
  return `${pct.toFixed(pct >= 999.95 ? 0 : 1)}%`;
}

function rate(n: number | null): string {
  return n === null || !Number.isFinite(n) ? NO_VALUE : humanSize(Math.round(Math.max(0, n)), 3); // whole bytes: "92B", not "91.6B"
}

/** "1.23MB/340kB": receive (or read) before the slash, right-aligned so slashes line up. */
export function pairCell(a: number | null, b: number | null): string {
  return `${rate(a).padStart(6)}/${rate(b)}`;
}

/** A minute of CPU at 1 s sampling; longer intervals widen it so every column has a sample. */
export function graphWindowMs(intervalMs: number, width: number): number {
  return Math.max(60_000, intervalMs * width);
}

function cpuSparkline(ctx: RowContext, width: number): string {
  const h = ctx.history;
  if (!h) return ' '.repeat(width);
  const values = bucketize(h.timestamps, h.cpuPercent, ctx.now, graphWindowMs(ctx.intervalMs, width), width);
  let peak = 100; // one core fills the cell; a multi-core burst rescales it
  for (const v of values) if (v !== null && v > peak) peak = v;
  return sparkline(values, width, { min: 0, max: peak });
}

const MARKER_TONE: Readonly<Record<MarkerKind, Tone>> = { oom: 'danger', die: 'danger', restart: 'warn' };

/**
 * The CPU sparkline with restarts, OOM kills and exits marked in the columns they fell in: the
 * bar takes the marker's colour, or where there is no bar the marker's glyph stands in (so the
 * mark survives without colour wherever the graph is blank, as it is around a stop).
 */
function cpuGraph(id: string, ctx: RowContext, width: number): Segment[] {
  const line = cpuSparkline(ctx, width);
  const slots = ctx.events?.length ? markerSlots(ctx.events, id, ctx.now, graphWindowMs(ctx.intervalMs, width), width) : [];
  if (!slots.some((k) => k !== null)) return [{ text: line, tone: 'graph' }];
  const out: Segment[] = [];
  const chars = Array.from(line);
  chars.forEach((ch, i) => {
    const kind = slots[i] ?? null;
    const seg: Segment = kind === null ? { text: ch, tone: 'graph' } : { text: ch === ' ' ? MARKER_GLYPH[kind] : ch, tone: MARKER_TONE[kind] };
    const last = out[out.length - 1];
    if (last && last.tone === seg.tone) last.text += seg.text;
    else out.push(seg);
  });
  return out;
}

/** The state cell: glyph and word, then recent trouble ("↻2", "OOM") when it fits, dropping the word first. */
function stateCell(info: ContainerInfo, trouble: Trouble | undefined, width: number): Segment[] {
  const b = stateBadge(info);
  const badge = troubleBadge(trouble);
  if (badge) {
    const tone: Tone = trouble!.ooms > 0 ? 'danger' : 'warn';
    const heads = width >= STATE_FULL_WIDTH ? [`${b.glyph} ${b.word} `, `${b.glyph} `] : [`${b.glyph} `];
    for (const head of heads) {
      const room = width - displayWidth(head);
      if (displayWidth(badge) <= room) return [{ text: head, tone: b.tone }, { text: fitCell(badge, room), tone }];
    }
  }
  return [{ text: fitCell(width >= STATE_FULL_WIDTH ? `${b.glyph} ${b.word}` : b.glyph, width), tone: b.tone }];
}

/**
 * A row whose engine does not answer keeps its last numbers; its state cell says how old they
 * are ("? 42s ago"), the glyph alone where the column is narrow.
 */
function staleCell(row: ContainerRow, now: number, width: number): Segment[] {
  const age = formatUptime(Math.max(0, Math.round((now - row.timestamp) / 1000)));
  return [{ text: fitCell(width >= STATE_FULL_WIDTH ? `? ${age} ago` : '?', width), tone: 'warn' }];
}

/** Cells of one column; `width` is exact, every returned segment together fills it. */
function cell(id: ColumnId, row: ContainerRow, ctx: RowContext, width: number): Segment[] {
  const s = row.stats;
  const align = COLUMN_BY_ID[id].align;
  const text = (t: string, tone?: Tone, truncate?: (t: string, w: number) => string): Segment[] => [{ text: fitCell(t, width, align, truncate), tone }];
  switch (id) {
    case 'state':
      return row.stale ? staleCell(row, ctx.now, width) : stateCell(row.info, ctx.trouble, width);
    case 'name': {
      const indent = Math.min(ctx.indent ?? 0, Math.max(0, width - 1));
      return [{ text: ' '.repeat(indent) + fitCell(displayName(row.info.name), width - indent, align, truncateMiddle) }];
    }
    case 'host':
      return text(sanitize(row.info.host ?? ''), 'dim');
    case 'id':
      return text(truncateId(row.info.engineId ?? row.info.id)); // a fleet key is `<host>/<id>`
    case 'image':
      return text(escapeControls(row.info.image), 'dim', truncateMiddle);
    case 'cpu':
      return text(formatPercent(s.cpuPercent), loadTone(s.cpuLimitPercent ?? s.cpuPercent));
    case 'cpuGraph':
      return cpuGraph(row.info.id, ctx, width);
    case 'mem':
      return text(s.memUsage === null ? NO_VALUE : bytesSize(s.memUsage), loadTone(s.memPercent));
    case 'memLimit':
      return text(s.memLimit === null ? NO_VALUE : bytesSize(s.memLimit), 'dim');
    case 'memPct': {
      const pct = formatPercent(s.memPercent);
      const tone = loadTone(s.memPercent);
      if (width < MEM_PCT_BAR_WIDTH) return text(pct, tone);
      const barWidth = width - 7;
      const bar = meter(s.memPercent === null ? null : s.memPercent / 100, barWidth, '░');
      const filled = bar.replace(/░+$/, '');
      return [
        { text: filled, tone: tone ?? 'graph' },
        { text: bar.slice(filled.length), tone: 'dim' },
        { text: ' ' + pct.padStart(6), tone },
      ];
    }
    case 'net':
      return text(pairCell(s.netRxRate, s.netTxRate));
    case 'io':
      return text(pairCell(s.blockReadRate, s.blockWriteRate));
    case 'pids':
      return text(s.pids === null ? NO_VALUE : String(s.pids));
    case 'uptime':
      return text(formatUptime(containerUptime(row.info, ctx.now)));
  }
}


/** The whole row: selection (or mark) margin, then each fitted column separated by GAP blanks. */
export function rowSegments(row: ContainerRow, fit: Fit, ctx: RowContext, selected: boolean, marked = false): Segment[] {
  // Stopped containers read as background: their plain cells are dimmed, state keeps its tone.
  // A stale row (its engine is down) is all dim: last-known numbers, not live ones.
  if (row.stale) return staleRowSegments(row, fit, ctx, selected, marked);
  const base: Tone | undefined = isActive(row.info.state) ? undefined : 'dim';
  const out: Segment[] = [marginSegment(selected, marked)];
  fit.columns.forEach((c, i) => {
    if (i > 0) out.push({ text: ' '.repeat(GAP) });
    // A breaching cell takes the warning/critical tone (a bar's empty part stays dim).
    const mark = ruleTone(c.id, ctx.rule);
    for (const seg of cell(c.id, row, ctx, c.width)) out.push(mark && seg.tone !== 'dim' ? { text: seg.text, tone: mark } : seg.tone || !base ? seg : { text: seg.text, tone: base });
  });
  return out;
}

function marginSegment(selected: boolean, marked: boolean): Segment {
  const margin = marked ? (selected ? MARKED_SELECTED_MARK : MARKED_MARK) : selected ? SELECTED_MARK : ' ';
  return { text: margin, tone: marked ? 'warn' : selected ? 'accent' : undefined };
}

function staleRowSegments(row: ContainerRow, fit: Fit, ctx: RowContext, selected: boolean, marked: boolean): Segment[] {
  const out: Segment[] = [marginSegment(selected, marked)];
  fit.columns.forEach((c, i) => {
    if (i > 0) out.push({ text: ' '.repeat(GAP) });
    for (const seg of cell(c.id, row, ctx, c.width)) out.push(c.id === 'state' ? seg : { text: seg.text, tone: 'dim' });
  });
  return out;
}

// Names and states read A→Z / running-first by default, numbers busiest-first (src/core/query/sort-rows.ts).
const ASCENDING_BY_DEFAULT: ReadonlySet<SortField> = new Set(['name', 'state']);

export function sortArrow(field: SortField, reverse: boolean): string {
  return ASCENDING_BY_DEFAULT.has(field) !== reverse ? '▲' : '▼';
}

/** The column header line; the column the rows are sorted by carries ▼ or ▲. */
export function headerSegments(fit: Fit, sort: SortField, reverse: boolean, intervalMs: number): Segment[] {
  let marked = false;
  const out: Segment[] = [{ text: ' ' }];
  fit.columns.forEach((c, i) => {
    const def = COLUMN_BY_ID[c.id];
    const base = c.id === 'cpuGraph' ? `CPU ${Math.round(graphWindowMs(intervalMs, c.width) / 1000)}s` : def.header;
    const arrow = !marked && def.sort === sort ? sortArrow(sort, reverse) : '';
    if (arrow) marked = true;
    // Too narrow for the whole label (UPTIME, the state glyph column): its first letters, then the arrow.
    const label = displayWidth(base) + arrow.length > c.width ? base.slice(0, Math.max(0, c.width - arrow.length)) + arrow : base + arrow;
    if (i > 0) out.push({ text: ' '.repeat(GAP) });
    out.push({ text: fitCell(label, c.width, def.align) });
  });
  return out;
}

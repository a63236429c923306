// The detail view as exactly `height` lines of exactly `width` columns: a header line, charts,
// the facts panel and the container's recent events. Wide terminals put charts left and facts
// right; narrower ones stack them, pair the charts, and drop charts before facts run out.
import { bytesAxis, percentAxis, rateAxis } from './chart-data.js';
import type { ContainerDetails } from '../../core/model/container-details.js';
import { eventMarkers, timeline, troubleBadge, troubleFor } from '../../core/events/event-markers.js';
import { displayName, sanitize, truncateId, escapeControls } from '../../core/model/sanitize.js';
import type { ContainerRow, EngineEvent, History } from '../../core/model/types.js';
import { chartLines, type ChartInput } from './chart-lines.js';
import { detailFacts, envHint, factLines } from './detail-facts.js';
import { eventLines } from '../events/event-lines.js';
import { stateBadge } from '../table/row-cells.js';
import { fitLine, spreadLine, type Segment } from '../shared/segments.js';

export interface DetailInput {
  /** Undefined when the selected container is gone and nothing took its place. */
  row: ContainerRow | undefined;
  history: History | undefined;
  details: ContainerDetails | null;
  /** All engine events (Snapshot.events); this container's are picked out. */
  events: readonly EngineEvent[];
  width: number;
  height: number;
  showEnv: boolean;
  /** "Now" for ages and the 10-minute trouble window (default: the row's sample time). */
  now?: number;
  detailsNote?: string | null;
}

/** At least this wide for charts beside the facts. */
export const WIDE_LAYOUT = 120;
const GAP = 2;
const MIN_FACTS = 8;

type Lines = Segment[][];

const blank = (width: number): Segment[] => [{ text: ' '.repeat(width) }];

/** Two blocks side by side, line by line. */
function beside(left: Lines, leftWidth: number, right: Lines, rightWidth: number, height: number): Lines {
  return Array.from({ length: height }, (_, i) => [...(left[i] ?? blank(leftWidth)), { text: ' '.repeat(GAP) }, ...(right[i] ?? blank(rightWidth))]);
}

type WithRow = DetailInput & { row: ContainerRow };

function charts(input: WithRow): Omit<ChartInput, 'width' | 'height'>[] {
  const h = input.history;
  const none: (number | null)[] = [];
  const markers = h ? eventMarkers(input.events, input.row.info.id, h.timestamps) : [];
  const cores = input.details ? input.details.cpuLimitCores : input.row.stats.cpuLimitCores;
  return [
    { label: 'CPU', series: [{ values: h?.cpuPercent ?? none }], format: percentAxis, limit: cores === null ? null : cores * 100, markers },
    { label: 'MEM', series: [{ values: h?.memUsage ?? none }], format: bytesAxis, limit: input.details?.memoryLimit ?? null, floor: 1024 * 1024, markers },
    { label: 'NET', series: [{ values: h?.netRxRate ?? none, label: 'rx' }, { values: h?.netTxRate ?? none, label: 'tx' }], format: rateAxis, floor: 1000 },
    { label: 'BLK', series: [{ values: h?.blockReadRate ?? none, label: 'r' }, { values: h?.blockWriteRate ?? none, label: 'w' }], format: rateAxis, floor: 1000 },
  ];
}

/** `count` charts stacked in `height` rows, sharing the rows as evenly as possible. */
function stack(specs: Omit<ChartInput, 'width' | 'height'>[], count: number, width: number, height: number): Lines {
  const out: Lines = [];
  for (let i = 0; i < count; i++) {
    const h = Math.floor(height / count) + (i < height % count ? 1 : 0);
    out.push(...chartLines({ ...specs[i], width, height: h }));
  }
  return out;
}

function header(input: WithRow): Segment[] {
  const { row, width } = input;
  const b = stateBadge(row.info);
  const trouble = troubleBadge(troubleFor(input.events, row.info.id, input.now ?? row.timestamp));
  const left: Segment[] = [
    { text: `${b.glyph} ${b.word}`, tone: b.tone },
    { text: '  ' },
    { text: displayName(row.info.name), tone: 'title' },
    ...(trouble ? [{ text: `  ${trouble}`, tone: 'warn' as const }] : []),
    { text: `  ${truncateId(row.info.id)}  ${escapeControls(row.info.image)}`, tone: 'dim' },
  ];
  // Its keys are the footer's (generated from the keymap's `detail` scope).
  return fitLine(left, width);
}

/** Every line of the detail view. */
export function detailLines(given: DetailInput): Lines {
  const { width, height } = given;
  if (width <= 0 || height <= 0) return [];
  if (given.row === undefined) {
    const note = fitLine([{ text: 'no container selected · esc back to the table', tone: 'dim' }], width);
    return [note, ...Array.from({ length: height - 1 }, () => blank(width))];
  }
  const input = given as WithRow;
  const now = input.now ?? input.row.timestamp;
  const body = height - 1;
  const facts = detailFacts({ row: input.row, details: input.details, events: input.events, showEnv: input.showEnv, now, detailsNote: input.detailsNote });
  const pinned = envHint(input.details, input.showEnv);
  const specs = charts(input);
  const events = (w: number, h: number) => eventLines(input.events, { width: w, height: h, containerId: input.row.info.id, showNames: false, title: 'Recent events' });
  const out: Lines = [fitLine(header(input), width)];
  if (body <= 0) return out;
  // The events block shrinks to what there is to show; facts get the rest.
  const entries = timeline(input.events, input.row.info.id).length;
  const eventBudget = (rows: number) => (rows === 0 ? 0 : Math.min(rows, Math.max(2, entries + 1)));

  if (width >= WIDE_LAYOUT) {
    const leftWidth = Math.floor((width - GAP) * 0.55);
    const rightWidth = width - GAP - leftWidth;
    const count = body >= 20 ? 4 : body >= 8 ? 2 : 1;
    const eventRows = eventBudget(body >= 9 ? Math.min(12, Math.max(3, Math.floor(body / 3))) : 0);
    const right = [...factLines(facts, pinned, rightWidth, body - eventRows), ...events(rightWidth, eventRows)];
    return [...out, ...beside(stack(specs, count, leftWidth, body), leftWidth, right, rightWidth, body)];
  }

  const eventMax = body >= 30 ? 8 : body >= 20 ? 5 : body >= 12 ? 3 : 0;
  const eventRows = eventBudget(eventMax);
  // Charts are sized against the full events budget, so a new event does not resize them.
  const spare = body - eventMax - MIN_FACTS;
  const chartBlock: Lines = [];
  if (width >= 64) {
    const leftWidth = Math.floor((width - GAP) / 2);
    const rightWidth = width - GAP - leftWidth;
    const pairs = body >= 30 && spare >= 10 ? 2 : spare >= 4 ? 1 : 0;
    const pairHeight = pairs === 2 ? Math.min(10, Math.floor(Math.min(spare, Math.floor(body * 0.55)) / 2)) : Math.min(8, spare);
    for (let p = 0; p < pairs; p++) {
      const l = chartLines({ ...specs[p * 2], width: leftWidth, height: pairHeight });
      const r = chartLines({ ...specs[p * 2 + 1], width: rightWidth, height: pairHeight });
      chartBlock.push(...beside(l, leftWidth, r, rightWidth, pairHeight));
    }
  } else if (spare >= 4) {
    const count = spare >= 8 ? 2 : 1;
    chartBlock.push(...stack(specs, count, width, Math.min(6 * count, spare)));
  }
  const factRows = body - eventRows - chartBlock.length;
  return [...out, ...chartBlock, ...factLines(facts, pinned, width, factRows), ...events(width, eventRows)];
}

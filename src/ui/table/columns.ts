// The live table's columns and how they fit a terminal width. Pure: widths in, widths out.
//
// Fitting follows a growth plan: an ordered list of steps "show column X at width w" or "widen
// X to w". Steps apply in order while they fit and stop at the first that does not, so a wider
// terminal never loses a column a narrower one had, and what appears at each width is written
// down in one table instead of falling out of weights. Leftover space then widens the flexible
// columns (name, image) up to their maximum.
import type { SortField } from '../../core/query/sort-rows.js';
import type { Align } from '../shared/text-fit.js';

export const COLUMN_IDS = ['state', 'host', 'name', 'id', 'image', 'cpu', 'cpuGraph', 'mem', 'memLimit', 'memPct', 'net', 'io', 'pids', 'uptime'] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];

export interface ColumnDef {
  id: ColumnId;
  header: string;
  /** Shown in the column chooser. */
  title: string;
  align: Align;
  /** Leftover space goes to flexible columns, in this order, up to maxWidth. */
  maxWidth?: number;
  /** The sort field this column shows, for the header's sort marker. */
  sort?: SortField;
  /** Name is the row's identity: it cannot be hidden. */
  required?: boolean;
}

/** Display order, left to right. */
export const COLUMNS: readonly ColumnDef[] = [
  { id: 'state', header: 'STATE', title: 'state and health', align: 'left', sort: 'state' },
  // Only with several engines (the app hides it otherwise): the engine's short name.
  { id: 'host', header: 'HOST', title: 'engine (with several engines)', align: 'left', maxWidth: 16 },
  { id: 'name', header: 'NAME', title: 'name', align: 'left', maxWidth: 48, sort: 'name', required: true },
  { id: 'id', header: 'ID', title: 'container ID', align: 'left' },
  { id: 'image', header: 'IMAGE', title: 'image', align: 'left', maxWidth: 48 },
  { id: 'cpu', header: 'CPU%', title: 'CPU % (100 % = one core)', align: 'right', sort: 'cpu' },
  { id: 'cpuGraph', header: 'CPU 60s', title: 'CPU over the last minute', align: 'left' },
  { id: 'mem', header: 'MEM', title: 'memory used', align: 'right', sort: 'mem' },
  { id: 'memLimit', header: 'LIMIT', title: 'memory limit', align: 'right' },
  { id: 'memPct', header: 'MEM%', title: 'memory % of limit (with a bar when wide)', align: 'right' },
  { id: 'net', header: 'NET RX/TX/s', title: 'network receive/transmit per second', align: 'left', sort: 'net' },
  { id: 'io', header: 'BLOCK R/W/s', title: 'block read/write per second', align: 'left', sort: 'io' },
  { id: 'pids', header: 'PIDS', title: 'processes', align: 'right', sort: 'pids' },
  { id: 'uptime', header: 'UPTIME', title: 'uptime', align: 'right', sort: 'uptime' },
];

export const COLUMN_BY_ID: Readonly<Record<ColumnId, ColumnDef>> = Object.fromEntries(COLUMNS.map((c) => [c.id, c])) as Record<ColumnId, ColumnDef>;

/** Width of one cell in the forms some cells switch between. */
export const STATE_GLYPH_WIDTH = 1;
export const STATE_FULL_WIDTH = 12; // "↻ restarting"
export const MEM_PCT_BAR_WIDTH = 13; // "██▍    12.3%"

export type GrowthStep = readonly [ColumnId, number];

/**
 * What appears as the terminal widens. The first eight steps are the 80-column table (state as
 * a glyph, name, CPU with its sparkline, memory, network, block IO); then PIDs, uptime, state in
 * words, memory bars; then IDs, images and limits.
 */
export const GROWTH_PLAN: readonly GrowthStep[] = [
  ['name', 16],
  ['state', STATE_GLYPH_WIDTH],
  ['cpu', 6],
  ['mem', 8],
  ['cpuGraph', 8],
  ['memPct', 6],
  ['net', 13],
  ['io', 13],
  ['pids', 5],
  ['uptime', 6],
  ['state', STATE_FULL_WIDTH],
  ['name', 20],
  ['memPct', MEM_PCT_BAR_WIDTH],
  ['cpuGraph', 10],
  ['id', 12],
  ['image', 16],
  ['memLimit', 8],
  ['cpuGraph', 15],
  ['name', 30],
  ['image', 30],
];

/** With several engines: HOST right after the state glyph, so it shows from 80 columns on. */
export const HOST_GROWTH_PLAN: readonly GrowthStep[] = [...GROWTH_PLAN.slice(0, 2), ['host', 8], ...GROWTH_PLAN.slice(2)];

/** Columns that may enter narrower than planned, and their narrowest useful width. */
const SHRINKABLE: Partial<Record<ColumnId, number>> = { image: 10 };

/** Columns are separated by one space; the row starts with a one-column selection marker. */
export const GAP = 1;
export const GUTTER = 1;

export interface FittedColumn {
  id: ColumnId;
  width: number;
}

export interface Fit {
  columns: FittedColumn[]; // display order
  /** Enabled columns that did not get room at this width. */
  dropped: ColumnId[];
  /** Total columns used, gutter included. */
  used: number;
}

/** Lays the enabled columns out in `width` terminal columns. */
export function fitColumns(width: number, hidden: readonly ColumnId[] = [], plan: readonly GrowthStep[] = GROWTH_PLAN): Fit {
  const enabled = (id: ColumnId) => COLUMN_BY_ID[id].required || !hidden.includes(id);
  const widths = new Map<ColumnId, number>();
  const avail = Math.max(0, width - GUTTER);
  let used = 0;
  for (const [id, w] of plan) {
    if (!enabled(id)) continue;
    const cur = widths.get(id);
    if (cur !== undefined && cur >= w) continue;
    const cost = cur === undefined ? w + (widths.size > 0 ? GAP : 0) : w - cur;
    if (used + cost > avail) {
      // The first column always shows, however narrow the terminal.
      if (widths.size === 0 && avail > 0) {
        widths.set(id, avail);
        used = avail;
      }
      // A column that reads well cut (the image) takes what is left rather than leave it to the
      // name's padding: at 140 columns IMAGE shows instead of a NAME mostly blank.
      const rest = avail - used - GAP;
      const min = SHRINKABLE[id];
      if (cur === undefined && min !== undefined && rest >= min) {
        widths.set(id, rest);
        used = avail;
      }
      break;
    }
    widths.set(id, w);
    used += cost;
  }
  for (const def of COLUMNS) {
    if (def.maxWidth === undefined) continue;
    const cur = widths.get(def.id);
    if (cur === undefined || used >= avail) continue;
    const grow = Math.min(def.maxWidth - cur, avail - used);
    if (grow > 0) {
      widths.set(def.id, cur + grow);
      used += grow;
    }
  }
  const columns = COLUMNS.filter((c) => widths.has(c.id)).map((c) => ({ id: c.id, width: widths.get(c.id)! }));
  const dropped = COLUMNS.filter((c) => enabled(c.id) && !widths.has(c.id) && plan.some(([id]) => id === c.id)).map((c) => c.id);
  return { columns, dropped, used: used + (columns.length > 0 ? GUTTER : 0) };
}

/** Columns the chooser may hide. */
export const HIDEABLE: readonly ColumnId[] = COLUMNS.filter((c) => !c.required).map((c) => c.id);

// How the screen's lines are spent. The frame is one line shorter than the terminal: on ink 6.8
// a frame of `rows` lines or more makes every update clear the whole terminal (flicker).
export const HEADER_LINES = 2;
export const FOOTER_LINES = 1;
/** Below this many terminal rows only a one-line notice fits. */
export const MIN_ROWS = HEADER_LINES + FOOTER_LINES + 3;

export interface FrameLayout {
  width: number;
  /** Lines Ink may draw: rows − 1. */
  height: number;
  /** Lines between header and footer. */
  body: number;
  /** Table rows that fit under the column header line. */
  pageSize: number;
  tooSmall: boolean;
}

export function frameLayout(columns: number, rows: number): FrameLayout {
  const width = Math.max(1, Math.floor(columns));
  const height = Math.max(1, Math.floor(rows) - 1);
  const body = Math.max(0, height - HEADER_LINES - FOOTER_LINES);
  return { width, height, body, pageSize: Math.max(1, body - 1), tooSmall: rows < MIN_ROWS };
}

/** The events pane's height when it is on: a third of the body, 3 to 10 lines. */
export function eventsPaneHeight(body: number): number {
  return Math.min(10, Math.max(3, Math.floor(body / 3)));
}

/** The table keeps its column header and two rows before the events pane gives way. */
const MIN_TABLE = 3;

export interface TableBody {
  /** Column header plus rows. */
  table: number;
  /** The events pane (e); 0 when off or when there is no room. */
  events: number;
  /** The actions panel (m), borders included; 0 when closed. */
  panel: number;
}

/**
 * The table view's body, top to bottom: table, events pane, actions panel. The three always add
 * up to `body`, so the frame stays within rows − 1. The panel gets what it asked for (it is
 * capped to the body already); the pane gives way before the table loses its last rows.
 */
export function splitTableBody(body: number, opts: { eventsPane: boolean; panel: number }): TableBody {
  const b = Math.max(0, body);
  const panel = Math.min(b, Math.max(0, opts.panel));
  const rest = b - panel;
  let events = opts.eventsPane ? Math.min(eventsPaneHeight(b), rest - MIN_TABLE) : 0;
  if (events < 3) events = 0; // a title and two events, or nothing
  return { table: rest - events, events, panel };
}

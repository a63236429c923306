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

// Which display rows of the log buffer are on screen. Pure; shared by the reducer (to
// scroll by rows) and the component (to draw them), so both always agree.
//
// The window is anchored on a line's sequence number, not an index: while PAUSED, new
// lines at the bottom and old lines dropped at the top do not move what the user reads.
import type { LogLine } from '../../core/logs/log-buffer.js';
import { indexOfSeq, LOG_TIME_WIDTH } from '../../core/logs/log-buffer.js';
import { displayWidth, truncateEnd } from '../shared/text-fit.js';
import { wrapText, type WrappedRow } from '../shared/text-wrap.js';

/** Where the window starts: a line and a row inside it (rows > 0 only when wrapping). */
export interface RowPos {
  seq: number;
  row: number;
}

export interface LayoutOptions {
  timestamps: boolean;
  wrap: boolean;
}

/** Two columns for the stream marker (stderr "┃ "), then the timestamp column, then text. */
export const GUTTER_WIDTH = 2;

export function prefixWidth(opts: LayoutOptions): number {
  return GUTTER_WIDTH + (opts.timestamps ? LOG_TIME_WIDTH + 1 : 0);
}

/** Rows for the header and the footer. */
export const CHROME_ROWS = 2;

export function bodyRows(height: number): number {
  return Math.max(0, height - CHROME_ROWS);
}

const cache = new WeakMap<LogLine, { key: string; rows: WrappedRow[] }>();

/** A line's display rows at this width; a truncated row ends with "…". Memoized per line. */
export function rowsOf(line: LogLine, width: number, opts: LayoutOptions): WrappedRow[] {
  const cols = Math.max(1, width - (line.stream === 'system' ? GUTTER_WIDTH : prefixWidth(opts)));
  const key = `${cols}|${opts.wrap}`;
  const hit = cache.get(line);
  if (hit && hit.key === key) return hit.rows;
  const cut = opts.wrap ? null : truncateEnd(line.text, cols);
  const rows = cut === null ? wrapText(line.text, cols) : [{ text: cut, start: 0, width: displayWidth(cut) }];
  cache.set(line, { key, rows });
  return rows;
}

export interface WindowRow {
  line: LogLine;
  /** Row index inside the line (0 = the row with the timestamp). */
  row: number;
  part: WrappedRow;
}

export interface LogWindow {
  rows: WindowRow[];
  /** The first visible row, or null when there are no lines. */
  top: RowPos | null;
  /** The window shows the newest row. */
  atEnd: boolean;
  /** Lines below the window (unseen while PAUSED). */
  below: number;
}

/** The rows that end with the newest one (what FOLLOWING shows). */
function bottomWindow(lines: readonly LogLine[], width: number, opts: LayoutOptions, body: number): WindowRow[] {
  const out: WindowRow[] = [];
  for (let i = lines.length - 1; i >= 0 && out.length < body; i--) {
    const parts = rowsOf(lines[i], width, opts);
    for (let r = parts.length - 1; r >= 0 && out.length < body; r--) out.push({ line: lines[i], row: r, part: parts[r] });
  }
  return out.reverse();
}

export function computeWindow(
  lines: readonly LogLine[],
  top: RowPos | null,
  width: number,
  height: number,
  opts: LayoutOptions,
): LogWindow {
  const body = bodyRows(height);
  if (lines.length === 0 || body === 0) return { rows: [], top: null, atEnd: true, below: 0 };
  let rows: WindowRow[] | null = null;
  if (top) {
    const i0 = indexOfSeq(lines, top.seq);
    const r0 = lines[i0].seq === top.seq ? top.row : 0;
    const out: WindowRow[] = [];
    for (let i = i0; i < lines.length && out.length < body; i++) {
      const parts = rowsOf(lines[i], width, opts);
      for (let r = i === i0 ? Math.min(r0, parts.length - 1) : 0; r < parts.length && out.length < body; r++) {
        out.push({ line: lines[i], row: r, part: parts[r] });
      }
    }
    // Scrolled past the last full page: show the last page instead of a half-empty one.
    if (out.length === body) rows = out;
  }
  rows ??= bottomWindow(lines, width, opts, body);
  const last = rows[rows.length - 1];
  const lastLine = lines[lines.length - 1];
  const atEnd = last.line === lastLine && last.row === rowsOf(lastLine, width, opts).length - 1;
  return {
    rows,
    top: { seq: rows[0].line.seq, row: rows[0].row },
    atEnd,
    below: lastLine.seq - last.line.seq,
  };
}

/** Moves a position by `delta` display rows (negative = up), stopping at the first and last row. */
export function moveRows(lines: readonly LogLine[], from: RowPos, delta: number, width: number, opts: LayoutOptions): RowPos {
  if (lines.length === 0) return from;
  let i = indexOfSeq(lines, from.seq);
  let r = lines[i].seq === from.seq ? Math.min(from.row, rowsOf(lines[i], width, opts).length - 1) : 0;
  let left = Math.abs(delta);
  while (left > 0) {
    if (delta > 0) {
      if (r + 1 < rowsOf(lines[i], width, opts).length) r++;
      else if (i + 1 < lines.length) {
        i++;
        r = 0;
      } else break;
    } else if (r > 0) r--;
    else if (i > 0) {
      i--;
      r = rowsOf(lines[i], width, opts).length - 1;
    } else break;
    left--;
  }
  return { seq: lines[i].seq, row: r };
}

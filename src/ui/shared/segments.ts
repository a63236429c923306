// A screen line as styled runs of text. Pure code builds lines as segments; one <Text> per line
// renders them (shared/line.tsx), so the number of Ink nodes stays small.
import type { Tone } from './theme.js';
import { displayWidth, truncateEnd } from './text-fit.js';

export interface Segment {
  text: string;
  tone?: Tone;
}

export type Line = readonly Segment[];

export function lineWidth(line: Line): number {
  let w = 0;
  for (const s of line) w += displayWidth(s.text);
  return w;
}

export function lineText(line: Line): string {
  return line.map((s) => s.text).join('');
}

/** Joins neighbours with the same tone: fewer nodes for Ink to lay out. */
export function mergeSegments(line: Line): Segment[] {
  const out: Segment[] = [];
  for (const s of line) {
    if (s.text === '') continue;
    const last = out[out.length - 1];
    if (last && last.tone === s.tone) out[out.length - 1] = { text: last.text + s.text, tone: last.tone };
    else out.push(s);
  }
  return out;
}

/** Cuts a line to `width` columns (an ellipsis marks the cut) and pads it with blanks to exactly `width`. */
export function fitLine(line: Line, width: number): Segment[] {
  if (width <= 0) return [];
  const total = lineWidth(line);
  if (total <= width) return total === width ? [...line] : [...line, { text: ' '.repeat(width - total) }];
  const out: Segment[] = [];
  let used = 0;
  for (const s of line) {
    const w = displayWidth(s.text);
    const room = width - used;
    if (w < room) {
      out.push(s);
      used += w;
      continue;
    }
    // This segment reaches the edge while more text follows: the last column becomes '…'.
    // (The appended character makes truncateEnd cut even when the segment fits exactly.)
    const cut = truncateEnd(s.text + ' ', room);
    out.push({ text: cut, tone: s.tone });
    used += displayWidth(cut);
    break;
  }
  if (used < width) out.push({ text: ' '.repeat(width - used) });
  return out;
}

/** Puts `right` at the right edge of a `width`-column line, `left` before it (cut if needed). */
export function spreadLine(left: Line, right: Line, width: number): Segment[] {
  const rw = lineWidth(right);
  if (rw + 1 > width) return fitLine(left, width);
  return [...fitLine(left, width - rw - 1), { text: ' ' }, ...right];
}

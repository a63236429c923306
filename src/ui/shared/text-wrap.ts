// Wrapping plain (already sanitized) text to terminal columns, beside text-fit.ts, which cuts
// and pads: wide CJK and emoji take two columns, and rows break between grapheme clusters,
// so a flag or an accented letter is never split. The log view and the dialogs use it.
import stringWidth from 'string-width';
import { displayWidth } from './text-fit.js';

const ASCII = /^[\x20-\x7e]*$/;
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export interface WrappedRow {
  text: string;
  /** Offset of the row's first character in the source, to map search matches onto rows. */
  start: number;
  width: number;
}

/**
 * Hard-wraps to `width` columns (no word breaking: log lines are often not prose). A
 * character wider than the whole row (2 columns in 1) still gets a row of its own.
 */
export function wrapText(s: string, width: number): WrappedRow[] {
  const w = Math.max(1, width);
  if (ASCII.test(s)) {
    if (s.length <= w) return [{ text: s, start: 0, width: s.length }];
    const rows: WrappedRow[] = [];
    for (let i = 0; i < s.length; i += w) rows.push({ text: s.slice(i, i + w), start: i, width: Math.min(w, s.length - i) });
    return rows;
  }
  const rows: WrappedRow[] = [];
  let row: WrappedRow = { text: '', start: 0, width: 0 };
  for (const g of segmenter.segment(s)) {
    const gw = stringWidth(g.segment);
    if (row.width + gw > w && row.text !== '') {
      rows.push(row);
      row = { text: '', start: g.index, width: 0 };
    }
    row.text += g.segment;
    row.width += gw;
  }
  rows.push(row);
  return rows;
}

/** Wraps prose at spaces to `width` columns; a word longer than a row is cut hard. */
export function wordWrap(s: string, width: number): string[] {
  const w = Math.max(1, width);
  const rows: string[] = [];
  let row = '';
  for (const word of s.split(/ +/)) {
    if (word === '') continue;
    const candidate = row === '' ? word : `${row} ${word}`;
    if (displayWidth(candidate) <= w) {
      row = candidate;
      continue;
    }
    if (row !== '') rows.push(row);
    if (displayWidth(word) <= w) {
      row = word;
      continue;
    }
    const pieces = wrapText(word, w).map((p) => p.text);
    row = pieces.pop() ?? '';
    rows.push(...pieces);
  }
  if (row !== '' || rows.length === 0) rows.push(row);
  return rows;
}

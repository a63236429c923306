// Fitting text into fixed-width cells by terminal columns, not UTF-16 length: a CJK name or an
// emoji takes two columns, and a cell that miscounts shifts every column after it. Plain ASCII
// (nearly every name) takes a fast path; the rest is measured per grapheme with string-width
// (the same measure Ink uses).
import stringWidth from 'string-width';

const ASCII = /^[\x20-\x7e]*$/;
// ASCII plus the one-column glyphs the UI itself draws (block elements, box drawing, arrows,
// geometric shapes, ‖ › … · ✓ ✗ ✕ ✖). Rows are measured every frame; string-width's exact
// path (a grapheme segmenter) costs ~100× more, so it is kept for user text that needs it.
const NARROW = /^[\x20-\x7e\u00b7\u2010-\u2027\u2030-\u205e\u2190-\u21ff\u2500-\u25fc\u2713\u2715-\u2717]*$/;
const ELLIPSIS = '…';
const segmenter = new Intl.Segmenter();

export type Align = 'left' | 'right';

export function displayWidth(text: string): number {
  return NARROW.test(text) ? text.length : stringWidth(text);
}

function graphemes(text: string): { g: string; w: number }[] {
  return Array.from(segmenter.segment(text), (s) => ({ g: s.segment, w: stringWidth(s.segment) }));
}

/** The longest prefix that fits in `width` columns. */
function takeStart(text: string, width: number): string {
  if (ASCII.test(text)) return text.slice(0, width);
  let out = '';
  let used = 0;
  for (const { g, w } of graphemes(text)) {
    if (used + w > width) break;
    out += g;
    used += w;
  }
  return out;
}

/** The longest suffix that fits in `width` columns. */
function takeEnd(text: string, width: number): string {
  if (width <= 0) return '';
  if (ASCII.test(text)) return text.slice(Math.max(0, text.length - width));
  const parts = graphemes(text);
  let out = '';
  let used = 0;
  for (let i = parts.length - 1; i >= 0; i--) {
    if (used + parts[i].w > width) break;
    out = parts[i].g + out;
    used += parts[i].w;
  }
  return out;
}

/** Cuts the end and marks it: "frontend-web-1" in 8 → "fronten…". */
export function truncateEnd(text: string, width: number): string {
  if (width <= 0) return '';
  if (displayWidth(text) <= width) return text;
  return takeStart(text, width - 1) + ELLIPSIS;
}

/**
 * Cuts the middle, keeping both ends: compose names and image tags differ at the end
 * ("shop-worker-12", "app:1.4.2"), so "shop-w…er-12" stays tellable apart.
 */
export function truncateMiddle(text: string, width: number): string {
  if (width <= 0) return '';
  if (displayWidth(text) <= width) return text;
  if (width < 5) return truncateEnd(text, width);
  const keep = width - 1;
  const head = takeStart(text, Math.ceil(keep * 0.6));
  const tail = takeEnd(text, keep - displayWidth(head));
  return head + ELLIPSIS + tail;
}

/** Exactly `width` columns: truncated (end) or padded. */
export function fitCell(text: string, width: number, align: Align = 'left', truncate: (t: string, w: number) => string = truncateEnd): string {
  if (width <= 0) return '';
  const t = truncate(text, width);
  const pad = width - displayWidth(t);
  if (pad <= 0) return t;
  return align === 'right' ? ' '.repeat(pad) + t : t + ' '.repeat(pad);
}

// Reads what `tmux capture-pane -e -p` prints (text with SGR escapes) into a grid of cells, the way
// a terminal lays it out: one cell per column, a wide character (CJK, most emoji) spanning two.
// tmux carries the SGR state from one line to the next (it only emits changes), so the state is
// kept across newlines here too. Escapes other than SGR (OSC hyperlinks, cursor moves) are dropped.
import stringWidth from 'string-width';

/** @typedef {{ kind: 'default' } | { kind: 'index', n: number } | { kind: 'rgb', r: number, g: number, b: number }} Color */
/**
 * @typedef {object} Style
 * @property {Color} fg
 * @property {Color} bg
 * @property {boolean} bold
 * @property {boolean} dim
 * @property {boolean} italic
 * @property {boolean} underline
 * @property {boolean} inverse
 * @property {boolean} strike
 * @property {boolean} hidden
 */
/** @typedef {{ text: string, width: 1 | 2, style: Style }} Cell  A width-2 cell is followed by a filler cell whose text is ''. */

const DEFAULT = Object.freeze({ kind: 'default' });

/** @returns {Style} */
export function plainStyle() {
  return { fg: DEFAULT, bg: DEFAULT, bold: false, dim: false, italic: false, underline: false, inverse: false, strike: false, hidden: false };
}

/**
 * Applies one SGR parameter list to a style (mutates and returns it). Accepts both the `38;5;n`
 * and the `38:5:n` spellings of extended colours.
 * @param {Style} style
 * @param {string} params
 */
export function applySgr(style, params) {
  const parts = params === '' ? ['0'] : params.split(';');
  for (let i = 0; i < parts.length; i++) {
    const sub = parts[i].split(':').map((p) => (p === '' ? 0 : Number(p)));
    const code = sub[0];
    if (code === 38 || code === 48 || code === 58) {
      // Extended colour: either inline (38:5:n / 38:2::r:g:b) or the next parameters (38;5;n).
      const rest = sub.length > 1 ? sub.slice(1) : parts.slice(i + 1).map(Number);
      let color = null;
      let used = 0;
      if (rest[0] === 5 && rest.length >= 2) {
        color = { kind: 'index', n: rest[1] & 255 };
        used = 2;
      } else if (rest[0] === 2) {
        // 38:2::r:g:b carries an (empty) colour-space id; 38;2;r;g;b does not.
        const rgb = sub.length > 5 ? rest.slice(2, 5) : rest.slice(1, 4);
        color = { kind: 'rgb', r: rgb[0] & 255, g: rgb[1] & 255, b: rgb[2] & 255 };
        used = sub.length > 5 ? 5 : 4;
      }
      if (sub.length === 1) i += used;
      if (color && code === 38) style.fg = color;
      if (color && code === 48) style.bg = color;
      continue;
    }
    if (code === 0) Object.assign(style, plainStyle());
    else if (code === 1) style.bold = true;
    else if (code === 2) style.dim = true;
    else if (code === 3) style.italic = true;
    else if (code === 4) style.underline = sub[1] !== 0;
    else if (code === 7) style.inverse = true;
    else if (code === 8) style.hidden = true;
    else if (code === 9) style.strike = true;
    else if (code === 21 || code === 22) {
      style.bold = false;
      style.dim = false;
    } else if (code === 23) style.italic = false;
    else if (code === 24) style.underline = false;
    else if (code === 27) style.inverse = false;
    else if (code === 28) style.hidden = false;
    else if (code === 29) style.strike = false;
    else if (code >= 30 && code <= 37) style.fg = { kind: 'index', n: code - 30 };
    else if (code === 39) style.fg = DEFAULT;
    else if (code >= 40 && code <= 47) style.bg = { kind: 'index', n: code - 40 };
    else if (code === 49) style.bg = DEFAULT;
    else if (code >= 90 && code <= 97) style.fg = { kind: 'index', n: code - 90 + 8 };
    else if (code >= 100 && code <= 107) style.bg = { kind: 'index', n: code - 100 + 8 };
  }
  return style;
}

// SGR (CSI … m), other CSI sequences, OSC (ended by BEL or ST), and two-byte escapes.
const ESCAPE = /\x1b\[([0-9;:?]*)([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * Lays captured text out on a cols × rows grid. Text past the right edge is dropped (tmux never
 * produces it); missing rows and columns are blank cells in the default style.
 * @param {string} text
 * @param {number} cols
 * @param {number} rows
 * @returns {Cell[][]}
 */
export function parseScreen(text, cols, rows) {
  const style = plainStyle();
  const lines = text.replace(/\r/g, '').split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  /** @type {Cell[][]} */
  const grid = [];
  for (let y = 0; y < rows; y++) {
    /** @type {Cell[]} */
    const row = [];
    const line = lines[y] ?? '';
    let last = 0;
    const put = (chunk) => {
      for (const { segment } of segmenter.segment(chunk)) {
        // Control characters take no cell; everything else is one or two columns.
        const width = /^[\x00-\x1f\x7f]/.test(segment) ? 0 : Math.min(2, stringWidth(segment));
        if (width === 0) continue;
        if (row.length + width > cols) return;
        const cellStyle = { ...style };
        row.push({ text: segment, width, style: cellStyle });
        if (width === 2) row.push({ text: '', width: 1, style: cellStyle });
      }
    };
    for (const m of line.matchAll(ESCAPE)) {
      put(line.slice(last, m.index));
      last = m.index + m[0].length;
      if (m[2] === 'm') applySgr(style, m[1]);
    }
    put(line.slice(last));
    // Blank columns to the right keep the background the line ended with only if tmux wrote them
    // (capture-pane -N); otherwise they are the terminal's default.
    while (row.length < cols) row.push({ text: ' ', width: 1, style: plainStyle() });
    grid.push(row);
  }
  return grid;
}

/** The grid's text without styles, one line per row, trailing blanks trimmed (for tests and checks). */
export function screenText(grid) {
  return grid.map((row) => row.map((c) => c.text).join('').replace(/\s+$/, '')).join('\n');
}

// Renders a parsed terminal grid (ansi-screen.mjs) as a standalone SVG: a background rect per run
// of same-coloured cells, box and block characters as shapes (cell-glyphs.mjs), and text as one
// <text> per word placed on its starting cell and stretched to its cells (textLength), so columns
// line up whatever monospace font the viewer substitutes. The output depends only on the grid: no ids, dates or random numbers.
import { drawShapes, isDrawn } from './cell-glyphs.mjs';

// VS Code's default dark terminal palette: widely seen, and gray (bright black) stays readable.
const PALETTE16 = [
  '#000000', '#cd3131', '#0dbc79', '#e5e510', '#2472c8', '#bc3fbc', '#11a8cd', '#e5e5e5',
  '#666666', '#f14c4c', '#23d18b', '#f5f543', '#3b8eea', '#d670d6', '#29b8db', '#ffffff',
];
export const DEFAULT_THEME = { background: '#1e1e1e', foreground: '#cccccc', palette: PALETTE16 };

export const FONT_STACK = "ui-monospace, 'SFMono-Regular', 'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', monospace";

const hex2 = (n) => n.toString(16).padStart(2, '0');
const rgbHex = (r, g, b) => `#${hex2(r)}${hex2(g)}${hex2(b)}`;

/** xterm's 256-colour table: 16 theme colours, a 6×6×6 cube, 24 grays. */
function indexColor(n, theme) {
  if (n < 16) return theme.palette[n];
  if (n < 232) {
    const level = (v) => (v === 0 ? 0 : 55 + v * 40);
    const i = n - 16;
    return rgbHex(level(Math.floor(i / 36)), level(Math.floor(i / 6) % 6), level(i % 6));
  }
  const g = 8 + (n - 232) * 10;
  return rgbHex(g, g, g);
}

function resolve(color, fallback, theme) {
  if (color.kind === 'index') return indexColor(color.n, theme);
  if (color.kind === 'rgb') return rgbHex(color.r, color.g, color.b);
  return fallback;
}

function mix(a, b, t) {
  const p = (s, i) => parseInt(s.slice(1 + i * 2, 3 + i * 2), 16);
  return rgbHex(...[0, 1, 2].map((i) => Math.round(p(a, i) * (1 - t) + p(b, i) * t)));
}

/** The colours a cell is painted with, after inverse and dim. */
function paint(style, theme) {
  let fg = resolve(style.fg, theme.foreground, theme);
  let bg = resolve(style.bg, theme.background, theme);
  if (style.inverse) [fg, bg] = [bg, fg];
  if (style.dim) fg = mix(fg, bg, 0.5);
  return { fg, bg };
}

const escapeXml = (s) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]);
const num = (n) => String(Number(n.toFixed(2)));

/** Joins rects that touch end to end on one row with the same fill, so no seams show between cells. */
function mergeRects(rects) {
  const out = [];
  for (const r of rects) {
    const last = out[out.length - 1];
    if (last && last.fill === r.fill && last.opacity === r.opacity && Math.abs(last.y - r.y) < 1e-6 && Math.abs(last.h - r.h) < 1e-6 && Math.abs(last.x + last.w - r.x) < 1e-6) last.w += r.w;
    else out.push({ ...r });
  }
  return out;
}

const rectSvg = (r) =>
  `<rect x="${num(r.x)}" y="${num(r.y)}" width="${num(r.w)}" height="${num(r.h)}" fill="${r.fill}"${r.opacity ? ` fill-opacity="${r.opacity}"` : ''}/>`;

/**
 * @param {import('./ansi-screen.mjs').Cell[][]} grid
 * @param {{ title?: string, fontSize?: number, theme?: typeof DEFAULT_THEME, padding?: number }} [opts]
 * @returns {string}
 */
export function gridToSvg(grid, opts = {}) {
  const theme = opts.theme ?? DEFAULT_THEME;
  const fontSize = opts.fontSize ?? 14;
  const cw = fontSize * 0.6; // the advance of common monospace fonts (DejaVu Sans Mono: 0.602em)
  const ch = Math.round(fontSize * 1.25);
  const baseline = Math.round(ch * 0.76);
  const pad = opts.padding ?? 12;
  const rows = grid.length;
  const cols = rows ? grid[0].length : 0;
  const width = cols * cw + pad * 2;
  const height = rows * ch + pad * 2;
  const light = Math.max(1, fontSize / 12);

  const backgrounds = [];
  const shapes = [];
  const paths = [];
  const texts = [];
  grid.forEach((row, y) => {
    const top = pad + y * ch;
    let run = null; // the text run being built: same colour and font style
    const flush = () => {
      if (run && run.chars.length) texts.push(run);
      run = null;
    };
    row.forEach((cell, x) => {
      const left = pad + x * cw;
      const { fg, bg } = paint(cell.style, theme);
      const cellWidth = cell.width === 2 ? cw * 2 : cw;
      if (cell.text === '') return; // the right half of a wide character, painted with it
      if (bg !== theme.background) backgrounds.push({ x: left, y: top, w: cellWidth, h: ch, fill: bg });
      if (cell.style.underline) shapes.push({ x: left, y: top + baseline + 2, w: cellWidth, h: light, fill: fg });
      if (cell.style.strike) shapes.push({ x: left, y: top + ch / 2, w: cellWidth, h: light, fill: fg });
      if (cell.text === ' ' || cell.style.hidden) {
        flush(); // a word per <text>: each starts exactly on its cell
        return;
      }
      if (isDrawn(cell.text)) {
        for (const s of drawShapes(cell.text, cw, ch, light)) {
          if (s.kind === 'rect') shapes.push({ x: left + s.x, y: top + s.y, w: s.w, h: s.h, fill: fg, opacity: s.opacity });
          else paths.push({ x: left, y: top, d: s.d, stroke: s.stroke, color: fg });
        }
        return;
      }
      const key = `${fg}|${cell.style.bold}|${cell.style.italic}`;
      // Wide characters and graphemes of several code points get a <text> of their own: their
      // advance differs from font to font, so they must not push the characters after them.
      const simple = cell.text.length === 1 && cell.width === 1;
      if (!run || run.key !== key || !simple || run.single || run.lastCol !== x - 1) {
        flush();
        run = { key, fg, bold: cell.style.bold, italic: cell.style.italic, x: left, y: top + baseline, chars: [], single: !simple, lastCol: x };
      }
      run.lastCol = x;
      run.chars.push(cell.text);
    });
    flush();
  });

  const out = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}" role="img"${opts.title ? ` aria-label="${escapeXml(opts.title)}"` : ''}>`,
  );
  if (opts.title) out.push(`<title>${escapeXml(opts.title)}</title>`);
  out.push(`<rect width="100%" height="100%" rx="8" fill="${theme.background}"/>`);
  out.push('<g shape-rendering="crispEdges">');
  for (const r of mergeRects(backgrounds)) out.push(rectSvg(r));
  out.push('</g><g>');
  for (const r of mergeRects(shapes)) out.push(rectSvg(r));
  for (const p of paths) out.push(`<path transform="translate(${num(p.x)} ${num(p.y)})" d="${p.d}" fill="none" stroke="${p.color}" stroke-width="${num(p.stroke)}"/>`);
  out.push('</g>');
  out.push(`<g font-family="${escapeXml(FONT_STACK)}" font-size="${fontSize}" xml:space="preserve">`);
  for (const t of texts) {
    // textLength pins the word to its cells when the viewer's font advance is not 0.6em.
    const attrs = [`x="${num(t.x)}"`, `y="${num(t.y)}"`, `fill="${t.fg}"`];
    if (t.chars.length > 1) attrs.push(`textLength="${num(t.chars.length * cw)}"`);
    if (t.bold) attrs.push('font-weight="bold"');
    if (t.italic) attrs.push('font-style="italic"');
    out.push(`<text ${attrs.join(' ')}>${escapeXml(t.chars.join(''))}</text>`);
  }
  out.push('</g>', '</svg>');
  return out.join('\n') + '\n';
}

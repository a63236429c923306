// Box-drawing (U+2500–U+257F) and block-element (U+2580–U+259F) characters drawn as shapes that
// fill their cell exactly, the way terminals (xterm.js, kitty, WezTerm…) draw them themselves
// instead of asking the font: font glyphs for these leave gaps between rows and differ in height
// from font to font, so sparklines, meters and chart lines would not join up in a picture.
// Every function returns shapes in cell coordinates (0..w × 0..h); the caller offsets and colours them.

/** @typedef {{ kind: 'rect', x: number, y: number, w: number, h: number, opacity?: number }} RectShape */
/** @typedef {{ kind: 'path', d: string, stroke: number }} PathShape */
/** @typedef {RectShape | PathShape} Shape */

// Arms of U+2500..U+257F as four digits (up, right, down, left): 0 none, 1 light, 2 heavy,
// 3 double. '.' marks a character drawn another way (dashes, arcs, diagonals).
// Double lines are two parallel strokes whose corners overlap a little: close enough for a
// picture, and ctop-ts itself draws only light and heavy lines.
const ARMS = [
  '0101', '0202', '1010', '2020', '.', '.', '.', '.', '.', '.', '.', '.', '0110', '0210', '0120', '0220', // 2500
  '0011', '0012', '0021', '0022', '1100', '1200', '2100', '2200', '1001', '1002', '2001', '2002', '1110', '1210', '2110', '1120', // 2510
  '2120', '2210', '1220', '2220', '1011', '1012', '2011', '1021', '2021', '2012', '1022', '2022', '0111', '0112', '0211', '0212', // 2520
  '0121', '0122', '0221', '0222', '1101', '1102', '1201', '1202', '2101', '2102', '2201', '2202', '1111', '1112', '1211', '1212', // 2530
  '2111', '1121', '2121', '2112', '2211', '1122', '1221', '2212', '1222', '2122', '2221', '2222', '.', '.', '.', '.', // 2540
  '0303', '3030', '0310', '0130', '0330', '0013', '0031', '0033', '1300', '3100', '3300', '1003', '3001', '3003', '1310', '3130', // 2550
  '3330', '1013', '3031', '3033', '0313', '0131', '0333', '1303', '3101', '3303', '1313', '3131', '3333', '.', '.', '.', // 2560
  '.', '.', '.', '.', '0001', '1000', '0100', '0010', '0002', '2000', '0200', '0020', '0201', '1020', '0102', '2010', // 2570
];

// Dashed lines: [horizontal?, dashes, weight].
const DASHES = {
  0x2504: [true, 3, 1], 0x2505: [true, 3, 2], 0x2506: [false, 3, 1], 0x2507: [false, 3, 2],
  0x2508: [true, 4, 1], 0x2509: [true, 4, 2], 0x250a: [false, 4, 1], 0x250b: [false, 4, 2],
  0x254c: [true, 2, 1], 0x254d: [true, 2, 2], 0x254e: [false, 2, 1], 0x254f: [false, 2, 2],
};

/** True when drawShapes() draws this character (the caller then draws no text for it). */
export function isDrawn(ch) {
  if (ch.length !== 1) return false;
  const cp = ch.codePointAt(0);
  return cp >= 0x2500 && cp <= 0x259f;
}

/**
 * The shapes of one cell's character, or null when it is not a box or block character.
 * @param {string} ch
 * @param {number} w cell width
 * @param {number} h cell height
 * @param {number} light stroke width of a light line
 * @returns {Shape[] | null}
 */
export function drawShapes(ch, w, h, light) {
  if (!isDrawn(ch)) return null;
  const cp = ch.codePointAt(0);
  return cp >= 0x2580 ? blockShapes(cp, w, h) : boxShapes(cp, w, h, light);
}

function boxShapes(cp, w, h, light) {
  const heavy = light * 2;
  const cx = w / 2;
  const cy = h / 2;
  const arms = ARMS[cp - 0x2500];
  if (arms !== '.') {
    /** @type {Shape[]} */
    const out = [];
    const [up, right, down, left] = [...arms].map(Number);
    // The widest line through the centre, so a light arm meeting a heavy one closes the joint.
    const vMax = Math.max(...[up, down].map((a) => (a === 2 ? heavy : a ? light : 0)));
    const hMax = Math.max(...[left, right].map((a) => (a === 2 ? heavy : a ? light : 0)));
    const gap = light * 1.5; // half the distance between the strokes of a double line
    const arm = (weight, vertical, start, end) => {
      const t = weight === 2 ? heavy : light;
      const offsets = weight === 3 ? [-gap, gap] : [0];
      for (const o of offsets) {
        if (vertical) out.push({ kind: 'rect', x: cx + o - t / 2, y: Math.min(start, end), w: t, h: Math.abs(end - start) });
        else out.push({ kind: 'rect', x: Math.min(start, end), y: cy + o - t / 2, w: Math.abs(end - start), h: t });
      }
    };
    const double = arms.includes('3');
    const ext = double ? gap + light / 2 : 0;
    if (up) arm(up, true, 0, cy + (hMax / 2 || 0) + (up === 3 ? 0 : ext));
    if (down) arm(down, true, h, cy - (hMax / 2 || 0) - (down === 3 ? 0 : ext));
    if (left) arm(left, false, 0, cx + (vMax / 2 || 0) + (left === 3 ? 0 : ext));
    if (right) arm(right, false, w, cx - (vMax / 2 || 0) - (right === 3 ? 0 : ext));
    return out;
  }
  const dash = DASHES[cp];
  if (dash) {
    const [horizontal, n, weight] = dash;
    const t = weight === 2 ? heavy : light;
    const span = horizontal ? w : h;
    const step = span / n;
    const out = [];
    for (let i = 0; i < n; i++) {
      const a = i * step + step * 0.15;
      const len = step * 0.7;
      out.push(horizontal ? { kind: 'rect', x: a, y: cy - t / 2, w: len, h: t } : { kind: 'rect', x: cx - t / 2, y: a, w: t, h: len });
    }
    return out;
  }
  const r = Math.min(cx, cy);
  const f = (n) => Number(n.toFixed(2));
  switch (cp) {
    case 0x256d: // ╭ down and right
      return [{ kind: 'path', stroke: light, d: `M${f(cx)} ${f(h)}V${f(cy + r)}A${f(r)} ${f(r)} 0 0 1 ${f(cx + r)} ${f(cy)}H${f(w)}` }];
    case 0x256e: // ╮ down and left
      return [{ kind: 'path', stroke: light, d: `M${f(cx)} ${f(h)}V${f(cy + r)}A${f(r)} ${f(r)} 0 0 0 ${f(cx - r)} ${f(cy)}H0` }];
    case 0x256f: // ╯ up and left
      return [{ kind: 'path', stroke: light, d: `M${f(cx)} 0V${f(cy - r)}A${f(r)} ${f(r)} 0 0 1 ${f(cx - r)} ${f(cy)}H0` }];
    case 0x2570: // ╰ up and right
      return [{ kind: 'path', stroke: light, d: `M${f(cx)} 0V${f(cy - r)}A${f(r)} ${f(r)} 0 0 0 ${f(cx + r)} ${f(cy)}H${f(w)}` }];
    case 0x2571:
      return [{ kind: 'path', stroke: light, d: `M${f(w)} 0L0 ${f(h)}` }];
    case 0x2572:
      return [{ kind: 'path', stroke: light, d: `M0 0L${f(w)} ${f(h)}` }];
    case 0x2573:
      return [{ kind: 'path', stroke: light, d: `M${f(w)} 0L0 ${f(h)}M0 0L${f(w)} ${f(h)}` }];
    default:
      return [];
  }
}

// Quadrants U+2596..U+259F as bits: upper-left 1, upper-right 2, lower-left 4, lower-right 8.
const QUADRANTS = [4, 8, 1, 1 | 4 | 8, 1 | 8, 1 | 2 | 4, 1 | 2 | 8, 2, 2 | 4, 2 | 4 | 8];

function blockShapes(cp, w, h) {
  const rect = (x, y, rw, rh, opacity) => ({ kind: 'rect', x, y, w: rw, h: rh, ...(opacity ? { opacity } : {}) });
  if (cp === 0x2580) return [rect(0, 0, w, h / 2)];
  if (cp >= 0x2581 && cp <= 0x2588) {
    const eighths = cp - 0x2580;
    return [rect(0, h - (h * eighths) / 8, w, (h * eighths) / 8)];
  }
  if (cp >= 0x2589 && cp <= 0x258f) return [rect(0, 0, (w * (0x2590 - cp)) / 8, h)];
  if (cp === 0x2590) return [rect(w / 2, 0, w / 2, h)];
  // Shades: terminals draw a dot pattern of that density; an even tint reads the same at a glance.
  if (cp >= 0x2591 && cp <= 0x2593) return [rect(0, 0, w, h, (cp - 0x2590) * 0.25)];
  if (cp === 0x2594) return [rect(0, 0, w, h / 8)];
  if (cp === 0x2595) return [rect((w * 7) / 8, 0, w / 8, h)];
  const bits = QUADRANTS[cp - 0x2596];
  const out = [];
  if (bits & 1) out.push(rect(0, 0, w / 2, h / 2));
  if (bits & 2) out.push(rect(w / 2, 0, w / 2, h / 2));
  if (bits & 4) out.push(rect(0, h / 2, w / 2, h / 2));
  if (bits & 8) out.push(rect(w / 2, h / 2, w / 2, h / 2));
  return out;
}

// A fast path for Ink 6.8's Output.get(), injected into the bundled Ink by bundle-ui.mjs.
//
// Why: Ink composes every frame cell by cell. For each text line it tokenizes the ANSI codes,
// makes one object per character, copies them into a width × height grid, then re-encodes every
// row to a string. At 120×40 that is ~5 000 objects and three passes over them per frame, the
// largest share of the live screen's CPU (bench/ui-render.js profile: tokenize,
// styledCharsFromTokens, styledCharsToString and the garbage they leave).
//
// When no two writes overlap on a row, no clip is horizontal, and every character is one column
// wide, the grid is not needed: each row is its pieces in column order, the gaps filled with
// spaces. Anything else (overlays drawn over text, horizontal clipping, wide or zero-width
// characters) returns null and Ink's own path runs, so the screen is the same either way
// (test/scripts/ink-fast-output.test.ts compares the two cell by cell).
//
// `output` is Ink's Output instance: { width, height, operations, caches }.

const ANSI_SEQUENCE = /\u001B\[[0-9;:]*[A-Za-z]|\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)/g;
const SIMPLE_TEXT = /^[\x20-\x7e]*$/;

/** Every visible character is one column (Ink's cell rule: max(1, width)): then the piece's width is its length. */
function oneColumnEach(line, width) {
  const visible = line.includes('\u001B') ? line.replace(ANSI_SEQUENCE, '') : line;
  if (SIMPLE_TEXT.test(visible)) return visible.length === width;
  let count = 0;
  for (const _ of visible) count++; // code points
  return count === width;
}

export function fastOutput(output) {
  const { width, height, operations, caches } = output;
  const rows = new Array(height);
  const clips = [];
  for (const op of operations) {
    if (op.type === 'clip') {
      clips.push(op.clip);
      continue;
    }
    if (op.type === 'unclip') {
      clips.pop();
      continue;
    }
    if (op.type !== 'write' || op.x < 0) return null;
    const clip = clips.at(-1);
    if (clip && (typeof clip.x1 === 'number' || typeof clip.x2 === 'number')) return null;
    const vertical = clip && typeof clip.y1 === 'number' && typeof clip.y2 === 'number';
    const lines = op.text.split('\n');
    // Ink numbers lines for transformers after vertical clipping.
    const skipped = vertical && op.y < clip.y1 ? clip.y1 - op.y : 0;
    for (let i = 0; i < lines.length; i++) {
      const y = op.y + i;
      if (vertical && (y < clip.y1 || y >= clip.y2)) continue;
      if (y < 0 || y >= height) continue;
      let line = lines[i];
      for (const transformer of op.transformers) line = transformer(line, i - skipped);
      const w = caches.getStringWidth(line);
      if (!oneColumnEach(line, w)) return null;
      (rows[y] ??= []).push({ x: op.x, line, w });
    }
  }
  const out = new Array(height);
  for (let y = 0; y < height; y++) {
    const pieces = rows[y];
    if (!pieces) {
      out[y] = '';
      continue;
    }
    if (pieces.length > 1) pieces.sort((a, b) => a.x - b.x);
    let text = '';
    let column = 0;
    for (const p of pieces) {
      if (p.x < column) return null; // overlapping writes: the later one wins cell by cell, so Ink's grid decides
      if (p.x > column) text += ' '.repeat(p.x - column);
      text += p.line;
      column = p.x + p.w;
    }
    out[y] = text.trimEnd();
  }
  void width; // rows are not cut at the width: Ink's grid grows past it too
  return { output: out.join('\n'), height };
}

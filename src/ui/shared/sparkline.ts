// One-line charts from block glyphs: a sparkline of recent history and a horizontal meter.
// Pure and width-exact, so table cells never jitter. Unknown values draw as a blank, never as
// a floor bar, because a blank says "no data" while ▁ says "idle".

const LEVELS = '▁▂▃▄▅▆▇█'; // 8 heights; U+2581..U+2588 (one column each, ambiguous East Asian width)
const EIGHTHS = ' ▏▎▍▌▋▊▉'; // partial cells for meters, left-aligned

export interface SparklineOptions {
  /** Value drawn as the lowest bar (default: 0, or the smallest value if negative). */
  min?: number;
  /** Value drawn as a full bar (default: the largest finite value). */
  max?: number;
}

const known = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * The last `width` values as bars, right-aligned (newest at the right edge) and padded with
 * blanks on the left when there are fewer values than columns. Values outside min..max clamp.
 */
export function sparkline(values: readonly (number | null)[], width: number, opts: SparklineOptions = {}): string {
  if (!(width > 0)) return '';
  const pts = values.length > width ? values.slice(values.length - width) : values;
  let lo = opts.min;
  let hi = opts.max;
  if (lo === undefined || hi === undefined) {
    let vmin = 0;
    let vmax = -Infinity;
    for (const v of pts) {
      if (!known(v)) continue;
      if (v < vmin) vmin = v;
      if (v > vmax) vmax = v;
    }
    lo ??= vmin;
    hi ??= vmax;
  }
  const span = hi - lo;
  let out = '';
  for (const v of pts) {
    if (!known(v)) out += ' ';
    else if (!(span > 0)) out += v > lo ? LEVELS[LEVELS.length - 1] : LEVELS[0];
    else {
      const f = Math.min(1, Math.max(0, (v - lo) / span));
      out += LEVELS[Math.round(f * (LEVELS.length - 1))];
    }
  }
  return out.padStart(width, ' ');
}

/**
 * Splits the window (end − windowMs, end] into `buckets` equal slots and keeps the largest
 * value per slot (spikes stay visible when a minute is squeezed into a few columns). Slots
 * without a known sample are null.
 */
export function bucketize(
  timestamps: readonly number[],
  values: readonly (number | null)[],
  end: number,
  windowMs: number,
  buckets: number,
): (number | null)[] {
  const out: (number | null)[] = new Array(Math.max(0, buckets)).fill(null);
  if (buckets <= 0 || !(windowMs > 0)) return out;
  const start = end - windowMs;
  const slot = windowMs / buckets;
  // History is oldest first: walk back from the newest and stop at the window's start.
  for (let i = Math.min(timestamps.length, values.length) - 1; i >= 0; i--) {
    const t = timestamps[i];
    if (t <= start) break;
    const v = values[i];
    if (t > end || !known(v)) continue;
    // Slots are right-closed like the window: (start, start + slot], …, (end − slot, end].
    const b = Math.min(buckets - 1, Math.max(0, Math.ceil((t - start) / slot) - 1));
    const cur = out[b];
    if (cur === null || v > cur) out[b] = v;
  }
  return out;
}

/** A horizontal meter of `width` cells filled to `fraction` (0..1) in eighths; blank when unknown. */
export function meter(fraction: number | null, width: number, empty = ' '): string {
  if (!(width > 0)) return '';
  if (!known(fraction)) return ' '.repeat(width);
  const eighths = Math.round(Math.min(1, Math.max(0, fraction)) * width * 8);
  const full = Math.floor(eighths / 8);
  const part = eighths % 8;
  let out = '█'.repeat(full);
  if (part > 0) out += EIGHTHS[part];
  return out + empty.repeat(width - out.length);
}

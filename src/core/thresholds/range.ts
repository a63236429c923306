// Nagios/Monitoring Plugins range expressions (monitoring-plugin-guidelines, "range expressions"):
// `[@][start:][end]`, both ends inclusive. `start` defaults to 0, an empty `end` means +∞ and a
// `~` start means −∞. Without `@` a value alerts when it lies OUTSIDE [start, end]; with `@`
// when it lies INSIDE. So `10` alerts above 10 (or below 0), `10:` below 10, `~:10` above 10,
// `10:20` outside 10..20 and `@10:20` inside it. An empty range and start > end are errors, as the
// guideline says (the classic C library accepted an empty string as 0..∞; we do not).

export class RangeSyntaxError extends Error {
  constructor(
    readonly input: string,
    readonly position: number,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'RangeSyntaxError';
  }
}

export interface NagiosRange {
  /** The text as given (without unit conversion), for messages. */
  readonly text: string;
  readonly start: number; // -Infinity for `~`
  readonly end: number; // +Infinity when omitted
  /** `@`: alert inside the range instead of outside. */
  readonly inside: boolean;
}

/** A number with an optional unit suffix the caller converts (e.g. `512MiB`, `80%`). */
export interface Quantity {
  readonly value: number;
  readonly unit: string;
}

const NUMBER = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))([A-Za-z%/]*)$/;

/** Parses one end of a range; `scale` turns a unit suffix into a multiplier (or throws). */
function parseEnd(text: string, at: number, input: string, scale: (unit: string) => number): number {
  const m = NUMBER.exec(text);
  if (!m) throw new RangeSyntaxError(input, at, `"${text}" is not a number`);
  const factor = scale(m[2]);
  if (Number.isNaN(factor)) throw new RangeSyntaxError(input, at + m[1].length, `unknown unit "${m[2]}"`);
  return Number(m[1]) * factor;
}

const noUnits = (unit: string): number => (unit === '' ? 1 : NaN);

/**
 * Parses `[@][start:][end]`. `scale(unit)` gives the multiplier of a unit suffix (NaN when the
 * unit is not allowed); by default only plain numbers are accepted.
 */
export function parseRange(input: string, scale: (unit: string) => number = noUnits): NagiosRange {
  if (input.trim() === '') throw new RangeSyntaxError(input, 0, 'empty range');
  let text = input;
  let offset = 0;
  const inside = text.startsWith('@');
  if (inside) {
    text = text.slice(1);
    offset = 1;
    if (text === '') throw new RangeSyntaxError(input, 1, 'nothing after @');
  }
  const colon = text.indexOf(':');
  let start = 0;
  let end = Infinity;
  if (colon < 0) end = parseEnd(text, offset, input, scale);
  else {
    const s = text.slice(0, colon);
    const e = text.slice(colon + 1);
    if (e.includes(':')) throw new RangeSyntaxError(input, offset + colon + 1 + e.indexOf(':'), 'more than one ":"');
    if (s === '~') start = -Infinity;
    else if (s !== '') start = parseEnd(s, offset, input, scale);
    if (e !== '') end = parseEnd(e, offset + colon + 1, input, scale);
  }
  if (start > end) throw new RangeSyntaxError(input, offset, `start ${start} is greater than end ${end}: the range is empty`);
  return { text: input, start, end, inside };
}

/** Whether a value raises the alert this range describes. */
export function alerts(range: NagiosRange, x: number): boolean {
  const within = x >= range.start && x <= range.end;
  return range.inside ? within : !within;
}

/**
 * True when no value in [lo, hi] (the field's possible values) can alert: e.g. `cpu=~:` or
 * `mem%=@101:`. Such a threshold is a mistake, and reported before any engine work.
 */
export function neverAlerts(range: NagiosRange, lo: number, hi: number): boolean {
  if (range.inside) return range.end < lo || range.start > hi;
  return range.start <= lo && range.end >= hi;
}

/** Plain decimal text: perfdata forbids exponents, and JS would print 1e-7 or 1e+21. */
export function plainNumber(x: number, maxDecimals = 6): string {
  if (!Number.isFinite(x)) return 'U';
  if (Number.isInteger(x)) return BigInt(x).toString();
  return x.toFixed(maxDecimals).replace(/\.?0+$/, '');
}

/** The range as perfdata's warn/crit field writes it, in the value's unit. */
export function perfRange(range: NagiosRange): string {
  const at = range.inside ? '@' : '';
  const s = range.start === -Infinity ? '~' : plainNumber(range.start);
  if (range.end === Infinity) return `${at}${s}:`;
  if (range.start === 0) return `${at}${plainNumber(range.end)}`;
  return `${at}${s}:${plainNumber(range.end)}`;
}

// Go-compatible number formatting, so our `--no-stream` table prints the same
// bytes as `docker stats`. JS `toFixed`/`toPrecision` round exact binary ties
// up and keep trailing zeros; Go rounds the exact decimal value half-to-even
// and `%g` strips zeros, so we round the exact expansion ourselves.

/** |x| = 0.<digits> × 10^dp; `digits` has no leading or trailing zeros ('' for zero). */
interface Decimal {
  readonly digits: string;
  readonly dp: number;
}

const ZERO: Decimal = { digits: '', dp: 0 };
const scratch = new DataView(new ArrayBuffer(8));

/**
 * Exact decimal expansion of |x| (x finite). A double is m × 2^e, and
 * m × 2^-k = m × 5^k / 10^k, so BigInt gives every digit for any double,
 * including the subnormals and >= 1e21 values that `toFixed(100)` can't.
 */
function exactDecimal(x: number): Decimal {
  scratch.setFloat64(0, Math.abs(x));
  const bits = scratch.getBigUint64(0);
  const biased = Number(bits >> 52n);
  const fraction = bits & 0xfffffffffffffn;
  if (biased === 0 && fraction === 0n) return ZERO;
  let mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  let exp2 = (biased === 0 ? 1 : biased) - 1075;
  // Dropping trailing zero bits keeps the BigInts small for round values.
  while ((mantissa & 1n) === 0n) {
    mantissa >>= 1n;
    exp2 += 1;
  }
  let text: string;
  let dp: number;
  if (exp2 >= 0) {
    text = (mantissa << BigInt(exp2)).toString();
    dp = text.length;
  } else {
    text = (mantissa * 5n ** BigInt(-exp2)).toString();
    dp = text.length + exp2;
  }
  return { digits: trimZeros(text), dp };
}

function trimZeros(digits: string): string {
  let end = digits.length;
  while (end > 0 && digits.charCodeAt(end - 1) === 48) end--;
  return digits.slice(0, end);
}

/** Keep `nd` significant digits, half-to-even on exact ties (Go `decimal.Round`). */
function roundDecimal(d: Decimal, nd: number): Decimal {
  if (nd < 0) return ZERO; // everything is below half a unit of the last kept place
  if (nd >= d.digits.length) return d;
  const next = d.digits.charCodeAt(nd) - 48;
  let up: boolean;
  if (next === 5 && nd + 1 === d.digits.length) {
    // Exactly halfway (digits are exact and trimmed): round to even.
    up = nd > 0 && (d.digits.charCodeAt(nd - 1) - 48) % 2 === 1;
  } else {
    up = next >= 5;
  }
  if (!up) return { digits: trimZeros(d.digits.slice(0, nd)), dp: d.dp };
  for (let i = nd - 1; i >= 0; i--) {
    const c = d.digits.charCodeAt(i);
    if (c < 57) return { digits: d.digits.slice(0, i) + String.fromCharCode(c + 1), dp: d.dp };
  }
  // All nines (or nd == 0): carry into a new leading digit.
  return { digits: '1', dp: d.dp + 1 };
}

function digitAt(d: Decimal, i: number): string {
  return i >= 0 && i < d.digits.length ? d.digits[i] : '0';
}

/** Go `fmtF`: `prec` digits after the point, zero-filled. */
function fixedText(d: Decimal, prec: number): string {
  let out = '';
  if (d.dp > 0) {
    const m = Math.min(d.digits.length, d.dp);
    out = d.digits.slice(0, m) + '0'.repeat(d.dp - m);
  } else {
    out = '0';
  }
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) out += digitAt(d, d.dp + i - 1);
  }
  return out;
}

/** Go `fmtE`: one leading digit, `prec` after the point, exponent with sign and >= 2 digits. */
function expText(d: Decimal, prec: number): string {
  let out = digitAt(d, 0);
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) out += digitAt(d, i);
  }
  const exp = d.digits.length === 0 ? 0 : d.dp - 1;
  const sign = exp < 0 ? '-' : '+';
  return `${out}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
}

function nonFinite(x: number): string | undefined {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  return undefined;
}

function isNegative(x: number): boolean {
  return x < 0 || Object.is(x, -0);
}

function checkPrecision(name: string, p: number): void {
  if (!Number.isInteger(p) || p < 0) throw new RangeError(`${name} must be a non-negative integer, got ${p}`);
}

/**
 * Go `fmt.Sprintf("%.<precision>g", x)`. Precision 0 means 1, as in Go.
 * Mirrors Go for every input: NaN -> "NaN", ±Infinity -> "+Inf"/"-Inf", -0 -> "-0".
 */
export function formatG(x: number, precision: number): string {
  checkPrecision('precision', precision);
  const special = nonFinite(x);
  if (special !== undefined) return special;
  const prec = precision === 0 ? 1 : precision;
  const d = roundDecimal(exactDecimal(x), prec);
  const nd = d.digits.length;
  // C's %e/%f choice on the rounded exponent. (Go's extra `eprec = nd` case
  // only applies when exp < nd, where it cannot change the outcome.)
  const exp = d.dp - 1;
  const sign = isNegative(x) ? '-' : '';
  if (exp < -4 || exp >= prec) return sign + expText(d, Math.min(prec, nd) - 1);
  const kept = prec > d.dp ? nd : prec;
  return sign + fixedText(d, Math.max(kept - d.dp, 0));
}

/**
 * Go `strconv.FormatFloat(x, 'f', digits, 64)`: half-to-even on exact ties
 * (0.125 -> "0.12"). Mirrors Go: NaN -> "NaN", ±Infinity -> "+Inf"/"-Inf",
 * and the sign survives rounding to zero (-0 -> "-0.00", -0.001 -> "-0.00").
 */
export function formatFixed(x: number, digits: number): string {
  checkPrecision('digits', digits);
  const special = nonFinite(x);
  if (special !== undefined) return special;
  const exact = exactDecimal(x);
  const d = roundDecimal(exact, exact.dp + digits);
  return (isNegative(x) ? '-' : '') + fixedText(d, digits);
}

const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'] as const;
const DECIMAL_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'] as const;

/** Shown for NaN/Infinity, which docker never formats: the project's "unknown" marker. */
export const NO_VALUE = '--';

/** Counters arrive as exact integers; like Go's float64(uint64), convert only here. */
function toFloat(n: number | bigint): number {
  const x = typeof n === 'bigint' ? Number(n) : n;
  return x === 0 ? 0 : x; // folds -0 into 0
}

/** go-units `getSizeAndUnit` + `%.<precision>g<unit>`; repeated division, as Go does it. */
function sizeWithUnit(n: number | bigint, base: number, units: readonly string[], precision: number): string {
  let size = toFloat(n);
  if (!Number.isFinite(size)) return NO_VALUE;
  let i = 0;
  while (size >= base && i < units.length - 1) {
    size /= base;
    i++;
  }
  return formatG(size, precision) + units[i];
}

/**
 * go-units `BytesSize`: base 1024, `%.4g`, no space ("5.629MiB"; "1024MiB" is possible).
 * NaN/Infinity -> "--"; -0 -> "0B"; other negatives print as Go would ("-5B").
 */
export function bytesSize(n: number | bigint): string {
  return sizeWithUnit(n, 1024, BINARY_UNITS, 4);
}

/**
 * go-units `HumanSizeWithPrecision`: base 1000, `%.<precision>g`, no space
 * ("2.28kB"; 999.5..1000 kB prints "1e+03kB"). Same edge cases as `bytesSize`.
 */
export function humanSize(n: number | bigint, precision = 3): string {
  return sizeWithUnit(n, 1000, DECIMAL_UNITS, precision);
}

/**
 * docker's `formatPercentage`: `FormatFloat(x, 'f', 2, 64) + "%"`.
 * NaN/Infinity -> "--"; -0 -> "0.00%"; other negatives print as Go would.
 */
export function percent(x: number): string {
  if (!Number.isFinite(x)) return NO_VALUE;
  return formatFixed(x === 0 ? 0 : x, 2) + '%';
}

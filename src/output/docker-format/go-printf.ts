// Go's fmt.Sprintf / fmt.Sprint for template values: the verbs people put in `printf` inside a
// `--format` (%s %v %q %d %x %f %e %g %t %c %%, flags `+ - # 0 space`, width and precision, `*`),
// including Go's in-band error texts (`%!d(string=web)`, `%!s(MISSING)`, `%!(EXTRA …)`).
import { formatFixed, formatG } from '../../core/metrics/go-format.js';
import { formatV, GoFloat, goShortestFloat, GoStruct, NO_VALUE, typeName, type GoValue } from './go-values.js';

interface Spec {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width: number | null;
  prec: number | null;
}

/** fmt.Sprint: operands separated by a space when neither side is a string. */
export function sprint(args: readonly GoValue[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += formatV(a);
  });
  return out;
}

/** strconv.Quote for the printable cases a container name or label can hold. */
export function goQuote(s: string): string {
  const named: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' };
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (named[ch]) out += named[ch];
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if ((c >= 0x80 && c < 0xa0) || c === 0xad || (c >= 0xd800 && c <= 0xdfff)) out += c >= 0xd800 ? '\\ufffd' : `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

function pad(s: string, spec: Spec, numeric: boolean): string {
  const len = [...s].length;
  if (spec.width === null || len >= spec.width) return s;
  const fill = spec.width - len;
  if (spec.minus) return s + ' '.repeat(fill);
  if (spec.zero && numeric) {
    const sign = /^[+\- ]/.test(s) ? s[0] : '';
    return sign + '0'.repeat(fill) + s.slice(sign.length);
  }
  return ' '.repeat(fill) + s;
}

function signed(text: string, negative: boolean, spec: Spec): string {
  if (negative) return `-${text}`;
  return spec.plus ? `+${text}` : spec.space ? ` ${text}` : text;
}

function badVerb(verb: string, v: GoValue): string {
  return v === null || v === NO_VALUE ? `%!${verb}(<nil>)` : `%!${verb}(${typeName(v)}=${formatV(v)})`;
}

function formatInt(n: number, verb: string, spec: Spec): string | null {
  const abs = Math.abs(n);
  const withPrec = (digits: string) => (spec.prec !== null ? digits.padStart(spec.prec, '0') : digits);
  switch (verb) {
    case 'v':
    case 'd':
      return pad(signed(withPrec(String(abs)), n < 0, spec), spec, true);
    case 'b':
      return pad(signed(withPrec(abs.toString(2)), n < 0, spec), spec, true);
    case 'o':
    case 'O':
      return pad(signed((verb === 'O' ? '0o' : spec.sharp ? '0' : '') + withPrec(abs.toString(8)), n < 0, spec), spec, true);
    case 'x':
    case 'X': {
      const hex = withPrec(verb === 'x' ? abs.toString(16) : abs.toString(16).toUpperCase());
      return pad(signed((spec.sharp ? (verb === 'x' ? '0x' : '0X') : '') + hex, n < 0, spec), spec, true);
    }
    case 'c':
      return pad(String.fromCodePoint(n), spec, false);
    case 'q':
      return pad(`'${goQuote(String.fromCodePoint(n)).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`, spec, false);
    case 'U':
      return pad(`U+${n.toString(16).toUpperCase().padStart(4, '0')}`, spec, false);
    default:
      return null;
  }
}

function formatFloat(x: number, verb: string, spec: Spec): string | null {
  const neg = x < 0 || Object.is(x, -0);
  const abs = Math.abs(x);
  let body: string;
  switch (verb) {
    case 'v':
    case 'g':
    case 'G':
      body = spec.prec === null ? goShortestFloat(abs) : formatG(abs, spec.prec);
      if (verb === 'G') body = body.toUpperCase();
      break;
    case 'e':
    case 'E': {
      const [m, e] = abs.toExponential(spec.prec ?? 6).split('e');
      body = `${m}e${e[0]}${e.slice(1).padStart(2, '0')}`;
      if (verb === 'E') body = body.toUpperCase();
      break;
    }
    case 'f':
    case 'F':
      body = formatFixed(abs, spec.prec ?? 6);
      break;
    default:
      return null;
  }
  if (!Number.isFinite(x)) return pad(Number.isNaN(x) ? 'NaN' : signed('Inf', x < 0, { ...spec, plus: true }), spec, false);
  return pad(signed(body, neg, spec), spec, true);
}

function formatString(s: string, verb: string, spec: Spec): string | null {
  const cut = spec.prec !== null ? [...s].slice(0, spec.prec).join('') : s;
  switch (verb) {
    case 'v':
    case 's':
      return pad(cut, spec, false);
    case 'q':
      return pad(goQuote(cut), spec, false);
    case 'x':
    case 'X': {
      const hex = [...Buffer.from(cut, 'utf8')].map((b) => b.toString(16).padStart(2, '0')).join(spec.space ? ' ' : '');
      return pad(verb === 'X' ? hex.toUpperCase() : hex, spec, false);
    }
    default:
      return null;
  }
}

function formatOne(v: GoValue, verb: string, spec: Spec): string {
  let out: string | null = null;
  if (typeof v === 'string') out = formatString(v, verb, spec);
  else if (typeof v === 'number') out = formatInt(v, verb, spec);
  else if (v instanceof GoFloat) out = formatFloat(v.v, verb, spec);
  else if (typeof v === 'boolean') out = verb === 'v' || verb === 't' ? pad(String(v), spec, false) : null;
  else if (v === null || v === NO_VALUE) out = verb === 'v' ? pad('<nil>', spec, false) : null;
  else if (v instanceof GoStruct) out = verb === 'v' || verb === 's' ? pad(formatV(v), spec, false) : null;
  else if (v instanceof Map) return `map[${[...v.keys()].sort().map((k) => `${formatOne(k, verb, spec)}:${formatOne(v.get(k)!, verb, spec)}`).join(' ')}]`;
  else return `[${(v as readonly string[]).map((e) => formatOne(e, verb, spec)).join(' ')}]`;
  return out ?? badVerb(verb, v);
}

/** fmt.Sprintf over template values. */
export function goSprintf(format: string, args: readonly GoValue[]): string {
  let out = '';
  let argNum = 0;
  const chars = [...format];
  let i = 0;
  const star = (): number | null => {
    const a = args[argNum++];
    return typeof a === 'number' ? a : null;
  };
  while (i < chars.length) {
    const ch = chars[i++];
    if (ch !== '%') {
      out += ch;
      continue;
    }
    const spec: Spec = { plus: false, minus: false, sharp: false, space: false, zero: false, width: null, prec: null };
    for (; i < chars.length && '+-# 0'.includes(chars[i]); i++) {
      const f = chars[i];
      if (f === '+') spec.plus = true;
      else if (f === '-') spec.minus = true;
      else if (f === '#') spec.sharp = true;
      else if (f === ' ') spec.space = true;
      else spec.zero = true;
    }
    if (chars[i] === '*') {
      i++;
      spec.width = star();
      if (spec.width !== null && spec.width < 0) {
        spec.minus = true;
        spec.width = -spec.width;
      }
    } else {
      let w = '';
      while (/[0-9]/.test(chars[i] ?? '')) w += chars[i++];
      if (w) spec.width = Number(w);
    }
    if (chars[i] === '.') {
      i++;
      if (chars[i] === '*') {
        i++;
        spec.prec = star();
      } else {
        let p = '';
        while (/[0-9]/.test(chars[i] ?? '')) p += chars[i++];
        spec.prec = Number(p || '0');
      }
    }
    if (i >= chars.length) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = chars[i++];
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argNum >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    if (verb === 'T') {
      const a = args[argNum++];
      out += pad(a === null ? '<nil>' : typeName(a), spec, false);
      continue;
    }
    out += formatOne(args[argNum++], verb, spec);
  }
  if (argNum < args.length) {
    out += `%!(EXTRA ${args.slice(argNum).map((a) => (a === null ? '<nil>' : `${typeName(a)}=${formatV(a)}`)).join(', ')})`;
  }
  return out;
}

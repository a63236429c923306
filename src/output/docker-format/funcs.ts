// The functions a docker `--format` template can call: text/template's built-ins and docker's own
// (docker/cli templates/templates.go): json, split, join, title, lower, upper, pad, truncate.
// Parameters are typed as in Go, so `{{upper 3}}` fails as it does in docker rather than guessing.
import { formatV, GoFloat, goJson, NO_VALUE, truth, typeName, type GoValue } from './go-values.js';
import { goSprintf, sprint } from './go-printf.js';

export type ParamType = 'string' | 'int' | 'any' | '[]string';

export interface GoFunc {
  readonly params: readonly ParamType[];
  /** The type of every argument after `params`, when the function is variadic. */
  readonly variadic?: ParamType;
  readonly call: (args: GoValue[]) => GoValue;
}

/** A call that failed at run time; the evaluator adds the position. */
export class FuncError extends Error {}

const fn = (params: ParamType[], call: (args: GoValue[]) => GoValue, variadic?: ParamType): GoFunc => ({ params, call, variadic });

const utf8 = (s: string) => Buffer.from(s, 'utf8');

/** strings.Title: upper-case the first letter after every separator (ASCII: anything but [A-Za-z0-9_]). */
function title(s: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    const sep = /[\x00-\x7f]/.test(prev) ? !/[A-Za-z0-9_]/.test(prev) : /\s/u.test(prev);
    out += sep ? oneRune(ch, ch.toUpperCase()) : ch;
    prev = ch;
  }
  return out;
}

/** Go maps case rune by rune: a JS mapping that expands (ß → SS) leaves the rune alone. */
const oneRune = (ch: string, mapped: string) => ([...mapped].length === 1 ? mapped : ch);
const mapRunes = (s: string, f: (c: string) => string) => [...s].map((c) => oneRune(c, f(c))).join('');

function compareBasic(name: string, a: GoValue, b: GoValue): number {
  const kind = (v: GoValue) => (typeof v === 'number' ? 'int' : v instanceof GoFloat ? 'float' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : 'other');
  const ka = kind(a);
  const kb = kind(b);
  if (ka === 'other' || kb === 'other') throw new FuncError(`invalid type for comparison`);
  if (ka !== kb) throw new FuncError('incompatible types for comparison');
  if (ka === 'bool') {
    if (name !== 'eq' && name !== 'ne') throw new FuncError('invalid type for comparison');
    return a === b ? 0 : 1;
  }
  const x = a instanceof GoFloat ? a.v : (a as number | string);
  const y = b instanceof GoFloat ? b.v : (b as number | string);
  return x < y ? -1 : x > y ? 1 : 0;
}

function index(args: GoValue[]): GoValue {
  let v = args[0];
  for (const key of args.slice(1)) {
    if (v instanceof Map) {
      if (typeof key !== 'string') throw new FuncError(`value has type ${typeName(key)}; should be string`);
      v = v.has(key) ? v.get(key)! : ''; // a missing key gives the zero value
    } else if (typeof v === 'string' || Array.isArray(v)) {
      if (typeof key !== 'number') throw new FuncError(`cannot index slice/array with type ${typeName(key)}`);
      const len = typeof v === 'string' ? utf8(v).length : v.length;
      if (key < 0 || key >= len) throw new FuncError(`index out of range: ${key}`);
      v = typeof v === 'string' ? utf8(v)[key] : (v as readonly string[])[key];
    } else if (v === null || v === NO_VALUE) throw new FuncError('index of untyped nil');
    else throw new FuncError(`can't index item of type ${typeName(v)}`);
  }
  return v;
}

function slice(args: GoValue[]): GoValue {
  const v = args[0];
  if (typeof v !== 'string' && !Array.isArray(v)) throw new FuncError(`can't slice item of type ${typeName(v)}`);
  const len = typeof v === 'string' ? utf8(v).length : v.length;
  const [from = 0, to = len] = args.slice(1) as number[];
  if (args.length > 3) throw new FuncError('too many slice indexes');
  if (from < 0 || to > len || from > to) throw new FuncError(`index out of range: ${from > to ? from : to}`);
  return typeof v === 'string' ? utf8(v).subarray(from, to).toString('utf8') : (v as readonly string[]).slice(from, to);
}

function lengthOf(v: GoValue): number {
  if (typeof v === 'string') return utf8(v).length;
  if (Array.isArray(v)) return v.length;
  if (v instanceof Map) return v.size;
  throw new FuncError(`len of type ${typeName(v)}`);
}

/** The argument as Go's evalArgs gives it to html/js/urlquery: the string itself, else fmt.Sprint. */
const argText = (args: GoValue[]) => (args.length === 1 && typeof args[0] === 'string' ? args[0] : sprint(args));

function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) => ({ '\0': '\ufffd', '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
}

function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\' || ch === "'" || ch === '"') out += `\\${ch}`;
    else if ('<>&='.includes(ch)) out += `\\u00${c.toString(16).toUpperCase()}`;
    else if (c < 0x20) out += `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}

const queryEscape = (s: string) => encodeURIComponent(s).replace(/%20/g, '+').replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const compare = (name: string, test: (c: number) => boolean) =>
  fn(['any', 'any'], ([a, b]) => test(compareBasic(name, a, b)));

/** text/template built-ins (and, or are evaluated lazily by the evaluator) plus docker's functions. */
export const FUNCS: ReadonlyMap<string, GoFunc> = new Map<string, GoFunc>([
  ['and', fn(['any'], (a) => a.find((v) => !truth(v)) ?? a[a.length - 1], 'any')],
  ['or', fn(['any'], (a) => a.find((v) => truth(v)) ?? a[a.length - 1], 'any')],
  ['not', fn(['any'], ([v]) => !truth(v))],
  ['len', fn(['any'], ([v]) => lengthOf(v))],
  ['index', fn(['any'], index, 'any')],
  ['slice', fn(['any'], slice, 'int')],
  ['print', fn([], (a) => sprint(a), 'any')],
  ['printf', fn(['string'], ([f, ...a]) => goSprintf(f as string, a), 'any')],
  ['println', fn([], (a) => `${a.map(formatV).join(' ')}\n`, 'any')],
  ['html', fn([], (a) => htmlEscape(argText(a)), 'any')],
  ['js', fn([], (a) => jsEscape(argText(a)), 'any')],
  ['urlquery', fn([], (a) => queryEscape(argText(a)), 'any')],
  ['eq', fn(['any'], ([a, ...bs]) => {
    if (bs.length === 0) throw new FuncError('missing argument for comparison');
    return bs.some((b) => compareBasic('eq', a, b) === 0);
  }, 'any')],
  ['ne', compare('ne', (c) => c !== 0)],
  ['lt', compare('lt', (c) => c < 0)],
  ['le', compare('le', (c) => c <= 0)],
  ['gt', compare('gt', (c) => c > 0)],
  ['ge', compare('ge', (c) => c >= 0)],
  ['call', fn(['any'], () => {
    throw new FuncError('call of non-function');
  }, 'any')],
  // docker's
  ['json', fn(['any'], ([v]) => goJson(v, false))],
  ['split', fn(['string', 'string'], ([s, sep]) => {
    if (sep === '') return [...(s as string)];
    return (s as string).split(sep as string);
  })],
  ['join', fn(['[]string', 'string'], ([a, sep]) => (a as readonly string[]).join(sep as string))],
  ['title', fn(['string'], ([s]) => title(s as string))],
  ['lower', fn(['string'], ([s]) => mapRunes(s as string, (c) => c.toLowerCase()))],
  ['upper', fn(['string'], ([s]) => mapRunes(s as string, (c) => c.toUpperCase()))],
  ['pad', fn(['string', 'int', 'int'], ([s, l, r]) => {
    if (s === '') return s;
    if ((l as number) < 0 || (r as number) < 0) throw new FuncError('strings: negative Repeat count');
    return ' '.repeat(l as number) + (s as string) + ' '.repeat(r as number);
  })],
  ['truncate', fn(['string', 'int'], ([s, n]) => {
    const b = utf8(s as string);
    if (b.length < (n as number)) return s;
    if ((n as number) < 0) throw new FuncError(`slice bounds out of range [:${n as number}]`);
    return b.subarray(0, n as number).toString('utf8'); // by bytes, as docker does
  })],
]);

/**
 * docker's HeaderFunctions: in a `table` template's header pass these return their first argument
 * (so the header shows column names), with Go-typed parameters; `pad` keeps its real behaviour.
 */
export const HEADER_FUNCS: ReadonlyMap<string, GoFunc> = new Map<string, GoFunc>([
  ...FUNCS,
  ['json', fn(['string'], ([v]) => v)],
  ['split', fn(['string', 'string'], ([v]) => v)],
  ['join', fn(['string', 'string'], ([v]) => v)],
  ['title', fn(['string'], ([v]) => v)],
  ['lower', fn(['string'], ([v]) => v)],
  ['upper', fn(['string'], ([v]) => v)],
  ['truncate', fn(['string', 'int'], ([v]) => v)],
]);

// InfluxDB line protocol: `measurement,tag=v field=1i,f=0.5,s="x" <ns>` (reference
// export-and-fleet §3.1–3.2). Escaping follows Telegraf's serializer, the de-facto reference:
// tags sorted by key, empty tags and NaN/±Inf fields left out, floats never in exponent form,
// TAB/LF/FF/CR written as the two characters `\t` `\n` `\f` `\r`, other controls dropped.

export type FieldValue = { int: number } | number | string | boolean;

export interface Point {
  measurement: string;
  tags: Record<string, string>;
  /** A number is a float; `{ int: n }` an integer (`ni`); strings and booleans as they are. */
  fields: Record<string, FieldValue | null | undefined>;
  /** Milliseconds since the epoch; written as nanoseconds. */
  timeMs: number;
}

const WHITESPACE: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' };
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g;

function whitespace(s: string): string {
  return s.replace(CONTROL, '').replace(/[\t\n\f\r]/g, (c) => WHITESPACE[c]);
}

export function escapeMeasurement(s: string): string {
  return whitespace(s).replace(/[, ]/g, (c) => `\\${c}`);
}

/** Tag keys and values, and field keys: comma, `=` and space. A trailing backslash would escape the separator after it, so it goes. */
export function escapeKey(s: string): string {
  return whitespace(s).replace(/\\+$/, '').replace(/[,= ]/g, (c) => `\\${c}`);
}

export function escapeStringField(s: string): string {
  return `"${whitespace(s).replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** Shortest decimal form, never an exponent (Go's 'f' with precision -1, as Telegraf writes). */
export function formatFloat(v: number): string {
  const s = String(v);
  if (!s.includes('e')) return s;
  const [mant, expText] = s.split('e');
  const exp = Number(expText);
  const negative = mant.startsWith('-');
  const digits = mant.replace(/^-/, '').replace('.', '');
  const pointAt = (mant.replace(/^-/, '').indexOf('.') === -1 ? mant.replace(/^-/, '').length : mant.replace(/^-/, '').indexOf('.')) + exp;
  let out: string;
  if (pointAt <= 0) out = `0.${'0'.repeat(-pointAt)}${digits}`;
  else if (pointAt >= digits.length) out = digits + '0'.repeat(pointAt - digits.length);
  else out = `${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
  return (negative ? '-' : '') + out;
}

/** `12i`; exact for every integer a double holds (counters below 2^53). */
export function formatInt(v: number): string {
  return `${BigInt(Math.trunc(v)).toString()}i`;
}

function formatField(v: FieldValue): string | null {
  if (typeof v === 'number') return Number.isFinite(v) ? formatFloat(v) : null;
  if (typeof v === 'string') return escapeStringField(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return Number.isFinite(v.int) ? formatInt(v.int) : null;
}

/** One line, `\n`-terminated; '' when no field has a value (InfluxDB rejects a point without fields). */
export function formatPoint(p: Point): string {
  let fields = '';
  for (const [k, v] of Object.entries(p.fields)) {
    if (v === null || v === undefined) continue;
    const text = formatField(v);
    if (text === null) continue;
    const key = escapeKey(k);
    if (key) fields += `${fields ? ',' : ''}${key}=${text}`;
  }
  if (!fields) return '';
  let tags = '';
  // Sorted by key (byte order), as InfluxDB prefers; keys starting with `_` are reserved there.
  for (const k of Object.keys(p.tags).sort()) {
    const key = escapeKey(k);
    const value = escapeKey(p.tags[k] ?? '');
    if (!key || !value || key.startsWith('_')) continue;
    tags += `,${key}=${value}`;
  }
  return `${escapeMeasurement(p.measurement)}${tags} ${fields} ${Math.round(p.timeMs)}000000\n`;
}

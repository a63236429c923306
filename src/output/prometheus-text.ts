// Prometheus exposition: the text format 0.0.4 and OpenMetrics 1.0 from one family model.
// Label values, names and HELP text are user data (container names, labels, images): escaped
// here, once, for both formats. Families are written contiguously, HELP/TYPE first, in the
// order given; the caller drops empty families.

export type MetricType = 'counter' | 'gauge';

/** One series: a pre-rendered label block (see `labelBlock`) and its value. */
export interface Series {
  labels: string; // '' or 'a="x",b="y"' (no braces)
  value: number;
}

export interface Family {
  name: string; // sample name; counters end in _total
  help: string;
  type: MetricType;
  /** OpenMetrics UNIT; written only when the metadata name ends in `_<unit>`. */
  unit?: 'seconds' | 'bytes' | 'ratio';
  series: Series[];
}

export type ExpositionFormat = 'text' | 'openmetrics';

export const TEXT_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
export const OPENMETRICS_CONTENT_TYPE = 'application/openmetrics-text; version=1.0.0; charset=utf-8';

// C0 controls and DEL other than LF: LF is escaped as `\n`; the rest have no escape in either
// format and would reach dashboards and terminals raw, so they are dropped.
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f]/g;
const NEEDS_ESCAPE = /[\\"\n\u0000-\u001f\u007f]/;

/** A label value between double quotes: `\` → `\\`, `"` → `\"`, LF → `\n`, other controls removed. */
export function escapeLabelValue(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(CONTROL, '').replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** HELP text: text 0.0.4 escapes `\` and LF only; OpenMetrics also `"`. */
export function escapeHelp(text: string, format: ExpositionFormat): string {
  let out = text.replace(CONTROL, '').replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
  if (format === 'openmetrics') out = out.replace(/"/g, '\\"');
  return out;
}

/**
 * A label name from arbitrary text (a container label key): every character outside
 * `[a-zA-Z0-9_]` becomes `_`, and a leading digit gets a `_` in front. `__` prefixes are
 * reserved by Prometheus, so a result starting with them keeps only one underscore.
 */
export function sanitizeLabelName(text: string): string {
  let out = text.replace(/[^a-zA-Z0-9_]/g, '_');
  if (out === '' || /^[0-9]/.test(out)) out = `_${out}`;
  while (out.startsWith('__')) out = out.slice(1);
  return out;
}

/** `k="v",…` for label pairs whose names are already valid; empty values are kept (empty = absent). */
export function labelBlock(pairs: readonly (readonly [string, string])[]): string {
  let out = '';
  for (const [k, v] of pairs) out += `${out ? ',' : ''}${k}="${escapeLabelValue(v)}"`;
  return out;
}

/**
 * A sample value. Integers print without a point or exponent up to 2^53 (counters stay exact),
 * other finite numbers in JS shortest form (`1e-7`, valid for Go's ParseFloat), and the special
 * values as both formats spell them.
 */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (Object.is(v, -0)) return '0';
  return String(v);
}

/** The family's name in OpenMetrics metadata: counters without their `_total`. */
function metadataName(f: Family, format: ExpositionFormat): string {
  return format === 'openmetrics' && f.type === 'counter' && f.name.endsWith('_total') ? f.name.slice(0, -6) : f.name;
}

export function writeExposition(families: readonly Family[], format: ExpositionFormat): string {
  const parts: string[] = [];
  for (const f of families) {
    if (f.series.length === 0) continue;
    const meta = metadataName(f, format);
    if (format === 'openmetrics') {
      parts.push(`# TYPE ${meta} ${f.type === 'counter' && meta === f.name ? 'unknown' : f.type}\n`);
      if (f.unit && meta.endsWith(`_${f.unit}`)) parts.push(`# UNIT ${meta} ${f.unit}\n`);
      parts.push(`# HELP ${meta} ${escapeHelp(f.help, format)}\n`);
    } else {
      parts.push(`# HELP ${meta} ${escapeHelp(f.help, format)}\n# TYPE ${meta} ${f.type}\n`);
    }
    for (const s of f.series) parts.push(`${f.name}${s.labels ? `{${s.labels}}` : ''} ${formatValue(s.value)}\n`);
  }
  if (format === 'openmetrics') parts.push('# EOF\n');
  return parts.join('');
}

/**
 * Content negotiation on the Accept header: OpenMetrics when it is listed with a weight above
 * the text format's (Prometheus sends it first, q=0.5 against text's 0.2 for 0.0.4 on 2.x);
 * otherwise text 0.0.4, which every scraper accepts.
 */
export function negotiateFormat(accept: string | undefined): ExpositionFormat {
  if (!accept || !accept.includes('application/openmetrics-text')) return 'text';
  let om = -1;
  let text = -1;
  for (const part of accept.split(',')) {
    const [type, ...params] = part.trim().split(';').map((s) => s.trim());
    const qParam = params.find((p) => p.startsWith('q='));
    const qv = qParam ? Number(qParam.slice(2)) : 1;
    const version = params.find((p) => p.startsWith('version='))?.slice(8);
    if (type === 'application/openmetrics-text' && (version === undefined || version.startsWith('1.') || version.startsWith('0.0.1'))) om = Math.max(om, qv);
    else if (type === 'text/plain') text = Math.max(text, qv);
  }
  return om > 0 && om >= text ? 'openmetrics' : 'text';
}

// The values a Go template sees, modelled just far enough for docker's `--format`: strings, ints,
// float64s, bools, nil, []string (from `split`), map[string]string (labels, the table header) and
// the per-row stats struct. Go prints them with fmt's %v and encodes them with encoding/json; both
// are reproduced here, because scripts compare their bytes.

/** A float64. Plain JS numbers are Go ints (template number literals without '.', 'e', 'p'). */
export class GoFloat {
  constructor(readonly v: number) {}
}

/** A struct-like receiver (docker's `*container.statsContext`): named fields computed on demand. */
export class GoStruct {
  constructor(
    readonly typeName: string,
    readonly fields: ReadonlyMap<string, () => GoValue>,
    /** What `{{json .}}` encodes (docker's MarshalJSON: only its own methods, not our extras). */
    readonly jsonKeys: readonly string[],
    /** What `{{.}}` prints: Go's %v of the struct's own fields. */
    readonly goString?: () => string,
  ) {}
}

/** A map lookup that found nothing: text/template prints `<no value>`. */
export const NO_VALUE = Symbol('no value');

export type GoValue = string | number | boolean | GoFloat | null | readonly string[] | ReadonlyMap<string, string> | GoStruct | typeof NO_VALUE;

export function typeName(v: GoValue): string {
  if (v === null) return 'nil';
  if (v === NO_VALUE) return 'invalid value';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'int';
  if (typeof v === 'boolean') return 'bool';
  if (v instanceof GoFloat) return 'float64';
  if (v instanceof GoStruct) return v.typeName;
  if (v instanceof Map) return 'map[string]string';
  return '[]string';
}

/** text/template's truth: false, 0, nil and empty strings, slices and maps are false. */
export function truth(v: GoValue): boolean {
  if (v === null || v === NO_VALUE) return false;
  if (typeof v === 'string') return v.length > 0;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'boolean') return v;
  if (v instanceof GoFloat) return v.v !== 0;
  if (v instanceof GoStruct) return true;
  if (v instanceof Map) return v.size > 0;
  return (v as readonly string[]).length > 0;
}

/** Go's shortest `%v`/`%g` of a float64 (strconv 'g', precision -1: exponent form below 1e-4 or from 1e+06). */
export function goShortestFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [mant, expText] = x.toExponential().split('e'); // shortest round-trip digits
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(x); // JS and Go agree on the plain form in this exponent range
}

const structText = (v: GoStruct): string => (v.goString ? v.goString() : `{${v.jsonKeys.map((k) => formatV(v.fields.get(k)!())).join(' ')}}`);

/** fmt's `%v` (what `{{.X}}`, `print` and `printf "%v"` write). */
export function formatV(v: GoValue): string {
  if (v === null) return '<nil>';
  if (v === NO_VALUE) return '<no value>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof GoFloat) return goShortestFloat(v.v);
  // fmt prints a pointer to a struct as &{…}; a template action dereferences it first (printValue).
  if (v instanceof GoStruct) return `&${structText(v)}`;
  if (v instanceof Map) return `map[${[...v.keys()].sort().map((k) => `${k}:${v.get(k)}`).join(' ')}]`;
  return `[${(v as readonly string[]).join(' ')}]`;
}

/** What a template action writes: `<no value>` for a missing map key or a nil value, else %v. */
export function printValue(v: GoValue): string {
  if (v instanceof GoStruct) return structText(v);
  return v === null ? '<no value>' : formatV(v);
}

// ---- encoding/json ----

function jsonString(s: string, escapeHTML: boolean): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c < 0x20) {
      out += ch === '\n' ? '\\n' : ch === '\r' ? '\\r' : ch === '\t' ? '\\t' : `\\u${c.toString(16).padStart(4, '0')}`;
    } else if (escapeHTML && (ch === '<' || ch === '>' || ch === '&')) out += `\\u00${c.toString(16)}`;
    else if (c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16)}`;
    else if (c >= 0xd800 && c <= 0xdfff) out += '\ufffd'; // a lone surrogate is invalid UTF-8 to Go
    else out += ch;
  }
  return `${out}"`;
}

/** encoding/json's float64: 'f' form unless the exponent is < -6 or >= 21, like JS's String(). */
function jsonFloat(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`json: unsupported value: ${goShortestFloat(x)}`);
  return String(x === 0 ? 0 : x);
}

/**
 * Go's encoding/json. `escapeHTML` is off for docker's `json` function, but docker's stats struct
 * encodes itself through json.Marshal, which escapes `<`, `>` and `&` inside its values.
 */
export function goJson(v: GoValue, escapeHTML: boolean): string {
  if (v === null || v === NO_VALUE) return 'null';
  if (typeof v === 'string') return jsonString(v, escapeHTML);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof GoFloat) return jsonFloat(v.v);
  if (v instanceof GoStruct) {
    const keys = [...v.jsonKeys].sort();
    return `{${keys.map((k) => `${jsonString(k, true)}:${goJson(v.fields.get(k)!(), true)}`).join(',')}}`;
  }
  if (v instanceof Map) {
    const keys = [...v.keys()].sort();
    return `{${keys.map((k) => `${jsonString(k, escapeHTML)}:${jsonString(v.get(k)!, escapeHTML)}`).join(',')}}`;
  }
  return `[${(v as readonly string[]).map((s) => jsonString(s, escapeHTML)).join(',')}]`;
}

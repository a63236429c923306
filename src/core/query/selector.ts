// Label selectors in the style of Kubernetes, parsed once into a predicate over ContainerInfo.
//
//   selector := term (',' term)*            comma = AND; an empty selector matches everything
//   term     := key ('=' | '==') value       label equals
//             | key '!=' value               label absent or different
//             | key                          label present
//             | '!' key                      label absent
//             | key 'in' '(' values ')'      label is one of
//             | key 'notin' '(' values ')'   label absent or none of
//             | ('name' | 'image') '~' regex container name / image matches (case-insensitive)
//   values   := value (',' value)*
//   key, value := bare word | "quoted" | 'quoted'
//
// Filter text with no operator at all (see `parseFilter`) is free text instead: a
// case-insensitive substring of the name, image or ID.
import { SelectorError, SelectorLexer, type Token } from './selector-lexer.js';
import type { ContainerInfo, ContainerRow } from '../model/types.js';

export { SelectorError } from './selector-lexer.js';

export type SelectorTerm =
  | { readonly op: 'exists' | 'not-exists'; readonly key: string }
  | { readonly op: 'eq' | 'neq'; readonly key: string; readonly value: string }
  | { readonly op: 'in' | 'notin'; readonly key: string; readonly values: readonly string[] }
  | { readonly op: 'match'; readonly field: 'name' | 'image'; readonly pattern: RegExp }
  | { readonly op: 'text'; readonly text: string }; // lower-cased

export interface Selector {
  readonly source: string;
  readonly terms: readonly SelectorTerm[];
  matches(info: ContainerInfo): boolean;
}

/** Parse a label selector (`-l`). A bare word is a label key ("has the label"), never free text. */
export function parseSelector(source: string): Selector {
  return fromTerms(source, new Parser(source).parse());
}

/**
 * Parse filter text (`-f`, the `/` prompt): a selector when it contains an operator character
 * (`= ! ~ ( ) ,` outside quotes), otherwise free text. Free text wrapped in quotes is unquoted.
 */
export function parseFilter(text: string): Selector {
  if (hasOperator(text)) return parseSelector(text);
  let needle = text.trim();
  if (needle.length >= 2 && (needle[0] === '"' || needle[0] === "'") && needle.endsWith(needle[0])) {
    needle = needle.slice(1, -1);
  }
  return fromTerms(text, needle === '' ? [] : [{ op: 'text', text: needle.toLowerCase() }]);
}

export function hasOperator(text: string): boolean {
  let quote: string | null = null;
  for (const ch of text) {
    if (quote !== null) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if ('=!~(),'.includes(ch)) {
      return true;
    }
  }
  return false;
}

/** Repeated `-l` (and `-f`) options: every selector must match. */
export function combineSelectors(selectors: readonly Selector[]): Selector {
  if (selectors.length === 1) return selectors[0];
  return fromTerms(
    selectors.map((s) => s.source).join(', '),
    selectors.flatMap((s) => s.terms),
  );
}

export function filterRows(rows: readonly ContainerRow[], selector: Selector): ContainerRow[] {
  return rows.filter((row) => selector.matches(row.info));
}

/** `filters` for `/containers/json` and `/events`, as the engine's JSON `map[string][]string`. */
export interface EngineFilters {
  label?: string[];
}

// /events matches `label` filters against Actor.Attributes, where the daemon's own `name` and
// `image` overwrite labels of the same key; sending those could drop events we want.
// `host` is the engine a row came from (several engines), which no engine knows as a label.
const ENGINE_UNSAFE_KEYS = new Set(['name', 'image', 'host']);

/**
 * The part of the selectors the engine can apply itself (`key` and `key=value`, ANDed, exact,
 * as ours), so large hosts send less. It only narrows what arrives: the local predicate still
 * applies every term, so correctness never depends on the engine.
 */
export function engineFilters(selectors: readonly Selector[]): EngineFilters {
  const label = new Set<string>();
  for (const term of selectors.flatMap((s) => s.terms)) {
    if (!('key' in term) || term.key === '' || term.key.includes('=') || ENGINE_UNSAFE_KEYS.has(term.key)) continue;
    if (term.op === 'exists') label.add(term.key);
    else if (term.op === 'eq') label.add(`${term.key}=${term.value}`);
    else if (term.op === 'in' && term.values.length === 1) label.add(`${term.key}=${term.values[0]}`);
  }
  return label.size > 0 ? { label: [...label] } : {};
}

function fromTerms(source: string, terms: readonly SelectorTerm[]): Selector {
  return { source, terms, matches: (info) => terms.every((t) => matchTerm(t, info)) };
}

function matchTerm(term: SelectorTerm, info: ContainerInfo): boolean {
  switch (term.op) {
    case 'text':
      return [info.name, info.image, info.id].some((s) => s.toLowerCase().includes(term.text));
    case 'match':
      return term.pattern.test(term.field === 'name' ? info.name : info.image);
  }
  // `host` names the engine when several are watched (`host=prod`); with one it is a label key.
  // Own properties only: a key like "constructor" must not find Object.prototype's.
  const value =
    term.key === 'host' && info.host !== undefined ? info.host : Object.hasOwn(info.labels, term.key) ? info.labels[term.key] : undefined;
  switch (term.op) {
    case 'exists':
      return value !== undefined;
    case 'not-exists':
      return value === undefined;
    case 'eq':
      return value === term.value;
    case 'neq':
      return value !== term.value;
    case 'in':
      return value !== undefined && term.values.includes(value);
    case 'notin':
      return value === undefined || !term.values.includes(value);
  }
}

const isKey = (t: Token): boolean => t.kind === 'word' || t.kind === 'string';
const isOp = (t: Token, ...ops: string[]): boolean => t.kind === 'op' && ops.includes(t.text);

class Parser {
  private readonly lexer: SelectorLexer;

  constructor(source: string) {
    this.lexer = new SelectorLexer(source);
  }

  parse(): SelectorTerm[] {
    const terms: SelectorTerm[] = [];
    if (this.lexer.peek().kind === 'eof') return terms;
    for (;;) {
      terms.push(this.term());
      const t = this.lexer.next();
      if (t.kind === 'eof') return terms;
      if (!isOp(t, ',')) throw this.lexer.error(t.start, "expected ',' or end of selector");
    }
  }

  private term(): SelectorTerm {
    const first = this.lexer.next();
    if (isOp(first, '!')) return { op: 'not-exists', key: this.key("expected a label key after '!'") };
    if (!isKey(first)) throw this.lexer.error(first.start, 'expected a label key');
    const key = first.text;
    const t = this.lexer.peek();
    if (isOp(t, '=', '==', '!=')) {
      this.lexer.next();
      return { op: t.text === '!=' ? 'neq' : 'eq', key, value: this.value() };
    }
    if (isOp(t, '~')) {
      if (key !== 'name' && key !== 'image') throw this.lexer.error(first.start, "'~' applies only to name or image");
      this.lexer.next();
      return { op: 'match', field: key, pattern: this.regex() };
    }
    if (t.kind === 'word' && (t.text === 'in' || t.text === 'notin')) {
      this.lexer.next();
      return { op: t.text, key, values: this.set(t.text) };
    }
    return { op: 'exists', key };
  }

  private key(reason: string): string {
    const t = this.lexer.next();
    if (!isKey(t)) throw this.lexer.error(t.start, reason);
    return t.text;
  }

  /** `key=` with nothing after it compares with the empty value, as Kubernetes does. */
  private value(): string {
    const t = this.lexer.peek();
    if (t.kind === 'eof' || isOp(t, ',')) return '';
    if (!isKey(t)) throw this.lexer.error(t.start, 'expected a value');
    this.lexer.next();
    return t.text;
  }

  private set(keyword: string): string[] {
    const open = this.lexer.next();
    if (!isOp(open, '(')) throw this.lexer.error(open.start, `expected '(' after '${keyword}'`);
    const values: string[] = [];
    for (;;) {
      const v = this.lexer.next();
      if (!isKey(v)) throw this.lexer.error(v.start, v.kind === 'eof' ? "expected a value and ')'" : 'expected a value');
      values.push(v.text);
      const t = this.lexer.next();
      if (isOp(t, ')')) return values;
      if (isOp(t, ',')) continue;
      throw this.lexer.error(t.start, t.kind === 'eof' ? "expected ')'" : "expected ',' or ')'");
    }
  }

  private regex(): RegExp {
    const t = this.lexer.readRegex();
    if (t.text === '') throw this.lexer.error(t.start, 'expected a regular expression');
    try {
      return new RegExp(t.text, 'i'); // no 'g': a global regex's lastIndex would make test() stateful
    } catch (err) {
      // Keep V8's reason ("Unterminated group"), drop its echo of the pattern.
      const detail = err instanceof Error ? err.message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '') : '';
      throw this.lexer.error(t.start, `invalid regular expression: ${detail}`);
    }
  }
}

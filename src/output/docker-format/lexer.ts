// Tokens of Go's text/template, the part docker's `--format` users write: text, `{{ }}` actions
// with `{{-`/`-}}` trim markers and `/* */` comments, and inside actions fields, variables,
// identifiers, literals, `|`, `( )`, `:=`, `=` and `,`. Every token keeps its offset so errors
// can point at it.

/** A template that does not parse or run. `position` is a 0-based offset into the template text. */
export class TemplateError extends Error {
  constructor(
    readonly position: number,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'TemplateError';
  }
}

export type TokenType =
  | 'text'
  | 'left'
  | 'right'
  | 'field'
  | 'dot'
  | 'var'
  | 'ident'
  | 'string'
  | 'number'
  | 'char'
  | 'pipe'
  | 'lparen'
  | 'rparen'
  | 'declare'
  | 'assign'
  | 'comma'
  | 'eof';

export interface Token {
  readonly type: TokenType;
  /** text: the literal text (after trimming); string/char: decoded value; others: the source text. */
  readonly text: string;
  readonly pos: number;
  /** Whitespace came right before it (a `.Field` glued to the previous operand chains onto it). */
  readonly spaced: boolean;
}

const SPACE = /[ \t\r\n]/;
const WORD = /[\p{L}\p{N}_]/u;

function decodeEscape(src: string, i: number, quote: string): { ch: string; next: number } {
  const c = src[i + 1];
  const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
  if (c in simple) return { ch: simple[c], next: i + 2 };
  if (c === quote) return { ch: c, next: i + 2 };
  const hexLen = c === 'x' ? 2 : c === 'u' ? 4 : c === 'U' ? 8 : 0;
  if (hexLen > 0) {
    const hex = src.slice(i + 2, i + 2 + hexLen);
    if (!new RegExp(`^[0-9a-fA-F]{${hexLen}}$`).test(hex)) throw new TemplateError(i, 'bad escape in quoted string');
    const code = parseInt(hex, 16);
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) throw new TemplateError(i, 'bad escape in quoted string');
    return { ch: String.fromCodePoint(code), next: i + 2 + hexLen };
  }
  if (/[0-7]/.test(c ?? '') && /^[0-7]{3}$/.test(src.slice(i + 1, i + 4))) {
    return { ch: String.fromCharCode(parseInt(src.slice(i + 1, i + 4), 8)), next: i + 4 };
  }
  throw new TemplateError(i, 'bad escape in quoted string');
}

/** Scans one action's tokens starting after `{{`; returns them and the offset after `}}`. */
function lexAction(src: string, start: number, out: Token[]): number {
  let i = start;
  let spaced = true;
  let parens = 0;
  const push = (type: TokenType, text: string, pos: number) => {
    out.push({ type, text, pos, spaced });
    spaced = false;
  };
  for (;;) {
    if (i >= src.length) throw new TemplateError(start - 2, 'unclosed action: no matching }}');
    const ch = src[i];
    // ` -}}` ends the action and trims the text after it; `-}}` without the space is a number sign.
    if (SPACE.test(ch) && src.startsWith('-}}', i + 1) && parens === 0) {
      out.push({ type: 'right', text: '-}}', pos: i + 1, spaced: true });
      return i + 4;
    }
    if (src.startsWith('}}', i)) {
      if (parens > 0) throw new TemplateError(i, 'unclosed left paren');
      out.push({ type: 'right', text: '}}', pos: i, spaced });
      return i + 2;
    }
    if (SPACE.test(ch)) {
      i++;
      spaced = true;
      continue;
    }
    if (ch === '|') push('pipe', ch, i++);
    else if (ch === ',') push('comma', ch, i++);
    else if (ch === '(') {
      parens++;
      push('lparen', ch, i++);
    } else if (ch === ')') {
      if (--parens < 0) throw new TemplateError(i, 'unexpected right paren');
      push('rparen', ch, i++);
    } else if (src.startsWith(':=', i)) {
      push('declare', ':=', i);
      i += 2;
    } else if (ch === '=') push('assign', ch, i++);
    else if (ch === '"' || ch === "'") {
      let j = i + 1;
      let value = '';
      while (src[j] !== ch) {
        if (j >= src.length || src[j] === '\n') throw new TemplateError(i, ch === '"' ? 'unterminated quoted string' : 'unterminated character constant');
        if (src[j] === '\\') {
          const e = decodeEscape(src, j, ch);
          value += e.ch;
          j = e.next;
        } else value += src[j++];
      }
      if (ch === "'" && [...value].length !== 1) throw new TemplateError(i, 'malformed character constant');
      push(ch === '"' ? 'string' : 'char', value, i);
      i = j + 1;
    } else if (ch === '`') {
      const end = src.indexOf('`', i + 1);
      if (end < 0) throw new TemplateError(i, 'unterminated raw quoted string');
      push('string', src.slice(i + 1, end).replace(/\r/g, ''), i);
      i = end + 1;
    } else if (/[0-9+-]/.test(ch) || (ch === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^[+-]?(?:0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|(?:[0-9][0-9_]*)?\.?[0-9_]*(?:[eE][+-]?[0-9]+)?)/.exec(src.slice(i));
      const text = m ? m[0] : '';
      if (text === '' || /^[+-]?$/.test(text) || WORD.test(src[i + text.length] ?? '') || src[i + text.length] === '.') {
        throw new TemplateError(i, `bad number syntax: ${JSON.stringify(src.slice(i, i + Math.max(text.length, 1) + 1))}`);
      }
      push('number', text, i);
      i += text.length;
    } else if (ch === '.' || ch === '$') {
      let j = i + 1;
      while (j < src.length && WORD.test(src[j])) j++;
      if (ch === '.') push(j === i + 1 ? 'dot' : 'field', src.slice(i + 1, j), i);
      else push('var', src.slice(i, j), i);
      i = j;
    } else if (WORD.test(ch)) {
      let j = i;
      while (j < src.length && WORD.test(src[j])) j++;
      push('ident', src.slice(i, j), i);
      i = j;
    } else throw new TemplateError(i, `unrecognized character in action: ${JSON.stringify(ch)}`);
  }
}

/** All tokens of a template, text included. Trim markers are already applied to the text. */
export function lexTemplate(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let trimNext = false;
  while (i <= src.length) {
    const open = src.indexOf('{{', i);
    let text = src.slice(i, open < 0 ? src.length : open);
    if (trimNext) text = text.replace(/^[ \t\r\n]+/, '');
    const trimHere = open >= 0 && src[open + 2] === '-' && SPACE.test(src[open + 3] ?? '');
    if (trimHere) text = text.replace(/[ \t\r\n]+$/, '');
    if (text !== '') out.push({ type: 'text', text, pos: i, spaced: false });
    if (open < 0) break;
    let body = open + (trimHere ? 4 : 2);
    while (SPACE.test(src[body] ?? '') && trimHere) body++;
    if (src.startsWith('/*', body)) {
      const end = src.indexOf('*/', body + 2);
      if (end < 0) throw new TemplateError(open, 'unclosed comment');
      const after = end + 2;
      if (src.startsWith('}}', after)) {
        i = after + 2;
        trimNext = false;
      } else if (src.startsWith(' -}}', after)) {
        i = after + 4;
        trimNext = true;
      } else throw new TemplateError(after, 'comment ends before closing delimiter');
      continue;
    }
    out.push({ type: 'left', text: '{{', pos: open, spaced: false });
    i = lexAction(src, body, out);
    trimNext = out[out.length - 1].text === '-}}';
  }
  out.push({ type: 'eof', text: '', pos: src.length, spaced: true });
  return out;
}

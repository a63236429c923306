// Tokens of the label-selector language. The parser pulls one token at a time instead of
// tokenizing up front, because the text after `~` is a regular expression, whose parentheses,
// commas and backslashes follow regex rules rather than selector rules.

/** A selector that does not parse. `position` is the 0-based index of the offending character. */
export class SelectorError extends Error {
  constructor(
    readonly input: string,
    readonly position: number,
    readonly reason: string,
  ) {
    super(`${reason} at column ${position + 1}`);
    this.name = 'SelectorError';
  }

  /** Three lines: the message, the selector, a caret under the offending character. */
  format(what = 'selector'): string {
    // Control characters would break the caret's alignment (and the terminal); each becomes
    // one space. The caret is padded by code points so astral characters count once.
    const shown = this.input.replace(/[\x00-\x1f\x7f-\x9f\u2028\u2029]/g, ' ');
    const pad = [...this.input.slice(0, this.position)].length;
    return `bad ${what}: ${this.message}\n${shown}\n${' '.repeat(pad)}^`;
  }
}

export type TokenKind = 'word' | 'string' | 'op' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** Word text, unquoted string contents, or the operator itself. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

// Longest first, so `==` and `!=` win over `=` and `!`.
const OPERATORS = ['==', '!=', '=', '!', '~', '(', ')', ','] as const;
/** Characters that end a bare word: operators and quotes. */
const SPECIAL = new Set(['=', '!', '~', '(', ')', ',', '"', "'"]);
const isSpace = (ch: string): boolean => /\s/.test(ch);

export class SelectorLexer {
  private pos = 0;
  private buffered: Token | null = null;

  constructor(readonly input: string) {}

  peek(): Token {
    if (this.buffered === null) this.buffered = this.scan();
    return this.buffered;
  }

  next(): Token {
    const token = this.peek();
    this.buffered = null;
    return token;
  }

  error(position: number, reason: string): SelectorError {
    return new SelectorError(this.input, position, reason);
  }

  /**
   * The source of a regular expression: a quoted string, or the raw text up to the next comma
   * that is outside parentheses, character classes and `{m,n}` (so `^(a|b){1,2}$` stays whole).
   * Trailing whitespace is dropped; a bare `)` with nothing open ends it.
   */
  readRegex(): Token {
    if (this.buffered !== null) {
      this.pos = this.buffered.start; // rescan what peek() read with the selector's rules
      this.buffered = null;
    }
    this.skipSpace();
    const { input } = this;
    const start = this.pos;
    if (input[start] === '"' || input[start] === "'") return this.quoted(start);
    let depth = 0;
    let inClass = false;
    let i = start;
    for (; i < input.length; i++) {
      const ch = input[i];
      if (ch === '\\') {
        i++;
        continue;
      }
      if (inClass) {
        if (ch === ']') inClass = false;
      } else if (ch === '[') {
        inClass = true;
      } else if (ch === '{') {
        const quantifier = /^\{\d+(?:,\d*)?\}/.exec(input.slice(i));
        if (quantifier) i += quantifier[0].length - 1; // `{1,2}`: its comma is not a separator
      } else if (ch === '(') {
        depth++;
      } else if (ch === ')') {
        if (depth === 0) break;
        depth--;
      } else if (ch === ',' && depth === 0) {
        break;
      }
    }
    const text = input.slice(start, Math.min(i, input.length)).trimEnd();
    this.pos = start + text.length;
    return { kind: 'string', text, start, end: this.pos };
  }

  private skipSpace(): void {
    while (this.pos < this.input.length && isSpace(this.input[this.pos])) this.pos++;
  }

  private scan(): Token {
    this.skipSpace();
    const { input } = this;
    const start = this.pos;
    if (start >= input.length) return { kind: 'eof', text: '', start, end: start };
    const ch = input[start];
    if (ch === '"' || ch === "'") return this.quoted(start);
    for (const op of OPERATORS) {
      if (input.startsWith(op, start)) {
        this.pos = start + op.length;
        return { kind: 'op', text: op, start, end: this.pos };
      }
    }
    let i = start;
    while (i < input.length && !SPECIAL.has(input[i]) && !isSpace(input[i])) i++;
    this.pos = i;
    return { kind: 'word', text: input.slice(start, i), start, end: i };
  }

  /**
   * A quoted string. Only `\` before the same quote character escapes; every other backslash is
   * kept, so a quoted regex like "\d+" means what it says.
   */
  private quoted(start: number): Token {
    const { input } = this;
    const quote = input[start];
    let text = '';
    for (let i = start + 1; i < input.length; i++) {
      const ch = input[i];
      if (ch === '\\' && input[i + 1] === quote) {
        text += quote;
        i++;
      } else if (ch === quote) {
        this.pos = i + 1;
        return { kind: 'string', text, start, end: this.pos };
      } else {
        text += ch;
      }
    }
    throw this.error(start, `unterminated ${quote === '"' ? 'double' : 'single'} quote`);
  }
}

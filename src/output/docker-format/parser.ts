// Go text/template's grammar, the subset docker's `--format` users write: actions with pipelines
// (`a | b`), variables (`$x := …`, `$x = …`), parenthesised pipelines, field chains, literals,
// and if / else if / else with / with / range (with `break`, `continue`) / end. `define`,
// `template` and `block` are refused with a clear error: a stats line has no use for them.
import { lexTemplate, TemplateError, type Token } from './lexer.js';

export type Operand =
  | { kind: 'dot'; pos: number }
  | { kind: 'nil'; pos: number }
  | { kind: 'bool'; pos: number; value: boolean }
  | { kind: 'string'; pos: number; value: string }
  | { kind: 'number'; pos: number; text: string; isChar: boolean }
  | { kind: 'field'; pos: number; names: string[] } // .A.B on dot
  | { kind: 'var'; pos: number; name: string; names: string[] } // $x.A.B
  | { kind: 'func'; pos: number; name: string }
  | { kind: 'chain'; pos: number; pipe: Pipe; names: string[] }; // (pipeline).A.B

export interface Command {
  pos: number;
  args: Operand[];
}
export interface Pipe {
  pos: number;
  decl: { names: string[]; assign: boolean } | null;
  cmds: Command[];
}

export interface BlockNode {
  kind: 'if' | 'with' | 'range';
  pos: number;
  pipe: Pipe;
  list: Node[];
  elseList: Node[] | null;
}

export type Node =
  | { kind: 'text'; text: string }
  | { kind: 'action'; pos: number; pipe: Pipe }
  | BlockNode
  | { kind: 'break' | 'continue'; pos: number };

const KEYWORDS = new Set(['if', 'else', 'end', 'range', 'with', 'define', 'template', 'block', 'break', 'continue']);

class Parser {
  private i = 0;
  private vars: string[][] = [['$']];
  private rangeDepth = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly funcs: ReadonlySet<string>,
  ) {}

  private peek(): Token {
    return this.tokens[this.i];
  }
  private next(): Token {
    return this.tokens[this.i++];
  }
  private expect(type: Token['type'], context: string): Token {
    const t = this.next();
    if (t.type !== type) throw this.unexpected(t, context);
    return t;
  }
  private unexpected(t: Token, context: string): TemplateError {
    const what = t.type === 'eof' ? 'end of template' : t.type === 'right' ? '"}}"' : JSON.stringify(t.type === 'string' ? `"${t.text}"` : t.text);
    return new TemplateError(t.pos, `unexpected ${what} in ${context}`);
  }

  /** Nodes until `{{end}}` / `{{else …}}` (returned as the stopper) or the end of the template. */
  list(inBlock: string | null): { nodes: Node[]; stop: 'end' | 'else' | 'eof'; stopPos: number } {
    const nodes: Node[] = [];
    for (;;) {
      const t = this.next();
      if (t.type === 'eof') {
        if (inBlock) throw new TemplateError(t.pos, `unexpected end of template: {{${inBlock}}} has no {{end}}`);
        return { nodes, stop: 'eof', stopPos: t.pos };
      }
      if (t.type === 'text') {
        nodes.push({ kind: 'text', text: t.text });
        continue;
      }
      // t is '{{'
      const k = this.peek();
      if (k.type === 'ident' && KEYWORDS.has(k.text)) {
        this.next();
        if (k.text === 'end' || k.text === 'else') {
          if (!inBlock) throw new TemplateError(k.pos, `unexpected {{${k.text}}}`);
          if (k.text === 'end') this.expect('right', 'end');
          return { nodes, stop: k.text, stopPos: k.pos };
        }
        if (k.text === 'break' || k.text === 'continue') {
          if (this.rangeDepth === 0) throw new TemplateError(k.pos, `{{${k.text}}} outside {{range}}`);
          this.expect('right', k.text);
          nodes.push({ kind: k.text, pos: k.pos });
          continue;
        }
        if (k.text === 'define' || k.text === 'template' || k.text === 'block') {
          throw new TemplateError(k.pos, `{{${k.text}}} is not supported by ctop-ts --format`);
        }
        nodes.push(this.control(k.text as 'if' | 'with' | 'range', k.pos));
        continue;
      }
      const pipe = this.pipeline('command', 'right');
      nodes.push({ kind: 'action', pos: pipe.pos, pipe });
    }
  }

  private control(kind: 'if' | 'with' | 'range', pos: number): Node {
    this.vars.push([]);
    const pipe = this.pipeline(kind, 'right', kind === 'range' ? 2 : 1);
    if (kind === 'range') this.rangeDepth++;
    const body = this.list(kind);
    if (kind === 'range') this.rangeDepth--;
    let elseList: Node[] | null = null;
    if (body.stop === 'else') {
      const t = this.peek();
      // `{{else if …}}` / `{{else with …}}`: a nested block that shares our {{end}}.
      if (t.type === 'ident' && (t.text === 'if' || t.text === 'with') && kind !== 'range') {
        this.next();
        elseList = [this.control(t.text, t.pos)];
      } else {
        this.expect('right', 'else');
        const rest = this.list(kind);
        if (rest.stop === 'else') throw new TemplateError(rest.stopPos, `{{else}} after {{else}} in {{${kind}}}`);
        elseList = rest.nodes;
      }
    }
    this.vars.pop();
    if (!pipe.cmds.length) throw new TemplateError(pos, `missing value for ${kind}`);
    return { kind, pos, pipe, list: body.nodes, elseList };
  }

  private pipeline(context: string, end: 'right' | 'rparen', maxDecl = 1): Pipe {
    const start = this.peek();
    let decl: Pipe['decl'] = null;
    // `$x :=`, `$x =`, and in range `$i, $e :=`
    if (start.type === 'var') {
      const save = this.i;
      const names = [this.next().text];
      while (this.peek().type === 'comma' && names.length < maxDecl + 1) {
        this.next();
        names.push(this.expect('var', 'range declaration').text);
      }
      const op = this.peek();
      if ((op.type === 'declare' || op.type === 'assign') && names.length <= maxDecl && (names.length === 1 || context === 'range')) {
        this.next();
        decl = { names, assign: op.type === 'assign' };
        for (const n of names) {
          if (decl.assign && !this.known(n)) throw new TemplateError(start.pos, `undefined variable "${n}"`);
        }
      } else if (names.length > 1) throw new TemplateError(op.pos, 'too many declarations in range');
      else this.i = save;
    }
    const cmds: Command[] = [];
    for (;;) {
      const t = this.peek();
      if (t.type === end) {
        this.next();
        break;
      }
      if (t.type === 'right' || t.type === 'rparen' || t.type === 'eof') throw this.unexpected(t, context);
      cmds.push(this.command(context));
      const after = this.peek();
      if (after.type === 'pipe') {
        this.next();
        if (this.peek().type === end) throw new TemplateError(after.pos, 'missing command after |');
      }
    }
    if (cmds.length === 0 && context !== 'if' && context !== 'with' && context !== 'range') {
      throw new TemplateError(start.pos, `missing value for ${context}`);
    }
    if (decl && !decl.assign) for (const n of decl.names) this.vars[this.vars.length - 1].push(n);
    for (const c of cmds.slice(1)) {
      const a = c.args[0];
      if (['bool', 'string', 'number', 'nil', 'dot'].includes(a.kind)) throw new TemplateError(a.pos, `non executable command in pipeline stage ${cmds.indexOf(c) + 1}`);
    }
    return { pos: start.pos, decl, cmds };
  }

  private known(name: string): boolean {
    return this.vars.some((scope) => scope.includes(name));
  }

  private command(context: string): Command {
    const first = this.peek();
    const args: Operand[] = [];
    for (;;) {
      const t = this.peek();
      if (t.type === 'pipe' || t.type === 'right' || t.type === 'rparen') break;
      if (args.length > 0 && !t.spaced) throw new TemplateError(t.pos, `missing space before ${JSON.stringify(t.text)}`);
      args.push(this.operand(context));
    }
    if (args.length === 0) throw this.unexpected(this.peek(), context);
    if (args[0].kind === 'nil') throw new TemplateError(args[0].pos, 'nil is not a command');
    return { pos: first.pos, args };
  }

  private fieldChain(): string[] {
    const names: string[] = [];
    while (this.peek().type === 'field' && !this.peek().spaced) names.push(this.next().text);
    return names;
  }

  private operand(context: string): Operand {
    const t = this.next();
    switch (t.type) {
      case 'dot': {
        if (this.peek().type === 'field' && !this.peek().spaced) throw new TemplateError(this.peek().pos, 'unexpected . after term');
        return { kind: 'dot', pos: t.pos };
      }
      case 'field':
        return { kind: 'field', pos: t.pos, names: [t.text, ...this.fieldChain()] };
      case 'var':
        if (!this.known(t.text)) throw new TemplateError(t.pos, `undefined variable "${t.text}"`);
        return { kind: 'var', pos: t.pos, name: t.text, names: this.fieldChain() };
      case 'string':
        return { kind: 'string', pos: t.pos, value: t.text };
      case 'number':
        return { kind: 'number', pos: t.pos, text: t.text, isChar: false };
      case 'char':
        return { kind: 'number', pos: t.pos, text: String(t.text.codePointAt(0)), isChar: true };
      case 'lparen': {
        const pipe = this.pipeline('parenthesized pipeline', 'rparen');
        return { kind: 'chain', pos: t.pos, pipe, names: this.fieldChain() };
      }
      case 'ident':
        if (t.text === 'true' || t.text === 'false') return { kind: 'bool', pos: t.pos, value: t.text === 'true' };
        if (t.text === 'nil') return { kind: 'nil', pos: t.pos };
        if (KEYWORDS.has(t.text)) throw new TemplateError(t.pos, `unexpected keyword "${t.text}" in ${context}`);
        if (!this.funcs.has(t.text)) throw new TemplateError(t.pos, `function "${t.text}" not defined`);
        return { kind: 'func', pos: t.pos, name: t.text };
      default:
        throw this.unexpected(t, context);
    }
  }
}

/** Parses a whole template; `funcs` are the names that may be called. */
export function parseTemplate(src: string, funcs: ReadonlySet<string>): Node[] {
  const p = new Parser(lexTemplate(src), funcs);
  return p.list(null).nodes;
}

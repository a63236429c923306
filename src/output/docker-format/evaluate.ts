// Runs a parsed template against one value, with text/template's rules: a pipeline's result is
// the last argument of the next command, `and`/`or` stop early, variables are scoped to their
// block, a map's missing key prints `<no value>`, and a run-time error stops the run at the node
// that failed (the partial output is kept, because docker's table header keeps it).
import { FuncError, type GoFunc, type ParamType } from './funcs.js';
import { TemplateError } from './lexer.js';
import { GoFloat, GoStruct, NO_VALUE, printValue, truth, typeName, type GoValue } from './go-values.js';
import type { BlockNode, Command, Node, Operand, Pipe } from './parser.js';

class Break {}
class Continue {}

/** A run that failed part-way; `output` is what had been written before the error. */
export class ExecError extends TemplateError {
  constructor(
    position: number,
    reason: string,
    readonly output: string,
  ) {
    super(position, reason);
  }
}

/** A number literal as Go's idealConstant types it for an `any` parameter. */
function numberValue(op: Extract<Operand, { kind: 'number' }>): GoValue {
  const t = op.text.replace(/_/g, '');
  if (!op.isChar && /[.eEpP]/.test(t) && !/^[+-]?0[xX]/.test(t)) return new GoFloat(Number(t));
  const n = /^[+-]?0[bBoO]/.test(t) ? Number(t.replace(/^([+-]?)0([bBoO])/, (_, s, b) => `${s}0${b.toLowerCase()}`)) : Number(t);
  if (!Number.isSafeInteger(n)) throw new TemplateError(op.pos, `number ${op.text} overflows int`);
  return n;
}

export class Evaluator {
  private out = '';
  private vars: { name: string; value: GoValue }[] = [];

  constructor(private readonly funcs: ReadonlyMap<string, GoFunc>) {}

  run(nodes: readonly Node[], dot: GoValue): string {
    this.out = '';
    this.vars = [{ name: '$', value: dot }];
    try {
      this.walkList(nodes, dot);
    } catch (err) {
      if (err instanceof TemplateError) throw new ExecError(err.position, err.reason, this.out);
      throw err;
    }
    return this.out;
  }

  private walkList(nodes: readonly Node[], dot: GoValue): void {
    const mark = this.vars.length;
    for (const n of nodes) this.walk(n, dot);
    this.vars.length = mark;
  }

  private walk(node: Node, dot: GoValue): void {
    switch (node.kind) {
      case 'text':
        this.out += node.text;
        return;
      case 'action': {
        const v = this.pipe(node.pipe, dot);
        if (!node.pipe.decl) this.out += printValue(v);
        return;
      }
      case 'break':
        throw new Break();
      case 'continue':
        throw new Continue();
      case 'if':
      case 'with': {
        const mark = this.vars.length;
        const v = this.pipe(node.pipe, dot);
        if (truth(v)) this.walkList(node.list, node.kind === 'with' ? v : dot);
        else if (node.elseList) this.walkList(node.elseList, dot);
        this.vars.length = mark;
        return;
      }
      case 'range':
        return this.range(node, dot);
    }
  }

  private range(node: BlockNode, dot: GoValue): void {
    const mark = this.vars.length;
    const v = this.pipe(node.pipe, dot);
    this.vars.length = mark; // range re-declares its variables for every element
    const items: [GoValue, GoValue][] = [];
    if (Array.isArray(v)) (v as readonly string[]).forEach((e, i) => items.push([i, e]));
    else if (v instanceof Map) for (const k of [...v.keys()].sort()) items.push([k, v.get(k)!]);
    else if (typeof v === 'number') for (let i = 0; i < v; i++) items.push([i, i]);
    else if (v !== null && v !== NO_VALUE) throw new TemplateError(node.pipe.pos, `range can't iterate over ${printValue(v)}`);
    const names = node.pipe.decl?.names ?? [];
    for (const [key, elem] of items) {
      if (names.length === 1) this.vars.push({ name: names[0], value: elem });
      if (names.length === 2) this.vars.push({ name: names[0], value: key }, { name: names[1], value: elem });
      try {
        this.walkList(node.list, elem);
      } catch (e) {
        if (e instanceof Break) break;
        if (!(e instanceof Continue)) throw e;
      } finally {
        this.vars.length = mark;
      }
    }
    if (items.length === 0 && node.elseList) this.walkList(node.elseList, dot);
  }

  private pipe(pipe: Pipe, dot: GoValue): GoValue {
    let value: GoValue | undefined;
    for (const cmd of pipe.cmds) value = this.command(cmd, dot, value);
    const result = value ?? null;
    if (pipe.decl) {
      const name = pipe.decl.names[pipe.decl.names.length - 1];
      if (pipe.decl.assign) {
        const slot = [...this.vars].reverse().find((v) => v.name === name);
        if (slot) slot.value = result;
      } else if (pipe.decl.names.length === 1) this.vars.push({ name, value: result });
    }
    return result;
  }

  private command(cmd: Command, dot: GoValue, final: GoValue | undefined): GoValue {
    const [first, ...rest] = cmd.args;
    if (first.kind === 'func') return this.call(first.name, first.pos, rest, dot, final);
    if (rest.length > 0 || final !== undefined) {
      const what = first.kind === 'field' ? `.${first.names.join('.')}` : first.kind === 'var' ? first.name : 'a value';
      throw new TemplateError(first.pos, `can't give argument to non-function ${what}`);
    }
    return this.operand(first, dot);
  }

  private operand(op: Operand, dot: GoValue): GoValue {
    switch (op.kind) {
      case 'dot':
        return dot;
      case 'nil':
        throw new TemplateError(op.pos, 'nil is not a command');
      case 'bool':
      case 'string':
        return op.value;
      case 'number':
        return numberValue(op);
      case 'field':
        return this.fields(dot, op.names, op.pos);
      case 'var': {
        const slot = [...this.vars].reverse().find((v) => v.name === op.name);
        if (!slot) throw new TemplateError(op.pos, `undefined variable: ${op.name}`);
        return this.fields(slot.value, op.names, op.pos);
      }
      case 'chain':
        return this.fields(this.pipe(op.pipe, dot), op.names, op.pos);
      case 'func':
        return this.call(op.name, op.pos, [], dot, undefined);
    }
  }

  private fields(receiver: GoValue, names: readonly string[], pos: number): GoValue {
    let v = receiver;
    for (const name of names) {
      if (v instanceof GoStruct) {
        const get = v.fields.get(name);
        if (!get) throw new TemplateError(pos, `can't evaluate field ${name} in type ${v.typeName}`);
        v = get();
      } else if (v instanceof Map) v = v.has(name) ? v.get(name)! : NO_VALUE;
      else if (v === null || v === NO_VALUE) throw new TemplateError(pos, `nil pointer evaluating interface {}.${name}`);
      else throw new TemplateError(pos, `can't evaluate field ${name} in type ${typeName(v)}`);
    }
    return v;
  }

  /** One argument converted to a parameter type, as text/template's evalArg does. */
  private arg(op: Operand, type: ParamType, dot: GoValue): GoValue {
    if (op.kind === 'number' && type !== 'string' && type !== '[]string') {
      const v = numberValue(op);
      if (type === 'int' && v instanceof GoFloat) throw new TemplateError(op.pos, `expected integer; found ${op.text}`);
      return v;
    }
    if (op.kind === 'nil') {
      if (type === 'any') return null;
      throw new TemplateError(op.pos, `cannot assign nil to ${type}`);
    }
    if ((op.kind === 'number' || op.kind === 'bool') && type !== 'any') {
      throw new TemplateError(op.pos, `expected ${type === 'int' ? 'integer' : type}; found ${op.kind === 'bool' ? op.value : op.text}`);
    }
    if (op.kind === 'string' && type !== 'any' && type !== 'string') throw new TemplateError(op.pos, `expected ${type === 'int' ? 'integer' : type}; found "${op.value}"`);
    return this.checked(this.operand(op, dot), type, op.pos);
  }

  private checked(v: GoValue, type: ParamType, pos: number): GoValue {
    const ok =
      type === 'any' ||
      (type === 'string' && typeof v === 'string') ||
      (type === 'int' && typeof v === 'number') ||
      (type === '[]string' && Array.isArray(v));
    if (ok) return v;
    if (v === NO_VALUE) throw new TemplateError(pos, `invalid value; expected ${type}`);
    throw new TemplateError(pos, `wrong type for value; expected ${type}; got ${typeName(v)}`);
  }

  private call(name: string, pos: number, argOps: readonly Operand[], dot: GoValue, final: GoValue | undefined): GoValue {
    const f = this.funcs.get(name)!;
    const count = argOps.length + (final === undefined ? 0 : 1);
    const typeAt = (i: number): ParamType => (i < f.params.length ? f.params[i] : f.variadic!);
    if (f.variadic ? count < f.params.length : count !== f.params.length) {
      throw new TemplateError(pos, `wrong number of args for ${name}: want ${f.variadic ? 'at least ' : ''}${f.params.length} got ${count}`);
    }
    const args: GoValue[] = [];
    // `and`/`or` evaluate left to right and stop at the deciding argument (Go ≥ 1.18).
    const lazy = name === 'and' || name === 'or';
    for (let i = 0; i < argOps.length; i++) {
      const v = this.arg(argOps[i], typeAt(i), dot);
      args.push(v);
      if (lazy && truth(v) === (name === 'or')) return v;
    }
    if (final !== undefined) args.push(this.checked(final, typeAt(args.length), pos));
    try {
      return f.call(args);
    } catch (err) {
      if (err instanceof FuncError) throw new TemplateError(pos, `error calling ${name}: ${err.message}`);
      throw err;
    }
  }
}

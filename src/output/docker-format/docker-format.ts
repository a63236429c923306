// `--format` exactly as `docker stats --format` handles it (docker/cli formatter.go): `table` alone
// is the default table, `json` alone is `{{json .}}`; otherwise a leading `table` selects table
// mode, the rest is trimmed of spaces and the two-character sequences `\t` and `\n` become a TAB
// and a newline. The template runs once per container, each run followed by a newline; in table
// mode it also runs once against the column titles (errors there just cut the header short, as in
// docker) and everything is aligned by docker's tabwriter.
import { sanitize } from '../../core/model/sanitize.js';
import type { ContainerRow } from '../../core/model/types.js';
import { layoutLines } from '../tabwriter.js';
import { Evaluator, ExecError } from './evaluate.js';
import { FUNCS, HEADER_FUNCS } from './funcs.js';
import { TemplateError } from './lexer.js';
import { parseTemplate, type Node } from './parser.js';
import { headerContext, statsContext } from './stats-context.js';

export const DEFAULT_TABLE_FORMAT = 'table {{.ID}}\\t{{.Name}}\\t{{.CPUPerc}}\\t{{.MemUsage}}\\t{{.MemPerc}}\\t{{.NetIO}}\\t{{.BlockIO}}\\t{{.PIDs}}';

/** A bad template, with the user's own text and a 0-based offset into it for the caret. */
export class FormatError extends Error {
  constructor(
    readonly input: string,
    readonly position: number,
    readonly reason: string,
    readonly phase: 'parse' | 'run',
  ) {
    super(`${reason} at column ${position + 1}`);
    this.name = 'FormatError';
  }

  /** Three lines: what is wrong and where, the template (one line), a caret under the spot. */
  format(): string {
    const shown = this.input.replace(/[\x00-\x1f\x7f-\x9f\u2028\u2029]/g, ' ');
    const pad = [...this.input.slice(0, this.position)].length;
    const what = this.phase === 'parse' ? 'bad --format template' : '--format template failed';
    return `${what}: ${sanitize(this.message)}\n${shown}\n${' '.repeat(pad)}^`;
  }
}

export interface DockerFormat {
  readonly table: boolean;
  /** The template text that runs (after docker's pre-processing). */
  readonly template: string;
  /** Every row's output, with the header and alignment in table mode. Throws FormatError. */
  render(rows: readonly ContainerRow[], noTrunc: boolean): string;
}

/** docker's preFormat, keeping for each resulting character the offset it came from. */
function preFormat(format: string): { text: string; origin: number[] } {
  let source = format;
  let offset = 0;
  if (format === 'table') source = DEFAULT_TABLE_FORMAT.slice(5);
  else if (format === 'json') source = '{{json .}}';
  else if (format.startsWith('table')) {
    source = format.slice(5);
    offset = 5;
  }
  const literal = source !== format.slice(offset); // a built-in format: positions point at column 1
  let start = 0;
  let end = source.length;
  while (start < end && source[start] === ' ') start++;
  while (end > start && source[end - 1] === ' ') end--;
  let text = '';
  const origin: number[] = [];
  for (let i = start; i < end; i++) {
    const at = literal ? 0 : offset + i;
    if (source[i] === '\\' && (source[i + 1] === 't' || source[i + 1] === 'n')) {
      text += source[i + 1] === 't' ? '\t' : '\n';
      origin.push(at);
      i++;
    } else {
      text += source[i];
      origin.push(at);
    }
  }
  origin.push(literal ? 0 : offset + end); // the end of the template
  return { text, origin };
}

/** Parses a `--format` value; a template that does not parse throws a FormatError. */
export function compileFormat(format: string): DockerFormat {
  const table = format.startsWith('table');
  const { text, origin } = preFormat(format);
  const at = (pos: number) => origin[Math.min(pos, origin.length - 1)] ?? 0;
  let nodes: Node[];
  try {
    nodes = parseTemplate(text, new Set(FUNCS.keys()));
  } catch (err) {
    if (err instanceof TemplateError) throw new FormatError(format, at(err.position), err.reason, 'parse');
    throw err;
  }
  return {
    table,
    template: text,
    render(rows, noTrunc) {
      const rowEval = new Evaluator(FUNCS);
      let body = '';
      for (const row of rows) {
        try {
          body += rowEval.run(nodes, statsContext(row, noTrunc)) + '\n';
        } catch (err) {
          if (err instanceof TemplateError) throw new FormatError(format, at(err.position), err.reason, 'run');
          throw err;
        }
      }
      if (!table) return body;
      let header: string;
      try {
        header = new Evaluator(HEADER_FUNCS).run(nodes, headerContext());
      } catch (err) {
        if (!(err instanceof ExecError)) throw err;
        header = err.output; // docker ignores the header's error and prints what was written
      }
      return alignTable(`${header}\n${body}`);
    },
  };
}

/** Go's tabwriter over template output: lines end at '\n', cells end at '\t'. */
function alignTable(text: string): string {
  const lines = text.split('\n');
  const last = lines.pop()!; // after the final '\n': empty unless the output did not end in one
  const laid = layoutLines(lines.map((l) => l.split('\t')));
  return laid.map((l) => `${l}\n`).join('') + last;
}

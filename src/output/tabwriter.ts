// Docker's table layout: its formatter writes tab-separated template output
// through a tabwriter (docker/cli's fork of Go's text/tabwriter, which measures
// cells with go-runewidth, i.e. in terminal columns) configured as
// NewWriter(out, 10, 1, 3, ' ', 0). This re-implements the part that
// configuration uses, so `--no-stream` output matches byte for byte.
//
// Rules (elastic tabstops): a row's cells are tab-*terminated*, so the last
// cell of a row belongs to no column and is never padded. A column is a run
// of consecutive rows that all have a cell at that index; its width is
// max(minWidth, widest cell + padding), computed per run, not per table.
import stringWidth from 'string-width';

export interface TabwriterOptions {
  /** Minimal column width, padding included. */
  readonly minWidth: number;
  /** Added to the widest cell of a column. */
  readonly padding: number;
  /** One narrow character used for padding (tab padding is not supported). */
  readonly padChar: string;
}

/** `tabwriter.NewWriter(out, 10, 1, 3, ' ', 0)` from docker's `formatter.go`. */
export const DOCKER_TABLE: TabwriterOptions = { minWidth: 10, padding: 3, padChar: ' ' };

/**
 * Lay out rows of cells (what docker would join with '\t') and return the
 * lines without their '\n'. Cells must not contain tabs or line breaks
 * (sanitize user data first); widths count terminal columns, wide
 * characters 2.
 */
export function layoutLines(
  rows: readonly (readonly string[])[],
  options: TabwriterOptions = DOCKER_TABLE,
): string[] {
  const { minWidth, padding, padChar } = options;
  if (stringWidth(padChar) !== 1) throw new RangeError('padChar must be one narrow character');
  const widths = rows.map((row) => row.map((cell) => stringWidth(cell)));
  const out: string[] = new Array<string>(rows.length);
  const columnWidths: number[] = []; // widths of the columns enclosing the rows being formatted

  // Number of cells of a row that sit in a column (all but the last).
  const columnsOf = (i: number): number => Math.max(rows[i].length - 1, 0);

  const writeLines = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      let line = '';
      rows[i].forEach((cell, j) => {
        line += cell;
        if (j < columnWidths.length) line += padChar.repeat(columnWidths[j] - widths[i][j]);
      });
      out[i] = line;
    }
  };

  // Go's `format`: find each block of rows sharing column `column`, size it,
  // then recurse into the columns to its right for that block.
  const format = (first: number, end: number): void => {
    const column = columnWidths.length;
    let pending = first;
    let i = first;
    while (i < end) {
      if (column >= columnsOf(i)) {
        i++;
        continue;
      }
      writeLines(pending, i);
      const blockStart = i;
      let width = minWidth;
      for (; i < end && column < columnsOf(i); i++) {
        width = Math.max(width, widths[i][column] + padding);
      }
      columnWidths.push(width);
      format(blockStart, i);
      columnWidths.pop();
      pending = i;
    }
    writeLines(pending, end);
  };

  format(0, rows.length);
  return out;
}

/** The whole table as docker prints it: every line, the last included, ends in '\n'. */
export function renderTable(
  rows: readonly (readonly string[])[],
  options: TabwriterOptions = DOCKER_TABLE,
): string {
  return layoutLines(rows, options)
    .map((line) => `${line}\n`)
    .join('');
}

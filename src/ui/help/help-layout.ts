// The help overlay's lines, generated from the keymap (pure). Wide terminals get two columns of
// sections; narrow ones one column that scrolls.
import { helpSections, type HelpSection } from '../keys/key-help.js';
import { fitLine, type Segment } from '../shared/segments.js';
import { displayWidth } from '../shared/text-fit.js';

const KEY_COL = 16;
const TWO_COLUMNS_FROM = 110;

function sectionLines(section: HelpSection, width: number): Segment[][] {
  const lines: Segment[][] = [[{ text: section.title, tone: 'title' }]];
  for (const e of section.entries) {
    const keys = e.keys.padEnd(KEY_COL - 2 + (e.keys.length - displayWidth(e.keys)));
    const line: Segment[] = [{ text: '  ' }, { text: keys, tone: 'accent' }, { text: ' ' + e.help }];
    lines.push(fitLine(line, width));
  }
  lines.push([]);
  return lines;
}

/** All lines in one column. */
export function helpLinesSingle(width: number, sections: HelpSection[] = helpSections()): Segment[][] {
  return sections.flatMap((s) => sectionLines(s, width));
}

/** Lines for a body `width` wide: two columns (table and the rest side by side) when it fits. */
export function helpLines(width: number, sections: HelpSection[] = helpSections()): Segment[][] {
  if (width < TWO_COLUMNS_FROM) return helpLinesSingle(width, sections);
  const half = Math.floor((width - 2) / 2);
  // The longest section (the table's) on the left, everything else stacked beside it.
  const blocks = sections.map((s) => sectionLines(s, half));
  const longest = blocks.reduce((best, b, i) => (b.length > blocks[best].length ? i : best), 0);
  const left = blocks[longest];
  const right = blocks.filter((_, i) => i !== longest).flat();
  const n = Math.max(left.length, right.length);
  const out: Segment[][] = [];
  for (let i = 0; i < n; i++) out.push([...fitLine(left[i] ?? [], half), { text: '  ' }, ...fitLine(right[i] ?? [], half)]);
  return out;
}

/** Lines in the one-column layout, the longest there is: the scroll limit when the width is unknown. */
export const HELP_LINE_COUNT = helpLinesSingle(80).length;

/** Lines the overlay has at `width` (the order of the sections does not change it): the scroll limit. */
export function helpLineCount(width: number): number {
  return helpLines(width).length;
}

// One screen line from segments, drawn as a single <Text> whose string carries its own styles
// (shared/ansi-line.ts). Ink's cost per frame grows with its nodes: a row drawn as one node per
// coloured run was ~10 nodes to reconcile, lay out and squash; one node per line is the floor.
import { Text } from 'ink';
import { memo } from 'react';
import { ansiLine } from './ansi-line.js';
import type { Segment } from './segments.js';
import type { TextStyle, Theme } from './theme.js';

export interface LineProps {
  segments: readonly Segment[];
  theme: Theme;
  /** Applied to the whole line (the selected row, the column header). */
  style?: TextStyle;
}

export function sameSegments(a: readonly Segment[], b: readonly Segment[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].text !== b[i].text || a[i].tone !== b[i].tone) return false;
  return true;
}

function LineView({ segments, theme, style }: LineProps) {
  return <Text wrap="truncate">{ansiLine(segments, theme, style)}</Text>;
}

export const Line = memo(LineView, (a, b) => a.theme === b.theme && a.style === b.style && sameSegments(a.segments, b.segments));

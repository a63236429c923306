// One group row of the grouped table: bold, in the containers' columns (group-cells.ts).
// Memoised like TableRow: a key press re-renders only the rows whose selection changed.
import { memo } from 'react';
import type { RowGroup } from '../../core/query/grouping.js';
import type { Fit } from '../table/columns.js';
import { groupRowSegments } from './group-cells.js';
import { fitLine } from '../shared/segments.js';
import type { TextStyle, Theme } from '../shared/theme.js';
import { Line } from '../shared/line.js';

export interface GroupRowProps {
  group: RowGroup;
  expanded: boolean;
  fit: Fit;
  selected: boolean;
  width: number;
  theme: Theme;
}

const GROUP_STYLE: TextStyle = { bold: true };
// One object per theme, so Line's memo (style compared by identity) holds across frames.
const selectedStyles = new WeakMap<Theme, TextStyle>();

function selectedStyle(theme: Theme): TextStyle {
  let style = selectedStyles.get(theme);
  if (!style) selectedStyles.set(theme, (style = { ...theme.selected, bold: true }));
  return style;
}

function GroupRowView({ group, expanded, fit, selected, width, theme }: GroupRowProps) {
  const segments = fitLine(groupRowSegments(group, expanded, fit, selected), width);
  return <Line segments={segments} theme={theme} style={selected ? selectedStyle(theme) : GROUP_STYLE} />;
}

export const GroupRow = memo(GroupRowView);

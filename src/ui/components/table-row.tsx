// One container row. Memoised on its inputs by identity: a key press re-renders only the two
// rows whose selection changed, a tick only the rows whose numbers did (all of them, usually).
import { memo } from 'react';
import type { ContainerRow, HistoryLookup } from '../../core/types.js';
import type { Fit } from '../columns.js';
import { rowSegments } from '../row-cells.js';
import { fitLine } from '../segments.js';
import type { Theme } from '../theme.js';
import { Line } from './line.js';

export interface TableRowProps {
  row: ContainerRow;
  fit: Fit;
  /** The shown snapshot's time, interval and history: the same objects until the next tick. */
  now: number;
  intervalMs: number;
  history: HistoryLookup;
  selected: boolean;
  width: number;
  theme: Theme;
}

function TableRowView({ row, fit, now, intervalMs, history, selected, width, theme }: TableRowProps) {
  const segments = fitLine(rowSegments(row, fit, { now, intervalMs, history: history.get(row.info.id) }, selected), width);
  return <Line segments={segments} theme={theme} style={selected ? theme.selected : undefined} />;
}

export const TableRow = memo(TableRowView);

// One container row. Memoised on its inputs by identity: a key press re-renders only the two
// rows whose selection changed, a tick only the rows whose numbers did (all of them, usually).
import { memo } from 'react';
import type { Trouble } from '../../core/events/event-markers.js';
import type { ContainerRow, EngineEvent, HistoryLookup } from '../../core/model/types.js';
import type { Fit } from './columns.js';
import { rowSegments } from './row-cells.js';
import type { RowRuleResult } from '../../core/thresholds/row-rules.js';
import { fitLine } from '../shared/segments.js';
import type { Theme } from '../shared/theme.js';
import { Line } from '../shared/line.js';

export interface TableRowProps {
  row: ContainerRow;
  fit: Fit;
  /** The shown snapshot's time, interval and history: the same objects until the next tick. */
  now: number;
  intervalMs: number;
  history: HistoryLookup;
  selected: boolean;
  /** Marked with Space. */
  marked?: boolean;
  /** Recent restarts and OOM kills (undefined: none), and this container's lifecycle events for graph markers. */
  trouble?: Trouble;
  events?: readonly EngineEvent[];
  /** --warning/--critical results for this row (undefined: no rules, or nothing breaches). */
  rule?: RowRuleResult;
  /** Blanks before the name: 2 for a group's member. */
  indent?: number;
  width: number;
  theme: Theme;
}

function TableRowView({ row, fit, now, intervalMs, history, selected, marked, trouble, events, indent, rule, width, theme }: TableRowProps) {
  const ctx = { now, intervalMs, history: history.get(row.info.id), trouble, events, indent, rule };
  const segments = fitLine(rowSegments(row, fit, ctx, selected, marked), width);
  return <Line segments={segments} theme={theme} style={selected ? theme.selected : undefined} />;
}

export const TableRow = memo(TableRowView);

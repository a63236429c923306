// The container table: the column header and only the rows that fit (Ink's cost grows with every
// node drawn, so 300 containers must not mean 300 rows of layout per frame).
import { Box } from 'ink';
import { useMemo } from 'react';
import { lifecycleEventsByContainer, troubleByContainer } from '../../core/events/event-markers.js';
import type { Fit } from './columns.js';
import { headerSegments } from './row-cells.js';
import { fitLine } from '../shared/segments.js';
import type { Theme } from '../shared/theme.js';
import { visibleTop, type TableState } from './table-state.js';
import { GroupRow } from '../groups/group-row.js';
import { Line } from '../shared/line.js';
import { TableRow } from './table-row.js';
import { liveRuleResults } from './rule-marks.js';

export interface ContainerTableProps {
  state: TableState;
  marked: ReadonlySet<string>;
  fit: Fit;
  width: number;
  /** Lines for the column header plus rows. */
  height: number;
  theme: Theme;
}

function emptyMessage(state: TableState): string {
  if (state.shown.seq === 0) return 'Waiting for the first sample…';
  // Rows of an engine that is down stay (stale); with none to keep, say why rather than "no containers".
  if (state.shown.engines?.some((e) => e.state === 'down') && state.items.length === 0) return 'The engine does not answer: no containers to show until it does.';
  if (state.shown.rows.length === 0) return 'No containers.';
  if (state.filter.text !== '') return `No containers match the filter (/ edits it${state.all ? '' : ', a shows stopped ones too'}).`;
  return state.all ? 'No containers match the filter.' : 'No running containers. Press a to show all.';
}

export function ContainerTable({ state, marked, fit, width, height, theme }: ContainerTableProps) {
  const page = Math.max(0, height - 1);
  const top = visibleTop(state, page);
  const visible = state.items.slice(top, top + page);
  const { shown } = state;
  // Once per snapshot, not per row: restarts/OOMs for the state cells, lifecycle events for the graph markers.
  const trouble = useMemo(() => troubleByContainer(shown.events, shown.timestamp), [shown.events, shown.timestamp]);
  const lifecycle = useMemo(() => lifecycleEventsByContainer(shown.events), [shown.events]);
  // --warning/--critical: evaluated once per row list (empty without rules).
  const rules = liveRuleResults(state.rows, shown.timestamp);
  const header = fitLine(headerSegments(fit, state.sort, state.reverse, shown.interval), width);
  return (
    <Box flexDirection="column" height={height}>
      <Line segments={header} theme={theme} style={theme.columnHeader} />
      {visible.length === 0 ? (
        <Line segments={fitLine([{ text: '  ' + emptyMessage(state), tone: 'dim' }], width)} theme={theme} />
      ) : (
        visible.map((item, i) => {
          if (item.kind === 'group') {
            return <GroupRow key={item.id} group={item.group} expanded={item.expanded} fit={fit} selected={top + i === state.cursor} width={width} theme={theme} />;
          }
          const { row } = item;
          return (
            <TableRow
              key={row.info.id}
              row={row}
              indent={item.depth * 2}
              fit={fit}
              now={shown.timestamp}
              intervalMs={shown.interval}
              history={shown.history}
              selected={top + i === state.cursor}
              marked={marked.has(row.info.id)}
              trouble={trouble.get(row.info.id)}
              events={lifecycle.get(row.info.id)}
              rule={rules.get(row.info.id)}
              width={width}
              theme={theme}
            />
          );
        })
      )}
    </Box>
  );
}

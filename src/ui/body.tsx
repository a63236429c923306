// The body between header and footer, chosen by the open view: help, the column chooser, the
// detail view, the log view, or the table (with the events pane and the actions panel under it).
import { Box } from 'ink';
import type { LogLine } from '../core/logs/log-buffer.js';
import type { EngineEvent, History } from '../core/model/types.js';
import type { Fit } from './table/columns.js';
import { ActionsMenu } from './actions/actions-menu.js';
import { ColumnChooser } from './table/column-chooser.js';
import { ContainerTable } from './table/container-table.js';
import { DetailView } from './detail/detail-view.js';
import { EventsPane } from './events/events-pane.js';
import { HelpOverlay } from './help/help-overlay.js';
import { LogView } from './logs/log-view.js';
import type { TableBody } from './chrome/frame.js';
import type { ContainerDetailsState } from './detail/use-container-details.js';
import type { LogViewState } from './logs/log-view-reducer.js';
import type { Theme } from './shared/theme.js';
import { selectedRow } from './table/table-selectors.js';
import type { LiveState } from './live-state.js';
import { mergeOnGrid } from '../core/history/merge-history.js';

export interface BodyProps {
  state: LiveState;
  fit: Fit;
  width: number;
  height: number;
  theme: Theme;
  readOnly: boolean;
  /** How the table view's body is shared (table, events pane, actions panel). */
  split: TableBody;
  /** The events pane's events: those of containers the query passes. */
  paneEvents: readonly EngineEvent[];
  details: ContainerDetailsState;
  /** Why there are no engine commands (replay, mock), or null. */
  unavailable: string | null;
  logs: { lines: readonly LogLine[]; state: LogViewState | null };
  /** The detail container's last hour from the session (Prometheus), kept live by the ring buffer. */
  longHistory?: History | null;
}

export function Body({ state, fit, width, height, theme, readOnly, split, paneEvents, details, unavailable, logs, longHistory }: BodyProps) {
  const { table } = state;
  switch (state.view) {
    case 'help':
      return <HelpOverlay scroll={state.help.scroll} width={width} height={height} theme={theme} readOnly={readOnly} scope={state.help.returnTo} />;
    case 'columns':
      return <ColumnChooser hidden={table.hidden} cursor={state.chooser} fit={fit} width={width} height={height} theme={theme} />;
    case 'detail': {
      const row = selectedRow(table);
      const recent = row ? table.shown.history.get(row.info.id) : undefined;
      const history = row && longHistory ? mergeOnGrid(longHistory, recent) : recent;
      const note = details.loading ? 'loading…' : (details.error ?? unavailable);
      return (
        <DetailView
          row={row}
          history={history}
          details={details.details}
          detailsNote={note}
          events={table.shown.events}
          width={width}
          height={height}
          showEnv={state.showEnv}
          theme={theme}
        />
      );
    }
    case 'logs':
      return logs.state ? <LogView lines={logs.lines} state={logs.state} width={width} height={height} theme={theme} /> : <Box height={height} />;
    case 'table':
      return (
        <Box flexDirection="column" height={height}>
          {/* A table needs its column header and a row; a tall actions panel can leave less. */}
          {split.table >= 2 ? <ContainerTable state={table} marked={state.marked} fit={fit} width={width} height={split.table} theme={theme} /> : <Box height={split.table} />}
          {split.events > 0 ? <EventsPane events={paneEvents} width={width} height={split.events} theme={theme} /> : null}
          {split.panel > 0 ? <ActionsMenu state={state.actions} width={width} maxHeight={height} theme={theme} /> : null}
        </Box>
      );
  }
}

// The live screen, composed: header, a body chosen by the view, footer. Logic lives in the hooks
// and in pure modules (view-reducer, columns, row-cells, status-lines); this file only lays out.
//
// A new view (detail, logs, events pane, filter prompt, actions menu) adds a case to `Body`.
import type Docker from 'dockerode'; // types only
import { Box, Text } from 'ink';
import { useCallback, useEffect, useMemo } from 'react';
import { NO_ENGINE_REASON, READ_ONLY_REASON, type ActionsFlow } from '../core/model/actions.js';
import { eventsMatching } from '../core/events/event-filter.js';
import type { LogLine } from '../core/logs/log-buffer.js';
import type { Store } from '../core/history/store.js';
import type { EngineEvent } from '../core/model/types.js';
import { bottomPanelHeight } from './chrome/bottom-panel.js';
import { fitColumns, type Fit } from './table/columns.js';
import { actionsPanelHeight, ActionsMenu } from './actions/actions-menu.js';
import { ColumnChooser } from './table/column-chooser.js';
import { ContainerTable } from './table/container-table.js';
import { DetailView } from './detail/detail-view.js';
import { EventsPane } from './events/events-pane.js';
import { FilterPromptBar } from './filter/filter-prompt.js';
import { Footer } from './chrome/footer.js';
import { GroupPickerPanel } from './groups/group-picker-view.js';
import { Header } from './chrome/header.js';
import { HelpOverlay } from './help/help-overlay.js';
import { LogView } from './logs/log-view.js';
import { FOOTER_LINES, frameLayout, splitTableBody, type TableBody } from './chrome/frame.js';
import { useActionsFlow } from './actions/use-actions-flow.js';
import { useCommands } from './keys/use-key-router.js';
import { useContainerDetails, type ContainerDetailsState } from './detail/use-container-details.js';
import { useExec, type SamplingControl } from './exec/use-exec.js';
import { useLiveView, type LiveSettings } from './use-live-view.js';
import { useLogViewer } from './logs/use-log-viewer.js';
import { useTerminalSize, type TerminalSize } from './shared/use-terminal-size.js';
import type { LogViewState } from './logs/log-view-reducer.js';
import { pickTheme, type Theme } from './shared/theme.js';
import { queryPredicate, selectedRow } from './table/table-view.js';
import type { ViewEffect, ViewState } from './view-reducer.js';

export type { LiveSettings } from './use-live-view.js';

export interface AppProps {
  store: Store;
  settings: LiveSettings;
  /** Pins the terminal size (tests); otherwise it follows stdout. */
  size?: TerminalSize;
  /** The engine, once the session is open: inspect, actions, logs. Null for replay and mock. */
  docker?: Docker | null;
  /** --read-only: actions and exec refuse, saying why; logs stay. */
  readOnly?: boolean;
  /** -H, so exec's docker CLI talks to the same engine. */
  host?: string;
  /** Sampling pauses while a shell from `x` has the terminal. */
  sampling?: SamplingControl;
}

interface BodyProps {
  state: ViewState;
  fit: Fit;
  width: number;
  height: number;
  theme: Theme;
  readOnly: boolean;
  /** How the table view's body is shared (table, events pane, actions panel). */
  split: TableBody;
  /** The events pane's events: those of containers the query passes. */
  paneEvents: readonly EngineEvent[];
  actions: ActionsFlow;
  details: ContainerDetailsState;
  hasEngine: boolean;
  logs: { lines: readonly LogLine[]; state: LogViewState };
}

function Body({ state, fit, width, height, theme, readOnly, split, paneEvents, actions, details, hasEngine, logs }: BodyProps) {
  switch (state.view) {
    case 'help':
      return <HelpOverlay scroll={state.helpScroll} width={width} height={height} theme={theme} readOnly={readOnly} />;
    case 'columns':
      return <ColumnChooser hidden={state.hidden} cursor={state.chooserIndex} fit={fit} width={width} height={height} theme={theme} />;
    case 'detail': {
      const row = selectedRow(state);
      const history = row ? state.shown.history.get(row.info.id) : undefined;
      const note = details.loading ? 'loading…' : (details.error ?? (hasEngine ? null : 'no engine: inspect details unavailable'));
      return (
        <DetailView
          row={row}
          history={history}
          details={details.details}
          detailsNote={note}
          events={state.shown.events}
          width={width}
          height={height}
          showEnv={state.showEnv}
          theme={theme}
        />
      );
    }
    case 'logs':
      return <LogView lines={logs.lines} state={logs.state} width={width} height={height} theme={theme} />;
    case 'table':
      return (
        <Box flexDirection="column" height={height}>
          {/* A table needs its column header and a row; a tall actions panel can leave less. */}
          {split.table >= 2 ? <ContainerTable state={state} fit={fit} width={width} height={split.table} theme={theme} /> : <Box height={split.table} />}
          {split.events > 0 ? <EventsPane events={paneEvents} width={width} height={split.events} theme={theme} /> : null}
          {split.panel > 0 ? <ActionsMenu state={actions} width={width} maxHeight={height} theme={theme} /> : null}
        </Box>
      );
  }
}

export function App({ store, settings, size, docker = null, readOnly = false, host, sampling }: AppProps) {
  const { columns, rows } = useTerminalSize(size);
  const frame = frameLayout(columns, rows);
  const [state, dispatch, current] = useLiveView(store, settings, frame.pageSize);
  const clearMarks = useCallback(() => dispatch({ type: 'clearMarks' }), [dispatch]);
  const actions = useActionsFlow(docker, { disabled: !docker ? NO_ENGINE_REASON : readOnly ? READ_ONLY_REASON : null, onFinished: clearMarks });
  const logs = useLogViewer(docker, state.logTarget, { width: frame.width, height: frame.body });
  const exec = useExec({ docker, readOnly, host, sampling, dispatch });
  const onEffect = useCallback((e: ViewEffect) => (e.type === 'actions' ? actions.open(e.targets) : exec(e)), [actions.open, exec]);
  useCommands(dispatch, { current, actions, logs, onEffect });
  const detailId = state.view === 'detail' ? (selectedRow(state)?.info.id ?? null) : null;
  const details = useContainerDetails(docker, detailId, state.shown.events);
  const theme = useMemo(() => pickTheme(settings), [settings]);
  const fit = useMemo(() => fitColumns(frame.width, state.hidden), [frame.width, state.hidden]);
  const inTable = state.view === 'table';
  // The `/` prompt and the `l` picker take the footer's place, and lines from the body.
  const bottom = inTable ? bottomPanelHeight(state, frame.body + FOOTER_LINES) : FOOTER_LINES;
  const body = frame.body + FOOTER_LINES - bottom;
  const split = splitTableBody(body, {
    eventsPane: inTable && state.eventsPane,
    panel: inTable ? actionsPanelHeight(actions.state, frame.width, body) : 0,
  });
  // The reducer pages by the rows the table really has (fewer with the pane or the panel open).
  const pageSize = Math.max(1, (inTable ? split.table : frame.body) - 1);
  useEffect(() => dispatch({ type: 'resize', pageSize }), [dispatch, pageSize]);
  const { events: allEvents, rows: allRows } = state.shown;
  const query = useMemo(() => queryPredicate(state), [state.predicate, state.filter]);
  const paneEvents = useMemo(() => (state.eventsPane ? eventsMatching(allEvents, allRows, query) : allEvents), [state.eventsPane, allEvents, allRows, query]);

  if (frame.tooSmall) {
    return (
      <Text wrap="truncate">
        ctop-ts needs a taller terminal ({columns}×{rows}); q quits
      </Text>
    );
  }
  return (
    // Only vertical clipping: every line is already cut to the width, and horizontal clipping
    // would make Ink re-slice each line's ANSI text on every frame.
    <Box flexDirection="column" width={frame.width} height={frame.height} overflowY="hidden">
      <Header state={state} width={frame.width} theme={theme} readOnly={readOnly} query={settings.filter} />
      <Body
        state={state}
        fit={fit}
        width={frame.width}
        height={body}
        theme={theme}
        readOnly={readOnly}
        split={split}
        paneEvents={paneEvents}
        actions={actions.state}
        details={details}
        hasEngine={docker !== null}
        logs={logs}
      />
      {inTable && state.prompt ? (
        <FilterPromptBar prompt={state.prompt} matches={state.rows.length} width={frame.width} theme={theme} />
      ) : inTable && state.picker ? (
        <GroupPickerPanel picker={state.picker} current={state.groupBy?.spec ?? null} width={frame.width} height={bottom} theme={theme} />
      ) : (
        <Footer state={state} width={frame.width} theme={theme} />
      )}
    </Box>
  );
}

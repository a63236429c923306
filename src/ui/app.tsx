// The live screen, composed: header, a body chosen by the view, the bottom line. State lives in
// the root reducer (live-reducer.ts) and its feature slices; engine work in the hooks, through the
// session's EngineCommands; layout sums in chrome/frame.ts. This file only wires them.
import { Box, Text } from 'ink';
import { useCallback, useMemo } from 'react';
import { READ_ONLY_REASON, type ActionsEvent } from '../core/model/actions.js';
import { eventsMatching } from '../core/events/event-filter.js';
import type { Store } from '../core/history/store.js';
import { refusingCommands, type EngineCommands } from '../commands/engine-commands.js';
import { bottomPanelHeight } from './chrome/bottom-panel.js';
import { fitColumns, GROWTH_PLAN, HOST_GROWTH_PLAN } from './table/columns.js';
import { actionsPanelHeight } from './actions/actions-menu.js';
import { actionsScope } from './actions/actions-keys.js';
import { Footer } from './chrome/footer.js';
import { GroupPickerPanel } from './groups/group-picker-view.js';
import { FilterPromptBar } from './filter/filter-prompt.js';
import { Header } from './chrome/header.js';
import { FOOTER_LINES, frameLayout, splitTableBody } from './chrome/frame.js';
import { useActionRunner } from './actions/use-action-runner.js';
import { useKeyRouter } from './keys/use-key-router.js';
import { useContainerDetails } from './detail/use-container-details.js';
import { useExec, type SamplingControl } from './exec/use-exec.js';
import { useLiveView, type LiveSettings } from './use-live-view.js';
import { useLogFollow } from './logs/use-log-follow.js';
import { useTerminalSize, type TerminalSize } from './shared/use-terminal-size.js';
import { pickTheme } from './shared/theme.js';
import { queryPredicate, selectedRow } from './table/table-selectors.js';
import type { KeyScope } from './keys/keymap.js';
import type { LiveEffect, LiveState } from './live-state.js';
import { Body } from './body.js';
import { useLongHistory, type LongHistorySource } from './detail/use-long-history.js';
import { helpLineCount } from './help/help-layout.js';

export type { LiveSettings } from './use-live-view.js';

export interface AppProps {
  store: Store;
  settings: LiveSettings;
  /** Pins the terminal size (tests); otherwise it follows stdout. */
  size?: TerminalSize;
  /** The session's engine commands (inspect, actions, logs, exec); until it opens, they refuse. */
  commands?: EngineCommands;
  /** --read-only: actions and exec refuse, saying why; logs stay. */
  readOnly?: boolean;
  /** Sampling pauses while a shell from `x` has the terminal. */
  sampling?: SamplingControl;
  /** A container's last hour for the detail charts, when the session has one (Prometheus). */
  longHistory?: LongHistorySource;
  /** `W`: writes the view to the config file; resolves with the line to show. */
  saveView?: (view: Extract<LiveEffect, { type: 'saveView' }>) => Promise<string>;
}

const NOT_CONNECTED = refusingCommands('not connected');

/** Says what is wrong in as many columns as there are: whole at 20×5 too. */
export function tooSmallText(columns: number, rows: number): string {
  const long = `ctop-ts needs a taller terminal (${columns}×${rows}); q quits`;
  return long.length <= columns ? long : 'too small; q quits';
}

/** The keymap scope whose keys the footer shows: a log search being typed takes its keys as text. */
function footerScope(s: LiveState): KeyScope {
  if (s.view === 'logs' && s.logs?.draft != null) return 'logSearch';
  return actionsScope(s.actions) ?? s.view;
}

export function App({ store, settings, size, commands = NOT_CONNECTED, readOnly = false, sampling, longHistory, saveView }: AppProps) {
  const { columns, rows } = useTerminalSize(size);
  const frame = frameLayout(columns, rows);
  const { state, dispatch, current, envRef } = useLiveView(store, settings);
  const { table } = state;
  const clearMarks = useCallback(() => dispatch({ type: 'clearMarks' }), [dispatch]);
  const sendActions = useCallback((event: ActionsEvent) => dispatch({ type: 'actions', event }), [dispatch]);
  useActionRunner(commands, state.actions, sendActions, { onFinished: clearMarks });
  // The container itself (its host and engine id route the command in a fleet), or what the view kept.
  const logs0 = state.view === 'logs' ? state.logs : null;
  const logTarget = logs0 ? (table.shown.rows.find((r) => r.info.id === logs0.containerId)?.info ?? { id: logs0.containerId, name: logs0.containerName }) : null;
  const logs = useLogFollow(commands, logTarget);
  const exec = useExec({ commands, readOnly, sampling, dispatch });
  const onEffect = useCallback(
    (e: LiveEffect) => {
      if (e.type === 'exec') return exec(e);
      const save = saveView ?? (() => Promise.resolve('saving the view needs the live screen started by ctop-ts'));
      void save(e).then((notice) => dispatch({ type: 'notice', notice }));
    },
    [exec, saveView, dispatch],
  );
  useKeyRouter(dispatch, { current, onEffect });
  const detailRow = state.view === 'detail' ? (selectedRow(table)?.info ?? null) : null;
  const details = useContainerDetails(commands, detailRow, table.shown.events);
  const long = useLongHistory(longHistory, detailRow?.id ?? null, frame.width);
  const theme = useMemo(() => pickTheme(settings), [settings]);
  // HOST only with several engines: one engine keeps the table as it was.
  const oneEngine = (table.shown.engines?.length ?? 0) < 2;
  const fit = useMemo(() => fitColumns(frame.width, table.hidden, oneEngine ? GROWTH_PLAN : HOST_GROWTH_PLAN), [frame.width, table.hidden, oneEngine]);
  const inTable = state.view === 'table';
  // The `/` prompt and the `l` picker take the footer's place, and lines from the body.
  const bottom = inTable ? bottomPanelHeight(state, frame.body + FOOTER_LINES) : FOOTER_LINES;
  const body = frame.body + FOOTER_LINES - bottom;
  const split = splitTableBody(body, {
    eventsPane: inTable && state.eventsPane,
    panel: inTable ? actionsPanelHeight(state.actions, frame.width, body) : 0,
  });
  const helpLines = useMemo(() => helpLineCount(frame.width), [frame.width]);
  // This frame's sizes, for the reducer's next actions (pages, scroll limits): arguments, not state.
  envRef.current = {
    page: Math.max(1, (inTable ? split.table : frame.body) - 1),
    helpPage: Math.max(1, body - 1),
    helpLines,
    logs: { lines: logs.lines, width: frame.width, height: body },
    actionsDisabled: readOnly ? READ_ONLY_REASON : commands.unavailable,
  };
  const query = useMemo(() => queryPredicate(table), [table.predicate, table.filter]);
  const { events: allEvents, rows: allRows } = table.shown;
  const paneEvents = useMemo(() => (state.eventsPane ? eventsMatching(allEvents, allRows, query) : allEvents), [state.eventsPane, allEvents, allRows, query]);

  if (frame.tooSmall) {
    return <Text wrap="truncate">{tooSmallText(columns, rows)}</Text>;
  }
  return (
    // Only vertical clipping: every line is already cut to the width, and horizontal clipping
    // would make Ink re-slice each line's ANSI text on every frame.
    <Box flexDirection="column" width={frame.width} height={frame.height} overflowY="hidden">
      <Header state={table} width={frame.width} theme={theme} readOnly={readOnly} query={settings.filter} />
      <Body
        state={state}
        fit={fit}
        width={frame.width}
        height={body}
        theme={theme}
        readOnly={readOnly}
        split={split}
        paneEvents={paneEvents}
        details={details}
        unavailable={commands.unavailable}
        longHistory={long}
        logs={{ lines: logs.lines, state: state.logs ? { ...state.logs, stream: logs.status } : null }}
      />
      {inTable && state.prompt ? (
        <FilterPromptBar prompt={state.prompt} matches={table.rows.length} width={frame.width} theme={theme} />
      ) : inTable && state.picker ? (
        <GroupPickerPanel picker={state.picker} current={table.groupBy?.spec ?? null} width={frame.width} height={bottom} theme={theme} />
      ) : (
        <Footer state={{ ...table, marked: state.marked, notice: state.notice }} scope={footerScope(state)} width={frame.width} theme={theme} />
      )}
    </Box>
  );
}

// The live screen, composed: header, a body chosen by the view, footer. Logic lives in the hooks
// and in pure modules (view-reducer, columns, row-cells, status-lines); this file only lays out.
//
// A new view (detail, logs, events pane, filter prompt, actions menu) adds a case to `Body`.
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import type { Store } from '../core/store.js';
import { fitColumns, type Fit } from './columns.js';
import { ColumnChooser } from './components/column-chooser.js';
import { ContainerTable } from './components/container-table.js';
import { DetailPlaceholder } from './components/detail-placeholder.js';
import { Footer } from './components/footer.js';
import { Header } from './components/header.js';
import { HelpOverlay } from './components/help-overlay.js';
import { frameLayout } from './frame.js';
import { useCommands } from './hooks/use-commands.js';
import { useLiveView, type LiveSettings } from './hooks/use-live-view.js';
import { useTerminalSize, type TerminalSize } from './hooks/use-terminal-size.js';
import { pickTheme, type Theme } from './theme.js';
import type { ViewState } from './view-reducer.js';

export type { LiveSettings } from './hooks/use-live-view.js';

export interface AppProps {
  store: Store;
  settings: LiveSettings;
  /** Pins the terminal size (tests); otherwise it follows stdout. */
  size?: TerminalSize;
}

interface BodyProps {
  state: ViewState;
  fit: Fit;
  width: number;
  height: number;
  theme: Theme;
}

function Body({ state, fit, width, height, theme }: BodyProps) {
  switch (state.view) {
    case 'help':
      return <HelpOverlay scroll={state.helpScroll} width={width} height={height} theme={theme} />;
    case 'columns':
      return <ColumnChooser hidden={state.hidden} cursor={state.chooserIndex} fit={fit} width={width} height={height} theme={theme} />;
    case 'detail': {
      const row = state.rows[state.cursor];
      const history = row ? state.shown.history.get(row.info.id) : undefined;
      return <DetailPlaceholder row={row} history={history} width={width} height={height} theme={theme} />;
    }
    case 'table':
      return <ContainerTable state={state} fit={fit} width={width} height={height} theme={theme} />;
  }
}

export function App({ store, settings, size }: AppProps) {
  const { columns, rows } = useTerminalSize(size);
  const frame = frameLayout(columns, rows);
  const [state, dispatch] = useLiveView(store, settings, frame.pageSize);
  useCommands(dispatch);
  const theme = useMemo(() => pickTheme(settings), [settings]);
  const fit = useMemo(() => fitColumns(frame.width, state.hidden), [frame.width, state.hidden]);

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
      <Header state={state} width={frame.width} theme={theme} />
      <Body state={state} fit={fit} width={frame.width} height={frame.body} theme={theme} />
      <Footer state={state} filter={settings.filter} width={frame.width} theme={theme} />
    </Box>
  );
}

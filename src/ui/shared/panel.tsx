// A bordered panel of pre-fitted rows (the actions menu and its confirmation draw in one). Rows
// are computed by pure functions so the app can budget the panel's height before rendering (the
// frame must stay within the terminal's rows − 1). Colours come from the app's Theme by tone, so
// --no-color / NO_COLOR (the mono theme) needs nothing special here.
import { Box, Text } from 'ink';
import { fitCell } from './text-fit.js';
import { THEMES, type Theme, type Tone } from './theme.js';

export interface PanelRow {
  text: string;
  tone?: Tone;
  /** The highlighted menu entry: the theme's selection style. */
  selected?: boolean;
}

/** Border (1) + padding (1) on each side. */
export const PANEL_SIDE = 2;
/** Top and bottom border. */
export const PANEL_CHROME_ROWS = 2;

export function innerWidth(width: number): number {
  return Math.max(1, width - 2 * PANEL_SIDE);
}

export interface PanelProps {
  rows: readonly PanelRow[];
  width: number;
  /** Tone of the border: 'danger' for destructive steps. */
  border?: Tone;
  theme?: Theme;
}

/** Exactly rows.length + 2 lines tall and `width` columns wide. */
export function Panel({ rows, width, border = 'accent', theme = THEMES.dark }: PanelProps) {
  const inner = innerWidth(width);
  return (
    <Box flexDirection="column" width={width} borderStyle="round" borderColor={theme.tones[border]?.color} paddingX={1}>
      {rows.map((r, i) => (
        <Text key={i} wrap="truncate" {...(r.tone ? theme.tones[r.tone] : undefined)} {...(r.selected ? theme.selected : undefined)}>
          {fitCell(r.text, inner)}
        </Text>
      ))}
    </Box>
  );
}

/** Keeps a panel within `maxHeight` (borders included): rows are cut from the end, the last row (the keys) stays. */
export function capRows(rows: PanelRow[], maxHeight: number | undefined): PanelRow[] {
  const max = (maxHeight ?? Infinity) - PANEL_CHROME_ROWS;
  if (rows.length <= max) return rows;
  if (max <= 0) return [];
  return [...rows.slice(0, max - 1), rows[rows.length - 1]];
}

/** At most `room` rows; the last says how many did not fit. The selected row stays in view: Enter acts on it. */
export function fitItems(items: readonly PanelRow[], room: number): PanelRow[] {
  if (items.length <= room) return [...items];
  if (room <= 0) return [];
  const shown = room - 1;
  const selected = items.findIndex((r) => r.selected);
  const start = selected < shown ? 0 : selected - shown + 1;
  return [...items.slice(start, start + shown), { text: `… and ${items.length - shown} more`, tone: 'dim' }];
}

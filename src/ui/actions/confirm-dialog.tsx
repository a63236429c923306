// A bordered panel of pre-fitted rows, and the confirmation dialog built on it. Rows are
// computed by pure functions so the app can budget the panel's height before rendering
// (the frame must stay within the terminal's rows − 1). Colours come from the app's Theme
// by tone, so --no-color / NO_COLOR (the mono theme) needs nothing special here.
import React from 'react';
import { Box, Text } from 'ink';
import { fitCell } from '../shared/text-fit.js';
import { wordWrap } from '../shared/text-wrap.js';
import { THEMES, type Theme, type Tone } from '../shared/theme.js';

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

/** At most `room` rows; the last says how many did not fit. */
export function fitItems(items: readonly PanelRow[], room: number): PanelRow[] {
  if (items.length <= room) return [...items];
  if (room <= 0) return [];
  return [...items.slice(0, room - 1), { text: `… and ${items.length - room + 1} more`, tone: 'dim' }];
}

export interface ConfirmDialogProps {
  title: string;
  /** The question; wrapped at spaces. */
  message: string;
  /** One row each (e.g. the container names), cut to fit with "… and N more". */
  items?: readonly string[];
  /** A muted line under the items (e.g. skipped containers). */
  note?: string;
  /** The keys, e.g. "y confirm · n/Esc cancel". */
  prompt: string;
  danger?: boolean;
  width: number;
  /** Total height available, borders included. */
  maxHeight?: number;
  theme?: Theme;
}

export function confirmDialogRows(p: ConfirmDialogProps): PanelRow[] {
  const w = innerWidth(p.width);
  const head: PanelRow[] = [{ text: p.title, tone: p.danger ? 'danger' : 'title' }, ...wordWrap(p.message, w).map((text) => ({ text }))];
  const tail: PanelRow[] = [
    ...(p.note ? wordWrap(p.note, w).map((text): PanelRow => ({ text, tone: 'dim' })) : []),
    { text: p.prompt, tone: p.danger ? 'danger' : 'warn' },
  ];
  const room = Math.max(0, (p.maxHeight ?? Infinity) - PANEL_CHROME_ROWS - head.length - tail.length);
  const items = fitItems((p.items ?? []).map((text) => ({ text: `  ${text}` })), room);
  return capRows([...head, ...items, ...tail], p.maxHeight);
}

export function confirmDialogHeight(p: ConfirmDialogProps): number {
  return confirmDialogRows(p).length + PANEL_CHROME_ROWS;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  return <Panel rows={confirmDialogRows(props)} width={props.width} border={props.danger ? 'danger' : 'accent'} theme={props.theme} />;
}

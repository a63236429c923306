// The confirmation dialog (a Panel, shared/panel.tsx): title, the question wrapped, the
// containers it applies to cut to fit, a note, and the keys.
import { wordWrap } from '../shared/text-wrap.js';
import type { Theme } from '../shared/theme.js';
import { capRows, fitItems, innerWidth, Panel, PANEL_CHROME_ROWS, type PanelRow } from '../shared/panel.js';

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

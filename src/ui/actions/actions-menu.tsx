// The actions flow on screen: menu, signal choice, confirmation, progress, results.
// No useInput here: keys resolve through the keymap (actions-keys.ts) in the root reducer, which
// feeds actionsReducer (src/core/model/actions.ts); the hint lines come from the keymap too.
import React from 'react';
import {
  actionSpec,
  confirmText,
  KILL_SIGNALS,
  progressTitle,
  resultSummary,
  type ActionsFlow,
  type ActionTarget,
  type TargetStatus,
} from '../../core/model/actions.js';
import { displayName } from '../../core/model/sanitize.js';
import { hintText } from '../keys/key-help.js';
import { wordWrap } from '../shared/text-wrap.js';
import type { Theme } from '../shared/theme.js';
import { confirmDialogRows } from './confirm-dialog.js';
import { capRows, fitItems, innerWidth, Panel, PANEL_CHROME_ROWS, type PanelRow } from '../shared/panel.js';

export interface ActionsMenuProps {
  state: ActionsFlow;
  width: number;
  /** Total rows available, borders included. */
  maxHeight?: number;
  theme?: Theme;
}

const who = (targets: readonly ActionTarget[]) =>
  targets.length === 1 ? displayName(targets[0].name) : `${targets.length} marked containers`;

function statusRow(target: ActionTarget, s: TargetStatus, w: number): PanelRow[] {
  const name = displayName(target.name);
  switch (s.state) {
    case 'pending':
      return [{ text: `· ${name}  waiting`, tone: 'dim' }];
    case 'running':
      return [{ text: `… ${name}  working` }];
    case 'ok':
      return [{ text: `✓ ${name}`, tone: 'ok' }];
    case 'error':
      // The engine's words in full (wrapped), never cut to one row: they say what to do.
      return wordWrap(`✗ ${name}: ${s.error}`, w).map((text): PanelRow => ({ text, tone: 'dead' }));
  }
}

/** Rows of the panel for this state (empty when closed). Pure, so the app can budget height. */
export function actionsPanelRows(state: ActionsFlow, width: number, maxHeight?: number): PanelRow[] {
  const w = innerWidth(width);
  const room = (fixed: number) => Math.max(0, (maxHeight ?? Infinity) - PANEL_CHROME_ROWS - fixed);
  switch (state.phase) {
    case 'closed':
      return [];
    case 'refused':
      return capRows(
        [
          { text: 'Actions unavailable', tone: 'warn' },
          ...wordWrap(state.reason, w).map((text) => ({ text })),
          { text: hintText('actionResult'), tone: 'dim' },
        ],
        maxHeight,
      );
    case 'menu': {
      const items: PanelRow[] = state.items.length
        ? state.items.map((item, i) => {
            const spec = actionSpec(item.kind);
            const count = state.targets.length > 1 ? `  (${item.count} of ${state.targets.length})` : '';
            const text = `${i === state.cursor ? '›' : ' '} ${item.key}  ${item.label}${count}`;
            return { text, selected: i === state.cursor, tone: spec.destructive ? 'danger' : undefined };
          })
        : [{ text: `nothing to do for a container that is ${state.targets[0]?.state ?? 'gone'}`, tone: 'dim' }];
      return capRows(
        [
          { text: `Actions: ${who(state.targets)}`, tone: 'title' },
          ...fitItems(items, room(2)),
          { text: `${hintText('actions')} · or the action's key`, tone: 'dim' },
        ],
        maxHeight,
      );
    }
    case 'signal': {
      const items = KILL_SIGNALS.map((sig, i) => ({
        text: `${i === state.cursor ? '›' : ' '} ${i + 1}  ${sig}${sig === 'SIGKILL' ? '  (docker kill default)' : ''}`,
        selected: i === state.cursor,
      }));
      return capRows(
        [
          { text: `Kill ${who(state.targets)}: which signal?`, tone: 'danger' },
          ...fitItems(items, room(2)),
          { text: `1–${KILL_SIGNALS.length} · ${hintText('signal')}`, tone: 'dim' },
        ],
        maxHeight,
      );
    }
    case 'confirm': {
      const { request, step } = state;
      const skipped = request.skipped.map((s) => `${displayName(s.name)} (${s.state})`).join(', ');
      return confirmDialogRows({
        title: step === 2 ? 'Second confirmation: remove --force' : 'Confirm',
        message: confirmText(request, step),
        items: request.targets.length > 1 ? request.targets.map((x) => `${displayName(x.name)}  (${x.state})`) : [],
        note: skipped ? `Skipped, the action does not fit their state: ${skipped}` : undefined,
        prompt: hintText(step === 2 ? 'confirmForce' : 'confirm'),
        danger: actionSpec(request.kind).destructive,
        width,
        maxHeight,
      });
    }
    case 'running':
    case 'result': {
      const rows = state.request.targets.flatMap((x, i) => statusRow(x, state.status[i], w));
      if (state.phase === 'result') {
        for (const s of state.request.skipped) rows.push({ text: `– ${displayName(s.name)}  skipped (${s.state})`, tone: 'dim' });
      }
      const done = state.phase === 'result';
      const failed = done && state.status.some((s) => s.state === 'error');
      return capRows(
        [
          {
            text: done ? resultSummary(state.request, state.status) : progressTitle(state.request),
            tone: failed ? 'danger' : done ? 'ok' : 'title',
          },
          ...fitItems(rows, room(2)),
          { text: done ? hintText('actionResult') : 'Esc hide (the engine carries on)', tone: 'dim' },
        ],
        maxHeight,
      );
    }
  }
}

/** Total height of the panel (0 when closed): reserve it before laying out the rest. */
export function actionsPanelHeight(state: ActionsFlow, width: number, maxHeight?: number): number {
  const n = actionsPanelRows(state, width, maxHeight).length;
  return n === 0 ? 0 : n + PANEL_CHROME_ROWS;
}

export function ActionsMenu({ state, width, maxHeight, theme }: ActionsMenuProps) {
  const rows = actionsPanelRows(state, width, maxHeight);
  if (rows.length === 0) return null;
  const danger = (state.phase === 'confirm' && actionSpec(state.request.kind).destructive) || state.phase === 'signal';
  return <Panel rows={rows} width={width} border={danger ? 'danger' : 'accent'} theme={theme} />;
}

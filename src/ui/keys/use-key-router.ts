// The app's only useInput: raw input → key names (each character of a chunk like "jjj" on its
// own) → whoever owns the key: the actions menu while it is open (modal), the log viewer in the
// logs view, else the reducer, which resolves keys through the keymap for the current view.
// Keys go one at a time, each routed by the state the previous one left (a chunk like "mty"
// opens the menu, picks stop and confirms).
import { useInput, type Key } from 'ink';
import { useCallback, useRef, type Dispatch } from 'react';
import { keysFromInput } from './keymap.js';
import type { LogViewAction } from '../logs/log-view-reducer.js';
import type { ViewAction, ViewEffect, ViewState } from '../view-reducer.js';

export interface KeyRouting {
  /** The view state after the previous key (use-live-view's ref), not the last rendered one. */
  current: () => ViewState;
  /** The actions flow (use-actions-flow.ts): takes every key while open. */
  actions?: { isOpenNow(): boolean; handleKeyName(name: string): boolean };
  /** The log viewer (use-log-viewer.ts): first refusal on keys in the logs view. */
  logs?: { handleKeyName(name: string): LogViewAction | null };
  /** Work a key asked for (ViewState.effect), done once. */
  onEffect?: (effect: ViewEffect) => void;
}

/** One key name to its owner. Pure apart from the callbacks it is given. */
export function routeKey(name: string, dispatch: Dispatch<ViewAction>, r?: KeyRouting): void {
  // Ctrl-C quits from anywhere, open menu or search prompt included.
  if (!r || name === 'ctrl+c') return dispatch({ type: 'key', key: name });
  if (r.actions?.isOpenNow()) {
    r.actions.handleKeyName(name); // modal: keys it does not use are dropped
    return;
  }
  if (r.logs && r.current().view === 'logs') {
    const action = r.logs.handleKeyName(name);
    // 'close' (Esc, ←) and keys the viewer leaves (q, ?) go on to the keymap.
    if (action !== null && action.type !== 'close') return;
  }
  dispatch({ type: 'key', key: name });
  const effect = r.current().effect;
  if (effect) {
    dispatch({ type: 'effectTaken' });
    r.onEffect?.(effect);
  }
}

export function useCommands(dispatch: Dispatch<ViewAction>, routing?: KeyRouting): void {
  // A stable handler (useInput re-subscribes whenever its handler changes) reading the latest routing.
  const latest = useRef(routing);
  latest.current = routing;
  const onInput = useCallback(
    (input: string, key: Key) => {
      for (const k of keysFromInput(input, key)) routeKey(k, dispatch, latest.current);
    },
    [dispatch],
  );
  useInput(onInput);
}

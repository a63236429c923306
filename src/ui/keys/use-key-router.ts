// The app's only useInput: raw input → key names (keys/input-keys.ts: each key of a chunk like
// "jjj", "abc\x7f\x7f" or a paste on its own, in order) → the root reducer, which resolves each
// through the keymap for the scope the previous key left open (a chunk like "mty" opens the
// menu, picks stop and confirms). Work a key asks for outside the screen (exec) is taken from
// the state once, right after the key.
import { useInput, type Key } from 'ink';
import { useCallback, useRef } from 'react';
import { keysFromInput } from './input-keys.js';
import type { LiveEffect, LiveState } from '../live-state.js';
import type { LiveDispatch } from '../use-live-view.js';

export interface KeyRouting {
  /** The state after the previous key (use-live-view's ref), not the last rendered one. */
  current: () => LiveState;
  onEffect?: (effect: LiveEffect) => void;
}

/** One key name: the reducer, then any effect it left. */
export function routeKey(name: string, dispatch: LiveDispatch, r: KeyRouting): void {
  dispatch({ type: 'key', key: name });
  const effect = r.current().effect;
  if (effect) {
    dispatch({ type: 'effectTaken' });
    r.onEffect?.(effect);
  }
}

export function useKeyRouter(dispatch: LiveDispatch, routing: KeyRouting): void {
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

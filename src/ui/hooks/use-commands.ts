// The app's only useInput: raw input → key names (each character of a chunk like "jjj" on its
// own) → the reducer, which resolves them through the keymap for the current view.
import { useInput, type Key } from 'ink';
import { useCallback, type Dispatch } from 'react';
import { keysFromInput } from '../keymap.js';
import type { ViewAction } from '../view-reducer.js';

export function useCommands(dispatch: Dispatch<ViewAction>): void {
  // A stable handler: useInput re-subscribes whenever its handler changes.
  const onInput = useCallback(
    (input: string, key: Key) => {
      for (const k of keysFromInput(input, key)) dispatch({ type: 'key', key: k });
    },
    [dispatch],
  );
  useInput(onInput);
}

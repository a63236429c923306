// The live screen's state: the view reducer fed by the store, and quitting through Ink when the
// reducer says so. The app sizes it (dispatch 'resize') once it has laid out the body.
//
// A ref holds the current state, not only React: one input chunk can hold several keys ("Lj",
// "m t"), and each must be routed by the state the previous one produced (see use-commands.ts).
import { useApp } from 'ink';
import { useCallback, useEffect, useRef, useState, type Dispatch } from 'react';
import type { ContainerPredicate } from '../core/query/row-filter.js';
import type { Store } from '../core/history/store.js';
import { initViewState, viewReducer, type ViewAction, type ViewState } from './view-reducer.js';
import { useStoreFeed } from './shared/use-store.js';

export interface LiveSettings {
  all: boolean;
  color: boolean;
  theme: 'dark' | 'light';
  predicate?: ContainerPredicate;
  /** The -l/-f query as the user wrote it, for the header. */
  filter: string;
  /** -g/--group-by: the grouping the table starts with. */
  groupBy?: string;
}

/** `pageSize` is the first frame's; later sizes arrive as 'resize' actions from the app. */
export function useLiveView(store: Store, settings: LiveSettings, pageSize: number): [ViewState, Dispatch<ViewAction>, () => ViewState] {
  const current = useRef<ViewState | null>(null);
  const [state, setState] = useState(() => {
    current.current = initViewState({ snapshot: store.getSnapshot(), all: settings.all, predicate: settings.predicate, groupBy: settings.groupBy, pageSize });
    return current.current;
  });
  const dispatch = useCallback((action: ViewAction) => {
    const next = viewReducer(current.current!, action);
    if (next === current.current) return;
    current.current = next;
    setState(next);
  }, []);
  const getCurrent = useCallback(() => current.current!, []);
  useStoreFeed(store, dispatch);
  const { exit } = useApp();
  useEffect(() => {
    if (state.quit) exit();
  }, [state.quit, exit]);
  return [state, dispatch, getCurrent];
}

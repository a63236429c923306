// The live screen's state: the view reducer fed by the store, sized by the terminal, and
// quitting through Ink when the reducer says so.
import { useApp } from 'ink';
import { useEffect, useReducer, type Dispatch } from 'react';
import type { ContainerPredicate } from '../../core/row-filter.js';
import type { Store } from '../../core/store.js';
import { initViewState, viewReducer, type ViewAction, type ViewState } from '../view-reducer.js';
import { useStoreFeed } from './use-store.js';

export interface LiveSettings {
  all: boolean;
  color: boolean;
  theme: 'dark' | 'light';
  predicate?: ContainerPredicate;
  /** The query as the user wrote it, for the footer. */
  filter: string;
}

export function useLiveView(store: Store, settings: LiveSettings, pageSize: number): [ViewState, Dispatch<ViewAction>] {
  const [state, dispatch] = useReducer(viewReducer, undefined, () =>
    initViewState({ snapshot: store.getSnapshot(), all: settings.all, predicate: settings.predicate, pageSize }),
  );
  useStoreFeed(store, dispatch);
  useEffect(() => dispatch({ type: 'resize', pageSize }), [pageSize]);
  const { exit } = useApp();
  useEffect(() => {
    if (state.quit) exit();
  }, [state.quit, exit]);
  return [state, dispatch];
}

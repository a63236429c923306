// The live screen's state: the root reducer (live-reducer.ts) fed by the store and by keys, and
// quitting through Ink when the reducer says so.
//
// A ref holds the current state, not only React: one input chunk can hold several keys ("Lj",
// "mty"), and each must be routed by the state the previous one produced (keys/use-key-router.ts).
// The frame's sizes reach the reducer as its `env` argument: the app passes this render's layout
// through `envRef` (set during render), so no size is ever copied into state.
import { useApp } from 'ink';
import { useCallback, useEffect, useRef, useState, type MutableRefObject } from 'react';
import type { ContainerPredicate } from '../core/query/row-filter.js';
import type { Store } from '../core/history/store.js';
import { liveReducer } from './live-reducer.js';
import { DEFAULT_ENV, initLiveState, type LiveAction, type LiveEnv, type LiveState } from './live-state.js';
import type { TableInit } from './table/table-state.js';
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
  /** The config file's sort and hidden columns, for the first frame. */
  sort?: TableInit['sort'];
  reverse?: boolean;
  hidden?: TableInit['hidden'];
}

export type LiveDispatch = (action: LiveAction) => void;

export interface LiveView {
  state: LiveState;
  dispatch: LiveDispatch;
  /** The state after the last action, ahead of React's render. */
  current: () => LiveState;
  /** Set it to the frame's sizes on every render. */
  envRef: MutableRefObject<LiveEnv>;
}

export function useLiveView(store: Store, settings: LiveSettings, env: LiveEnv = DEFAULT_ENV): LiveView {
  const envRef = useRef(env);
  const current = useRef<LiveState | null>(null);
  const [state, setState] = useState(() => {
    const { sort, reverse, hidden } = settings;
    current.current = initLiveState({ snapshot: store.getSnapshot(), all: settings.all, predicate: settings.predicate, groupBy: settings.groupBy, sort, reverse, hidden }, env);
    return current.current;
  });
  const dispatch = useCallback((action: LiveAction) => {
    const next = liveReducer(current.current!, action, envRef.current);
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
  return { state, dispatch, current: getCurrent, envRef };
}

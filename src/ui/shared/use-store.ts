// Feeds the store's snapshots into the view reducer: one dispatch per published snapshot (one
// per tick, plus engine events), and the current one on mount.
import { useEffect, type Dispatch } from 'react';
import type { Store } from '../../core/history/store.js';
import type { ViewAction } from '../view-reducer.js';

export function useStoreFeed(store: Store, dispatch: Dispatch<ViewAction>): void {
  useEffect(() => {
    const push = () => dispatch({ type: 'snapshot', snapshot: store.getSnapshot() });
    const unsubscribe = store.subscribe(push);
    push(); // anything published between render and subscribe
    return unsubscribe;
  }, [store, dispatch]);
}

// Feeds the store's snapshots into the root reducer: one dispatch per published snapshot (one
// per tick, plus engine events), and the current one on mount.
import { useEffect } from 'react';
import type { Store } from '../../core/history/store.js';
import type { Snapshot } from '../../core/model/types.js';

export function useStoreFeed(store: Store, dispatch: (action: { type: 'snapshot'; snapshot: Snapshot }) => void): void {
  useEffect(() => {
    const push = () => dispatch({ type: 'snapshot', snapshot: store.getSnapshot() });
    const unsubscribe = store.subscribe(push);
    push(); // anything published between render and subscribe
    return unsubscribe;
  }, [store, dispatch]);
}

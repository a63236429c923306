// Which rows a view shows: running only unless --all / `a`, then the user's selector predicate.
import type { ContainerInfo, ContainerRow } from '../model/types.js';

export type ContainerPredicate = (c: ContainerInfo) => boolean;

export function visibleRows(rows: readonly ContainerRow[], all: boolean, predicate?: ContainerPredicate): ContainerRow[] {
  return rows.filter((r) => (all || r.info.state === 'running' || r.info.state === 'paused' || r.info.state === 'restarting') && (!predicate || predicate(r.info)));
}

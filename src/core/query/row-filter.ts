// Which rows a view shows: running only unless --all / `a`, then the user's selector predicate.
import type { ContainerInfo, ContainerRow } from '../model/types.js';
import { isActive } from '../model/container-states.js';

export type ContainerPredicate = (c: ContainerInfo) => boolean;

export function visibleRows(rows: readonly ContainerRow[], all: boolean, predicate?: ContainerPredicate): ContainerRow[] {
  return rows.filter((r) => (all || isActive(r.info.state)) && (!predicate || predicate(r.info)));
}

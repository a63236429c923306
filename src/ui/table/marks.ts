// Marks (Space) and what the actions menu acts on: the marked containers on screen, else the
// selected one. Marks follow container ids across ticks and are dropped when a container goes.
import type { ActionTarget } from '../../core/model/actions.js';
import type { ContainerRow } from '../../core/model/types.js';
import type { TableItem } from '../../core/query/table-rows.js';
import { selectedRow } from './table-selectors.js';

export type Marks = ReadonlySet<string>;
export const NO_MARKS: Marks = new Set();

/** Marks of containers no longer in the snapshot are dropped (the same set when none are). */
export function pruneMarks(marked: Marks, rows: readonly ContainerRow[]): Marks {
  if (marked.size === 0) return marked;
  const present = new Set(rows.map((r) => r.info.id));
  const kept = [...marked].filter((id) => present.has(id));
  return kept.length === marked.size ? marked : new Set(kept);
}

interface Lines {
  readonly rows: readonly ContainerRow[];
  readonly items: readonly TableItem[];
  readonly cursor: number;
}

/** What the actions menu acts on: the marked rows on screen, else the selected row. */
export function actionTargets(t: Lines, marked: Marks): ActionTarget[] {
  const target = ({ info }: ContainerRow): ActionTarget => {
    const t: ActionTarget = { id: info.id, name: info.name, state: info.state };
    if (info.host !== undefined) t.host = info.host;
    if (info.engineId !== undefined) t.engineId = info.engineId;
    return t;
  };
  const chosen = t.rows.filter((r) => marked.has(r.info.id));
  if (chosen.length > 0) return chosen.map(target);
  const selected = selectedRow(t);
  return selected ? [target(selected)] : [];
}

/** Space: the selected container; on a group row, all its members (unmarked when all already were). */
export function toggleMark(t: Lines, marked: Marks): Marks {
  const item = t.items[t.cursor];
  if (!item) return marked;
  const next = new Set(marked);
  if (item.kind === 'group') {
    const all = item.group.ids.every((id) => next.has(id));
    for (const id of item.group.ids) {
      if (all) next.delete(id);
      else next.add(id);
    }
  } else if (!next.delete(item.id)) next.add(item.id);
  return next;
}

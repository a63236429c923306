// Marks (Space) and what the actions menu acts on: the marked containers on screen, else the
// selected one. Marks follow container ids across ticks and are dropped when a container goes.
import type { ActionTarget } from '../../core/model/actions.js';
import type { ContainerRow } from '../../core/model/types.js';
import { selectedRow } from './table-view.js';
import type { ViewState } from '../view-reducer.js';

/** Marks of containers no longer in the snapshot are dropped (the same set when none are). */
export function pruneMarks(marked: ReadonlySet<string>, rows: readonly ContainerRow[]): ReadonlySet<string> {
  if (marked.size === 0) return marked;
  const present = new Set(rows.map((r) => r.info.id));
  const kept = [...marked].filter((id) => present.has(id));
  return kept.length === marked.size ? marked : new Set(kept);
}

/** What the actions menu acts on: the marked rows on screen, else the selected row. */
export function actionTargets(s: Pick<ViewState, 'rows' | 'items' | 'marked' | 'cursor'>): ActionTarget[] {
  const target = (r: ContainerRow): ActionTarget => ({ id: r.info.id, name: r.info.name, state: r.info.state });
  const marked = s.rows.filter((r) => s.marked.has(r.info.id));
  if (marked.length > 0) return marked.map(target);
  const selected = selectedRow(s);
  return selected ? [target(selected)] : [];
}

/** Space: the selected container; on a group row, all its members (unmarked when all already were). */
export function toggleMark(s: ViewState): ViewState {
  const item = s.items[s.cursor];
  if (!item) return s;
  const marked = new Set(s.marked);
  if (item.kind === 'group') {
    const all = item.group.ids.every((id) => marked.has(id));
    for (const id of item.group.ids) {
      if (all) marked.delete(id);
      else marked.add(id);
    }
  } else if (!marked.delete(item.id)) marked.add(item.id);
  return { ...s, marked };
}

// Which engine events the events pane shows: those of containers the active query passes (the
// -l/-f selector and the `/` filter), so the pane tells the same story as the table. Pure.
import type { ContainerPredicate } from '../query/row-filter.js';
import type { ContainerInfo, ContainerRow, EngineEvent } from '../model/types.js';

// Attributes the engine adds beside a container's labels in an event's Actor.Attributes.
const NOT_LABELS = new Set(['name', 'image', 'exitCode', 'signal', 'execID', 'execDuration', 'container', 'oldName', 'health_status', 'reclaimed']);

/** What an event knows of its container: enough for a selector (name, image, labels), for one that is gone. */
export function infoFromEvent(e: EngineEvent): ContainerInfo {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(e.attributes)) if (!NOT_LABELS.has(k)) labels[k] = v;
  return {
    id: e.id,
    name: (e.name ?? '').replace(/^\//, ''),
    image: e.image ?? '',
    labels,
    state: e.action === 'destroy' ? 'removing' : 'exited',
    status: '',
    health: null,
    created: 0,
    networkMode: '',
  };
}

/**
 * The events of containers `predicate` passes, in order (the same array when there is no
 * predicate). A container in the snapshot is judged by its current info, one that is gone by
 * what its events carry, so a removed container's last events stay in the pane.
 */
export function eventsMatching(events: readonly EngineEvent[], rows: readonly ContainerRow[], predicate?: ContainerPredicate): readonly EngineEvent[] {
  if (!predicate) return events;
  const known = new Map<string, ContainerInfo>();
  for (const r of rows) known.set(r.info.id, r.info);
  const verdict = new Map<string, boolean>();
  return events.filter((e) => {
    let pass = verdict.get(e.id);
    if (pass === undefined) {
      pass = predicate(known.get(e.id) ?? infoFromEvent(e));
      verdict.set(e.id, pass);
    }
    return pass;
  });
}

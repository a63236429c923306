// --events: the container event stream as NDJSON, like `docker events --format json`, but with the
// container's name, image and labels resolved from our container list.
import type { ContainerPredicate } from '../core/row-filter.js';
import type { EngineEvent } from '../core/types.js';
import { eventJson } from '../output/json.js';
import type { Session } from '../sources/session.js';

// Attributes the engine adds beside the container's labels.
const NON_LABEL = new Set(['name', 'image', 'exitCode', 'execDuration', 'signal', 'oldName', 'execID', 'reclaimed']);

export function labelsOf(e: EngineEvent): Record<string, string> {
  return Object.fromEntries(Object.entries(e.attributes).filter(([k]) => !NON_LABEL.has(k)));
}

export function runEvents(session: Session, predicate: ContainerPredicate | undefined, write: (s: string) => void): () => void {
  return session.onEvent((e) => {
    const info = session.containers().find((c) => c.id === e.id);
    const labels = info?.labels ?? labelsOf(e);
    if (predicate && !predicate(info ?? { id: e.id, name: e.name ?? '', image: e.image ?? '', labels, state: 'dead', status: '', health: null, created: 0, networkMode: '' }))
      return;
    const resolved = { ...e, name: info?.name ?? e.name, image: info?.image ?? e.image };
    write(JSON.stringify(eventJson(resolved, labels)) + '\n');
  });
}

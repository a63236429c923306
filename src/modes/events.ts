// --events: the container event stream as NDJSON, like `docker events --format json`, but with the
// container's name, image and labels resolved from our container list. --json streaming
// interleaves the same event lines with its samples.
import { infoFromEvent } from '../core/events/event-filter.js';
import type { ContainerPredicate } from '../core/query/row-filter.js';
import type { EngineEvent } from '../core/model/types.js';
import { eventJson } from '../output/json.js';
import type { Session } from '../sources/session.js';

/**
 * One event as an NDJSON line, or null when the query does not pass its container. A listed
 * container is judged and named by its current info, one that is gone by what the event carries
 * (as the live screen's events pane does).
 */
export function eventLine(session: Session, e: EngineEvent, predicate: ContainerPredicate | undefined): string | null {
  const info = session.containers().find((c) => c.id === e.id) ?? infoFromEvent(e);
  if (predicate && !predicate(info)) return null;
  return JSON.stringify(eventJson({ ...e, name: info.name || e.name, image: info.image || e.image }, info.labels)) + '\n';
}

export function runEvents(session: Session, predicate: ContainerPredicate | undefined, write: (s: string) => void): () => void {
  return session.onEvent((e) => {
    const line = eventLine(session, e, predicate);
    if (line) write(line);
  });
}

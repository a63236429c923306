// --events: the container event stream as NDJSON, like `docker events --format json`, but with the
// container's name, image and labels resolved from our container list. --json streaming
// interleaves the same event lines with its samples.
//
// The stream survives engine restarts: it resubscribes with `since`, and the engine replays what
// it still holds of the gap (its last 256 events). The gap itself is said on stderr, so a reader
// knows when events may be missing. `--events --no-stream` prints the events the engine still
// holds and exits; a replay file plays its events once at the recorded pace and exits.
import { infoFromEvent } from '../core/events/event-filter.js';
import type { ContainerPredicate } from '../core/query/row-filter.js';
import type { EngineEvent, EngineStatus } from '../core/model/types.js';
import { eventJson } from '../output/json.js';
import type { Session } from '../sources/session.js';
import { engineNote } from './engine-notes.js';
import { playOnce } from './replay-pace.js';

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

export interface EventsOptions {
  /** Notes for people (engine gaps), one line each; stderr in the CLI. */
  note?: (text: string) => void;
  replaySpeed?: number;
  /** A replay has played its last tick. */
  onDone?: () => void;
}

export function runEvents(session: Session, predicate: ContainerPredicate | undefined, write: (s: string) => void, opts: EventsOptions = {}): () => void {
  const stopEvents = session.onEvent((e) => {
    const line = eventLine(session, e, predicate);
    if (line) write(line);
  });
  let downSince: number | null = null;
  const stopEngines =
    session.onEngineChange?.((s: EngineStatus) => {
      if (s.state === 'connecting') return;
      if (s.state === 'down' && downSince === null) {
        downSince = s.since;
        opts.note?.(engineNote(s, null, '; events of the gap follow when it returns'));
      } else if (s.state === 'up' && downSince !== null) {
        opts.note?.(engineNote(s, downSince, '; the engine replayed what it kept of the gap (its last 256 events)'));
        downSince = null;
      }
    }) ?? (() => undefined);
  const stopPlaying = new AbortController();
  if (session.replay) {
    void playOnce(session.replay, async () => session.beginTick?.(), opts.replaySpeed ?? 1, stopPlaying.signal).then(() => {
      if (!stopPlaying.signal.aborted) opts.onDone?.();
    });
  }
  return () => {
    stopPlaying.abort();
    stopEvents();
    stopEngines();
  };
}

/** `--events --no-stream`: what the engine still holds (a replay: every recorded event), then done. */
export async function printRecentEvents(session: Session, predicate: ContainerPredicate | undefined, write: (s: string) => void): Promise<number> {
  let events: EngineEvent[] = [];
  if (session.replay) {
    const collect = session.onEvent((e) => events.push(e));
    await playOnce(session.replay, async () => session.beginTick?.(), 0);
    collect();
  } else if (session.recentEvents) events = await session.recentEvents();
  let n = 0;
  for (const e of events) {
    const line = eventLine(session, e, predicate);
    if (line) {
      write(line);
      n++;
    }
  }
  return n;
}

// --record FILE: wraps a session and appends every tick (containers + raw samples) and every
// event to a replay file. Writes are appended synchronously per tick: small, and never lost on exit.
import { appendFileSync, writeFileSync } from 'node:fs';
import type { ContainerInfo, RawSample } from '../../core/model/types.js';
import { REPLAY_VERSION, type ReplayLine } from './replay-format.js';
import type { Session } from '../session.js';
import { UserFacingError } from '../source.js';

export function recordSession(inner: Session, path: string, intervalMs: number): Session {
  const line = (l: ReplayLine) => JSON.stringify(l) + '\n';
  try {
    writeFileSync(path, line({ type: 'header', version: REPLAY_VERSION, host: inner.host, intervalMs, sourceLabel: inner.sourceLabel() }));
  } catch (err) {
    throw new UserFacingError(`cannot write ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, undefined, 2);
  }
  let tick: { t: number; containers: ContainerInfo[]; samples: RawSample[] } | null = null;
  const flush = () => {
    if (tick) appendFileSync(path, line({ type: 'tick', t: tick.t, containers: tick.containers, samples: tick.samples }));
  };
  const stopEvents = inner.onEvent((event) => appendFileSync(path, line({ type: 'event', event })));
  return {
    ...inner,
    containers: () => inner.containers(),
    sourceLabel: () => inner.sourceLabel(),
    source: {
      kind: inner.source.kind,
      concurrency: inner.source.concurrency,
      async sample(c, signal) {
        const s = await inner.source.sample(c, signal);
        if (s && tick) tick.samples.push(s);
        return s;
      },
      forget: (id) => inner.source.forget?.(id),
    },
    beginTick() {
      flush();
      inner.beginTick?.();
      tick = { t: Date.now(), containers: inner.containers(), samples: [] };
    },
    onEvent: (l) => inner.onEvent(l),
    close() {
      flush();
      stopEvents();
      inner.close();
    },
  };
}

// --record FILE: wraps a session and appends every tick (containers + raw samples) and every
// event to a replay file. Writes are appended synchronously per tick: small, and never lost on exit.
import { appendFileSync, constants, accessSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ContainerInfo, RawSample } from '../../core/model/types.js';
import { REPLAY_VERSION, type ReplayLine } from './replay-format.js';
import type { Session } from '../session.js';
import { UserFacingError } from '../source.js';

/**
 * Checked before any engine work, so `--record /nonexistent-dir/x` is one clear line, not a file
 * silently never written. Creates nothing.
 */
export function checkRecordPath(path: string): void {
  const bad = (why: string) => new UserFacingError(`cannot record to ${path}: ${why}`, 'give --record a file in an existing, writable folder', 2);
  if (path.trim() === '') throw bad('empty path');
  const full = resolve(path);
  let isDir = false;
  try {
    isDir = statSync(full).isDirectory();
  } catch {
    // Does not exist yet: its folder must.
  }
  if (isDir) throw bad('it is a folder');
  const dir = dirname(full);
  try {
    if (!statSync(dir).isDirectory()) throw bad(`${dir} is not a folder`);
  } catch (err) {
    if (err instanceof UserFacingError) throw err;
    throw bad(`no folder ${dir}`);
  }
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw bad(`${dir} is not writable`);
  }
}

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
      // A replay being recorded again keeps its recorded time.
      tick = { t: inner.replay?.clock() ?? Date.now(), containers: inner.containers(), samples: [] };
    },
    onEvent: (l) => inner.onEvent(l),
    close() {
      flush();
      stopEvents();
      inner.close();
    },
  };
}

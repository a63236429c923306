// Plays a recorded file back as a session: each sampler tick advances one recorded tick, looping
// at the end (counters then go backwards once, which the delta calculator shows as unknown).
// Sample times keep their recorded spacing, moved by one offset so they read as current: rates and
// CPU % are the recorded ones whatever the playback speed.
import { readFile } from 'node:fs/promises';
import type { EngineEvent, RawSample } from '../../core/model/types.js';
import { parseReplay, type Replay } from './replay-format.js';
import type { Session } from '../session.js';
import { UserFacingError } from '../source.js';

export async function createReplaySession(path: string): Promise<Session> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new UserFacingError(`cannot read replay file ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, undefined, 2);
  }
  return replaySession(parseReplay(text, path));
}

export function replaySession(replay: Replay): Session {
  let index = -1;
  let offset = 0;
  let samples = new Map<string, RawSample>();
  const first = replay.frames[0].tick.t;
  const span = replay.frames[replay.frames.length - 1].tick.t - first + replay.header.intervalMs;
  const listeners = new Set<(e: EngineEvent) => void>();
  const frame = () => replay.frames[Math.max(0, index)];
  return {
    host: replay.header.host,
    docker: null,
    source: {
      kind: 'replay',
      async sample(c) {
        const s = samples.get(c.id);
        return s ? { ...s, timestamp: s.timestamp + offset } : null;
      },
    },
    containers: () => frame().tick.containers,
    sourceLabel: () => `replay (${replay.header.sourceLabel})`,
    beginTick() {
      if (index === -1) offset = Date.now() - first;
      else if (index === replay.frames.length - 1) offset += span; // the next loop follows on in time
      index = (index + 1) % replay.frames.length;
      const f = frame();
      samples = new Map(f.tick.samples.map((s) => [s.id, s]));
      for (const e of f.events) listeners.forEach((l) => l(e));
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => undefined,
  };
}

// Plays a recorded file back as a session: each tick advances one recorded tick. The live screen
// loops (counters then go backwards once, which the delta calculator shows as unknown); plain modes
// play it once (`loop: false`) and stop after the last tick. Rows keep their recorded timestamps
// (on later loops moved on by whole spans, so time never runs backwards): rates and CPU % are the
// recorded ones whatever the playback speed, and every view shows when it happened.
import { readFile } from 'node:fs/promises';
import type { EngineEvent, RawSample } from '../../core/model/types.js';
import { parseReplay, type Replay } from './replay-format.js';
import type { Session } from '../session.js';
import { UserFacingError } from '../source.js';
import { refusingCommands } from '../../commands/engine-commands.js';

export interface ReplayOptions {
  /** Start over after the last tick (the live screen); plain modes play once (default true). */
  loop?: boolean;
}

export async function createReplaySession(path: string, opts: ReplayOptions = {}): Promise<Session> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new UserFacingError(`cannot read replay file ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, undefined, 2);
  }
  return replaySession(parseReplay(text, path), opts);
}

export function replaySession(replay: Replay, opts: ReplayOptions = {}): Session {
  const loop = opts.loop ?? true;
  let index = -1;
  let offset = 0;
  let samples = new Map<string, RawSample>();
  const first = replay.frames[0].tick.t;
  // Recorded time from the first tick to one interval past the last: how far a loop moves time on.
  const span = replay.frames[replay.frames.length - 1].tick.t - first + replay.header.intervalMs;
  const listeners = new Set<(e: EngineEvent) => void>();
  const frame = () => replay.frames[Math.max(0, index)];
  return {
    host: replay.header.host,
    commands: refusingCommands('replay'),
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
      const last = replay.frames.length - 1;
      if (index === last) {
        if (!loop) return; // played once: the last tick stays
        offset += span; // the next loop follows on in time
      }
      index = (index + 1) % replay.frames.length;
      const f = frame();
      samples = new Map(f.tick.samples.map((s) => [s.id, s]));
      for (const e of f.events) listeners.forEach((l) => l(offset ? { ...e, time: e.time + offset } : e));
    },
    replay: {
      recordedTime: () => frame().tick.t,
      clock: () => frame().tick.t + offset,
      position: () => ({ tick: index + 1, ticks: replay.frames.length }),
      untilNext: () => {
        if (index < 0) return 0;
        if (index === replay.frames.length - 1) return loop ? replay.header.intervalMs : null;
        return Math.max(0, replay.frames[index + 1].tick.t - frame().tick.t);
      },
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => undefined,
  };
}

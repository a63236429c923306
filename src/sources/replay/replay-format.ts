// The replay file: NDJSON, one header line, then one line per tick (the containers listed and the
// raw counters read in that tick) and event lines between ticks. Raw counters, not computed numbers,
// so a replay exercises the same delta calculator as a live engine.
import type { ContainerInfo, EngineEvent, HostInfo, RawSample } from '../../core/model/types.js';
import { UserFacingError } from '../source.js';

export const REPLAY_VERSION = 1;

export interface ReplayHeader { type: 'header'; version: number; host: HostInfo | null; intervalMs: number; sourceLabel: string }
export interface ReplayTick { type: 'tick'; t: number; containers: ContainerInfo[]; samples: RawSample[] }
export interface ReplayEvent { type: 'event'; event: EngineEvent }
export type ReplayLine = ReplayHeader | ReplayTick | ReplayEvent;

export interface Replay {
  header: ReplayHeader;
  frames: { tick: ReplayTick; events: EngineEvent[] }[]; // events that arrived before this tick
}

export function parseReplay(text: string, name: string): Replay {
  const bad = (line: number, why: string) =>
    new UserFacingError(`${name}:${line}: ${why}`, 'replay files are written by `ctop-ts --record FILE`', 2);
  const lines = text.split('\n');
  let header: ReplayHeader | null = null;
  const frames: Replay['frames'] = [];
  let pending: EngineEvent[] = [];
  lines.forEach((raw, i) => {
    if (!raw.trim()) return;
    let obj: ReplayLine;
    try {
      obj = JSON.parse(raw) as ReplayLine;
    } catch {
      throw bad(i + 1, 'not valid JSON');
    }
    if (!header) {
      if (obj.type !== 'header') throw bad(i + 1, 'the first line must be the header');
      if (obj.version !== REPLAY_VERSION) throw bad(i + 1, `unsupported replay version ${String(obj.version)}`);
      header = obj;
    } else if (obj.type === 'tick') {
      if (!Array.isArray(obj.containers) || !Array.isArray(obj.samples)) throw bad(i + 1, 'a tick needs containers and samples');
      frames.push({ tick: obj, events: pending });
      pending = [];
    } else if (obj.type === 'event') {
      pending.push(obj.event);
    } else throw bad(i + 1, `unknown line type ${JSON.stringify((obj as { type?: unknown }).type)}`);
  });
  if (!header) throw bad(1, 'empty file');
  if (frames.length === 0) throw bad(lines.length, 'no ticks recorded');
  return { header, frames };
}

// Engine /events messages → EngineEvent. Keys on Action and Actor.ID only: API ≥ 1.52 (Docker 29)
// dropped the legacy status/id/from fields.
import type { EngineEvent } from './types.js';

export interface ApiEventMessage {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  time?: number;
  timeNano?: number;
}

/** Returns null for messages that are not about one container (other types, prune's empty ID). */
export function parseEvent(msg: ApiEventMessage): EngineEvent | null {
  if (msg.Type !== undefined && msg.Type !== 'container') return null;
  const id = msg.Actor?.ID ?? '';
  const full = msg.Action ?? '';
  if (!id || !full) return null;
  const colon = full.indexOf(':');
  const action = colon >= 0 ? full.slice(0, colon).trim() : full;
  const detail = colon >= 0 ? full.slice(colon + 1).trim() || null : null;
  const attributes = msg.Actor?.Attributes ?? {};
  const exit = attributes.exitCode !== undefined ? Number(attributes.exitCode) : NaN;
  const time = msg.timeNano ? Math.floor(msg.timeNano / 1e6) : (msg.time ?? 0) * 1000;
  return {
    time,
    id,
    action,
    detail,
    name: attributes.name ?? null,
    image: attributes.image ?? null,
    exitCode: Number.isFinite(exit) ? exit : null,
    signal: attributes.signal ?? null,
    attributes,
  };
}

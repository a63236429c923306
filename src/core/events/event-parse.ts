// Engine /events messages → EngineEvent. Keys on Action and Actor.ID: API ≥ 1.52 (Docker 29)
// dropped the legacy status/id/from fields. Those are read only as a fallback, for engines so old
// (API < 1.22) that they send nothing else.
import type { EngineEvent } from '../model/types.js';

export interface ApiEventMessage {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> | null };
  time?: number;
  timeNano?: number;
  // Legacy (API < 1.52); never preferred over the fields above.
  status?: string;
  id?: string;
  from?: string;
}

// ASCII RS starts each record of `application/json-seq`, which API ≥ 1.52 may negotiate.
const RECORD_SEPARATOR = '\u001e';

/** Returns null for messages that are not about one container (other types, prune's empty ID). */
export function parseEvent(msg: ApiEventMessage): EngineEvent | null {
  // Type arrived with API 1.22; before it, every message was a container's.
  if (msg.Type !== undefined && msg.Type !== 'container') return null;
  const id = msg.Actor?.ID || (msg.Actor === undefined ? msg.id : '') || '';
  const full = msg.Action || msg.status || '';
  if (!id || !full) return null;
  const colon = full.indexOf(':');
  const action = (colon >= 0 ? full.slice(0, colon) : full).trim();
  const detail = colon >= 0 ? full.slice(colon + 1).trim() || null : null;
  const attributes = msg.Actor?.Attributes ?? {};
  return {
    time: eventTimeMs(msg),
    id,
    action,
    detail,
    name: attributes.name ?? null,
    image: attributes.image ?? msg.from ?? null,
    exitCode: intOrNull(attributes.exitCode),
    signal: attributes.signal ?? null,
    attributes,
  };
}

/** One line of the stream (NDJSON or json-seq); null for blank, malformed or non-container lines. */
export function parseEventLine(line: string): EngineEvent | null {
  const msg = decodeEventLine(line);
  return msg ? parseEvent(msg) : null;
}

/** The JSON object of one line, or null when it is not one. */
export function decodeEventLine(line: string): ApiEventMessage | null {
  const text = line.startsWith(RECORD_SEPARATOR) ? line.slice(1).trim() : line.trim();
  if (!text.startsWith('{')) return null;
  try {
    const msg = JSON.parse(text) as unknown;
    return msg !== null && typeof msg === 'object' && !Array.isArray(msg) ? (msg as ApiEventMessage) : null;
  } catch {
    return null;
  }
}

/**
 * The event's exact `timeNano` as written on the wire. A double holds only ~16 digits, so two
 * events 100 ns apart can parse to the same number; the text keeps them apart for de-duplication.
 */
export function rawTimeNano(line: string): string | null {
  // Only the top-level timeNano is a bare number: attribute values are always JSON strings.
  const m = /"timeNano"\s*:\s*(\d+)/.exec(line);
  return m ? m[1] : null;
}

function eventTimeMs(msg: ApiEventMessage): number {
  if (typeof msg.timeNano === 'number' && msg.timeNano > 0) return Math.floor(msg.timeNano / 1e6);
  return typeof msg.time === 'number' ? msg.time * 1000 : 0;
}

function intOrNull(text: string | undefined): number | null {
  if (text === undefined || !/^-?\d+$/.test(text.trim())) return null;
  return Number(text);
}

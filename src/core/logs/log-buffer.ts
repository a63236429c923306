// A bounded, append-only list of log lines plus the searches the log view needs. Pure.
//
// ANSI in logs is STRIPPED, not kept: colour codes would have to be parsed to measure,
// wrap, truncate and highlight search matches correctly, and a kept escape is one a
// crafted log line could abuse. Stripping goes through sanitize(), so no cursor movement,
// OSC (titles, hyperlinks) or other control sequence ever reaches the terminal; the
// view adds its own colours (stderr, matches) on top of plain text.
import { sanitize } from '../model/sanitize.js';

export type LogStreamName = 'stdout' | 'stderr' | 'system';

/** A line as it comes from the stream, before it has a place in the buffer. */
export interface NewLogLine {
  stream: LogStreamName;
  /** The engine's RFC 3339 timestamp, null when the line had none (continuations, system lines). */
  time: string | null;
  /** Terminal-safe text: no control characters, no escapes, tabs expanded. */
  text: string;
  /** A piece of an over-long line after the first. */
  continued?: boolean;
}

export interface LogLine extends NewLogLine {
  /** Increases by one per line for the life of a stream; the view anchors its scroll on it. */
  seq: number;
}

export const DEFAULT_LOG_CAPACITY = 10_000;

/** Appends with sequence numbers and drops the oldest lines beyond `capacity`. */
export function appendLines(prev: readonly LogLine[], add: readonly NewLogLine[], capacity = DEFAULT_LOG_CAPACITY): LogLine[] {
  if (add.length === 0) return prev as LogLine[];
  let seq = prev.length ? prev[prev.length - 1].seq + 1 : 0;
  const fresh = add.map((l) => ({ ...l, seq: seq++ }));
  const keepPrev = Math.max(0, capacity - fresh.length);
  const head = prev.length > keepPrev ? prev.slice(prev.length - keepPrev) : prev;
  const all = head.concat(fresh);
  return all.length > capacity ? all.slice(all.length - capacity) : all;
}

/** Index of the line with `seq`, or where it would be (clamped into range). */
export function indexOfSeq(lines: readonly LogLine[], seq: number): number {
  if (lines.length === 0) return 0;
  return Math.min(lines.length - 1, Math.max(0, seq - lines[0].seq));
}

// ── Text cleaning ────────────────────────────────────────────────────────────────────────

const TAB = 8;
const TIMESTAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)) ?/;

/**
 * Terminal-safe text: a carriage return keeps what a terminal would finally show (the
 * text after the last one, as progress bars intend), tabs become spaces to the next
 * stop, and every escape sequence and control character goes (colour included).
 */
export function cleanLogText(raw: string): string {
  let s = raw;
  if (s.includes('\r')) {
    const parts = s.split('\r').filter((p) => p !== '');
    s = parts[parts.length - 1] ?? '';
  }
  if (s.includes('\t')) {
    let out = '';
    for (const ch of s) out += ch === '\t' ? ' '.repeat(TAB - (out.length % TAB)) : ch;
    s = out;
  }
  return sanitize(s);
}

/** Splits off the engine's timestamp (asked for with timestamps=true) and cleans the text. */
export function parseLogLine(stream: Exclude<LogStreamName, 'system'>, raw: string, continued = false): NewLogLine {
  const m = continued ? null : TIMESTAMP.exec(raw);
  const text = cleanLogText(m ? raw.slice(m[0].length) : raw);
  return continued ? { stream, time: null, text, continued: true } : { stream, time: m ? m[1] : null, text };
}

/** "2024-05-01T12:00:00.123456789Z" → "2024-05-01 12:00:00.123" (engine time, UTC as stamped). */
export function formatLogTime(time: string | null): string {
  if (!time) return '';
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(?:\.(\d+))?/.exec(time);
  if (!m) return time.slice(0, 23);
  return `${m[1]} ${m[2]}.${(m[3] ?? '').padEnd(3, '0').slice(0, 3)}`;
}

/** Width of formatLogTime's output. */
export const LOG_TIME_WIDTH = 23;

// ── Search (case-insensitive, plain text) ────────────────────────────────────────────────

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A matcher for `query`, or null for an empty query. */
export function searchPattern(query: string): RegExp | null {
  return query === '' ? null : new RegExp(escapeRegExp(query), 'giu');
}

/** [start, end) offsets of every match in `text`. */
export function matchRanges(text: string, query: string): [number, number][] {
  const re = searchPattern(query);
  if (!re) return [];
  const out: [number, number][] = [];
  for (const m of text.matchAll(re)) out.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
  return out;
}

/**
 * The next line containing `query`, starting at `from` (inclusive) and moving by `dir`,
 * wrapping around once. -1 when no line matches.
 */
export function findMatch(lines: readonly LogLine[], query: string, from: number, dir: 1 | -1): number {
  const n = lines.length;
  const re = searchPattern(query);
  if (!re || n === 0) return -1;
  const start = ((from % n) + n) % n;
  for (let k = 0; k < n; k++) {
    const i = (((start + dir * k) % n) + n) % n;
    re.lastIndex = 0;
    if (re.test(lines[i].text)) return i;
  }
  return -1;
}

/** How many lines match, and the 1-based rank of `seq` among them (0 when it is not one). */
export function matchPosition(lines: readonly LogLine[], query: string, seq: number | null): { rank: number; total: number } {
  const re = searchPattern(query);
  if (!re) return { rank: 0, total: 0 };
  let total = 0;
  let rank = 0;
  for (const l of lines) {
    re.lastIndex = 0;
    if (re.test(l.text)) {
      total++;
      if (l.seq === seq) rank = total;
    }
  }
  return { rank, total };
}

// The log view: a header (container, FOLLOWING/PAUSED), the visible rows, a footer (search
// prompt, match position or key hints). Exactly `height` rows of exactly `width` columns.
// No useInput here: keys resolve through the keymap in the root reducer (live-reducer.ts), which
// calls logViewCommand(); the hint line is generated from the keymap's `logs` scope.
import React, { useMemo } from 'react';
import { Box, Text } from 'ink';
import { formatLogTime, LOG_TIME_WIDTH, matchPosition, matchRanges, type LogLine } from '../../core/logs/log-buffer.js';
import { displayName } from '../../core/model/sanitize.js';
import { computeWindow, type WindowRow } from './log-view-layout.js';
import type { LogViewState } from './log-view-reducer.js';
import { displayWidth, fitCell, truncateEnd } from '../shared/text-fit.js';
import { hintText } from '../keys/key-help.js';
import { THEMES, type TextStyle, type Theme, type Tone } from '../shared/theme.js';

/** The app theme's tones this view draws with (the mono theme keeps only the markers). */
export const LOG_TONES = {
  title: 'title',
  following: 'ok',
  paused: 'warn',
  stderr: 'dead',
  system: 'dim',
  timestamp: 'dim',
  currentMatch: 'warn',
} as const satisfies Record<string, Tone>;

export interface LogViewProps {
  lines: readonly LogLine[];
  state: LogViewState;
  width: number;
  height: number;
  /** The app's theme (pickTheme); dark when omitted. */
  theme?: Theme;
}

/** Marks stderr rows so they stay distinguishable without colour. */
export const STDERR_MARK = '┃ ';

function header(state: LogViewState, below: number, width: number): { left: string; right: string; mode: 'following' | 'paused' | 'other' } {
  const s = state.stream;
  let right: string;
  let mode: 'following' | 'paused' | 'other' = state.top === null ? 'following' : 'paused';
  if (s.state === 'connecting') [right, mode] = ['connecting…', 'other'];
  else if (s.state === 'error') [right, mode] = ['cannot read logs', 'other'];
  else if (s.state === 'ended') right = state.top === null ? 'ENDED' : 'PAUSED · ended · G bottom';
  else if (state.top === null) right = 'FOLLOWING';
  // "below", not "new": right after PgUp the lines under the window are ones just read.
  else right = below > 0 ? `PAUSED +${below} below · G follow` : 'PAUSED · G follow';
  const flags = [state.timestamps ? 'time' : '', state.wrap ? 'wrap' : ''].filter(Boolean).join(' ');
  if (flags) right = `[${flags}] ${right}`;
  const r = truncateEnd(` ${right}`, width);
  return { left: fitCell(` Logs: ${displayName(state.containerName)}`, width - displayWidth(r)), right: r, mode };
}

function footer(state: LogViewState, lines: readonly LogLine[], width: number): string {
  if (state.draft !== null) return fitCell(`/${state.draft}█`, width);
  if (state.notice) return fitCell(state.notice, width);
  if (state.query) {
    const { rank, total } = matchPosition(lines, state.query, state.matchSeq);
    const where = total === 0 ? 'no matches' : `match ${rank || '-'}/${total}`;
    return fitCell(`/${state.query}  ${where} · n next · N previous · / new search`, width);
  }
  return fitCell(hintText('logs', width), width);
}

interface Segment {
  text: string;
  hit: boolean;
}

/** Splits a row's text at the query's matches (computed on the whole line, so a match cut by wrapping shows on both rows). */
function segments(r: WindowRow, query: string): Segment[] {
  const text = r.part.text;
  if (!query) return [{ text, hit: false }];
  const end = r.part.start + text.length;
  const out: Segment[] = [];
  let at = 0;
  for (const [a, b] of matchRanges(r.line.text, query)) {
    const s = Math.max(a, r.part.start) - r.part.start;
    const e = Math.min(b, end) - r.part.start;
    if (e <= s || s >= text.length) continue;
    if (s > at) out.push({ text: text.slice(at, s), hit: false });
    out.push({ text: text.slice(s, e), hit: true });
    at = e;
  }
  if (at < text.length) out.push({ text: text.slice(at), hit: false });
  return out;
}

function Row({ r, state, width, theme }: { r: WindowRow; state: LogViewState; width: number; theme: Theme }) {
  const { line } = r;
  const tone = (t: Tone): TextStyle | undefined => theme.tones[t];
  if (line.stream === 'system') {
    return (
      <Text wrap="truncate" {...tone(LOG_TONES.system)}>
        {fitCell(`  ${r.part.text}`, width)}
      </Text>
    );
  }
  const isErr = line.stream === 'stderr';
  const stamp = state.timestamps ? `${(r.row === 0 ? formatLogTime(line.time) : '').padEnd(LOG_TIME_WIDTH)} ` : '';
  const used = 2 + displayWidth(stamp) + displayWidth(r.part.text);
  const current = state.matchSeq === line.seq;
  const text = isErr ? tone(LOG_TONES.stderr) : undefined;
  return (
    <Text wrap="truncate">
      <Text {...text}>{isErr ? STDERR_MARK : '  '}</Text>
      {stamp ? <Text {...tone(LOG_TONES.timestamp)}>{stamp}</Text> : null}
      {segments(r, state.query).map((seg, i) =>
        seg.hit ? (
          // Inverse in every theme (mono too); the current match is also bold and coloured.
          <Text key={i} {...(current ? tone(LOG_TONES.currentMatch) : undefined)} inverse bold={current}>
            {seg.text}
          </Text>
        ) : (
          <Text key={i} {...text}>
            {seg.text}
          </Text>
        ),
      )}
      {' '.repeat(Math.max(0, width - used))}
    </Text>
  );
}

export function LogView({ lines, state, width, height, theme = THEMES.dark }: LogViewProps) {
  const win = useMemo(
    () => computeWindow(lines, state.top, width, height, state),
    [lines, state.top, state.timestamps, state.wrap, width, height],
  );
  if (height <= 0 || width <= 0) return null;
  const h = header(state, win.below, width);
  const modeTone = h.mode === 'following' ? LOG_TONES.following : h.mode === 'paused' ? LOG_TONES.paused : LOG_TONES.system;
  const body = Math.max(0, height - 2);
  const blank = ' '.repeat(width);
  const empty = lines.length === 0 ? fitCell(state.stream.state === 'connecting' ? '  waiting for the engine…' : '  no log lines', width) : blank;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text wrap="truncate">
        <Text {...theme.tones[LOG_TONES.title]} bold>
          {h.left}
        </Text>
        <Text {...theme.tones[modeTone]} bold>
          {h.right}
        </Text>
      </Text>
      {win.rows.map((r) => (
        <Row key={`${r.line.seq}:${r.row}`} r={r} state={state} width={width} theme={theme} />
      ))}
      {Array.from({ length: Math.max(0, body - win.rows.length) }, (_, i) => (
        <Text key={`pad${i}`}>{i === 0 ? empty : blank}</Text>
      ))}
      {height > 1 ? <Text wrap="truncate">{footer(state, lines, width)}</Text> : null}
    </Box>
  );
}

// One screen line from segments. Ink measures every text node with string-width on every frame,
// and string-width walks a whole string grapheme by grapheme (Intl.Segmenter) as soon as it
// holds one non-ASCII character, but has a fast path for pure ASCII. Rows carry a few glyphs
// (state, sparkline, meter) among a couple hundred ASCII columns, so a line is drawn as a short
// run of <Text> nodes split where ASCII and non-ASCII text meet: the long ASCII runs take the
// fast path. At 200×50 this halves Ink's render time (bench/ui-render.js).
import { Box, Text } from 'ink';
import { memo, type ReactNode } from 'react';
import { mergeSegments, type Segment } from './segments.js';
import type { TextStyle, Theme } from './theme.js';

export interface LineProps {
  segments: readonly Segment[];
  theme: Theme;
  /** Applied to the whole line (the selected row, the column header). */
  style?: TextStyle;
}

export function sameSegments(a: readonly Segment[], b: readonly Segment[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].text !== b[i].text || a[i].tone !== b[i].tone) return false;
  return true;
}

const ASCII_CHAR = /[\x20-\x7e]/;
const ASCII_RUNS = /[\x20-\x7e]+|[^\x20-\x7e]+/g;

/** Splits segments into runs that are all ASCII or all not (tones kept), in order. */
export function asciiRuns(segments: readonly Segment[]): Segment[][] {
  const runs: Segment[][] = [];
  let current: Segment[] = [];
  let ascii: boolean | null = null;
  for (const s of segments) {
    for (const piece of s.text.match(ASCII_RUNS) ?? []) {
      const isAscii = ASCII_CHAR.test(piece[0]);
      if (ascii !== null && isAscii !== ascii) {
        runs.push(current);
        current = [];
      }
      ascii = isAscii;
      current.push({ text: piece, tone: s.tone });
    }
  }
  if (current.length > 0) runs.push(current);
  return runs;
}

function styled(segments: readonly Segment[], theme: Theme): ReactNode[] {
  return mergeSegments(segments).map((s, i) => {
    const tone = s.tone ? theme.tones[s.tone] : undefined;
    return tone ? (
      <Text key={i} {...tone}>
        {s.text}
      </Text>
    ) : (
      s.text
    );
  });
}

function LineView({ segments, theme, style }: LineProps) {
  const runs = asciiRuns(segments);
  if (runs.length <= 1) {
    return (
      <Text wrap="truncate" {...style}>
        {styled(segments, theme)}
      </Text>
    );
  }
  return (
    <Box height={1} flexShrink={0}>
      {runs.map((run, i) => (
        <Text key={i} wrap="truncate" {...style}>
          {styled(run, theme)}
        </Text>
      ))}
    </Box>
  );
}

export const Line = memo(LineView, (a, b) => a.theme === b.theme && a.style === b.style && sameSegments(a.segments, b.segments));

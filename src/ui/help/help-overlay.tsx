// Help: every key, generated from the keymap table (help-layout.ts), scrolled when it is taller
// than the body.
import { Box } from 'ink';
import { helpLines } from './help-layout.js';
import { helpSections, hintText } from '../keys/key-help.js';
import { fitLine } from '../shared/segments.js';
import type { Theme } from '../shared/theme.js';
import { Line } from '../shared/line.js';
import type { KeyScope } from '../keys/keymap.js';

export interface HelpOverlayProps {
  scroll: number;
  width: number;
  height: number;
  theme: Theme;
  /** --read-only: the keys that change containers say they are off. */
  readOnly?: boolean;
  /** The view help was opened from: its keys come first. */
  scope?: KeyScope;
}

export function HelpOverlay({ scroll, width, height, theme, readOnly, scope }: HelpOverlayProps) {
  const lines = helpLines(width, helpSections(undefined, { readOnly, first: scope }));
  const title = fitLine([{ text: 'Keys', tone: 'title' }, { text: `  (${hintText('help')})`, tone: 'dim' }], width);
  const room = Math.max(0, height - 1);
  const top = Math.min(scroll, Math.max(0, lines.length - room));
  return (
    <Box flexDirection="column" height={height}>
      <Line segments={title} theme={theme} />
      {lines.slice(top, top + room).map((segments, i) => (
        <Line key={top + i} segments={fitLine(segments, width)} theme={theme} />
      ))}
    </Box>
  );
}

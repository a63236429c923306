// The two header lines: engine, container counts, source and time; CPU and memory totals.
import { Box } from 'ink';
import { headerLines } from './status-lines.js';
import type { Theme } from '../shared/theme.js';
import type { HeaderInput } from './status-lines.js';
import { Line } from '../shared/line.js';

export function Header({ state, width, theme, readOnly, query }: { state: HeaderInput['state']; width: number; theme: Theme; readOnly?: boolean; query?: string }) {
  const lines = headerLines({ state, width, readOnly, query });
  return (
    <Box flexDirection="column">
      {lines.map((segments, i) => (
        <Line key={i} segments={segments} theme={theme} />
      ))}
    </Box>
  );
}

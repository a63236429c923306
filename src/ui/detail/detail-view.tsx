// <DetailView>: one container investigated: charts with limits and event markers, the facts
// panel, and its recent events. Exactly width × height (never taller), laid out by
// detail-lines.ts; this component only draws the lines.
import { Box } from 'ink';
import { useMemo } from 'react';
import { detailLines, type DetailInput } from './detail-lines.js';
import { THEMES, type Theme } from '../shared/theme.js';
import { Line } from '../shared/line.js';

export interface DetailViewProps extends DetailInput {
  theme?: Theme;
}

export function DetailView({ theme = THEMES.dark, ...input }: DetailViewProps) {
  const { row, history, details, events, width, height, showEnv, now, detailsNote } = input;
  const lines = useMemo(
    () => detailLines({ row, history, details, events, width, height, showEnv, now, detailsNote }),
    [row, history, details, events, width, height, showEnv, now, detailsNote],
  );
  return (
    <Box flexDirection="column" width={width} height={lines.length}>
      {lines.map((segments, i) => (
        <Line key={i} segments={segments} theme={theme} />
      ))}
    </Box>
  );
}

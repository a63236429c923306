// <Chart>: an asciichart plot that fills exactly width × height (title line, plot, marker row).
// All the work is in chart-lines.ts (pure); this only draws the lines.
import { Box } from 'ink';
import { useMemo } from 'react';
import { chartLines, type ChartInput, type ChartMarker, type ChartSeries } from './chart-lines.js';
import { THEMES, type Theme } from '../shared/theme.js';
import { Line } from '../shared/line.js';

export type { ChartMarker, ChartSeries };

export interface ChartProps extends ChartInput {
  theme?: Theme;
}

export function Chart({ theme = THEMES.dark, ...input }: ChartProps) {
  const { series, width, height, label, format, markers, limit, floor, window, gutter } = input;
  const lines = useMemo(
    () => chartLines({ series, width, height, label, format, markers, limit, floor, window, gutter }),
    [series, width, height, label, format, markers, limit, floor, window, gutter],
  );
  return (
    <Box flexDirection="column" width={width} height={lines.length}>
      {lines.map((segments, i) => (
        <Line key={i} segments={segments} theme={theme} />
      ))}
    </Box>
  );
}

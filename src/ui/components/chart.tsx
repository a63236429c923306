// <Chart>: an asciichart plot that fills exactly width × height (title line, plot, marker row).
// All the work is in chart-lines.ts (pure); this only draws the lines.
import { Box } from 'ink';
import { useMemo } from 'react';
import { chartLines, type ChartMarker, type ChartSeries } from '../chart-lines.js';
import { THEMES, type Theme } from '../theme.js';
import { Line } from './line.js';

export type { ChartMarker, ChartSeries };

export interface ChartProps {
  /** One or more series of the same length (history arrays, oldest first); null = not read. */
  series: readonly ChartSeries[];
  width: number;
  height: number;
  label: string;
  /** Axis labels and the title's values, e.g. percentAxis / bytesAxis / rateAxis from core/chart-data. */
  format: (v: number) => string;
  /** Event markers by sample index; passing the prop (even []) reserves the marker row. */
  markers?: readonly ChartMarker[];
  /** Draws a dashed line at this value and includes it in the scale. */
  limit?: number | null;
  /** Smallest top of the scale (default 1 unit). */
  floor?: number;
  /** Only the newest `window` samples (default: the whole history, resampled). */
  window?: number;
  gutter?: number;
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

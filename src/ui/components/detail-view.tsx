// <DetailView>: one container investigated: charts with limits and event markers, the facts
// panel, and its recent events. Exactly width × height (never taller), laid out by
// detail-lines.ts; this component only draws the lines.
import { Box } from 'ink';
import { useMemo } from 'react';
import type { ContainerDetails } from '../../core/container-details.js';
import type { ContainerRow, EngineEvent, History } from '../../core/types.js';
import { detailLines } from '../detail-lines.js';
import { THEMES, type Theme } from '../theme.js';
import { Line } from './line.js';

export interface DetailViewProps {
  /** selectedRow(state); undefined shows a one-line notice. */
  row: ContainerRow | undefined;
  /** snapshot.history.get(row.info.id) */
  history: History | undefined;
  /** From useContainerDetails; null without an engine or while the first inspect runs. */
  details: ContainerDetails | null;
  /** snapshot.events (all containers; this one's are picked out). */
  events: readonly EngineEvent[];
  width: number;
  height: number;
  /** Environment variables are hidden unless the user asked (key v). */
  showEnv: boolean;
  theme?: Theme;
  /** Defaults to the row's sample time, so a paused screen does not age. */
  now?: number;
  /** Shown while details are null, e.g. "loading…" or the inspect error. */
  detailsNote?: string | null;
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

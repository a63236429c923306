// <EventsPane>: the engine's container events, newest first, exactly width × height. OOM and
// unhealthy stand out by tone and by their '!' glyph, so they do without colour too.
import { Box } from 'ink';
import { useMemo } from 'react';
import type { EngineEvent } from '../../core/model/types.js';
import { eventLines } from './event-lines.js';
import { THEMES, type Theme } from '../shared/theme.js';
import { Line } from '../shared/line.js';

export interface EventsPaneProps {
  /** The snapshot's events, oldest first (Snapshot.events as the store keeps them). */
  events: readonly EngineEvent[];
  width: number;
  height: number;
  /** Colours by tone; THEMES.mono for --no-color. */
  theme?: Theme;
  /** Only this container's events, without the name column. */
  containerId?: string;
  title?: string;
}

export function EventsPane({ events, width, height, theme = THEMES.dark, containerId, title }: EventsPaneProps) {
  const lines = useMemo(
    () => eventLines(events, { width, height, containerId, showNames: containerId === undefined, title }),
    [events, width, height, containerId, title],
  );
  return (
    <Box flexDirection="column" width={width} height={lines.length}>
      {lines.map((segments, i) => (
        <Line key={i} segments={segments} theme={theme} />
      ))}
    </Box>
  );
}

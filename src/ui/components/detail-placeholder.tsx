// Stand-in for the detail view (view: 'detail'). The detail view replaces this component in
// app.tsx; it gets the same props: the selected row and its history from the shown snapshot.
import { Box } from 'ink';
import { displayName, truncateId } from '../../core/sanitize.js';
import type { ContainerRow, History } from '../../core/types.js';
import { fitLine } from '../segments.js';
import type { Theme } from '../theme.js';
import { Line } from './line.js';

export interface DetailProps {
  row: ContainerRow | undefined;
  history: History | undefined;
  width: number;
  height: number;
  theme: Theme;
}

export function DetailPlaceholder({ row, width, height, theme }: DetailProps) {
  const name = row ? `${displayName(row.info.name)} (${truncateId(row.info.id)})` : 'no container selected';
  return (
    <Box flexDirection="column" height={height}>
      <Line segments={fitLine([{ text: name, tone: 'title' }], width)} theme={theme} />
      <Line segments={fitLine([{ text: 'detail view coming', tone: 'dim' }], width)} theme={theme} />
      <Line segments={fitLine([{ text: 'j/k previous/next container · Esc or ← back to the table', tone: 'dim' }], width)} theme={theme} />
    </Box>
  );
}

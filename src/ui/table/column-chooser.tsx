// The column chooser: every column but the name, shown or hidden, and whether it has room at
// the current width (a shown column can still be dropped by a narrow terminal).
import { Box } from 'ink';
import { COLUMN_BY_ID, HIDEABLE, type ColumnId, type Fit } from './columns.js';
import { fitLine, type Segment } from '../shared/segments.js';
import type { Theme } from '../shared/theme.js';
import { windowTop } from './table-selectors.js';
import { Line } from '../shared/line.js';
import { hintText } from '../keys/key-help.js';

export interface ColumnChooserProps {
  hidden: readonly ColumnId[];
  cursor: number;
  fit: Fit;
  width: number;
  height: number;
  theme: Theme;
}

export function ColumnChooser({ hidden, cursor, fit, width, height, theme }: ColumnChooserProps) {
  const title = fitLine([{ text: 'Columns', tone: 'title' }, { text: `  (${hintText('columns')})`, tone: 'dim' }], width);
  const room = Math.max(1, height - 1);
  const top = windowTop(0, cursor, room, HIDEABLE.length);
  return (
    <Box flexDirection="column" height={height}>
      <Line segments={title} theme={theme} />
      {HIDEABLE.slice(top, top + room).map((id, i) => {
        const selected = top + i === cursor;
        const shown = !hidden.includes(id);
        const line: Segment[] = [
          { text: selected ? '› ' : '  ', tone: 'accent' },
          { text: shown ? '[x] ' : '[ ] ' },
          { text: COLUMN_BY_ID[id].title, tone: shown ? undefined : 'dim' },
        ];
        if (shown && fit.dropped.includes(id)) line.push({ text: '  (no room at this width)', tone: 'dim' });
        return <Line key={id} segments={fitLine(line, width)} theme={theme} style={selected ? theme.selected : undefined} />;
      })}
    </Box>
  );
}

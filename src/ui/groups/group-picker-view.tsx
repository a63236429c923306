// The `l` picker under the table: what to group by, the grouping in force ticked.
import { Box } from 'ink';
import { sanitize, escapeControls } from '../../core/model/sanitize.js';
import type { GroupPicker } from './group-picker.js';
import { fitLine, type Segment } from '../shared/segments.js';
import type { Theme } from '../shared/theme.js';
import { windowTop } from '../table/table-selectors.js';
import { Line } from '../shared/line.js';
import { hintText } from '../keys/key-help.js';

export interface GroupPickerProps {
  picker: GroupPicker;
  /** The grouping in force (its spec), null when none. */
  current: string | null;
  width: number;
  /** Title line plus options. */
  height: number;
  theme: Theme;
}

export function GroupPickerPanel({ picker, current, width, height, theme }: GroupPickerProps) {
  const title = fitLine([{ text: 'Group by', tone: 'title' }, { text: `  (${hintText('groups')})`, tone: 'dim' }], width);
  const room = Math.max(1, height - 1);
  const top = windowTop(0, picker.cursor, room, picker.options.length);
  return (
    <Box flexDirection="column" height={height}>
      <Line segments={title} theme={theme} />
      {picker.options.slice(top, top + room).map((o, i) => {
        const selected = top + i === picker.cursor;
        const line: Segment[] = [{ text: selected ? '› ' : '  ', tone: 'accent' }, { text: escapeControls(o.label) }];
        if (o.hint) line.push({ text: `  ${o.hint}`, tone: 'dim' });
        if (o.spec === current) line.push({ text: '  ✓ in force', tone: 'ok' });
        return <Line key={o.spec ?? ''} segments={fitLine(line, width)} theme={theme} style={selected ? theme.selected : undefined} />;
      })}
    </Box>
  );
}

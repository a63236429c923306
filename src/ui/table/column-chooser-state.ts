// The column chooser's state (pure): its cursor over the hideable columns; Space/Enter/x shows or
// hides the column under it (the table slice holds which are hidden).
import type { CommandId } from '../keys/keymap.js';
import { HIDEABLE, type ColumnId } from './columns.js';

export type ChooserStep = { cursor: number; toggle?: ColumnId } | 'close' | 'quit';

export function chooserCommand(cursor: number, command: CommandId | undefined): ChooserStep {
  switch (command) {
    case 'quit':
      return 'quit';
    case 'back':
      return 'close';
    case 'up':
      return { cursor: Math.max(0, cursor - 1) };
    case 'down':
      return { cursor: Math.min(HIDEABLE.length - 1, cursor + 1) };
    case 'toggleColumn':
      return { cursor, toggle: HIDEABLE[cursor] };
    default:
      return { cursor };
  }
}

// Formats a group's row of the grouped live table in the same fitted columns as its containers
// (pure): ▾/▸ and the group's value under NAME, "3/4 running" under STATE, the sums of its
// members under CPU%, MEM, NET, BLOCK and PIDS. Columns a sum means nothing in (image, limit,
// MEM% of a limit, uptime, the per-container graph) stay blank.
import { bytesSize } from '../../core/metrics/go-format.js';
import { NONE_GROUP, type RowGroup } from '../../core/query/grouping.js';
import { sanitize, escapeControls } from '../../core/model/sanitize.js';
import { COLUMN_BY_ID, GAP, type ColumnId, type Fit } from '../table/columns.js';
import { formatPercent, NO_VALUE, pairCell, SELECTED_MARK } from '../table/row-cells.js';
import type { Segment } from '../shared/segments.js';
import { displayWidth, fitCell, truncateMiddle } from '../shared/text-fit.js';
import type { Tone } from '../shared/theme.js';

export const EXPANDED_MARK = '▾';
export const COLLAPSED_MARK = '▸';

/** "3/4 running", or "3/4" where the state column is too narrow for the word. */
export function runningText(group: Pick<RowGroup, 'running' | 'count'>, width: number): string {
  const full = `${group.running}/${group.count} running`;
  if (displayWidth(full) <= width) return full;
  const short = `${group.running}/${group.count}`;
  return displayWidth(short) <= width ? short : '';
}

function runningTone(group: Pick<RowGroup, 'running' | 'count'>): Tone {
  if (group.running === 0) return 'exited';
  return group.running === group.count ? 'running' : 'warn';
}

export function groupLabel(group: Pick<RowGroup, 'value'>): string {
  return group.value === null ? NONE_GROUP : escapeControls(group.value);
}

function cell(id: ColumnId, group: RowGroup, expanded: boolean, width: number, stateShown: boolean): Segment[] {
  const t = group.totals;
  const align = COLUMN_BY_ID[id].align;
  const text = (s: string, tone?: Tone): Segment[] => [{ text: fitCell(s, width, align), tone }];
  switch (id) {
    case 'state':
      return text(runningText(group, width), runningTone(group));
    case 'name': {
      const mark = `${expanded ? EXPANDED_MARK : COLLAPSED_MARK} `;
      // Without a state column wide enough, the count follows the name (and survives a cut).
      const count = stateShown ? '' : ` ${group.running}/${group.count}`;
      const room = Math.max(0, width - displayWidth(mark) - displayWidth(count));
      return [
        { text: fitCell(mark, Math.min(width, displayWidth(mark))), tone: 'accent' },
        { text: fitCell(truncateMiddle(groupLabel(group), room) + count, Math.max(0, width - displayWidth(mark))) },
      ];
    }
    case 'cpu':
      return text(formatPercent(t.cpuPercent));
    case 'mem':
      return text(t.memUsage === null ? NO_VALUE : bytesSize(t.memUsage));
    case 'net':
      return text(pairCell(t.netRxRate, t.netTxRate));
    case 'io':
      return text(pairCell(t.blockReadRate, t.blockWriteRate));
    case 'pids':
      return text(t.pids === null ? NO_VALUE : String(t.pids));
    default:
      return text('');
  }
}

/** The whole group row: selection margin, then each fitted column separated by GAP blanks. */
export function groupRowSegments(group: RowGroup, expanded: boolean, fit: Fit, selected: boolean): Segment[] {
  const state = fit.columns.find((c) => c.id === 'state');
  const stateShown = state !== undefined && runningText(group, state.width) !== '';
  const out: Segment[] = [{ text: selected ? SELECTED_MARK : ' ', tone: selected ? 'accent' : undefined }];
  fit.columns.forEach((c, i) => {
    if (i > 0) out.push({ text: ' '.repeat(GAP) });
    out.push(...cell(c.id, group, expanded, c.width, stateShown));
  });
  return out;
}

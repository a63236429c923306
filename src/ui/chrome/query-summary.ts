// What narrows or shapes the table, for the header (pure): the -l/-f query from the command
// line, the `/` filter, the grouping. Each part comes with its separator, so the header can
// append them as they are; none when nothing is in force.
import { sanitize } from '../../core/model/sanitize.js';
import type { Segment } from '../shared/segments.js';

export interface QueryInput {
  /** The -l/-f query as written ('' when none). */
  query?: string;
  /** The `/` filter's text ('' when none). */
  filter: string;
  /** The grouping's spec; null when none. */
  groupBy: string | null;
}

const SEP: Segment = { text: ' · ', tone: 'dim' };

export function querySegments({ query, filter, groupBy }: QueryInput): Segment[] {
  const out: Segment[] = [];
  const part = (label: string, value: string) => out.push(SEP, { text: `${label} `, tone: 'dim' }, { text: sanitize(value), tone: 'accent' });
  if (query) part('query', query);
  if (filter) part('filter', filter);
  if (groupBy) part('group', groupBy);
  return out;
}

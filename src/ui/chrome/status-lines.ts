// The header's two lines and the footer's one, as segments (pure). The header sums the listed
// containers' numbers against the host's capacity; the footer says what the table shows (sort,
// filter, source, position) and the keys of the scope that is open, from the keymap.
import { bytesSize } from '../../core/metrics/go-format.js';
import { sumTotals } from '../../core/metrics/totals.js';
import { sanitize } from '../../core/model/sanitize.js';
import { meter } from '../shared/sparkline.js';
import type { EngineStatus, Snapshot } from '../../core/model/types.js';
import { NO_FILTER } from '../filter/filter-prompt-reducer.js';
import { querySegments } from './query-summary.js';
import { formatPercent, loadTone, NO_VALUE, sortArrow } from '../table/row-cells.js';
import { fitLine, lineWidth, spreadLine, type Segment } from '../shared/segments.js';
import { queryPredicate } from '../table/table-selectors.js';
import type { TableState } from '../table/table-state.js';
import { footerHints } from '../keys/key-help.js';
import type { KeyScope } from '../keys/keymap.js';
import { problemSummary } from '../table/rule-marks.js';

const SEP: Segment = { text: ' · ', tone: 'dim' };
const METER_WIDTH = 10;

export function formatInterval(ms: number): string {
  if (!(ms > 0)) return NO_VALUE;
  return ms % 1000 === 0 ? `${ms / 1000}s` : ms > 1000 ? `${(ms / 1000).toFixed(1)}s` : `${ms}ms`;
}

/** Local wall-clock time of a snapshot, HH:MM:SS. */
export function clockTime(ms: number): string {
  if (!(ms > 0)) return '--:--:--';
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** The sums leave out members with no reading yet (core/metrics/totals.ts): say how many. */
function partial(unknown: number): Segment[] {
  return unknown > 0 ? [{ text: `   (${unknown} unknown)`, tone: 'dim' }] : [];
}

function gauge(label: string, value: number | null, capacity: number | null, text: string): Segment[] {
  const pct = value !== null && capacity ? (value / capacity) * 100 : null;
  const bar = meter(pct === null ? null : pct / 100, METER_WIDTH, '░');
  const filled = bar.replace(/[░ ]+$/, '');
  const tone = loadTone(pct);
  return [{ text: `${label} ` }, { text: filled, tone: tone ?? 'graph' }, { text: bar.slice(filled.length), tone: 'dim' }, { text: ` ${text}`, tone }];
}

export interface HeaderInput {
  state: Pick<TableState, 'shown' | 'rows' | 'paused' | 'predicate'> & Partial<Pick<TableState, 'filter' | 'groupBy'>>;
  width: number;
  /** --read-only: a badge says actions and exec are off. */
  readOnly?: boolean;
  /** The -l/-f query as written, shown with the `/` filter and the grouping. */
  query?: string;
}

/** "engine unreachable since 09:21:43, retrying…"; named when several engines are watched. */
export function engineDownText(down: readonly EngineStatus[], watched: number): string {
  const since = Math.min(...down.map((e) => e.since ?? Infinity));
  const when = Number.isFinite(since) ? ` since ${clockTime(since)}` : '';
  const who = watched <= 1 ? 'engine' : down.length === 1 ? `engine ${sanitize(down[0].name)}` : `${down.length} engines`;
  return `${who} unreachable${when}, retrying…`;
}

/** Containers matching the query, whatever `all` says: the "total" people expect. */
function counts(shown: Snapshot, predicate: TableState['predicate']): { running: number; total: number } {
  let running = 0;
  let total = 0;
  for (const r of shown.rows) {
    if (predicate && !predicate(r.info)) continue;
    total++;
    if (r.info.state === 'running') running++;
  }
  return { running, total };
}

export function headerLines({ state, width, readOnly, query }: HeaderInput): Segment[][] {
  const { shown, rows, paused } = state;
  const host = shown.host;
  const loading = shown.seq === 0;
  const left: Segment[] = [{ text: 'ctop-ts', tone: 'title' }, { text: ' ' }];
  if (readOnly) left.push({ text: 'READ-ONLY', tone: 'warn' }, { text: ' ' });
  if (paused) left.push({ text: ' PAUSED ', tone: 'paused-banner' }, { text: ' ' });
  const down = (shown.engines ?? []).filter((e) => e.state === 'down');
  // An engine that does not answer outranks everything else on the line: the rows are old.
  if (down.length > 0) left.push({ text: engineDownText(down, (shown.engines ?? []).length), tone: 'warn' }, { text: ' ' });
  if (loading) left.push({ text: 'connecting…', tone: 'dim' });
  else {
    const filter = state.filter ?? NO_FILTER;
    const { running, total } = counts(shown, queryPredicate({ predicate: state.predicate, filter }));
    const engine: Segment[] = [{ text: sanitize(host?.engine ?? 'no engine') }, SEP];
    const tally: Segment = { text: `${running} running / ${total} total` };
    const shaping = querySegments({ query, filter: filter.text, groupBy: state.groupBy?.spec ?? null });
    // What narrows the table explains missing rows: it outranks the engine's name.
    if (lineWidth([...left, ...engine, tally, ...shaping]) <= width) left.push(...engine);
    left.push(tally, ...shaping);
    // --warning/--critical: how many containers breach, in the theme's warning/critical tone.
    const problems = problemSummary(rows, shown.timestamp);
    if (problems) left.push(SEP, { text: problems.text, tone: problems.tone });
  }
  // The counts matter more than the source (the footer repeats it): drop from the right first.
  const clock: Segment[] = loading ? [] : [{ text: clockTime(shown.timestamp) }];
  const source: Segment[] = loading ? [] : [{ text: `${shown.sourceLabel || NO_VALUE} @ ${formatInterval(shown.interval)}`, tone: 'dim' }, { text: '  ' }];
  const fits = (r: Segment[]) => lineWidth(left) + 1 + lineWidth(r) <= width;
  const right = fits([...source, ...clock]) ? [...source, ...clock] : fits(clock) ? clock : [];

  const t = sumTotals(rows);
  const cpuCap = host ? host.ncpu * 100 : null;
  const memCap = host ? host.memTotal : null;
  const cpuText = `${formatPercent(t.cpuPercent)} of ${cpuCap === null ? NO_VALUE : `${cpuCap}%`}`;
  const memText = `${t.memUsage === null ? NO_VALUE : bytesSize(t.memUsage)} of ${memCap === null ? NO_VALUE : bytesSize(memCap)}`;
  const second: Segment[] = loading
    ? [{ text: 'opening the session; the first numbers follow one interval later', tone: 'dim' }]
    : [...gauge('CPU', t.cpuPercent, cpuCap, cpuText), { text: '   ' }, ...gauge('MEM', t.memUsage, memCap, memText), ...partial(t.unknown)];
  return [spreadLine(left, right, width), fitLine(second, width)];
}

export interface FooterInput {
  state: Pick<TableState, 'sort' | 'reverse' | 'all' | 'paused' | 'cursor' | 'items' | 'shown'> & Partial<Pick<TableState, 'problemsOnly'>> & {
    readonly marked?: ReadonlySet<string>;
    readonly notice?: string | null;
  };
  width: number;
  /** Whose keys the hints show: the scope that is open (the table's by default). */
  scope?: KeyScope;
}

/** The query, the `/` filter and the grouping are in the header (status-lines headerLines). */
export function footerLine({ state, width, scope = 'table' }: FooterInput): Segment[] {
  const parts: Segment[][] = [];
  if (state.paused) parts.push([{ text: 'PAUSED', tone: 'paused-banner' }]);
  parts.push([{ text: `sort ${state.sort}${sortArrow(state.sort, state.reverse)}`, tone: 'accent' }]);
  parts.push([{ text: state.all ? 'all' : 'running' }]);
  if (state.problemsOnly) parts.push([{ text: 'problems only', tone: 'warn' }]);
  parts.push([{ text: `source ${state.shown.sourceLabel || NO_VALUE}` }]);
  parts.push([{ text: state.items.length === 0 ? '0/0' : `${state.cursor + 1}/${state.items.length}` }]);
  if (state.marked?.size) parts.push([{ text: `${state.marked.size} marked`, tone: 'warn' }]);
  const line: Segment[] = parts.flatMap((p, i) => (i === 0 ? p : [SEP, ...p]));
  line.push({ text: '   ' });
  if (state.notice) {
    // A notice says what just happened (an exec's outcome, a refusal): it outranks the status.
    const notice: Segment = { text: state.notice, tone: 'warn' };
    return fitLine(lineWidth(line) + lineWidth([notice]) <= width ? [...line, notice] : [notice], width);
  }
  // Whole hints while they fit, most useful first (KEYMAP's order): never half a hint.
  let used = lineWidth(line);
  footerHints(scope).forEach(({ keys, what }, i) => {
    const hint: Segment[] = [{ text: `${i > 0 ? '  ' : ''}${keys}`, tone: 'accent' }, { text: ` ${what}`, tone: 'dim' }];
    const w = lineWidth(hint);
    if (used + w > width || used < 0) {
      used = -1;
      return;
    }
    used += w;
    line.push(...hint);
  });
  return fitLine(line, width);
}

// The --warning/--critical rules on the live screen, as data the table and header draw: which
// cells of a row breach (in the theme's warning / critical tones), how many containers do, and
// the "problems only" view. The rules are process-wide settings fixed at start (cli-rules.ts sets
// them once), so they are read here rather than threaded through every view's props. They live
// in a global slot, not a module variable: the live screen runs from dist/ui-bundle.js, which
// holds its own copy of this module (load-ui.ts).
import { countProblems, evaluateRows, problemRows, type RowRuleResult } from '../../core/thresholds/row-rules.js';
import type { RuleSet } from '../../core/thresholds/rules.js';
import type { ContainerRow } from '../../core/model/types.js';
import type { Tone } from '../shared/theme.js';
import type { ColumnId } from './columns.js';

const SLOT = Symbol.for('ctop-ts.live-rules');
const slot = globalThis as { [SLOT]?: RuleSet | null };
const current = (): RuleSet | null => slot[SLOT] ?? null;

export function setLiveRules(rules: RuleSet | null): void {
  slot[SLOT] = rules;
}

export const hasLiveRules = (): boolean => current() !== null;

// One evaluation per row list (a snapshot's rows are one array until the next tick) and rule set.
let cache = new WeakMap<readonly ContainerRow[], Map<string, RowRuleResult>>();
let cachedFor: RuleSet | null = null;
const EMPTY: ReadonlyMap<string, RowRuleResult> = new Map();

export function liveRuleResults(rows: readonly ContainerRow[], now: number): ReadonlyMap<string, RowRuleResult> {
  const rules = current();
  if (rules === null) return EMPTY;
  if (rules !== cachedFor) {
    cache = new WeakMap();
    cachedFor = rules;
  }
  let r = cache.get(rows);
  if (!r) {
    r = evaluateRows(rules, rows, now);
    cache.set(rows, r);
  }
  return r;
}

/** Which check fields each column shows. */
const COLUMN_FIELDS: Partial<Record<ColumnId, readonly string[]>> = {
  cpu: ['cpu', 'cpu_limit%', 'throttled%', 'psi_cpu'],
  cpuGraph: ['cpu', 'cpu_limit%'],
  mem: ['mem', 'psi_mem', 'oom_kills'],
  memPct: ['mem%'],
  net: ['net_rx', 'net_tx'],
  io: ['block_read', 'block_write', 'psi_io'],
  pids: ['pids', 'pids%'],
};

const TONE: Record<number, Tone | undefined> = { 1: 'warn', 2: 'danger' };

/** The tone a breaching cell takes; the name carries the row's worst state (state rules included). */
export function ruleTone(column: ColumnId, rule: RowRuleResult | undefined): Tone | undefined {
  if (!rule || rule.state === 0) return undefined;
  if (column === 'name') return TONE[rule.state];
  let worst = 0;
  for (const f of COLUMN_FIELDS[column] ?? []) worst = Math.max(worst, rule.fields.get(f) ?? 0);
  return TONE[worst];
}

/** The header's words, e.g. "2 critical 1 warning"; null without rules. */
export function problemSummary(rows: readonly ContainerRow[], now: number): { text: string; tone: Tone } | null {
  if (current() === null) return null;
  const { warning, critical } = countProblems(liveRuleResults(rows, now));
  if (warning + critical === 0) return { text: '0 problems', tone: 'ok' };
  const parts = [critical ? `${critical} critical` : '', warning ? `${warning} warning` : ''].filter(Boolean);
  return { text: parts.join(' '), tone: critical ? 'danger' : 'warn' };
}

/** "Problems only" (the `!` key): the rows breaching a rule; all rows without rules. */
export function onlyProblems(rows: readonly ContainerRow[], now: number): ContainerRow[] {
  return current() === null ? [...rows] : problemRows(rows, liveRuleResults(rows, now));
}

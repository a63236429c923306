// The per-container view of the rules, for views that mark rows (the live screen) and for --json
// lines: each container's worst state and its problems, from one tick. Group rules and
// --min-running are the check's business; a value not read yet marks nothing.
import type { ContainerRow } from '../model/types.js';
import { evaluateCheck, type CheckState, type Finding } from './evaluate.js';
import type { RuleSet } from './rules.js';

export interface RowRuleResult {
  state: CheckState; // 0, 1 or 2
  problems: Finding[];
  /** Worst state per breaching field (e.g. cpu → 2), for marking cells. */
  fields: ReadonlyMap<string, CheckState>;
}

const OK: RowRuleResult = { state: 0, problems: [], fields: new Map() };

export function evaluateRows(rules: RuleSet, rows: readonly ContainerRow[], now: number): Map<string, RowRuleResult> {
  const perRow: RuleSet = { thresholds: rules.thresholds.filter((r) => r.field.container), states: rules.states, minRunning: null };
  const result = evaluateCheck(perRow, { samples: [rows], now });
  const out = new Map<string, RowRuleResult>();
  for (const f of result.findings) {
    if (f.id === undefined || f.state === 0 || f.state === 3) continue;
    const prev = out.get(f.id) ?? { state: 0 as CheckState, problems: [], fields: new Map<string, CheckState>() };
    const fields = new Map(prev.fields);
    if (f.field) fields.set(f.field, Math.max(fields.get(f.field) ?? 0, f.state) as CheckState);
    out.set(f.id, { state: Math.max(prev.state, f.state) as CheckState, problems: [...prev.problems, f], fields });
  }
  return out;
}

export const rowResult = (results: ReadonlyMap<string, RowRuleResult>, id: string): RowRuleResult => results.get(id) ?? OK;

/** The header's count: containers breaching a rule, by state. */
export function countProblems(results: ReadonlyMap<string, RowRuleResult>): { warning: number; critical: number } {
  let warning = 0;
  let critical = 0;
  for (const r of results.values()) {
    if (r.state === 2) critical++;
    else if (r.state === 1) warning++;
  }
  return { warning, critical };
}

/** "Problems only": the rows that breach a rule, in their given (sorted) order. */
export function problemRows<T extends { info: { id: string } }>(rows: readonly T[], results: ReadonlyMap<string, RowRuleResult>): T[] {
  return rows.filter((r) => (results.get(r.info.id)?.state ?? 0) > 0);
}

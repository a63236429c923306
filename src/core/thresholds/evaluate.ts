// Evaluates a rule set over a window of samples: per container, or per group with --group-by.
// A threshold counts only when every sample of the window breaches it (a one-tick CPU spike does
// not), the status line shows the window's mean, and the worst state wins. States rank
// OK < UNKNOWN < WARNING < CRITICAL: a definite problem outranks a value we could not read.
import { groupRows, groupTotals, NONE_GROUP, type RowGroup } from '../query/grouping.js';
import type { ContainerRow } from '../model/types.js';
import { displayValue, perfUnit, type CheckField, type ContainerFacts, type GroupSample } from './fields.js';
import { alerts, perfRange, plainNumber, type NagiosRange } from './range.js';
import type { RuleSet, Severity, StateRule, ThresholdRule } from './rules.js';
import { COUNTER_STATES } from '../model/container-states.js';

export type CheckState = 0 | 1 | 2 | 3;
export const STATE_NAMES = ['OK', 'WARNING', 'CRITICAL', 'UNKNOWN'] as const;
const RANK: Record<CheckState, number> = { 0: 0, 3: 1, 1: 2, 2: 3 };
export const worse = (a: CheckState, b: CheckState): CheckState => (RANK[b] > RANK[a] ? b : a);

export interface Finding {
  state: CheckState;
  /** The container (or group) name. */
  subject: string;
  /** Container id, for the live screen's marking; absent for groups. */
  id?: string;
  /** The field that breached, for marking its cell; absent for state rules. */
  field?: string;
  text: string;
}

export interface PerfDatum {
  label: string;
  value: number | null;
  uom: string;
  warn: string;
  crit: string;
  min: string;
  max: string;
}

export interface CheckResult {
  state: CheckState;
  noun: 'container' | 'group';
  subjects: number;
  problemSubjects: number;
  findings: Finding[];
  perf: PerfDatum[];
}

export interface CheckInput {
  /** Each tick's visible rows, oldest first; the last one decides which containers exist. */
  samples: readonly (readonly ContainerRow[])[];
  facts?: ReadonlyMap<string, ContainerFacts>;
  now: number;
  groupBy?: string;
  memTotal?: number | null;
}

const LIVE = COUNTER_STATES; // core/model/container-states.ts
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function describe(field: CheckField, range: NagiosRange, value: number): string {
  const num = (x: number) => (field.unit === '%' || field.unit === '' ? plainNumber(x, 2) : displayValue(field, x));
  if (range.inside) return `in ${range.text}`;
  if (value > range.end) return `> ${num(range.end)}`;
  if (value < range.start) return `< ${num(range.start)}`;
  return `outside ${range.text}`;
}

/** A value's state: critical first, then warning (Monitoring Plugins' get_status order). */
function stateOf(value: number, rules: readonly ThresholdRule[]): { state: CheckState; rule: ThresholdRule | null } {
  for (const sev of [2, 1] as Severity[]) {
    const rule = rules.find((r) => r.severity === sev);
    if (rule && alerts(rule.range, value)) return { state: sev, rule };
  }
  return { state: 0, rule: null };
}

const perfLabel = (subject: string, field: CheckField) => `'${subject.replace(/'/g, "''").replace(/=/g, '_')} ${field.name.replace('%', '_pct')}'`;

/** One field of one subject over the window: its state, a finding when it breaches, its perfdata. */
function evaluateField(
  subject: string,
  id: string | undefined,
  field: CheckField,
  rules: readonly ThresholdRule[],
  values: number[],
  max: number | null,
  out: CheckResult,
): CheckState {
  const w = rules.find((r) => r.severity === 1);
  const c = rules.find((r) => r.severity === 2);
  const avg = values.length ? mean(values) : null;
  out.perf.push({
    label: perfLabel(subject, field),
    value: avg,
    uom: perfUnit(field),
    warn: w ? perfRange(w.range) : '',
    crit: c ? perfRange(c.range) : '',
    min: Number.isFinite(field.lo) ? plainNumber(field.lo) : '',
    max: Number.isFinite(field.hi) ? plainNumber(field.hi) : max !== null ? plainNumber(max) : '',
  });
  if (avg === null) {
    out.findings.push({ state: 3, subject, id, field: field.name, text: `${subject} ${field.name} unknown` });
    return 3;
  }
  // Sustained: the window's state is its least severe sample.
  let state: CheckState = 2;
  let rule: ThresholdRule | null = null;
  for (const v of values) {
    const s = stateOf(v, rules);
    if (RANK[s.state] < RANK[state]) state = s.state;
    if (s.rule && (rule === null || s.rule.severity < rule.severity)) rule = s.rule;
  }
  if (state === 0) return 0;
  const r = rules.find((x) => x.severity === state) ?? rule!;
  out.findings.push({ state, subject, id, field: field.name, text: `${subject} ${field.name} ${displayValue(field, avg)} ${describe(field, r.range, avg)}` });
  return state;
}

function exitCodeOf(row: ContainerRow, facts: ContainerFacts | undefined): number | null {
  if (facts?.exitCode !== null && facts?.exitCode !== undefined) return facts.exitCode;
  const m = /^Exited \((-?\d+)\)/.exec(row.info.status);
  return m ? Number(m[1]) : null;
}

function stateFinding(rule: StateRule, row: ContainerRow, facts: ContainerFacts | undefined, now: number, name: string): string | null {
  switch (rule.state) {
    case 'unhealthy':
      return row.info.health === 'unhealthy' ? `${name} unhealthy` : null;
    case 'restarting':
      return row.info.state === 'restarting' ? `${name} restarting` : null;
    case 'exited': {
      const code = row.info.state === 'exited' || row.info.state === 'dead' ? exitCodeOf(row, facts) : null;
      return code !== null && code !== 0 ? `${name} exited with code ${code}` : null;
    }
    case 'oom': {
      const at = facts?.lastOomKill ?? null;
      if (at === null || now - at > rule.windowMs) return null;
      const s = Math.max(0, Math.round((now - at) / 1000));
      return `${name} OOM-killed ${s < 120 ? `${s}s` : `${Math.round(s / 60)}m`} ago`;
    }
  }
}

function groupSamples(samples: readonly (readonly ContainerRow[])[], spec: string, memTotal: number | null): Map<string, GroupSample>[] {
  return samples.map((rows) => {
    const m = new Map<string, GroupSample>();
    for (const g of groupRows(rows, spec, { memTotal })) m.set(groupName(g), { totals: g.totals, count: g.count, running: g.running });
    return m;
  });
}

export function evaluateCheck(rules: RuleSet, input: CheckInput): CheckResult {
  const last = input.samples[input.samples.length - 1] ?? [];
  const grouped = input.groupBy !== undefined;
  const out: CheckResult = { state: 0, noun: grouped ? 'group' : 'container', subjects: 0, problemSubjects: 0, findings: [], perf: [] };
  const problem = new Set<string>();
  const note = (subject: string, s: CheckState) => {
    out.state = worse(out.state, s);
    if (s !== 0) problem.add(subject);
  };
  const byField = new Map<CheckField, ThresholdRule[]>();
  for (const r of rules.thresholds) byField.set(r.field, [...(byField.get(r.field) ?? []), r]);
  const containerFields = [...byField.keys()].filter((f) => f.container && !(grouped && f.group));
  const groupFields = [...byField.keys()].filter((f) => f.group && (grouped || !f.container));

  for (const row of last) {
    const name = row.info.host ? `${row.info.host}/${row.info.name}` : row.info.name; // several engines: names can repeat
    const facts = input.facts?.get(row.info.id);
    if (row.stale) {
      note(grouped ? '' : name, 3);
      out.findings.push({ state: 3, subject: name, id: row.info.id, text: `${name}: engine not answering (${row.stale.reason})` });
      continue;
    }
    for (const rule of rules.states) {
      const text = stateFinding(rule, row, facts, input.now, name);
      if (text) {
        out.findings.push({ state: rule.severity, subject: name, id: row.info.id, text });
        note(name, rule.severity);
      }
    }
    if (!LIVE.has(row.info.state)) continue;
    for (const field of containerFields) {
      const values = input.samples
        .map((s) => s.find((r) => r.info.id === row.info.id))
        .map((r) => (r && !r.stale ? field.container!(r, facts) : null))
        .filter((v): v is number => v !== null && Number.isFinite(v));
      note(name, evaluateField(name, row.info.id, field, byField.get(field)!, values, field.max?.(row) ?? null, out));
    }
  }

  if (grouped || groupFields.length > 0 || rules.minRunning !== null) {
    const spec = input.groupBy ?? 'all';
    const perSample = grouped ? groupSamples(input.samples, spec, input.memTotal ?? null) : input.samples.map((rows) => new Map([['all', allGroup(rows)]]));
    const groups = grouped ? groupRows(last, spec, { memTotal: input.memTotal ?? null }).map(groupName) : ['all'];
    for (const key of groups) {
      const subject = grouped ? key : 'all';
      for (const field of groupFields) {
        const values = perSample.map((m) => m.get(key)).map((g) => (g ? field.group!(g) : null)).filter((v): v is number => v !== null);
        note(subject, evaluateField(subject, undefined, field, byField.get(field)!, values, null, out));
      }
      const g = perSample[perSample.length - 1].get(key);
      if (rules.minRunning !== null && g && g.running < rules.minRunning) {
        out.findings.push({ state: 2, subject, text: `${grouped ? `group ${key}` : 'selection'}: ${g.running} running < ${rules.minRunning}` });
        note(subject, 2);
      }
    }
    if (grouped) out.subjects = groups.length;
  }
  if (!grouped) out.subjects = last.length;
  if (rules.minRunning !== null && last.length === 0) {
    out.findings.push({ state: 2, subject: 'all', text: `no containers match: 0 running < ${rules.minRunning}` });
    note('all', 2);
  }
  out.problemSubjects = grouped ? [...problem].filter((s) => s !== '').length : [...problem].filter((s) => s !== 'all').length;
  out.findings.sort((a, b) => RANK[b.state] - RANK[a.state] || a.subject.localeCompare(b.subject));
  return out;
}

const groupName = (g: RowGroup): string => g.value ?? NONE_GROUP;

/** Without --group-by, group fields and --min-running look at the whole selection. */
function allGroup(rows: readonly ContainerRow[]): GroupSample {
  return { totals: groupTotals(rows), count: rows.length, running: rows.filter((r) => r.info.state === 'running').length };
}

// The rules of `ctop-ts check` (and of the live screen's marking): `--warning`/`--critical` take
// either FIELD=RANGE (a Nagios range on a numeric field, see fields.ts) or a state rule
// (`unhealthy`, `restarting`, `exited`, `oom[=DURATION]`), plus `--min-running N`. Everything is
// checked here, before any engine work: unknown fields, bad ranges, units a field does not take,
// ranges that can never alert and a field given two ranges of the same severity.
import { CHECK_FIELDS, fieldByName, unitScale, type CheckField } from './fields.js';
import { neverAlerts, parseRange, RangeSyntaxError, type NagiosRange } from './range.js';

export type Severity = 1 | 2; // WARNING, CRITICAL
export type StateKind = 'unhealthy' | 'restarting' | 'exited' | 'oom';

export const STATE_RULES: Record<StateKind, string> = {
  unhealthy: 'the health check fails',
  restarting: 'the engine is restarting it',
  exited: 'it exited with a non-zero code (needs -a to see stopped containers)',
  oom: 'the kernel OOM-killed a process of it in the last DURATION (oom=15m; default 10m)',
};

export const DEFAULT_OOM_WINDOW_MS = 10 * 60_000;

export interface ThresholdRule {
  readonly kind: 'threshold';
  readonly field: CheckField;
  readonly range: NagiosRange;
  readonly severity: Severity;
  readonly spec: string;
}

export interface StateRule {
  readonly kind: 'state';
  readonly state: StateKind;
  readonly severity: Severity;
  readonly windowMs: number; // oom only
  readonly spec: string;
}

export type Rule = ThresholdRule | StateRule;

export interface RuleSet {
  readonly thresholds: readonly ThresholdRule[];
  readonly states: readonly StateRule[];
  /** Fewer running containers than this (per group with --group-by) is CRITICAL. */
  readonly minRunning: number | null;
}

/** A rule that does not parse; `position` indexes `spec`, for a caret under the mistake. */
export class RuleError extends Error {
  constructor(
    readonly flag: string,
    readonly spec: string,
    readonly position: number,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'RuleError';
  }

  format(): string {
    const shown = this.spec.replace(/[\x00-\x1f\x7f-\x9f]/g, ' ');
    return `bad ${this.flag} ${JSON.stringify(this.spec)}: ${this.reason}\n${shown}\n${' '.repeat([...this.spec.slice(0, this.position)].length)}^`;
  }
}

/** `30s`, `10m`, `1h`, `500ms` or plain seconds. */
export function parseDuration(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!m) return null;
  const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] ?? 's']!;
  return Number(m[1]) * factor;
}

export function parseRule(spec: string, severity: Severity, flag: string): Rule {
  const eq = spec.indexOf('=');
  const name = (eq < 0 ? spec : spec.slice(0, eq)).trim();
  if (name in STATE_RULES) {
    const state = name as StateKind;
    let windowMs = DEFAULT_OOM_WINDOW_MS;
    if (eq >= 0) {
      if (state !== 'oom') throw new RuleError(flag, spec, eq, `the state rule "${state}" takes no value`);
      const d = parseDuration(spec.slice(eq + 1));
      if (d === null || d <= 0) throw new RuleError(flag, spec, eq + 1, 'expected a duration like 10m, 30s or 1h');
      windowMs = d;
    }
    return { kind: 'state', state, severity, windowMs, spec };
  }
  if (eq < 0) {
    throw new RuleError(flag, spec, 0, `expected FIELD=RANGE or a state rule (${Object.keys(STATE_RULES).join(', ')})`);
  }
  const field = fieldByName(name);
  if (!field) {
    throw new RuleError(flag, spec, 0, `unknown field "${name}"; fields: ${CHECK_FIELDS.map((f) => f.name).join(', ')}`);
  }
  const rangeText = spec.slice(eq + 1);
  let range: NagiosRange;
  try {
    range = parseRange(rangeText, (unit) => unitScale(field, unit));
  } catch (err) {
    if (err instanceof RangeSyntaxError) {
      const hint = err.reason.startsWith('unknown unit') ? ` (${field.name} takes ${field.unit === '' ? 'plain numbers' : field.unit === '%' ? 'a number or N%' : field.unit === 'B' ? 'bytes: B kB MB GB KiB MiB GiB' : 'bytes per second: B/s kB/s MiB/s …'})` : '';
      throw new RuleError(flag, spec, eq + 1 + err.position, err.reason + hint);
    }
    throw err;
  }
  if (neverAlerts(range, field.lo, field.hi)) {
    const span = `${field.lo}..${field.hi === Infinity ? '∞' : field.hi}`;
    throw new RuleError(flag, spec, eq + 1, `this range can never alert: ${field.name} is always within ${span}`);
  }
  return { kind: 'threshold', field, range, severity, spec };
}

export interface RuleOptions {
  warning: readonly string[];
  critical: readonly string[];
  minRunning?: number | null;
}

/** All rules, validated together (duplicates are an error). Throws RuleError. */
export function buildRuleSet(opts: RuleOptions): RuleSet {
  const rules = [
    ...opts.warning.map((s) => parseRule(s, 1, '--warning')),
    ...opts.critical.map((s) => parseRule(s, 2, '--critical')),
  ];
  const seen = new Set<string>();
  for (const r of rules) {
    const key = `${r.kind === 'state' ? r.state : r.field.name}/${r.severity}`;
    if (seen.has(key)) {
      const flag = r.severity === 1 ? '--warning' : '--critical';
      throw new RuleError(flag, r.spec, 0, `${key.split('/')[0]} is given twice with ${flag}; perfdata has one range per severity`);
    }
    seen.add(key);
  }
  return {
    thresholds: rules.filter((r): r is ThresholdRule => r.kind === 'threshold'),
    states: rules.filter((r): r is StateRule => r.kind === 'state'),
    minRunning: opts.minRunning ?? null,
  };
}

export const isEmptyRuleSet = (rs: RuleSet): boolean => rs.thresholds.length === 0 && rs.states.length === 0 && rs.minRunning === null;

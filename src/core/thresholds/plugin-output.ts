// The text a Nagios/Icinga plugin prints (Monitoring Plugins guidelines): the first line is
// `CTOP-TS STATE - summary | perfdata`, the state word matching the exit code; lines 2…n are the
// long output, one problem each. Perfdata is `'label'=value[UOM];warn;crit;min;max`, space
// separated, with plain decimals (never exponents) and `U` for a value that could not be read.
import { sanitize } from '../model/sanitize.js';
import type { CheckResult, CheckState, PerfDatum } from './evaluate.js';
import { STATE_NAMES } from './evaluate.js';
import { plainNumber } from './range.js';

export const PLUGIN_NAME = 'CTOP-TS';
/** How many problems the first line names before "and N more" (the rest are in the long output). */
const FIRST_LINE_PROBLEMS = 5;

export function perfText(p: PerfDatum): string {
  const value = p.value === null ? 'U' : `${plainNumber(p.value, p.uom === '%' ? 2 : p.uom === 'B' ? 0 : 3)}${p.uom}`;
  return `${p.label}=${value};${p.warn};${p.crit};${p.min};${p.max}`;
}

/** A status line with no check behind it: bad arguments or an engine that cannot be read. */
export function pluginLine(state: CheckState, text: string): string {
  return `${PLUGIN_NAME} ${STATE_NAMES[state]} - ${sanitize(text).replace(/\|/g, '/')}\n`;
}

export function formatPluginOutput(result: CheckResult, extraNotes: readonly string[] = []): string {
  const noun = (n: number) => `${n} ${result.noun}${n === 1 ? '' : 's'}`;
  // A pipe would start perfdata early: user data (names, reasons) never carries one.
  const clean = (s: string) => sanitize(s).replace(/\|/g, '/');
  const problems = result.findings.filter((f) => f.state !== 0);
  let summary: string;
  if (problems.length === 0) summary = result.subjects === 0 ? `no ${result.noun}s match the selection` : `${noun(result.subjects)}, no problems`;
  else {
    const shown = problems.slice(0, FIRST_LINE_PROBLEMS).map((f) => clean(f.text));
    const more = problems.length > FIRST_LINE_PROBLEMS ? `, and ${problems.length - FIRST_LINE_PROBLEMS} more` : '';
    const count = result.subjects > 0 ? `${result.problemSubjects} of ${noun(result.subjects)}: ` : '';
    summary = `${count}${shown.join(', ')}${more}`;
  }
  // Engines that did not answer come first: the line must say why the state is UNKNOWN.
  if (extraNotes.length > 0) summary = `${extraNotes.map(clean).join(', ')}; ${summary}`;
  const perf = result.perf.map(perfText).join(' ');
  let out = `${PLUGIN_NAME} ${STATE_NAMES[result.state]} - ${summary}${perf ? ` | ${perf}` : ''}\n`;
  for (const f of problems) out += `${STATE_NAMES[f.state]}: ${clean(f.text)}\n`;
  for (const n of extraNotes) out += `UNKNOWN: ${clean(n)}\n`;
  return out;
}

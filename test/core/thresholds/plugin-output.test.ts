// The plugin text against the Monitoring Plugins guidelines: first line `CTOP-TS STATE - text |
// perfdata`, state word matching the state, perfdata `'label'=value[UOM];warn;crit;min;max` with
// plain decimals, long output on the following lines, no pipe from user data.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateCheck, type CheckResult } from '../../../src/core/thresholds/evaluate.js';
import { formatPluginOutput, perfText, pluginLine } from '../../../src/core/thresholds/plugin-output.js';
import { buildRuleSet } from '../../../src/core/thresholds/rules.js';
import { formatRowsFromFixtures } from '../../helpers/format-fixtures.js';

// Guideline grammar: quoted label (no = or '), value [-0-9.] or U, UOM, then four range fields.
const RANGE = String.raw`(@?(?:~|-?[0-9.]+)?:?(?:-?[0-9.]+)?)`;
const PERF = new RegExp(String.raw`^'[^=']+'=(?:-?[0-9.]+|U)(?:s|ms|us|%|B|KB|MB|TB|c)?;${RANGE};${RANGE};(-?[0-9.]*);(-?[0-9.]*)$`);

const rows = formatRowsFromFixtures(['v2', 'v1-recorded', 'worked-example-v2', 'v1-two-networks', 'v1-host-network', 'v1-inactive-exceeds-usage', 'stopped']);
const check = (w: string[], c: string[] = []) => evaluateCheck(buildRuleSet({ warning: w, critical: c }), { samples: [rows], now: 0 });

describe('plugin output', () => {
  it('the issue example shape: state, "N of M containers: …", perfdata for every checked value', () => {
    const out = formatPluginOutput(check(['cpu=15'], ['cpu=60', 'mem%=95']));
    const [first, ...long] = out.trimEnd().split('\n');
    const [status, perf] = first.split(' | ');
    assert.equal(status, 'CTOP-TS CRITICAL - 4 of 7 containers: v2-web cpu 70.1% > 60, ctop-t2-fix-v1 cpu 17.1% > 15, inactive-exceeds cpu 17.1% > 15, two-nets cpu 17.1% > 15');
    const items = perf.match(/'[^']*'=\S*/g)!;
    assert.equal(items.join(' '), perf, 'nothing but perfdata items');
    assert.equal(items.length, 14, 'cpu and mem% for 7 containers');
    for (const p of items) assert.match(p, PERF);
    assert.equal(items[0], "'v2-web cpu'=70.1%;15;60;0;");
    assert.equal(items[1], "'v2-web mem_pct'=19.53%;;95;0;100");
    assert.deepEqual(long, ['CRITICAL: v2-web cpu 70.1% > 60', 'WARNING: ctop-t2-fix-v1 cpu 17.1% > 15', 'WARNING: inactive-exceeds cpu 17.1% > 15', 'WARNING: two-nets cpu 17.1% > 15']);
  });

  it('OK names the count; more than five problems are summarised on the first line', () => {
    assert.match(formatPluginOutput(check(['cpu=99'])), /^CTOP-TS OK - 7 containers, no problems \| /);
    const many = formatPluginOutput(check(['pids=100:']));
    assert.match(many.split('\n')[0], /^CTOP-TS WARNING - 7 of 7 containers: .*, and 2 more \| /);
    assert.equal(many.trimEnd().split('\n').length, 1 + 7, 'every problem in the long output');
  });

  it('perfdata never uses exponents; unknown is U; bytes are whole numbers', () => {
    const r: CheckResult = { state: 3, noun: 'container', subjects: 1, problemSubjects: 1, findings: [], perf: [] };
    r.perf.push({ label: "'a mem'", value: 1e21, uom: 'B', warn: '', crit: '1073741824', min: '0', max: '' });
    r.perf.push({ label: "'a cpu'", value: 1e-7, uom: '%', warn: '80', crit: '', min: '0', max: '' });
    r.perf.push({ label: "'a pids'", value: null, uom: '', warn: '', crit: '', min: '0', max: '' });
    assert.deepEqual(r.perf.map(perfText), ["'a mem'=1000000000000000000000B;;1073741824;0;", "'a cpu'=0%;80;;0;", "'a pids'=U;;;0;"]);
  });

  it('notes (engines that did not answer) lead the first line and get their own UNKNOWN line', () => {
    const out = formatPluginOutput({ ...check(['cpu=99']), state: 3 }, ['engine b did not answer (refused)']);
    assert.match(out, /^CTOP-TS UNKNOWN - engine b did not answer \(refused\); 7 containers, no problems \| /);
    assert.equal(out.trimEnd().split('\n')[1], 'UNKNOWN: engine b did not answer (refused)');
  });

  it('user data cannot start perfdata early or break lines', () => {
    assert.equal(pluginLine(3, 'cannot read the engine: a|b\nc'), 'CTOP-TS UNKNOWN - cannot read the engine: a/bc\n');
  });
});

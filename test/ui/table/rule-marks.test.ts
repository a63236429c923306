// Rule marking for the live screen: tones per column, the header's count, problems only.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildRuleSet } from '../../../src/core/thresholds/rules.js';
import { liveRuleResults, onlyProblems, problemSummary, ruleTone, setLiveRules } from '../../../src/ui/table/rule-marks.js';
import { formatRowsFromFixtures } from '../../helpers/format-fixtures.js';
import { fitColumns } from '../../../src/ui/table/columns.js';
import { rowSegments } from '../../../src/ui/table/row-cells.js';

const rows = formatRowsFromFixtures(['v2', 'v1-recorded', 'worked-example-v2']); // cpu 70.1, 17.1, 0.02; mem% 19.5, 0, 0

describe('live rule marks', () => {
  afterEach(() => setLiveRules(null));

  it('without rules nothing is marked and the header says nothing', () => {
    assert.equal(liveRuleResults(rows, 0).size, 0);
    assert.equal(problemSummary(rows, 0), null);
    assert.equal(onlyProblems(rows, 0).length, 3);
  });

  it('breaching cells take the warning/critical tones, the name the row\'s worst', () => {
    setLiveRules(buildRuleSet({ warning: ['cpu=15', 'mem%=10'], critical: ['cpu=60'] }));
    const r = liveRuleResults(rows, 0);
    const v2 = r.get(rows[0].info.id);
    assert.equal(ruleTone('cpu', v2), 'danger');
    assert.equal(ruleTone('cpuGraph', v2), 'danger');
    assert.equal(ruleTone('memPct', v2), 'warn');
    assert.equal(ruleTone('mem', v2), undefined);
    assert.equal(ruleTone('name', v2), 'danger');
    assert.equal(ruleTone('cpu', r.get(rows[1].info.id)), 'warn');
    assert.equal(ruleTone('cpu', r.get(rows[2].info.id)), undefined);
    assert.deepEqual(problemSummary(rows, 0), { text: '1 critical 1 warning', tone: 'danger' });
    assert.deepEqual(onlyProblems(rows, 0).map((x) => x.info.name), ['v2-web', 'ctop-t2-fix-v1']);
    assert.equal(liveRuleResults(rows, 0), r, 'evaluated once per row list');
  });

  it('rowSegments draws the breaching cells in those tones', () => {
    setLiveRules(buildRuleSet({ warning: [], critical: ['cpu=60'] }));
    const rule = liveRuleResults(rows, 0).get(rows[0].info.id);
    const segs = rowSegments(rows[0], fitColumns(160), { now: 0, intervalMs: 1000, history: undefined, rule }, false);
    const cpu = segs.find((x) => x.text.trim() === '70.1%');
    assert.equal(cpu?.tone, 'danger');
    assert.equal(segs.find((x) => x.text.trim() === 'v2-web')?.tone, 'danger');
    const plain = rowSegments(rows[0], fitColumns(160), { now: 0, intervalMs: 1000, history: undefined }, false);
    assert.equal(plain.find((x) => x.text.trim() === '70.1%')?.tone, 'warn', 'without rules: the usual 70 % load tone');
  });

  it('no breach: "0 problems" in the ok tone', () => {
    setLiveRules(buildRuleSet({ warning: ['cpu=99'], critical: [] }));
    assert.deepEqual(problemSummary(rows, 0), { text: '0 problems', tone: 'ok' });
  });
});

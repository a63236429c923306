// Per-container rule results, as the live screen and --json lines use them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { countProblems, evaluateRows, problemRows, rowResult } from '../../../src/core/thresholds/row-rules.js';
import { buildRuleSet } from '../../../src/core/thresholds/rules.js';
import { formatRowsFromFixtures } from '../../helpers/format-fixtures.js';

const rows = formatRowsFromFixtures(['v2', 'v1-recorded', 'worked-example-v2', 'stopped']);

describe('evaluateRows', () => {
  const rules = buildRuleSet({ warning: ['cpu=15', 'pids=2:'], critical: ['cpu=60', 'unhealthy'], minRunning: 9 });
  const sick = [{ ...rows[2], info: { ...rows[2].info, health: 'unhealthy' as const } }, ...rows.slice(0, 2), rows[3]];
  const results = evaluateRows(rules, sick, 0);

  it('worst state per container, with each problem and the fields to mark', () => {
    const v2 = rowResult(results, rows[0].info.id);
    assert.equal(v2.state, 2);
    assert.deepEqual([...v2.fields], [['cpu', 2]]);
    const v1 = rowResult(results, rows[1].info.id);
    assert.equal(v1.state, 1);
    assert.deepEqual(v1.problems.map((p) => p.text), ['ctop-t2-fix-v1 cpu 17.1% > 15']);
    const w = rowResult(results, rows[2].info.id);
    assert.equal(w.state, 2, 'unhealthy');
    assert.deepEqual([...w.fields], [['pids', 1]]);
    assert.equal(rowResult(results, 'nope').state, 0);
  });

  it('group rules and --min-running are not per-row business', () => {
    assert.ok([...results.values()].every((r) => r.problems.every((p) => p.id !== undefined)));
  });

  it('counts and "problems only" for the live screen', () => {
    assert.deepEqual(countProblems(results), { warning: 2, critical: 2 });
    assert.deepEqual(problemRows(sick, results).map((r) => r.info.name), ['worked-example', 'v2-web', 'ctop-t2-fix-v1', 'ctop-t2-fix-stopped']);
    const none = evaluateRows(buildRuleSet({ warning: ['cpu=99'], critical: [] }), rows, 0);
    assert.deepEqual(problemRows(rows, none), []);
  });
});

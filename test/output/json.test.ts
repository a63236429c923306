// The streaming line writer keeps a container's identity serialized between ticks: what it writes
// must stay byte for byte what JSON.stringify(containerJson(row)) writes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { containerJson, containerLine, useJsonRules } from '../../src/output/json.js';
import { buildRuleSet } from '../../src/core/thresholds/rules.js';
import { row } from '../helpers/ui-fixtures.js';

const stringified = (r: ReturnType<typeof row>) => JSON.stringify(containerJson(r)) + '\n';

describe('containerLine', () => {
  it('writes what JSON.stringify(containerJson(row)) writes, for every kind of row', () => {
    const rows = [
      row('web', { cpuPercent: 12.5, memUsage: 1024, memLimit: null, pressure: { cpu: 0.1, memory: null, io: 0 } }),
      row('evil\u001b[2Jname', {}, { labels: { 'com.example': 'a"b\\c', empty: '' }, host: 'node\u00071', engineId: 'e'.repeat(64), health: 'healthy' }),
      row('stopped', {}, { state: 'exited' }),
    ];
    rows[2].source = null;
    for (const r of rows) {
      assert.equal(containerLine(r), stringified(r));
      assert.equal(containerLine(r), stringified(r), 'the cached identity gives the same line');
      assert.deepEqual(JSON.parse(containerLine(r)), containerJson(r));
    }
  });

  it('a changed container (a new info object) is written with its new identity', () => {
    const before = row('old-name', { cpuPercent: 1 });
    containerLine(before);
    const after = { ...before, info: { ...before.info, name: 'new-name', state: 'paused' as const } };
    const line = JSON.parse(containerLine(after));
    assert.equal(line.name, 'new-name');
    assert.equal(line.state, 'paused');
  });

  it('carries the rules when they are on', () => {
    useJsonRules(buildRuleSet({ warning: ['cpu=10'], critical: [] }));
    try {
      const r = row('busy', { cpuPercent: 50 });
      assert.equal(containerLine(r), stringified(r));
      assert.equal(JSON.parse(containerLine(r)).rules.state, 'WARNING');
    } finally {
      useJsonRules(null);
    }
  });
});

// Rules evaluated on the recorded stats records of fixtures/api/ (the same rows the --format parity
// test prints), over one sample and over a window, per container and per group.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ContainerRow } from '../../../src/core/model/types.js';
import { evaluateCheck, worse } from '../../../src/core/thresholds/evaluate.js';
import { buildRuleSet, RuleError } from '../../../src/core/thresholds/rules.js';
import { formatRowsFromFixtures } from '../../helpers/format-fixtures.js';

const names = ['v2', 'v1-recorded', 'worked-example-v2', 'stopped'];
const rows = formatRowsFromFixtures(names); // v2-web 70.10% 12 pids, ctop-t2-fix-v1 17.11%, worked-example 0.02%, stopped 0%
const rules = (warning: string[], critical: string[] = [], minRunning: number | null = null) => buildRuleSet({ warning, critical, minRunning });
const withCpu = (row: ContainerRow, cpu: number): ContainerRow => ({ ...row, stats: { ...row.stats, cpuPercent: cpu } });
const NOW = Date.parse('2026-01-01T00:10:00Z');

describe('evaluateCheck on fixture rows', () => {
  it('cpu=50 warns for v2-web only, with docker-style value and perfdata for every container', () => {
    const r = evaluateCheck(rules(['cpu=50'], ['cpu=90']), { samples: [rows], now: NOW });
    assert.equal(r.state, 1);
    assert.equal(r.subjects, 4);
    assert.equal(r.problemSubjects, 1);
    assert.deepEqual(r.findings.map((f) => f.text), ['v2-web cpu 70.1% > 50']);
    assert.equal(r.findings[0].field, 'cpu');
    assert.equal(r.findings[0].id, rows[0].info.id);
    assert.equal(r.perf.length, 4);
    assert.deepEqual(r.perf[0], { label: "'v2-web cpu'", value: rows[0].stats.cpuPercent, uom: '%', warn: '50', crit: '90', min: '0', max: '' });
  });

  it('critical is tested before warning; OK when nothing breaches', () => {
    assert.equal(evaluateCheck(rules(['cpu=10'], ['cpu=60']), { samples: [rows], now: NOW }).state, 2);
    const ok = evaluateCheck(rules(['cpu=80']), { samples: [rows], now: NOW });
    assert.equal(ok.state, 0);
    assert.deepEqual(ok.findings, []);
  });

  it('mem% and bytes with units: 100MiB of 512MiB', () => {
    const r = evaluateCheck(rules(['mem=64MiB'], ['mem%=@19:20']), { samples: [rows], now: NOW });
    const v2 = r.findings.filter((f) => f.subject === 'v2-web').map((f) => f.text);
    assert.deepEqual(v2, ['v2-web mem% 19.5% in @19:20', 'v2-web mem 100MiB > 64MiB']);
    const perf = r.perf.find((p) => p.label === "'v2-web mem'")!;
    assert.deepEqual([perf.uom, perf.warn, perf.max], ['B', String(64 * 1024 ** 2), String(512 * 1024 ** 2)]);
    assert.equal(r.perf.find((p) => p.label === "'v2-web mem_pct'")!.max, '100');
  });

  it('a range below: pids=5: warns for containers with fewer than 5 processes', () => {
    const r = evaluateCheck(rules(['pids=5:']), { samples: [rows], now: NOW });
    assert.deepEqual(r.findings.map((f) => f.text).sort(), ['ctop-t2-fix-stopped pids 0 < 5', 'ctop-t2-fix-v1 pids 3 < 5', 'worked-example pids 1 < 5']);
  });

  it('a window: only a breach on every sample counts, and the mean is shown', () => {
    const spike = [withCpu(rows[0], 95), withCpu(rows[0], 20), withCpu(rows[0], 96)];
    const r = evaluateCheck(rules(['cpu=80']), { samples: spike.map((r) => [r]), now: NOW });
    assert.equal(r.state, 0, 'one quiet tick in the window: no alert');
    const sustained = [withCpu(rows[0], 95), withCpu(rows[0], 85), withCpu(rows[0], 99)];
    const s = evaluateCheck(rules(['cpu=80'], ['cpu=90']), { samples: sustained.map((r) => [r]), now: NOW });
    assert.equal(s.state, 1, 'critical on two ticks, warning on all three: WARNING');
    assert.deepEqual(s.findings.map((f) => f.text), ['v2-web cpu 93% > 80']);
    assert.equal(s.perf[0].value, 93);
  });

  it('a value that cannot be read is UNKNOWN with U, and ranks below WARNING', () => {
    const unknownCpu = { ...rows[1], stats: { ...rows[1].stats, cpuPercent: null } };
    const r = evaluateCheck(rules(['cpu=50']), { samples: [[rows[0], unknownCpu]], now: NOW });
    assert.equal(r.state, 1);
    assert.deepEqual(r.findings.map((f) => [f.state, f.text]), [[1, 'v2-web cpu 70.1% > 50'], [3, 'ctop-t2-fix-v1 cpu unknown']]);
    assert.equal(r.perf[1].value, null);
    assert.equal(worse(3, 1), 1);
    assert.equal(worse(1, 2), 2);
    assert.equal(worse(0, 3), 3);
  });

  it('state rules: unhealthy, restarting, exited non-zero, OOM-killed recently', () => {
    const [a, b, c, d] = rows;
    const sick = [
      { ...a, info: { ...a.info, health: 'unhealthy' as const } },
      { ...b, info: { ...b.info, state: 'restarting' as const } },
      { ...c, info: { ...c.info, state: 'exited' as const, status: 'Exited (3) 2 minutes ago' } },
      { ...d, info: { ...d.info, state: 'exited' as const, status: 'Exited (137) 1 minute ago' } },
    ];
    const facts = new Map([[d.info.id, { restarts: 0, exitCode: 137, lastOomKill: NOW - 90_000 }]]);
    const r = evaluateCheck(rules(['restarting', 'exited'], ['unhealthy', 'oom=5m']), { samples: [sick], facts, now: NOW });
    assert.equal(r.state, 2);
    assert.deepEqual(r.findings.map((f) => `${f.state} ${f.text}`), [
      '2 ctop-t2-fix-stopped OOM-killed 90s ago',
      '2 v2-web unhealthy',
      '1 ctop-t2-fix-stopped exited with code 137',
      '1 ctop-t2-fix-v1 restarting',
      '1 worked-example exited with code 3',
    ]);
    const old = evaluateCheck(rules([], ['oom=1m']), { samples: [sick], facts, now: NOW });
    assert.equal(old.state, 0, 'an OOM kill older than the window does not count');
  });

  it('restarts comes from the engine facts', () => {
    const facts = new Map([[rows[0].info.id, { restarts: 4, exitCode: 0, lastOomKill: null }]]);
    const r = evaluateCheck(rules([], ['restarts=3']), { samples: [rows], facts, now: NOW });
    assert.deepEqual(r.findings.filter((f) => f.state === 2).map((f) => f.text), ['v2-web restarts 4 > 3']);
  });

  it('--min-running and group fields, per group and for the whole selection', () => {
    const labelled = rows.map((r, i) => ({ ...r, info: { ...r.info, labels: { tier: i < 2 ? 'web' : 'db' }, state: i === 3 ? ('exited' as const) : r.info.state } }));
    const g = evaluateCheck(rules(['cpu=80'], [], 2), { samples: [labelled], now: NOW, groupBy: 'tier' });
    assert.equal(g.noun, 'group');
    assert.equal(g.subjects, 2);
    assert.deepEqual(g.findings.map((f) => f.text), ['group db: 1 running < 2', 'web cpu 87.2% > 80']);
    assert.deepEqual(g.perf.map((p) => p.label), ["'db cpu'", "'web cpu'"]);
    const all = evaluateCheck(rules([], ['running=4:']), { samples: [labelled], now: NOW });
    assert.deepEqual(all.findings.map((f) => f.text), ['all running 3 < 4']);
    assert.equal(all.problemSubjects, 0, 'the whole selection is not a container');
  });

  it('stale rows (their engine is down) are UNKNOWN', () => {
    const stale = { ...rows[0], stale: { since: NOW - 5000, reason: 'connection refused' } };
    const r = evaluateCheck(rules(['cpu=50']), { samples: [[stale]], now: NOW });
    assert.equal(r.state, 3);
    assert.match(r.findings[0].text, /engine not answering \(connection refused\)/);
  });
});

describe('buildRuleSet: errors before any engine work', () => {
  const err = (w: string[], c: string[] = []) => {
    try {
      buildRuleSet({ warning: w, critical: c });
    } catch (e) {
      assert.ok(e instanceof RuleError);
      return e.format();
    }
    assert.fail('no error');
  };
  it('unknown field, bad range, bad unit, never alerting, duplicates, state rule with value', () => {
    assert.match(err(['cpux=3']), /unknown field "cpux"; fields: cpu, /);
    assert.equal(err(['cpu=9:1']).split('\n')[2], '    ^');
    assert.match(err(['mem=5XB']), /unknown unit "XB" \(mem takes bytes: B kB MB GB KiB MiB GiB\)/);
    assert.match(err(['mem%=@101:']), /can never alert: mem% is always within 0\.\.100/);
    assert.match(err(['cpu=~:']), /can never alert/);
    assert.match(err(['cpu=1', 'cpu=2']), /cpu is given twice with --warning/);
    assert.match(err(['unhealthy=3']), /takes no value/);
    assert.match(err(['oom=soon']), /expected a duration/);
    assert.match(err(['cpu']), /expected FIELD=RANGE or a state rule/);
    assert.match(err([], ['cpu=']), /--critical "cpu=": empty range/);
  });
  it('accepts the issue examples', () => {
    const rs = buildRuleSet({ warning: ['cpu=80'], critical: ['mem%=95', 'restarts=3:', 'unhealthy', 'oom=15m'] });
    assert.equal(rs.thresholds.length, 3);
    assert.deepEqual(rs.states.map((s) => [s.state, s.windowMs]), [['unhealthy', 600_000], ['oom', 900_000]]);
  });
});

// The delta calculator against docker/cli's stats_helpers.go: same formulas, same operation order,
// so the same record prints the same numbers. Where we deliberately differ (null instead of a
// made-up 0), the case says so.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clampLimit, computeStats, cpuPercent, memUsageNoCache, rate } from '../../../src/core/metrics/delta.js';
import { parseApiStats, type ApiStatsRecord } from '../../../src/sources/engine/api-stats-record.js';
import type { RawSample } from '../../../src/core/model/types.js';

const GiB = 1024 ** 3;

function sample(over: Partial<RawSample> = {}): RawSample {
  return {
    id: 'c1',
    source: 'api',
    timestamp: 1_000_000,
    cpuTotalNs: 5_000_000_000,
    systemCpuNs: 100_000_000_000,
    onlineCpus: 4,
    pre: null,
    memUsage: 100 * 1024 * 1024,
    memTotalInactiveFile: null,
    memInactiveFile: null,
    memLimit: 2 * GiB,
    netRxBytes: 1000,
    netTxBytes: 2000,
    blkReadBytes: 3000,
    blkWriteBytes: 4000,
    pids: 3,
    pidsLimit: null,
    cpuLimitCores: null,
    throttlePeriods: null,
    throttledPeriods: null,
    throttledTimeNs: null,
    oomKills: null,
    pressure: null,
    ...over,
  };
}

describe('cpuPercent (calculateCPUPercentUnix)', () => {
  const cases: { name: string; args: [number, number, number, number, number]; want: number }[] = [
    { name: 'half a core on a 4-CPU host', args: [0, 0, 500_000_000, 4_000_000_000, 4], want: 50 },
    // ((1000 / 3e9) * 3) * 100 = 0.00010000000000000002; (1000*3*100)/3e9 would give 0.0001.
    { name: 'docker operation order, bit for bit', args: [0, 0, 1000, 3e9, 3], want: 0.00010000000000000002 },
    { name: 'system delta 0 gives 0', args: [1, 10, 2, 10, 4], want: 0 },
    { name: 'system delta negative gives 0', args: [1, 10, 2, 9, 4], want: 0 },
    { name: 'cpu delta 0 gives 0', args: [5, 10, 5, 20, 4], want: 0 },
    { name: 'cpu delta negative gives 0', args: [6, 10, 5, 20, 4], want: 0 },
  ];
  for (const c of cases) it(c.name, () => assert.equal(cpuPercent(...c.args), c.want));
});

describe('computeStats: CPU %', () => {
  const base = sample();
  const cases: { name: string; prev: RawSample | null; cur: RawSample; want: number | null }[] = [
    {
      name: 'delta against the previous tick',
      prev: base,
      cur: sample({ cpuTotalNs: base.cpuTotalNs! + 1e9, systemCpuNs: base.systemCpuNs! + 4e9 }),
      want: 100,
    },
    {
      name: "the record's own pre-sample wins over the previous tick",
      prev: sample({ cpuTotalNs: 0, systemCpuNs: 1 }),
      cur: sample({ cpuTotalNs: 6e9, systemCpuNs: 104e9, pre: { cpuTotalNs: 5.5e9, systemCpuNs: 100e9 } }),
      want: 50,
    },
    {
      name: 'an empty pre-sample (system 0, as Podman sends) falls back to the previous tick',
      prev: sample({ cpuTotalNs: 5e9, systemCpuNs: 100e9 }),
      cur: sample({ cpuTotalNs: 7e9, systemCpuNs: 108e9, pre: { cpuTotalNs: 0, systemCpuNs: 0 } }),
      want: 100,
    },
    { name: 'first tick without a pre-sample is null, not 0', prev: null, cur: base, want: null },
    {
      name: 'counter reset (restart) is null, not negative',
      prev: sample({ cpuTotalNs: 9e9 }),
      cur: sample({ cpuTotalNs: 1e9, systemCpuNs: 104e9 }),
      want: null,
    },
    {
      name: 'no CPU time ever used is 0 even on the first tick (stopped record)',
      prev: null,
      cur: sample({ cpuTotalNs: 0, systemCpuNs: null, onlineCpus: null }),
      want: 0,
    },
    {
      name: 'system clock did not move: 0, like docker',
      prev: base,
      cur: sample({ cpuTotalNs: base.cpuTotalNs! + 1e6 }),
      want: 0,
    },
    {
      name: 'container CPU did not move: 0',
      prev: base,
      cur: sample({ systemCpuNs: base.systemCpuNs! + 4e9 }),
      want: 0,
    },
    // docker multiplies by 0 and prints 0.00%; we cannot know the share, so we say so.
    {
      name: 'no online CPU count (v2 without online_cpus) is null',
      prev: base,
      cur: sample({ cpuTotalNs: 6e9, systemCpuNs: 104e9, onlineCpus: null }),
      want: null,
    },
    { name: 'unreadable container counter is null', prev: base, cur: sample({ cpuTotalNs: null }), want: null },
    { name: 'unreadable system counter is null', prev: base, cur: sample({ cpuTotalNs: 6e9, systemCpuNs: null }), want: null },
  ];
  for (const c of cases) it(c.name, () => assert.equal(computeStats(c.prev, c.cur).cpuPercent, c.want));

  it('only the current sample supplies onlineCpus', () => {
    const prev = sample({ onlineCpus: 64 });
    const cur = sample({ cpuTotalNs: 6e9, systemCpuNs: 104e9, onlineCpus: 2 });
    assert.equal(computeStats(prev, cur).cpuPercent, (1e9 / 4e9) * 2 * 100);
  });

  it('CPU % of the limit divides by the limit in cores', () => {
    const cur = sample({ cpuTotalNs: base.cpuTotalNs! + 1e9, systemCpuNs: base.systemCpuNs! + 4e9, cpuLimitCores: 0.5 });
    const s = computeStats(base, cur);
    assert.equal(s.cpuPercent, 100);
    assert.equal(s.cpuLimitPercent, 200);
    assert.equal(s.cpuLimitCores, 0.5);
    assert.equal(computeStats(base, { ...cur, cpuLimitCores: null }).cpuLimitPercent, null);
  });
});

describe('parseApiStats: online CPUs', () => {
  const record = (cpu: Record<string, unknown>, pre: Record<string, unknown>): ApiStatsRecord =>
    ({
      read: '2026-01-01T00:00:01Z',
      cpu_stats: { cpu_usage: { total_usage: 3e9 }, system_cpu_usage: 12e9, ...cpu },
      precpu_stats: { cpu_usage: { total_usage: 2e9 }, system_cpu_usage: 8e9, ...pre },
    }) as ApiStatsRecord;
  const cases: { name: string; rec: ApiStatsRecord; online: number | null; cpu: number | null }[] = [
    { name: 'online_cpus of cpu_stats, not precpu_stats', rec: record({ online_cpus: 2 }, { online_cpus: 16 }), online: 2, cpu: 50 },
    {
      name: 'percpu_usage length when online_cpus is missing (v1, old daemons)',
      rec: record({ cpu_usage: { total_usage: 3e9, percpu_usage: [1, 2, 3] } }, { online_cpus: 16 }),
      online: 3,
      cpu: 75,
    },
    {
      name: 'online_cpus 0 falls back to percpu_usage too',
      rec: record({ online_cpus: 0, cpu_usage: { total_usage: 3e9, percpu_usage: [1, 2, 3, 4, 5, 6] } }, {}),
      online: 6,
      cpu: 150,
    },
    { name: 'neither (v2 without online_cpus): unknown', rec: record({}, { online_cpus: 4 }), online: null, cpu: null },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const s = parseApiStats(c.rec, 'x', 0);
      assert.equal(s.onlineCpus, c.online);
      assert.equal(computeStats(null, s).cpuPercent, c.cpu);
    });
  }
});

describe('memUsageNoCache (calculateMemUsageUnixNoCache)', () => {
  const cases: { name: string; args: [number, number | null, number | null]; want: number }[] = [
    { name: 'v1: usage minus total_inactive_file', args: [1000, 300, 100], want: 700 },
    { name: 'v1: total_inactive_file == usage falls through to inactive_file', args: [1000, 1000, 100], want: 900 },
    { name: 'v1: total_inactive_file > usage falls through to inactive_file', args: [1000, 5000, 250], want: 750 },
    { name: 'v1: both >= usage: plain usage', args: [1000, 5000, 1000], want: 1000 },
    { name: 'v2: usage minus inactive_file', args: [1000, null, 400], want: 600 },
    { name: 'v2: inactive_file >= usage: plain usage', args: [1000, null, 1200], want: 1000 },
    { name: 'no stats keys (Podman): plain usage', args: [1000, null, null], want: 1000 },
    { name: 'zero usage stays zero', args: [0, null, null], want: 0 },
  ];
  for (const c of cases) it(c.name, () => assert.equal(memUsageNoCache(...c.args), c.want));
});

describe('memory limit and MEM %', () => {
  const cases: { name: string; limit: number; host: number | undefined; want: number }[] = [
    { name: 'limit above host memory is clamped to it', limit: 9223372036854771712, host: 8 * GiB, want: 8 * GiB },
    { name: 'limit below host memory is kept', limit: 512 * 1024 ** 2, host: 8 * GiB, want: 512 * 1024 ** 2 },
    { name: 'limit equal to host memory is kept', limit: 8 * GiB, host: 8 * GiB, want: 8 * GiB },
    { name: 'unknown host memory: no clamp', limit: 9223372036854771712, host: undefined, want: 9223372036854771712 },
    { name: 'host memory 0: no clamp', limit: 4 * GiB, host: 0, want: 4 * GiB },
  ];
  for (const c of cases) it(`clampLimit: ${c.name}`, () => assert.equal(clampLimit(c.limit, c.host), c.want));

  it('computeStats clamps and computes MEM % from the clamped limit', () => {
    const s = computeStats(null, sample({ memUsage: GiB, memLimit: 2 ** 62 }), { hostMemBytes: 4 * GiB });
    assert.equal(s.memLimit, 4 * GiB);
    assert.equal(s.memPercent, 25);
  });

  it('MEM % with limit 0 is 0, as docker prints it (not NaN or Infinity)', () => {
    const s = computeStats(null, sample({ memUsage: 12345, memLimit: 0 }));
    assert.equal(s.memLimit, 0);
    assert.equal(s.memPercent, 0);
  });

  it('unknown usage or limit gives unknown MEM %', () => {
    assert.equal(computeStats(null, sample({ memUsage: null })).memPercent, null);
    assert.equal(computeStats(null, sample({ memLimit: null })).memPercent, null);
  });

  it('computeStats applies the fall-through to the sample', () => {
    const s = computeStats(null, sample({ memUsage: 1000, memTotalInactiveFile: 1000, memInactiveFile: 400, memLimit: 10_000 }));
    assert.equal(s.memUsage, 600);
    assert.equal(s.memPercent, 6);
  });
});

describe('rate', () => {
  const cases: { name: string; args: [number | null | undefined, number | null, number]; want: number | null }[] = [
    { name: 'Δbytes / Δseconds', args: [1000, 3000, 2], want: 1000 },
    { name: 'fractional seconds', args: [0, 100, 0.25], want: 400 },
    { name: 'no change is 0', args: [500, 500, 1], want: 0 },
    { name: 'counter went down (restart): null, never negative', args: [5000, 10, 1], want: null },
    { name: 'dt 0: null, not Infinity', args: [0, 100, 0], want: null },
    { name: 'dt negative: null', args: [0, 100, -1], want: null },
    { name: 'dt NaN: null', args: [0, 100, NaN], want: null },
    { name: 'no previous value: null', args: [undefined, 100, 1], want: null },
    { name: 'unknown previous value: null', args: [null, 100, 1], want: null },
    { name: 'unknown current value: null', args: [100, null, 1], want: null },
  ];
  for (const c of cases) it(c.name, () => assert.equal(rate(...c.args), c.want));

  it('computeStats derives every rate from the sample timestamps', () => {
    const prev = sample({ timestamp: 10_000 });
    const cur = sample({ timestamp: 12_000, netRxBytes: 3000, netTxBytes: 2000, blkReadBytes: 1000, blkWriteBytes: 8000 });
    const s = computeStats(prev, cur);
    assert.deepEqual(
      [s.netRxRate, s.netTxRate, s.blockReadRate, s.blockWriteRate],
      [1000, 0, null, 2000], // block read went 3000 → 1000: a reset, so no rate
    );
    assert.deepEqual([s.netRxBytes, s.blockReadBytes], [3000, 1000]); // totals pass through
  });

  it('first tick and same-timestamp ticks have no rates', () => {
    assert.equal(computeStats(null, sample()).netRxRate, null);
    const s = sample({ netRxBytes: 9000 });
    assert.equal(computeStats(sample(), s).netRxRate, null);
  });
});

describe('numbers above 2^53', () => {
  // A big, long-running host: system_cpu_usage near 2^60 ns. JSON.parse rounds each counter to
  // the nearest double, exactly as Go's float64(uint64) does, and docker subtracts the floats.
  const preSys = 2n ** 60n + 123_456_789n;
  const curSys = preSys + 64_000_000_007n; // 64 CPUs, ~1 s
  const preCpu = 2n ** 55n + 3n;
  const curCpu = preCpu + 12_345_678_901n;
  const text = `{
    "read": "2026-01-01T00:00:01Z",
    "cpu_stats": { "cpu_usage": { "total_usage": ${curCpu} }, "system_cpu_usage": ${curSys}, "online_cpus": 64 },
    "precpu_stats": { "cpu_usage": { "total_usage": ${preCpu} }, "system_cpu_usage": ${preSys}, "online_cpus": 64 },
    "memory_stats": { "usage": 1048576, "limit": 9223372036854771712 },
    "pids_stats": { "current": 7, "limit": 18446744073709551615 }
  }`;
  const s = computeStats(null, parseApiStats(JSON.parse(text) as ApiStatsRecord, 'big', 0), { hostMemBytes: 512 * GiB });

  it('CPU % equals float64 arithmetic on the converted counters (docker order)', () => {
    const want = ((Number(curCpu) - Number(preCpu)) / (Number(curSys) - Number(preSys))) * 64 * 100;
    assert.equal(s.cpuPercent, want);
    // The case is sensitive: exact integer deltas would give a different double.
    assert.notEqual(want, (Number(curCpu - preCpu) / Number(curSys - preSys)) * 64 * 100);
  });

  it('pids limit u64 max means unlimited: null', () => {
    assert.equal(s.pids, 7);
    assert.equal(s.pidsLimit, null);
  });

  it('a v1 unlimited memory limit is clamped to host memory', () => {
    assert.equal(s.memLimit, 512 * GiB);
  });

  it('pids limits below 2^53 are kept; 0 (v1 "max") is unlimited', () => {
    assert.equal(computeStats(null, sample({ pidsLimit: 4096 })).pidsLimit, 4096);
    assert.equal(computeStats(null, sample({ pidsLimit: 0 })).pidsLimit, null);
    assert.equal(computeStats(null, sample({ pidsLimit: 2 ** 53 })).pidsLimit, null);
  });
});

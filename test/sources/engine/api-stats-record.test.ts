// Every stats fixture in fixtures/api/ goes through the real pipeline (parseApiStats →
// computeStats → docker table cells) and must print what the docker CLI printed for the very same
// record: the `.expected.txt` files were produced by `docker stats --no-stream` itself, served the
// fixture by fixtures/api/render-with-docker.mjs (see fixtures/api/README.md).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { computeStats, stoppedStats } from '../../../src/core/metrics/delta.js';
import type { ContainerInfo, ContainerRow, ContainerStats } from '../../../src/core/model/types.js';
import { containerJson } from '../../../src/output/json.js';
import { dockerCells, dockerTable } from '../../../src/output/table.js';
import { isNotRunningRecord, parseApiStats, type ApiStatsRecord } from '../../../src/sources/engine/api-stats-record.js';

const dir = new URL('../../../fixtures/api/', import.meta.url);
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length))
  .sort();

function load(name: string): { rec: ApiStatsRecord & { id: string; name: string }; expected: string } {
  return {
    rec: JSON.parse(readFileSync(new URL(`${name}.json`, dir), 'utf8')),
    expected: readFileSync(new URL(`${name}.expected.txt`, dir), 'utf8'),
  };
}

function rowOf(rec: { id: string; name: string }, stats: ContainerStats): ContainerRow {
  const info: ContainerInfo = {
    id: rec.id,
    name: rec.name,
    image: 'busybox',
    labels: {},
    state: 'running',
    status: 'Up',
    health: null,
    created: 0,
    networkMode: 'default',
  };
  return { info, stats, source: 'api', timestamp: Date.parse('2026-01-01T00:00:00Z') };
}

/** One record, as `docker stats --no-stream` reads it: no earlier tick, the record's own pre-sample. */
function statsOf(rec: ApiStatsRecord): ContainerStats {
  return computeStats(null, parseApiStats(rec, (rec as { id: string }).id, 0));
}

/** docker's cells from its table: tabwriter pads with >= 3 spaces, cells hold single spaces only. */
const cellsOf = (line: string) => line.trimEnd().split(/ {2,}/);

// Where ctop-ts deliberately prints something else than docker for the same record.
const deviations: Record<string, { cell: number; ours: string; why: string }> = {
  // Podman's precpu_stats is empty, so docker divides lifetime totals (a ratio since boot, not
  // current load). We print no number until a second sample gives a real delta.
  podman: { cell: 2, ours: '--', why: 'no pre-sample: first tick has no CPU %' },
};

describe('API stats fixtures print what docker prints', () => {
  it('has the fixtures the README lists', () => {
    for (const n of ['v1-recorded', 'v2', 'stopped', 'v1-two-networks', 'v1-host-network', 'podman', 'worked-example-v2'])
      assert.ok(names.includes(n), `fixtures/api/${n}.json is missing`);
  });

  for (const name of names) {
    it(name, () => {
      const { rec, expected } = load(name);
      const [header, line, ...rest] = expected.split('\n');
      assert.deepEqual(rest, [''], 'one container per expected file');
      const want = cellsOf(line);
      const dev = deviations[name];
      if (dev) want[dev.cell] = dev.ours;
      const row = rowOf(rec, statsOf(rec));
      assert.deepEqual(dockerCells(row, false), want);
      // Byte for byte, layout included (unless a deviation changes a column's width).
      if (!dev) assert.equal(dockerTable([row], false), `${header}\n${line}\n`);
    });
  }
});

describe('the reference worked example (§1.3)', () => {
  const { rec } = load('worked-example-v2');
  const cells = dockerCells(rowOf(rec, statsOf(rec)), false);

  it('prints the documented strings', () => {
    assert.deepEqual(cells.slice(2), ['0.02%', '836KiB / 3.841GiB', '0.02%', '2.28kB / 0B', '4.1kB / 0B', '1']);
  });

  it('its CPU % is Δcpu / Δsystem(4.04e9) × 4 CPUs × 100', () => {
    assert.equal(statsOf(rec).cpuPercent, (200_000 / 4_040_000_000) * 4 * 100);
  });

  it('--no-trunc prints the full id', () => {
    assert.equal(dockerCells(rowOf(rec, statsOf(rec)), true)[0], rec.id);
  });
});

describe('fixture details beyond the table', () => {
  const parsed = (name: string) => {
    const { rec } = load(name);
    return { rec, raw: parseApiStats(rec, rec.id, 42), stats: statsOf(rec) };
  };

  it('only the stopped record is a not-running answer', () => {
    for (const n of names) assert.equal(isNotRunningRecord(load(n).rec), n === 'stopped', n);
  });

  it('stopped: the parsed record and the sampler\'s stopped row print the same zeros', () => {
    const { rec, stats } = parsed('stopped');
    assert.deepEqual(dockerCells(rowOf(rec, stats), false), dockerCells(rowOf(rec, stoppedStats()), false));
    assert.equal(parsed('stopped').raw.timestamp, 42, "Go's zero time is not a timestamp");
  });

  it('v2: pids limit u64 max is unlimited, failcnt is the OOM count, throttling passes through', () => {
    const { raw, stats } = parsed('v2');
    assert.equal(raw.pidsLimit, null);
    assert.equal(stats.oomKills, 2);
    assert.deepEqual([stats.throttlePeriods, stats.throttledPeriods, stats.throttledTimeNs], [1200, 37, 4112000000]);
    assert.equal(raw.memTotalInactiveFile, null);
    assert.equal(raw.memInactiveFile, 52428800);
    assert.equal(raw.timestamp, Date.parse('2026-11-21T10:00:01.004Z'));
  });

  it('v1: failcnt is not an OOM count there, so no oomKills', () => {
    assert.equal(parsed('v1-recorded').stats.oomKills, null);
    assert.equal(parsed('v1-recorded').raw.onlineCpus, 2);
  });

  it('two networks are summed; v1 Sync/Async/Total/Discard and empty ops are not block IO', () => {
    const { raw } = parsed('v1-two-networks');
    assert.deepEqual([raw.netRxBytes, raw.netTxBytes], [1125, 648 + 1048576]);
    assert.deepEqual([raw.blkReadBytes, raw.blkWriteBytes], [999500, 4096]);
  });

  it('host networking (no `networks`) reads 0 B, as docker shows it', () => {
    const { rec, raw } = parsed('v1-host-network');
    assert.equal('networks' in rec, false);
    assert.deepEqual([raw.netRxBytes, raw.netTxBytes], [0, 0]);
  });

  it('Podman: no memory stats means plain usage; rios/wios count as block IO, as docker counts them', () => {
    const { raw, stats } = parsed('podman');
    assert.equal(stats.memUsage, 1490853888);
    assert.deepEqual([raw.blkReadBytes, raw.blkWriteBytes], [994000 + 6000, 1048576 + 64]);
    assert.equal(raw.pre, null);
  });

  it('Podman: the second sample gets its CPU % from the previous tick', () => {
    const { rec } = load('podman');
    const first = parseApiStats(rec, rec.id, 0);
    const later: ApiStatsRecord = structuredClone(rec);
    later.read = '2026-11-21T10:05:01.123456789Z';
    later.cpu_stats!.cpu_usage!.total_usage = 7745102841000 + 2_000_000_000; // 2 cores busy
    later.cpu_stats!.system_cpu_usage = 42099909994000 + 8_000_000_000; // 8 CPUs × 1 s
    later.networks!.eth0.rx_bytes = 5312 + 1000;
    const s = computeStats(first, parseApiStats(later, rec.id, 0));
    assert.equal(s.cpuPercent, 200);
    assert.equal(s.netRxRate, 1000);
  });

  it('--json carries raw numbers, never formatted strings', () => {
    const { rec, stats } = parsed('worked-example-v2');
    const j = containerJson(rowOf(rec, stats));
    assert.equal(j.memUsage, 856064);
    assert.equal(j.memLimit, 4124508160);
    assert.equal(j.netRxBytes, 2276);
    assert.equal(j.blockReadBytes, 4096);
    assert.equal(j.pids, 1);
    assert.equal(j.pidsLimit, null);
    assert.equal(j.cpuPercent, stats.cpuPercent);
    assert.equal(j.netRxRate, null, 'one record has no rate');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unknownStats } from '../../src/core/metrics/delta.js';
import type { ContainerInfo, HostInfo, RawSample } from '../../src/core/model/types.js';
import { cgroupId, containerFamilies, labelColumns, specMemoryLimit, workingSet, type ExportContainer } from '../../src/output/prometheus-containers.js';
import { writeExposition } from '../../src/output/prometheus-text.js';

const host: HostInfo = { engine: 'Docker Engine 28.0.0', apiVersion: '1.48', hostname: 'h', ncpu: 4, memTotal: 8 * 1024 ** 3, cgroupVersion: '2', cgroupDriver: 'systemd', local: true };

function info(over: Partial<ContainerInfo> = {}): ContainerInfo {
  return { id: 'a'.repeat(64), name: 'web', image: 'nginx:1.27', labels: {}, state: 'running', status: 'Up', health: null, created: 1700000000, networkMode: 'bridge', ...over };
}

function raw(over: Partial<RawSample> = {}): RawSample {
  return {
    id: 'a'.repeat(64), source: 'cgroup', timestamp: 1, cpuTotalNs: 2_500_000_000, systemCpuNs: 1, onlineCpus: 4, pre: null,
    memUsage: 300, memTotalInactiveFile: null, memInactiveFile: 100, memLimit: host.memTotal, netRxBytes: 10, netTxBytes: 20,
    blkReadBytes: 30, blkWriteBytes: 40, pids: 3, pidsLimit: null, cpuLimitCores: null, throttlePeriods: 5, throttledPeriods: 1,
    throttledTimeNs: 1e9, oomKills: 0, pressure: null, ...over,
  };
}

const c = (i: Partial<ContainerInfo>, r: Partial<RawSample> | null = {}): ExportContainer => ({ info: info(i), raw: r === null ? null : raw(r), stats: unknownStats() });

describe('cAdvisor label set', () => {
  it('the union of label keys, sanitised, sorted; collisions resolved by sorted key', () => {
    const cols = labelColumns([c({ labels: { 'com.docker.compose.project': 'p', 'a-b': '1' } }), c({ labels: { a_b: '2', z: '' } })]);
    assert.deepEqual(cols, [['container_label_a_b', 'a-b'], ['container_label_com_docker_compose_project', 'com.docker.compose.project'], ['container_label_z', 'z']]);
  });
  it('the allowlist limits which keys become labels', () => {
    assert.deepEqual(labelColumns([c({ labels: { keep: '1', drop: '2' } })], (k) => k === 'keep'), [['container_label_keep', 'keep']]);
  });
  it('every series of a family carries the same label names ("" where a container lacks the label)', () => {
    const text = writeExposition(containerFamilies([c({ name: 'x', labels: { team: 'a' } }), c({ id: 'b'.repeat(64), name: 'y' })], { host, nowSeconds: 5 }), 'text');
    assert.match(text, /container_memory_usage_bytes\{container_label_team="a",id="\/system\.slice\/docker-a{64}\.scope",image="nginx:1\.27",name="x"\} 300/);
    assert.match(text, /container_memory_usage_bytes\{container_label_team="",id="\/system\.slice\/docker-b{64}\.scope",image="nginx:1\.27",name="y"\} 300/);
  });
  it('cgroup id follows the driver', () => {
    assert.equal(cgroupId(info(), { ...host, cgroupDriver: 'cgroupfs' }), `/docker/${'a'.repeat(64)}`);
  });
  it('several engines add an engine label', () => {
    const text = writeExposition(containerFamilies([c({ host: 'prod', engineId: 'e'.repeat(64), id: `prod/${'e'.repeat(64)}` })], { host, nowSeconds: 1 }), 'text');
    assert.match(text, /container_last_seen\{engine="prod",id="\/system\.slice\/docker-e{64}\.scope",image="nginx:1\.27",name="web"\} 1/);
  });
});

describe('values and units', () => {
  const text = writeExposition(containerFamilies([c({}, { cpuLimitCores: 0.5, pressure: { cpu: 12.5, memory: null, io: 0 } })], { host, nowSeconds: 1 }), 'text');
  it('CPU counter in seconds with cpu="total"', () => assert.match(text, /^container_cpu_usage_seconds_total\{.*,cpu="total"\} 2\.5$/m));
  it('working set = usage − inactive_file; usage includes cache', () => {
    assert.match(text, /^container_memory_working_set_bytes\{.*\} 200$/m);
    assert.match(text, /^container_memory_usage_bytes\{.*\} 300$/m);
  });
  it('CFS counters only with a quota; throttled time in seconds', () => {
    assert.match(text, /^container_cpu_cfs_throttled_seconds_total\{.*\} 1$/m);
    const none = writeExposition(containerFamilies([c({})], { host, nowSeconds: 1 }), 'text');
    assert.doesNotMatch(none, /container_cpu_cfs_/);
  });
  it('PSI as a ratio per resource, unknown resources left out', () => {
    assert.match(text, /^ctop_container_pressure_some_avg10_ratio\{.*,resource="cpu"\} 0\.125$/m);
    assert.match(text, /^ctop_container_pressure_some_avg10_ratio\{.*,resource="io"\} 0$/m);
    assert.doesNotMatch(text, /resource="memory"/);
  });
  it('health: -1 without a check, 1 healthy', () => {
    assert.match(text, /^container_health_state\{.*\} -1$/m);
    assert.match(writeExposition(containerFamilies([c({ health: 'healthy' })], { host, nowSeconds: 1 }), 'text'), /^container_health_state\{.*\} 1$/m);
  });
  it('a stopped container (no sample) keeps only info-based series', () => {
    const out = writeExposition(containerFamilies([c({ state: 'exited' }, null)], { host, nowSeconds: 1 }), 'text');
    assert.doesNotMatch(out, /container_cpu_usage|container_memory/);
    assert.match(out, /^ctop_container_state\{.*,state="exited"\} 1$/m);
  });
});

describe('helpers', () => {
  it('spec memory limit: unlimited (host memory or 2^63) is 0', () => {
    assert.equal(specMemoryLimit(raw({ memLimit: host.memTotal }), host), 0);
    assert.equal(specMemoryLimit(raw({ memLimit: 2 ** 63 }), null), 0);
    assert.equal(specMemoryLimit(raw({ memLimit: 512 * 1024 ** 2 }), host), 512 * 1024 ** 2);
  });
  it('working set clamps at 0 and prefers v1 total_inactive_file', () => {
    assert.equal(workingSet(raw({ memUsage: 100, memInactiveFile: 150 })), 0);
    assert.equal(workingSet(raw({ memUsage: 100, memTotalInactiveFile: 30, memInactiveFile: 10 })), 70);
  });
});

describe('finer counters (sample detail)', () => {
  const detail = {
    cpuUserNs: 2e9, cpuSystemNs: 5e8, memRss: 111, memCache: 222, memMappedFile: 3, memSwap: null,
    networks: [{ name: 'eth0', rxBytes: 1, rxPackets: 2, rxErrors: 3, rxDropped: 4, txBytes: 5, txPackets: 6, txErrors: 7, txDropped: 8 }],
    blkio: [{ major: 8, minor: 0, readBytes: 4096, writeBytes: 512, reads: 1, writes: 2 }],
  };
  const text = writeExposition(containerFamilies([c({}, { detail })], { host, nowSeconds: 1, deviceName: (ma, mi) => (ma === 8 && mi === 0 ? '/dev/sda' : '') }), 'text');
  it('user/system CPU seconds', () => {
    assert.match(text, /^container_cpu_user_seconds_total\{.*\} 2$/m);
    assert.match(text, /^container_cpu_system_seconds_total\{.*\} 0\.5$/m);
  });
  it('rss, cache, mapped_file; swap left out when unknown', () => {
    assert.match(text, /^container_memory_rss\{.*\} 111$/m);
    assert.match(text, /^container_memory_cache\{.*\} 222$/m);
    assert.doesNotMatch(text, /container_memory_swap/);
  });
  it('network series per interface, fs series per named device', () => {
    assert.match(text, /^container_network_receive_packets_total\{.*,interface="eth0"\} 2$/m);
    assert.match(text, /^container_network_transmit_packets_dropped_total\{.*,interface="eth0"\} 8$/m);
    assert.match(text, /^container_fs_reads_bytes_total\{.*,device="\/dev\/sda"\} 4096$/m);
    assert.match(text, /^container_fs_writes_total\{.*,device="\/dev\/sda"\} 2$/m);
    assert.doesNotMatch(text, /interface=""|device=""/);
  });
});

describe('cgroupId for Podman', () => {
  it('libpod scopes', () => {
    const podman = { ...host, engine: 'Podman Engine 5.4.2' };
    assert.equal(cgroupId(info(), podman), `/machine.slice/libpod-${'a'.repeat(64)}.scope`);
    assert.equal(cgroupId(info(), { ...podman, cgroupDriver: 'cgroupfs' }), `/libpod_parent/libpod-${'a'.repeat(64)}`);
  });
});

describe('promtool check metrics on every family', () => {
  it('reports no problems (names, suffixes, units, HELP/TYPE) for text and sees every family', async (t) => {
    const { prometheusMissingReason, promtoolCheckMetrics } = await import('../helpers/prometheus.js');
    const { requireOrSkip } = await import('../helpers/requirement.js');
    if (!(await requireOrSkip(t, prometheusMissingReason))) return;
    const { selfFamilies } = await import('../../src/output/prometheus-self.js');
    const full = c(
      { health: 'healthy', labels: { 'com.example/x': 'y "z"\n' } },
      {
        cpuLimitCores: 1, pressure: { cpu: 1, memory: 2, io: 3 }, pidsLimit: 100, oomKills: 1,
        detail: { cpuUserNs: 1, cpuSystemNs: 1, memRss: 1, memCache: 1, memMappedFile: 1, memSwap: 1, networks: [{ name: 'eth0', rxBytes: 1, rxPackets: 1, rxErrors: 0, rxDropped: 0, txBytes: 1, txPackets: 1, txErrors: 0, txDropped: 0 }], blkio: [{ major: 8, minor: 0, readBytes: 1, writeBytes: 1, reads: 1, writes: 1 }] },
      },
    );
    full.restartCount = 2;
    full.stats = { ...full.stats, pidsLimit: 100 };
    const families = [
      ...containerFamilies([full], { host, nowSeconds: 1, deviceName: () => '/dev/sda' }),
      ...selfFamilies({ version: '1', sourceLabel: 'cgroup', scrapeDurationSeconds: 0.01, containersRead: 1, readErrors: new Map([['timeout', 1]]), reads: 1, engines: [{ name: 'local', up: true }], cpuSeconds: 1, residentBytes: 1, influxDroppedPoints: 0 }),
    ];
    assert.ok(families.every((f) => f.series.length > 0), `empty: ${families.filter((f) => !f.series.length).map((f) => f.name)}`);
    const { code, output } = await promtoolCheckMetrics(writeExposition(families, 'text'));
    assert.equal(output.trim(), '', output);
    assert.equal(code, 0);
  });
});

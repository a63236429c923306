import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unknownStats } from '../../src/core/metrics/delta.js';
import type { ContainerInfo, HostInfo, RawSample } from '../../src/core/model/types.js';
import { containerLines, splitImage } from '../../src/output/influx-containers.js';

const host: HostInfo = { engine: 'Docker Engine 28.5.2', apiVersion: '1.51', hostname: 'node-1', ncpu: 2, memTotal: 1e9, cgroupVersion: '2', cgroupDriver: 'systemd', local: true };
const info: ContainerInfo = { id: 'f'.repeat(64), name: 'web 1', image: 'registry:5000/app:1.2', labels: { 'com.example,odd': 'a=b c', container_name: 'spoof' }, state: 'running', status: 'Up', health: 'healthy', created: 1, networkMode: 'bridge' };
const raw = {
  id: info.id, source: 'cgroup', timestamp: 1700000000000, cpuTotalNs: 5e9, systemCpuNs: 9e12, onlineCpus: 2, pre: null, memUsage: 300, memTotalInactiveFile: null, memInactiveFile: 100,
  memLimit: 1e9, netRxBytes: 10, netTxBytes: 20, blkReadBytes: 30, blkWriteBytes: 40, pids: 3, pidsLimit: null, cpuLimitCores: null, throttlePeriods: 0, throttledPeriods: 0, throttledTimeNs: 0, oomKills: 0, pressure: null,
  detail: { cpuUserNs: 4e9, cpuSystemNs: 1e9, memRss: 150, memCache: 120, memMappedFile: 0, memSwap: null, networks: [{ name: 'eth0', rxBytes: 10, rxPackets: 1, rxErrors: 0, rxDropped: 0, txBytes: 20, txPackets: 2, txErrors: 0, txDropped: 0 }], blkio: [{ major: 8, minor: 0, readBytes: 30, writeBytes: 40, reads: 1, writes: 2 }] },
} satisfies RawSample;

describe('splitImage', () => {
  it('name and tag, registry port kept in the name', () => assert.deepEqual(splitImage('registry:5000/app:1.2'), { name: 'registry:5000/app', version: '1.2' }));
  it('no tag → unknown', () => assert.deepEqual(splitImage('registry:5000/app'), { name: 'registry:5000/app', version: 'unknown' }));
  it('digest dropped', () => assert.deepEqual(splitImage('app@sha256:abc'), { name: 'app', version: 'unknown' }));
});

describe('containerLines (Telegraf docker names)', () => {
  const stats = { ...unknownStats(), cpuPercent: 12.5, memPercent: 0.00002, memLimit: 1e9 };
  const lines = containerLines([{ info, raw, stats }], host).split('\n').filter(Boolean);
  const byMeasurement = (m: string) => lines.filter((l) => l.startsWith(`${m},`));
  it('tags: engine_host, server_version, container_name/image/version/status, labels verbatim (escaped); fixed tags win', () => {
    const cpu = byMeasurement('docker_container_cpu')[0];
    assert.match(cpu, /^docker_container_cpu,com\.example\\,odd=a\\=b\\ c,container_image=registry:5000\/app,container_name=web\\ 1,container_status=running,container_version=1\.2,cpu=cpu-total,engine_host=node-1,server_version=28\.5\.2 /);
  });
  it('cpu fields: integer counters, float percent, container_id string, ns timestamp', () => {
    const cpu = byMeasurement('docker_container_cpu')[0];
    assert.match(cpu, / usage_total=5000000000i,usage_in_usermode=4000000000i,usage_in_kernelmode=1000000000i,usage_system=9000000000000i,throttling_periods=0i,throttling_throttled_periods=0i,throttling_throttled_time=0i,usage_percent=12\.5,container_id="f{64}" 1700000000000000000$/);
  });
  it('mem: usage, limit, percent without exponent, v2 memory.stat names', () => {
    assert.match(byMeasurement('docker_container_mem')[0], / usage=300i,limit=1000000000i,usage_percent=0\.00002,inactive_file=100i,anon=150i,file=120i,file_mapped=0i,container_id=/);
  });
  it('net and blkio per interface/device plus total', () => {
    assert.deepEqual(byMeasurement('docker_container_net').map((l) => /network=([^, ]+)/.exec(l)![1]), ['eth0', 'total']);
    assert.deepEqual(byMeasurement('docker_container_blkio').map((l) => /device=([^, ]+)/.exec(l)![1]), ['8:0', 'total']);
    assert.match(byMeasurement('docker_container_blkio')[0], /io_serviced_recursive_write=2i/);
  });
  it('status with pids, health as a string', () => {
    assert.match(byMeasurement('docker_container_status')[0], / pids_current=3i,oom_kills=0i,container_id=/);
    assert.match(byMeasurement('docker_container_health')[0], / health_status="healthy",container_id=/);
  });
});

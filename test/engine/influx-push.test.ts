// `--influx-url` against a real InfluxDB 1.x (started here, loopback only) on the real engine:
// points are queried back and compared with the kernel's counters and docker stats; the database
// is stopped and restarted mid-run; an unknown database is one clear line and exit code 1.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, it } from 'node:test';
import { describeEngine, docker, removeContainers, runContainer } from '../helpers/engine.js';
import { influxMissingReason, startInfluxDB, type InfluxServer } from '../helpers/influxdb.js';
import { missingDependencyOutcome } from '../helpers/requirement.js';
import { parseDockerSize, startCtop, type CtopProcess } from '../helpers/serve-process.js';

const RUN = `${process.pid}-${Date.now()}`;
const DB = 'ctop';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function cgroupCpuNs(id: string): number {
  for (const p of [`/sys/fs/cgroup/cpuacct/docker/${id}/cpuacct.usage`, `/sys/fs/cgroup/cpu,cpuacct/docker/${id}/cpuacct.usage`, `/sys/fs/cgroup/cpuacct/system.slice/docker-${id}.scope/cpuacct.usage`]) {
    if (existsSync(p)) return Number(readFileSync(p, 'utf8'));
  }
  for (const p of [`/sys/fs/cgroup/system.slice/docker-${id}.scope/cpu.stat`, `/sys/fs/cgroup/docker/${id}/cpu.stat`]) {
    if (existsSync(p)) return Number(/usage_usec (\d+)/.exec(readFileSync(p, 'utf8'))![1]) * 1000;
  }
  throw new Error(`cgroup of ${id} not found`);
}

describeEngine('influx push: InfluxDB 1.x receives Telegraf-named points', () => {
  const ids: string[] = [];
  let influx: InfluxServer | undefined;
  let ctop: CtopProcess | undefined;
  const busyName = `ctop-test-influx-busy-${RUN}`;
  const memName = `ctop-test-influx-mem-${RUN}`;
  let window = { t0: 0, t1: 0, c0: 0, c1: 0 };

  before(async () => {
    const missing = await influxMissingReason();
    if (missing) {
      if (missingDependencyOutcome(process.env) === 'fail') throw new Error(missing);
      return;
    }
    influx = await startInfluxDB();
    await influx.createDatabase(DB);
    ids.push(await runContainer({ name: busyName, cpus: 0.5, labels: { 'ctop-influx-run': RUN, 'odd,key': 'v,a=l ue' }, cmd: 'while :; do :; done' }));
    ids.push(await runContainer({ name: memName, shmSize: '128m', labels: { 'ctop-influx-run': RUN }, cmd: 'dd if=/dev/zero of=/dev/shm/fill bs=1M count=60 2>/dev/null; exec sleep 3600' }));
    ctop = startCtop(['-l', `ctop-influx-run=${RUN}`, '--influx-url', influx.url, '--influx-db', DB, '-i', '1s', '-v']);
    await sleep(2_000);
    window = { t0: Date.now(), c0: cgroupCpuNs(ids[0]), t1: 0, c1: 0 };
    await sleep(10_000);
    window.t1 = Date.now();
    window.c1 = cgroupCpuNs(ids[0]);
  });

  after(async () => {
    await ctop?.stop();
    await influx?.stop();
    await removeContainers(ids);
  });

  it('CPU points agree with the kernel counter over the same 10 s', async (t) => {
    if (!influx) return t.skip('influxd missing');
    const truth = ((window.c1 - window.c0) / 1e9 / ((window.t1 - window.t0) / 1000)) * 100;
    const series = await influx.query(`SELECT usage_total, usage_percent FROM docker_container_cpu WHERE container_name = '${busyName}' AND time >= ${window.t0}ms AND time <= ${window.t1}ms`, DB);
    const rows = series[0]?.values as [string, number, number][] | undefined;
    assert.ok(rows && rows.length >= 7, `about one point per second: ${JSON.stringify(series).slice(0, 300)}`);
    const first = rows[0];
    const last = rows[rows.length - 1];
    const fromCounter = ((last[1] - first[1]) / 1e9 / ((Date.parse(last[0]) - Date.parse(first[0])) / 1000)) * 100;
    const meanPercent = rows.slice(1).reduce((s, r) => s + r[2], 0) / (rows.length - 1);
    t.diagnostic(`kernel ${truth.toFixed(1)} %, influx usage_total ${fromCounter.toFixed(1)} %, mean usage_percent ${meanPercent.toFixed(1)} %`);
    assert.ok(Math.abs(fromCounter - truth) <= 5, `usage_total rate ${fromCounter} vs kernel ${truth}`);
    assert.ok(Math.abs(meanPercent - truth) <= 5, `usage_percent ${meanPercent} vs kernel ${truth}`);
    if (truth >= 45) assert.ok(Math.abs(meanPercent - 50) <= 5, `a --cpus 0.5 loop: ${meanPercent}`);
  });

  it('memory points match docker stats MEM USAGE within 3 %; hostile label tags survive', async (t) => {
    if (!influx) return t.skip('influxd missing');
    const stats = await docker(['stats', '--no-stream', '--format', '{{.MemUsage}}', memName]);
    const dockerBytes = parseDockerSize(stats.stdout.split('/')[0]);
    const series = await influx.query(`SELECT last(usage) AS usage, last(total_inactive_file) AS tif, last(inactive_file) AS inact FROM docker_container_mem WHERE container_name = '${memName}'`, DB);
    const [, usage, tif, inf] = series[0].values[0] as [string, number, number | null, number | null];
    const noCache = usage - (tif ?? inf ?? 0);
    assert.ok(dockerBytes > 60 * 1024 ** 2, `docker stats shows the shm file: ${stats.stdout}`);
    assert.ok(Math.abs(noCache - dockerBytes) / dockerBytes <= 0.03, `influx ${noCache} vs docker stats ${dockerBytes}`);
    const tags = await influx.query(`SHOW TAG VALUES FROM docker_container_cpu WITH KEY = "odd,key"`, DB);
    assert.deepEqual(tags[0]?.values, [['odd,key', 'v,a=l ue']]);
  });

  it('InfluxDB stopped and started mid-run: no crash, the outage is buffered and delivered', async (t) => {
    if (!influx || !ctop) return t.skip('influxd missing');
    await influx.pause();
    const down = Date.now();
    await sleep(4_000);
    const up = Date.now();
    await influx.resume();
    await ctop.waitFor(/writes work again/, 30_000);
    assert.equal(ctop.child.exitCode, null, 'still running');
    const series = await influx.query(`SELECT count(usage_total) FROM docker_container_cpu WHERE container_name = '${busyName}' AND time >= ${down + 500}ms AND time <= ${up - 500}ms`, DB);
    const count = (series[0]?.values[0]?.[1] as number | undefined) ?? 0;
    t.diagnostic(`${count} points from the outage delivered afterwards`);
    assert.ok(count >= 2, `points read while the database was down arrive later: ${count}`);
    assert.match(ctop.stderr(), /buffering and retrying/);
  });

  it('an unknown database is one clear line and exit code 1', async (t) => {
    if (!influx) return t.skip('influxd missing');
    const bad = startCtop(['-l', `ctop-influx-run=${RUN}`, '--influx-url', influx.url, '--influx-db', 'no_such_db']);
    const code = await Promise.race([bad.exited(), sleep(20_000).then(() => 'timeout' as const)]);
    if (code === 'timeout') await bad.stop();
    assert.equal(code, 1);
    assert.match(bad.stderr(), /^ctop-ts: InfluxDB at http:\/\/127\.0\.0\.1:\d+ refused the write with 404: database not found: "?no_such_db"?\n {2}hint: .*\n$/);
  });
});

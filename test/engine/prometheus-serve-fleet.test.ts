// (b) --prometheus over two `ctop-ts serve` hosts: one on the shared engine, one on a private
// dockerd, both scraped by a real Prometheus (loopback only). Through --prometheus the table shows
// both hosts' containers, CPU agrees with the busy loop's own cgroup (50 ± 5 % on an idle machine
// for --cpus 0.5), memory within 3 % of `docker stats` on its own engine, and --group-by host has
// one group per serve instance with totals that add up. Build first (npx tsc -p tsconfig.json).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { dockerdMissingReason, startDockerd, type PrivateDockerd } from '../helpers/dockerd.js';
import { describeEngine, docker, removeContainers, runContainer, TEST_IMAGE, TEST_LABEL } from '../helpers/engine.js';
import { prometheusMissingReason, startPrometheus, type PrometheusServer } from '../helpers/prometheus.js';
import { missingDependencyOutcome } from '../helpers/requirement.js';
import { parseDockerSize, startCtop, type CtopProcess } from '../helpers/serve-process.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function ctop(args: string[], timeoutMs = 30_000): Promise<{ code: number; stdout: string; stderr: string }> {
  assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'build first: npx tsc -p tsconfig.json');
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/ctop-ts.js', ...args], { cwd: ROOT, timeout: timeoutMs, encoding: 'utf8' }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

const lines = (text: string) => text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, any>);
/** `--json --group-by` prints group objects (and their containers). */
const groupsOf = (text: string) => lines(text).filter((x) => x.type === 'group');

const RUN = `${process.pid}-${Date.now()}`;

/** A container's CPU time (ns) from its cgroup on the shared engine: v1 cpuacct or v2 cpu.stat, either driver. */
function cgroupCpuNs(id: string): number {
  for (const p of [`/sys/fs/cgroup/cpuacct/docker/${id}/cpuacct.usage`, `/sys/fs/cgroup/cpu,cpuacct/docker/${id}/cpuacct.usage`, `/sys/fs/cgroup/cpuacct/system.slice/docker-${id}.scope/cpuacct.usage`])
    if (existsSync(p)) return Number(readFileSync(p, 'utf8'));
  for (const p of [`/sys/fs/cgroup/system.slice/docker-${id}.scope/cpu.stat`, `/sys/fs/cgroup/docker/${id}/cpu.stat`])
    if (existsSync(p)) return Number(/usage_usec (\d+)/.exec(readFileSync(p, 'utf8'))![1]) * 1000;
  throw new Error(`cgroup of ${id} not found`);
}

/** `docker stats --no-stream` MEM USAGE of one container, in bytes (on the engine `cli` talks to). */
async function dockerStatsMem(cli: (args: string[]) => Promise<{ code: number; stdout: string; stderr: string }>, name: string): Promise<number> {
  const r = await cli(['stats', '--no-stream', '--format', '{{.MemUsage}}', name]);
  assert.equal(r.code, 0, r.stderr);
  return parseDockerSize(r.stdout.split('/')[0]);
}

describeEngine('(b) --prometheus over two `ctop-ts serve` hosts (shared engine + a private dockerd)', () => {
  const ids: string[] = [];
  const serves: CtopProcess[] = [];
  let engine2: PrivateDockerd | null = null;
  let prom: PrometheusServer | undefined;
  let P: string[] = [];
  let hosts: string[] = [];
  const busy = `ctop-test-prombusy-${RUN}`;
  const mem = `ctop-test-prommem-${RUN}`;
  const mem2 = `ctop-test-prommem2-${RUN}`;

  before(async () => {
    for (const missing of [await prometheusMissingReason(), await dockerdMissingReason()]) {
      if (missing && missingDependencyOutcome(process.env) === 'fail') throw new Error(missing);
      if (missing) return;
    }
    ids.push(await runContainer({ name: busy, cpus: 0.5, labels: { 'ctop-prom-run': RUN }, cmd: 'while :; do :; done' }));
    ids.push(await runContainer({ name: mem, shmSize: '256m', labels: { 'ctop-prom-run': RUN }, cmd: 'dd if=/dev/zero of=/dev/shm/fill bs=1M count=100 2>/dev/null; exec sleep 3600' }));
    engine2 = await startDockerd({ name: 'prom16' });
    const run2 = await engine2.docker(['run', '-d', '--network', 'none', '--label', TEST_LABEL, '--label', `ctop-prom-run=${RUN}`, '--name', mem2, '--shm-size', '256m', TEST_IMAGE, 'sh', '-c', 'dd if=/dev/zero of=/dev/shm/fill bs=1M count=60 2>/dev/null; exec sleep 3600']);
    assert.equal(run2.code, 0, run2.stderr);
    const a = startCtop(['serve', '--listen', '127.0.0.1:0', '-l', `ctop-prom-run=${RUN}`]);
    const b = startCtop(['serve', '--listen', '127.0.0.1:0', '-l', `ctop-prom-run=${RUN}`], { DOCKER_HOST: engine2.host });
    serves.push(a, b);
    const urls = [(await a.waitFor(/serving (http:\/\/\S+\/metrics)/))[1], (await b.waitFor(/serving (http:\/\/\S+\/metrics)/))[1]];
    hosts = urls.map((u) => new URL(u).host);
    prom = await startPrometheus({ scrapeTargets: urls.map((url, i) => ({ url, job: `serve${i}` })) });
    await prom.waitForTargetsUp();
    // A full 10 s rate window of scrapes.
    await prom.waitForQuery('count_over_time(up{job="serve0"}[1m])', (s) => (s[0]?.value ?? 0) >= 12, 40_000);
    P = ['--prometheus', prom.url, '--prometheus-window', '10s', '-l', `ctop-prom-run=${RUN}`];
  });
  after(async () => {
    await prom?.stop();
    for (const s of serves) await s.stop();
    await removeContainers(ids);
    await engine2?.destroy();
  });

  it('shows both hosts\' containers with CPU and memory that agree with docker stats', async (t) => {
    if (!prom) return t.skip('prometheus or a private dockerd is not available');
    // Ground truth for CPU over the same 10 s window as the PromQL rate(): the cgroup's own counter.
    // On an idle machine that is 50 %; on a loaded one the loop gets less, and we must agree with it.
    const c0 = cgroupCpuNs(ids[0]);
    const t0 = Date.now();
    await new Promise((res) => setTimeout(res, 10_000));
    const truthCpu = ((cgroupCpuNs(ids[0]) - c0) / 1e6 / (Date.now() - t0)) * 100;
    const r = await ctop([...P, '--no-stream', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const rows = lines(r.stdout);
    assert.deepEqual(rows.map((x) => x.name).sort(), [busy, mem, mem2].sort());
    assert.deepEqual(new Set(rows.map((x) => x.host)), new Set(hosts));
    const cpu = rows.find((x) => x.name === busy)!;
    assert.ok(Math.abs(cpu.cpuPercent - truthCpu) <= 5, `--cpus 0.5 loop reads ${cpu.cpuPercent}, its cgroup ${truthCpu}`);
    if (truthCpu >= 45) assert.ok(Math.abs(cpu.cpuPercent - 50) <= 5, `--cpus 0.5 loop reads ${cpu.cpuPercent}`);
    t.diagnostic(`--cpus 0.5 loop: ${cpu.cpuPercent.toFixed(1)} % via Prometheus, ${truthCpu.toFixed(1)} % by its cgroup`);
    assert.equal(cpu.cpuLimitCores, 0.5, 'from ctop_container_cpu_limit_cores');
    assert.ok(cpu.pids >= 1, `PIDs from ctop_container_pids: ${cpu.pids}`);
    assert.ok(cpu.throttlePeriods > 0, 'CFS periods from container_cpu_cfs_periods_total');
    const truth1 = await dockerStatsMem((args) => docker(args), mem);
    const truth2 = await dockerStatsMem((args) => engine2!.docker(args), mem2);
    const m1 = rows.find((x) => x.name === mem)!.memUsage;
    const m2 = rows.find((x) => x.name === mem2)!.memUsage;
    assert.ok(Math.abs(m1 - truth1) / truth1 < 0.03, `${mem}: ${m1} vs docker stats ${truth1}`);
    assert.ok(Math.abs(m2 - truth2) / truth2 < 0.03, `${mem2}: ${m2} vs docker stats ${truth2}`);
  });

  it('--group-by host: one group per serve instance, totals = sum of its rows', async (t) => {
    if (!prom) return t.skip('prometheus or a private dockerd is not available');
    const groups = groupsOf((await ctop([...P, '--no-stream', '--json', '--group-by', 'host'])).stdout);
    const rows = lines((await ctop([...P, '--no-stream', '--json'])).stdout);
    assert.deepEqual(groups.map((g) => g.value).sort(), [...hosts].sort());
    for (const g of groups) {
      const members = rows.filter((x) => x.host === g.value);
      assert.equal(g.count, members.length);
      const memSum = members.reduce((a, x) => a + x.memUsage, 0);
      assert.ok(Math.abs(g.memUsage - memSum) / memSum < 0.01, `${g.value}: ${g.memUsage} vs ${memSum}`);
    }
    const table = await ctop([...P, '--no-stream', '--group-by', 'host']);
    for (const h of hosts) assert.match(table.stdout, new RegExp(`^${h.replace(/\./g, '\\.')}\\s+\\d/\\d running`, 'm'));
  });
});

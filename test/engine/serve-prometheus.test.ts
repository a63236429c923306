// `ctop-ts serve` scraped by a real Prometheus (started here, loopback only) on the real engine.
// Everything is asked of Prometheus's HTTP API, not of our endpoint: the numbers a dashboard
// would see. Plus promtool on our exposition, and TLS + basic auth from a web-config file.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import bcrypt from 'bcryptjs';
import { describeEngine, docker, removeContainers, runContainer } from '../helpers/engine.js';
import { prometheusMissingReason, promtoolCheckMetrics, startPrometheus, type PrometheusServer } from '../helpers/prometheus.js';
import { missingDependencyOutcome } from '../helpers/requirement.js';
import { parseDockerSize, startCtop, type CtopProcess } from '../helpers/serve-process.js';

const RUN = `${process.pid}-${Date.now()}`;

/** The container's CPU time in ns from its cgroup (v1 cpuacct or v2 cpu.stat, cgroupfs or systemd driver). */
function cgroupCpuNs(id: string): number {
  const v1 = [`/sys/fs/cgroup/cpuacct/docker/${id}/cpuacct.usage`, `/sys/fs/cgroup/cpu,cpuacct/docker/${id}/cpuacct.usage`, `/sys/fs/cgroup/cpuacct/system.slice/docker-${id}.scope/cpuacct.usage`];
  for (const p of v1) if (existsSync(p)) return Number(readFileSync(p, 'utf8'));
  for (const p of [`/sys/fs/cgroup/system.slice/docker-${id}.scope/cpu.stat`, `/sys/fs/cgroup/docker/${id}/cpu.stat`]) {
    if (existsSync(p)) return Number(/usage_usec (\d+)/.exec(readFileSync(p, 'utf8'))![1]) * 1000;
  }
  throw new Error(`cgroup of ${id} not found`);
}

function httpsGet(url: string, ca: Buffer, auth?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, headers: auth ? { Authorization: `Basic ${Buffer.from(auth).toString('base64')}` } : {} }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describeEngine('serve: Prometheus scrapes cAdvisor-named metrics', () => {
  const ids: string[] = [];
  const procs: CtopProcess[] = [];
  let prom: PrometheusServer | undefined;
  let dir = '';
  let plainUrl = '';
  let tlsUrl = '';
  let ca: Buffer;
  const busyName = `ctop-test-serve-busy-${RUN}`;
  const memName = `ctop-test-serve-mem-${RUN}`;

  before(async () => {
    const missing = await prometheusMissingReason();
    if (missing) {
      if (missingDependencyOutcome(process.env) === 'fail') throw new Error(missing);
      return;
    }
    dir = mkdtempSync(join(tmpdir(), 'ctop-serve-'));
    ids.push(await runContainer({ name: busyName, cpus: 0.5, labels: { 'ctop-serve-run': RUN, 'hostile.key': 'a "q" \\ b' }, cmd: 'while :; do :; done' }));
    ids.push(await runContainer({ name: memName, shmSize: '256m', labels: { 'ctop-serve-run': RUN }, cmd: 'dd if=/dev/zero of=/dev/shm/fill bs=1M count=100 2>/dev/null; exec sleep 3600' }));

    // TLS certificate for 127.0.0.1 and one bcrypt user.
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    ca = execFileSync('cat', [join(dir, 'cert.pem')]);
    const hash = bcrypt.hashSync('s3cret pass', 8);
    // Relative paths resolve against the config file's directory, as in exporter-toolkit.
    writeFileSync(join(dir, 'web.yml'), `tls_server_config:\n  cert_file: cert.pem\n  key_file: key.pem\nbasic_auth_users:\n  scraper: '${hash}'\n`);

    const plain = startCtop(['serve', '--listen', '127.0.0.1:0', '-l', `ctop-serve-run=${RUN}`]);
    const secure = startCtop(['serve', '--listen', '127.0.0.1:0', '-l', `ctop-serve-run=${RUN}`, '--web-config', join(dir, 'web.yml')]);
    procs.push(plain, secure);
    plainUrl = (await plain.waitFor(/serving (http:\/\/\S+)\/metrics/))[1];
    tlsUrl = (await secure.waitFor(/serving (https:\/\/\S+)\/metrics/))[1];
    prom = await startPrometheus({
      scrapeTargets: [
        { url: `${plainUrl}/metrics`, job: 'ctop' },
        { url: `${tlsUrl}/metrics`, job: 'ctop-tls', caFile: join(dir, 'cert.pem'), basicAuth: { username: 'scraper', password: 's3cret pass' } },
      ],
    });
    await prom.waitForTargetsUp(20_000);
  });

  after(async () => {
    await prom?.stop();
    for (const p of procs) await p.stop();
    await removeContainers(ids);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('both targets are up, the TLS + basic-auth one included', async (t) => {
    if (!prom) return t.skip('prometheus missing');
    const up = await prom.query('up');
    assert.deepEqual(up.map((s) => [s.metric.job, s.value]).sort(), [['ctop', 1], ['ctop-tls', 1]]);
  });

  it('rate(container_cpu_usage_seconds_total)*100 of a --cpus 0.5 busy loop reads 50 ± 5', async (t) => {
    if (!prom) return t.skip('prometheus missing');
    // Ground truth over the same window, straight from the kernel's counter: on a starved machine
    // the loop gets less than its 0.5 CPU, and then Prometheus must agree with the kernel instead.
    const id = ids[0];
    const t0 = Date.now();
    const c0 = cgroupCpuNs(id);
    await new Promise((r) => setTimeout(r, 15_000));
    const c1 = cgroupCpuNs(id);
    const t1 = Date.now();
    const truth = ((c1 - c0) / 1e9 / ((t1 - t0) / 1000)) * 100;
    const q = `rate(container_cpu_usage_seconds_total{job="ctop",name="${busyName}"}[15s]) * 100`;
    const [s] = await prom.query(q, t1 / 1000);
    assert.ok(s, `no result for ${q}`);
    t.diagnostic(`prometheus ${s.value.toFixed(1)} %, kernel ${truth.toFixed(1)} %`);
    assert.ok(Math.abs(s.value - truth) <= 5, `CPU % from Prometheus ${s.value} vs the kernel's ${truth}`);
    if (truth >= 45) assert.ok(Math.abs(s.value - 50) <= 5, `CPU % from Prometheus: ${s.value}`);
    else t.diagnostic(`machine too busy for the 50 ± 5 check (the loop got ${truth.toFixed(1)} %)`);
    assert.ok(truth <= 55, `the --cpus 0.5 limit holds: ${truth}`);
    assert.equal(s.metric.cpu, 'total');
    assert.equal(s.metric.image, 'ctop-test/busybox:latest');
    assert.equal(s.metric.container_label_hostile_key, 'a "q" \\ b', 'hostile label value survives escaping');
    assert.match(s.metric.id, /[0-9a-f]{64}/);
  });

  it('container_memory_working_set_bytes of 100 MiB in /dev/shm matches docker stats MEM USAGE within 3 %', async (t) => {
    if (!prom) return t.skip('prometheus missing');
    const stats = await docker(['stats', '--no-stream', '--format', '{{.MemUsage}}', memName]);
    const dockerBytes = parseDockerSize(stats.stdout.split('/')[0]);
    const [s] = await prom.waitForQuery(`container_memory_working_set_bytes{job="ctop",name="${memName}"}`);
    assert.ok(dockerBytes > 100 * 1024 ** 2, `docker stats shows the shm file: ${stats.stdout}`);
    assert.ok(Math.abs(s.value - dockerBytes) / dockerBytes <= 0.03, `prometheus ${s.value} vs docker stats ${dockerBytes}`);
  });

  it('promtool check metrics finds no problems in our exposition', async () => {
    const text = await (await fetch(`${plainUrl}/metrics`)).text();
    assert.match(text, /^container_cpu_usage_seconds_total\{/m);
    const { code, output } = await promtoolCheckMetrics(text);
    assert.equal(output.trim(), '', `promtool: ${output}`);
    assert.equal(code, 0);
  });

  it('the TLS endpoint refuses a request without or with wrong credentials (401), accepts the right ones', async () => {
    const none = await httpsGet(`${tlsUrl}/metrics`, ca);
    assert.equal(none.status, 401);
    const wrong = await httpsGet(`${tlsUrl}/metrics`, ca, 'scraper:nope');
    assert.equal(wrong.status, 401);
    const right = await httpsGet(`${tlsUrl}/healthz`, ca, 'scraper:s3cret pass');
    assert.deepEqual(right, { status: 200, body: 'ok\n' });
  });
});

// `ctop-ts check` against the real engine, as a monitoring system runs it: the binary, its stdout
// and its exit code. Then a real Nagios Core runs it as a service check and records the state.
import { after, before, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeEngine, docker, waitFor } from '../helpers/engine.js';
import { nagiosMissingReason, startNagios } from '../helpers/monitoring.js';
import { requireOrSkip } from '../helpers/requirement.js';
import { removeT2, startT2, type T2Container } from '../helpers/t2-containers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin', 'ctop-ts.js');
const RUN = `ctop-t2-check=${process.pid}`;

interface Run {
  stdout: string;
  stderr: string;
  code: number;
}

function check(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, 'check', ...args], { cwd: root, timeout: 60_000, encoding: 'utf8' }, (err, stdout, stderr) =>
      resolve({ stdout, stderr, code: err ? (typeof err.code === 'number' ? err.code : -1) : 0 }),
    );
  });
}

/** Up to five runs until `ok` holds: a shared 2-core host can starve a --cpus 0.5 loop for a while. */
async function checkUntil(args: string[], ok: (r: Run) => boolean, t: TestContext): Promise<Run> {
  let r: Run = { stdout: '', stderr: '', code: -1 };
  for (let i = 0; i < 5; i++) {
    r = await check(args);
    t.diagnostic(`${args.join(' ')} → ${r.code}: ${r.stdout.split('\n')[0]}`);
    if (ok(r)) return r;
  }
  return r;
}

const first = (r: Run) => r.stdout.split('\n')[0];

describeEngine('ctop-ts check on a real engine', () => {
  const started: T2Container[] = [];
  let busy: T2Container;
  let sick: T2Container;
  let oom: T2Container;
  const sel = (role: string) => ['-l', `${RUN},role=${role}`];

  before(async () => {
    busy = await startT2('chk-cpu', ['sh', '-c', 'yes >/dev/null'], { args: ['--cpus', '0.5'], labels: { 'ctop-t2-check': String(process.pid), role: 'cpu' } });
    started.push(busy);
    sick = await startT2('chk-sick', ['sleep', '3600'], {
      args: ['--health-cmd', 'false', '--health-interval', '1s', '--health-retries', '1', '--health-timeout', '1s'],
      labels: { 'ctop-t2-check': String(process.pid), role: 'sick' },
    });
    started.push(sick);
    // tail buffers /dev/zero (it never sees a newline) until the 16 MiB limit OOM-kills it.
    oom = await startT2('chk-oom', ['tail', '/dev/zero'], { args: ['--memory', '16m', '--memory-swap', '16m'], labels: { 'ctop-t2-check': String(process.pid), role: 'oom' } });
    started.push(oom);
    await waitFor(async () => (await docker(['inspect', '-f', '{{.State.Health.Status}}', sick.id])).stdout.trim() === 'unhealthy', { timeoutMs: 30_000, message: 'the health check to fail' });
    await waitFor(async () => (await docker(['inspect', '-f', '{{.State.OOMKilled}}', oom.id])).stdout.trim() === 'true', { timeoutMs: 30_000, message: 'the OOM kill' });
  });
  after(() => removeT2(started.map((c) => c.id)));

  it('a --cpus 0.5 busy loop: WARNING at cpu=40, exit 1, with perfdata', async (t) => {
    const r = await checkUntil([...sel('cpu'), '--source', 'api', '-w', 'cpu=40', '-c', 'cpu=95'], (x) => x.code === 1, t);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(first(r), new RegExp(`^CTOP-TS WARNING - 1 of 1 container: ${busy.name} cpu [4-6]\\d(\\.\\d)?% > 40 \\| '${busy.name} cpu'=[\\d.]+%;40;95;0;$`));
    assert.equal(r.stdout.split('\n')[1], `WARNING: ${busy.name} cpu ${/cpu ([\d.]+%)/.exec(first(r))![1]} > 40`);
  });

  it('the same loop: OK at cpu=80, exit 0', async (t) => {
    const r = await checkUntil([...sel('cpu'), '--source', 'api', '-w', 'cpu=80'], (x) => x.code === 0, t);
    assert.equal(r.code, 0, r.stdout);
    assert.match(first(r), new RegExp(`^CTOP-TS OK - 1 container, no problems \\| '${busy.name} cpu'=[\\d.]+%;80;;0;$`));
  });

  it('over a window: every tick must breach; the loop stays above 10 on every tick, never above 75', async (t) => {
    // (10, not 40: on a shared 2-core host one tick of a 3 s window can be starved below 40)
    const r = await checkUntil([...sel('cpu'), '--window', '3s', '-w', 'cpu=10', '-c', 'cpu=75'], (x) => x.code === 1, t);
    assert.equal(r.code, 1, r.stdout);
    assert.match(first(r), / cpu \d+(\.\d)?% > 10 \| .*%;10;75;0;$/);
  });

  it('an unhealthy container (--health-cmd false) is CRITICAL, exit 2', async () => {
    const r = await check([...sel('sick'), '-c', 'unhealthy', '-w', 'cpu=90']);
    assert.equal(r.code, 2, r.stdout);
    assert.match(first(r), new RegExp(`^CTOP-TS CRITICAL - 1 of 1 container: ${sick.name} unhealthy \\| '${sick.name} cpu'=`));
  });

  it('an OOM-killed container is reported (it exited: the oom rule looks at stopped containers too)', async () => {
    const r = await check([...sel('oom'), '-c', 'oom=10m']);
    assert.equal(r.code, 2, r.stdout);
    assert.match(first(r), new RegExp(`^CTOP-TS CRITICAL - 1 of 1 container: ${oom.name} OOM-killed \\d+s ago$`));
    const exited = await check(['-a', ...sel('oom'), '-w', 'exited']);
    assert.equal(exited.code, 1);
    assert.match(first(exited), new RegExp(`${oom.name} exited with code 137$`));
  });

  it('--min-running counts running containers of the selection', async () => {
    const r = await check(['-l', RUN, '--min-running', '3']);
    assert.equal(r.code, 2, r.stdout);
    assert.match(first(r), /selection: 2 running < 3/);
    assert.equal((await check(['-l', RUN, '--min-running', '2'])).code, 0);
  });

  it('several engines: one that does not answer makes an otherwise OK check UNKNOWN, and says so', async () => {
    const r = await check(['-H', 'local=unix:///var/run/docker.sock', '-H', 'gone=unix:///nonexistent.sock', '-f', busy.name, '-w', 'cpu=90']);
    assert.equal(r.code, 3, r.stdout);
    assert.match(first(r), new RegExp(`^CTOP-TS UNKNOWN - engine gone did not answer \\(.*\\); 1 container, no problems \\| 'local/${busy.name} cpu'=`));
  });

  it('an unreachable engine is UNKNOWN, exit 3', async () => {
    const r = await check(['-H', 'unix:///nonexistent.sock', '-c', 'cpu=90']);
    assert.equal(r.code, 3);
    assert.equal(r.stdout, 'CTOP-TS UNKNOWN - cannot read the engine: no Docker engine at unix:///nonexistent.sock (socket not found)\n');
  });

  it('bad thresholds are UNKNOWN before any engine work (the engine here does not exist)', async () => {
    const r = await check(['-H', 'unix:///nonexistent.sock', '-w', 'mem%=@101:']);
    assert.equal(r.code, 3);
    assert.deepEqual(r.stdout.split('\n'), ['CTOP-TS UNKNOWN - bad --warning "mem%=@101:": this range can never alert: mem% is always within 0..100', 'mem%=@101:', '     ^', '']);
    assert.equal((await check(['--bogus'])).code, 3);
    assert.match(first(await check(['--bogus'])), /^CTOP-TS UNKNOWN - bad arguments: unknown option '--bogus'/);
  });

  it('a real Nagios runs it as a service check and records each state', async (t) => {
    if (!(await requireOrSkip(t, nagiosMissingReason))) return;
    const cmd = (args: string) => `${process.execPath} ${bin} check ${args}`;
    const nagios = startNagios([
      { name: 'ctop-cpu-warning', commandLine: cmd(`-l ${RUN},role=cpu --source api -w cpu=5 -c cpu=95`) }, // 5: the loop is often starved to ~20 % here
      { name: 'ctop-cpu-ok', commandLine: cmd(`-l ${RUN},role=cpu --source api -w cpu=90`) },
      { name: 'ctop-unhealthy', commandLine: cmd(`-l ${RUN},role=sick -c unhealthy`) },
      { name: 'ctop-engine-down', commandLine: cmd('-H unix:///nonexistent.sock -c cpu=90') },
    ]);
    try {
      const want: Record<string, number> = { 'ctop-cpu-warning': 1, 'ctop-cpu-ok': 0, 'ctop-unhealthy': 2, 'ctop-engine-down': 3 };
      for (const [name, state] of Object.entries(want)) {
        const s = await nagios.waitForChecked(name);
        t.diagnostic(`nagios ${name}: state ${s.currentState}, "${s.pluginOutput}" | ${s.performanceData.slice(0, 80)}`);
        assert.equal(s.currentState, state, `${name}: ${s.pluginOutput}`);
        assert.match(s.pluginOutput, new RegExp(`^CTOP-TS ${['OK', 'WARNING', 'CRITICAL', 'UNKNOWN'][state]} - `));
      }
      const s = nagios.status().get('ctop-cpu-warning')!;
      assert.match(s.performanceData, new RegExp(`^'${busy.name} cpu'=[\\d.]+%;5;95;0;$`), 'Nagios split the perfdata off the output');
      assert.match(nagios.status().get('ctop-unhealthy')!.longPluginOutput, new RegExp(`CRITICAL: ${sick.name} unhealthy`));
    } finally {
      nagios.stop();
    }
  });
});

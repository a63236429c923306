// ctop-ts against a real `podman system service`: --no-stream, --json (cgroup and API paths),
// label selectors (engine-side filters), --events and exec. Before the fix every run failed with
// 500 "failed to decode filter parameters … filters=" (an empty filters parameter).
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describeRequiring } from '../helpers/requirement.js';
import { podmanMissingReason, startPodman, type PodmanService } from '../helpers/podman.js';
import { ROOT } from '../helpers/live-screen.js';
import { runCtop } from '../helpers/run-ctop.js';

const ctop = runCtop;

const RUN = `ctop-podman-${process.pid}`;

describeRequiring('Podman engine', podmanMissingReason, () => {
  let pm: PodmanService;
  let busy: string;
  let idle: string;

  before(async () => {
    pm = await startPodman();
    busy = await pm.run({ name: 'busy', cmd: 'while :; do :; done', labels: { run: RUN, role: 'busy' } });
    idle = await pm.run({ name: 'idle', cmd: 'sleep 3600', labels: { run: RUN, role: 'idle' } });
  });
  after(async () => pm?.stop());

  it('--no-stream prints every container with its name (no leading /) and exits 0', async () => {
    const r = await ctop(['-H', pm.host, '--no-stream', '-l', `run=${RUN}`]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0], /^CONTAINER ID\s+NAME\s+CPU %/);
    assert.equal(lines.length, 3, r.stdout);
    const busyLine = lines.find((l) => l.startsWith(busy.slice(0, 12)));
    assert.ok(busyLine, r.stdout);
    assert.match(busyLine, /ctop-test-busy-\d+-\d+\s/);
    // A spinning shell: docker's CPU % of one core, well above zero (the machine is shared).
    const cpu = Number(/\s(\d+\.\d+)%/.exec(busyLine)![1]);
    assert.ok(cpu > 5, `busy CPU ${cpu}%`);
  });

  for (const source of ['auto', 'api'] as const) {
    it(`--json --no-stream --source ${source}: numbers, names, ids`, async () => {
      const r = await ctop(['-H', pm.host, '--no-stream', '--json', '--source', source, '-l', `run=${RUN}`]);
      assert.equal(r.code, 0, r.stderr);
      const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>);
      assert.deepEqual(rows.map((x) => x.id).sort(), [busy, idle].sort());
      const b = rows.find((x) => x.id === busy)!;
      assert.equal(b.source, source === 'api' ? 'api' : 'cgroup');
      assert.ok(!b.name.startsWith('/'));
      assert.ok(b.cpuPercent > 5, `cpu ${b.cpuPercent}`);
      assert.ok(b.memUsage > 0 && b.memLimit > 0);
      assert.equal(b.pids, 1);
      assert.equal(b.labels.role, 'busy');
      const i = rows.find((x) => x.id === idle)!;
      assert.ok(i.cpuPercent !== null && i.cpuPercent < b.cpuPercent, `idle cpu ${i.cpuPercent}`);
    });
  }

  it('--events --json reports a container started while watching', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/ctop-ts.js'), '-H', pm.host, '--events', '-l', `run=${RUN}`], { cwd: ROOT });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    try {
      await new Promise((r) => setTimeout(r, 1500)); // subscribed
      const id = await pm.run({ name: 'late', cmd: 'sleep 3600', labels: { run: RUN } });
      const deadline = Date.now() + 15_000;
      while (!out.split('\n').some((l) => l.includes(id) && l.includes('"action":"start"'))) {
        if (Date.now() > deadline) assert.fail(`no start event for ${id} in:\n${out}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      child.kill();
    }
  });

  // Podman's compat stats stream pushes a record every 5 s; polled, the API path keeps the interval.
  it('--json --source api updates at the sampling interval, not Podman\'s 5 s stream period', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/ctop-ts.js'), '-H', pm.host, '--json', '--source', 'api', '-i', '0.5', '-l', `role=busy`], { cwd: ROOT });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    try {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const rows = out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, any>).filter((x) => x.id === busy && x.cpuPercent !== null);
        const times = [...new Set(rows.map((x) => Date.parse(x.timestamp)))];
        // Four distinct readings within 3 s: impossible at a 5 s stream period.
        if (times.length >= 4 && times[times.length - 1] - times[times.length - 4] < 3_000) {
          assert.ok(rows.every((x) => x.cpuPercent > 5), JSON.stringify(rows.map((x) => x.cpuPercent)));
          break;
        }
        if (Date.now() > deadline) assert.fail(`busy never got 4 readings within 3 s:\n${out.slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    } finally {
      child.kill();
    }
  });
});

describeRequiring('Podman exec', podmanMissingReason, () => {
  let pm: PodmanService;
  let id: string;
  before(async () => {
    pm = await startPodman();
    id = await pm.run({ name: 'exec', cmd: 'sleep 3600' });
  });
  after(async () => pm?.stop());

  it('runs `podman exec` against the same service (CONTAINER_HOST), after probing the shell through it', async () => {
    const { createDockerSession } = await import('../../src/sources/engine/docker-session.js');
    const { withPodmanExec } = await import('../../src/sources/engine/podman-exec.js');
    const session = await createDockerSession({ host: pm.host, source: 'api', follow: false });
    try {
      assert.match(session.host?.engine ?? '', /^Podman Engine/);
      const calls: { cli: string; args: string[]; env: NodeJS.ProcessEnv }[] = [];
      const commands = withPodmanExec(session.commands, pm.host, process.env, {
        tty: false,
        run: (cli, args, options) => {
          calls.push({ cli, args, env: options.env ?? {} });
          return { pid: 0, output: [], stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), status: 0, signal: null };
        },
      });
      const ui = { suspend: () => undefined, resume: () => undefined };
      const outcome = await commands.exec({ id }, ui);
      assert.deepEqual(outcome, { ok: true, shell: '/bin/sh', exitCode: 0 });
      assert.equal(calls.length, 1);
      assert.match(calls[0].cli, /\/podman$/);
      assert.deepEqual(calls[0].args, ['exec', '-i', id, '/bin/sh']);
      assert.equal(calls[0].env.CONTAINER_HOST, pm.host);
    } finally {
      session.close();
    }
  });
});

describeRequiring('Podman: detail, actions and logs through the session\'s commands', podmanMissingReason, () => {
  let pm: PodmanService;
  let id: string;
  before(async () => {
    pm = await startPodman();
    id = await pm.run({ name: 'cmds', cmd: 'i=0; while :; do echo "line $i"; i=$((i+1)); sleep 0.2; done' });
  });
  after(async () => pm?.stop());

  it('inspect (detail view), pause/unpause/restart (actions) and follow logs', async () => {
    const { createDockerSession } = await import('../../src/sources/engine/docker-session.js');
    const session = await createDockerSession({ host: pm.host, source: 'auto', follow: false });
    try {
      const d = await session.commands.inspect({ id });
      assert.equal(d.id, id);
      assert.match(d.name, /^ctop-test-cmds-/);
      assert.equal(d.state, 'running');
      for (const action of ['pause', 'unpause', 'restart'] as const) assert.deepEqual(await session.commands.runAction({ id }, action), { ok: true }, action);
      const lines: string[] = [];
      const follower = session.commands.followLogs({ id }, { tail: 5, onLines: (ls) => lines.push(...ls.map((l) => l.text)) });
      const deadline = Date.now() + 15_000;
      while (lines.filter((l) => /^line \d+$/.test(l)).length < 3) {
        if (Date.now() > deadline) assert.fail(`no log lines: ${JSON.stringify(lines)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      follower.close();
    } finally {
      session.close();
    }
  });
});

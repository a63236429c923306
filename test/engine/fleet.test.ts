// Three real engines in one ctop-ts: the shared dockerd, a private dockerd this test starts, and
// Podman. --no-stream (table, JSON, host selector, grouping), an unreachable engine among them,
// and an engine killed and restarted under a live --json stream.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describeRequiring } from '../helpers/requirement.js';
import { engineMissingReason, removeContainers, runContainer, TEST_IMAGE, TEST_LABEL, testContainerName } from '../helpers/engine.js';
import { dockerdMissingReason, startDockerd, type PrivateDockerd } from '../helpers/dockerd.js';
import { podmanMissingReason, startPodman, type PodmanService } from '../helpers/podman.js';
import { launch, ROOT, WAIT } from '../helpers/live-screen.js';
import { requireTmux } from '../helpers/tmux.js';
import { runCtop } from '../helpers/run-ctop.js';

const ctop = runCtop;

const RUN = `ctop-fleet-${process.pid}`;
const missing = async () => (await engineMissingReason()) ?? (await dockerdMissingReason()) ?? (await podmanMissingReason());
const jsonLines = (text: string) => text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, any>);

describeRequiring('several engines at once', missing, () => {
  let d2: PrivateDockerd;
  let pm: PodmanService;
  const ids: Record<string, string> = {};
  let hosts: string[];

  before(async () => {
    [d2, pm] = await Promise.all([startDockerd({ name: 'fleet' }), startPodman()]);
    ids.docker = await runContainer({ name: 'fleet-a', cmd: 'sleep 3600', labels: { run: RUN } });
    const r = await d2.docker(['run', '-d', '--network', 'none', '--label', TEST_LABEL, '--label', `run=${RUN}`, '--name', testContainerName('fleet-b'), TEST_IMAGE, 'sleep', '3600']);
    assert.equal(r.code, 0, r.stderr);
    ids.dock2 = r.stdout.trim();
    ids.podman = await pm.run({ name: 'fleet-c', cmd: 'sleep 3600', labels: { run: RUN } });
    hosts = ['-H', 'docker=unix:///var/run/docker.sock', '-H', `dock2=${d2.host}`, '-H', `podman=${pm.host}`];
  });
  after(async () => {
    await removeContainers([ids.docker]).catch(() => undefined);
    await Promise.all([d2?.destroy(), pm?.stop()]);
  });

  it('--no-stream --json: rows from every engine, `host` set, `id` the engine\'s own', async () => {
    const r = await ctop([...hosts, '--no-stream', '--json', '-l', `run=${RUN}`]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const rows = jsonLines(r.stdout);
    assert.deepEqual(Object.fromEntries(rows.map((x) => [x.host, x.id])), ids);
    for (const x of rows) assert.ok(x.memUsage > 0 && x.cpuPercent !== null, JSON.stringify(x));
  });

  it('--no-stream table: a HOST column, one row per engine', async () => {
    const r = await ctop([...hosts, '--no-stream', '-l', `run=${RUN}`]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0], /^HOST\s+CONTAINER ID\s+NAME\s+CPU %/);
    for (const [host, id] of Object.entries(ids)) assert.ok(lines.some((l) => l.startsWith(`${host} `) && l.includes(id.slice(0, 12))), `${host} in\n${r.stdout}`);
  });

  it('one engine alone: no HOST column, docker\'s table unchanged', async () => {
    const r = await ctop(['-H', d2.host, '--no-stream', '-l', `run=${RUN}`]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^CONTAINER ID\s+NAME/);
  });

  it('the live screen: rows from all three under a HOST column; --group-by host totals each engine', async (t) => {
    if (!(await requireTmux(t))) return;
    const names = Object.keys(ids);
    const plain = await launch(`${hosts.join(' ')} -l run=${RUN}`, 120, 20);
    try {
      const screen = await plain.tmux.waitForScreen((x) => /^\s*STATE\s+HOST\s+NAME/m.test(x) && names.every((h) => new RegExp(`running\\s+${h}\\s+ctop-test-fl`).test(x)), WAIT);
      assert.match(screen, /^ctop-ts 3 engines \(3 up\)/m);
      // H: every engine's state, and the view narrowed to the first engine (then the next, then all).
      await plain.tmux.sendKeys('H');
      const one = await plain.tmux.waitForScreen((x) => x.includes('engines: docker up · dock2 up · podman up — showing docker (H: dock2)') && !/running\s+(dock2|podman)\s/.test(x), WAIT);
      assert.match(one, /running\s+docker\s+ctop-test-fl/);
      await plain.tmux.sendKeys('H', 'H', 'H');
      await plain.tmux.waitForScreen((x) => x.includes('— showing all (H: docker)') && names.every((h) => new RegExp(`running\\s+${h}\\s`).test(x)), WAIT);
    } finally {
      await plain.stop();
    }
    const grouped = await launch(`${hosts.join(' ')} -l run=${RUN} -g host`, 120, 20);
    try {
      // One group row per engine with its totals (1 running of 1), its member under it.
      await grouped.tmux.waitForScreen((x) => names.every((h) => new RegExp(`1/1 running\\s+▾ ${h}\\s+\\d+\\.\\d%`).test(x)), WAIT);
    } finally {
      await grouped.stop();
    }
  });

  it('host=NAME selects one engine\'s containers; --group-by host totals each engine', async () => {
    const one = jsonLines((await ctop([...hosts, '--no-stream', '--json', '-l', `run=${RUN}`, '-l', 'host=dock2'])).stdout);
    assert.deepEqual(one.map((x) => x.id), [ids.dock2]);
    const r = await ctop([...hosts, '--no-stream', '-l', `run=${RUN}`, '--group-by', 'host']);
    assert.equal(r.code, 0, r.stderr);
    for (const host of Object.keys(ids)) assert.match(r.stdout, new RegExp(`^${host}\\s+1/1 running`, 'm'), r.stdout);
  });

  it('an unreachable engine: the others print, one warning line on stderr, exit 0', async () => {
    const r = await ctop([...hosts, '-H', 'gone=unix:///run/ctop-test-gone.sock', '--no-stream', '--json', '-l', `run=${RUN}`]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(jsonLines(r.stdout).length, 3);
    const errs = r.stderr.trim().split('\n');
    assert.equal(errs.length, 1, r.stderr);
    assert.match(errs[0], /^ctop-ts: warning: engine gone did not answer: .*socket not found/);
  });

  it('an engine down at start-up is retried: its rows appear within 5 s of it starting', async () => {
    await d2.stop();
    const child = spawn(process.execPath, [join(ROOT, 'bin/ctop-ts.js'), ...hosts, '--json', '-i', '1', '-l', `run=${RUN}`], { cwd: ROOT });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    const rowsOf = (host: string) => jsonLines(out.slice(0, out.lastIndexOf('\n') + 1)).filter((x) => x.type === 'container' && x.host === host);
    try {
      const deadline = Date.now() + 20_000;
      while (rowsOf('docker').length < 2 || rowsOf('podman').length < 2) {
        if (Date.now() > deadline) assert.fail(`the engines that answer were held up:\n${out}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(rowsOf('dock2').length, 0);
      await d2.start();
      const up = Date.now();
      while (rowsOf('dock2').length === 0) {
        if (Date.now() - up > 5_000) assert.fail(`dock2 not back within 5 s:\n${out.slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      child.kill();
    }
  });

  it('a hung engine (accepts, never answers) does not hold up the others', async () => {
    d2.freeze();
    try {
      const t0 = Date.now();
      const r = await ctop([...hosts, '--no-stream', '--json', '-l', `run=${RUN}`]);
      const took = Date.now() - t0;
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(jsonLines(r.stdout).map((x) => x.host).sort(), ['docker', 'podman']);
      assert.match(r.stderr, /^ctop-ts: warning: engine dock2 did not answer: the engine at unix:\/\/\/run\/ctop-test-fleet.sock did not answer within 8 s\n$/);
      assert.ok(took < 15_000, `took ${took} ms`);
    } finally {
      d2.thaw();
    }
  });

  it('no engine answers: one clear line, exit 1', async () => {
    const r = await ctop(['-H', 'a=unix:///run/ctop-test-gone-a.sock', '-H', 'b=tcp://127.0.0.1:1', '--no-stream']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^ctop-ts: no engine answered: a \(unix:\/\/\/run\/ctop-test-gone-a.sock\): .*; b \(tcp:\/\/127.0.0.1:1\): .*refused/);
  });

  it('an engine killed mid-stream goes down within 2 intervals, the others keep updating, and it is back within 5 s of restarting', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/ctop-ts.js'), ...hosts, '--json', '-i', '1', '-l', `run=${RUN}`], { cwd: ROOT });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    const waitFor = async (what: string, ms: number, check: (lines: Record<string, any>[]) => boolean) => {
      const deadline = Date.now() + ms;
      while (!check(jsonLines(out.slice(0, out.lastIndexOf('\n') + 1)))) {
        if (Date.now() > deadline) assert.fail(`${what} not within ${ms} ms:\n${out.slice(-3000)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return Date.now();
    };
    try {
      await waitFor('rows from all engines', 20_000, (l) => Object.keys(ids).every((h) => l.some((x) => x.type === 'container' && x.host === h)));
      const killedAt = Date.now();
      const mark = out.length;
      await d2.kill();
      await waitFor('dock2 down', 2_000 + (Date.now() - killedAt), (l) => l.some((x) => x.type === 'engine' && x.engine === 'dock2' && x.state === 'down'));
      // The others keep printing fresh rows while dock2 is down.
      await new Promise((r) => setTimeout(r, 2_500));
      const during = jsonLines(out.slice(mark, out.lastIndexOf('\n') + 1));
      const downAt = during.findIndex((x) => x.type === 'engine');
      const after = during.slice(downAt + 1).filter((x) => x.type === 'container');
      for (const h of ['docker', 'podman']) assert.ok(after.filter((x) => x.host === h).length >= 2, `${h} kept updating:\n${out.slice(mark)}`);
      assert.equal(after.filter((x) => x.host === 'dock2').length, 0, 'no rows for the down engine');
      // Marked before start(): the fleet may see the engine answer before start() returns.
      const upMark = out.length;
      await d2.start();
      const startedAt = Date.now();
      await waitFor('dock2 up again', 5_000, () => jsonLines(out.slice(upMark, out.lastIndexOf('\n') + 1)).some((x) => x.type === 'engine' && x.engine === 'dock2' && x.state === 'up'));
      await waitFor('dock2 rows again', 5_000 - (Date.now() - startedAt) + 1_000, () =>
        jsonLines(out.slice(upMark, out.lastIndexOf('\n') + 1)).some((x) => x.type === 'container' && x.host === 'dock2'),
      );
    } finally {
      child.kill();
    }
  });
});

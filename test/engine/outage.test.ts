// An engine that goes away must be said, not shown as "no containers": stop a PRIVATE dockerd
// (test/helpers/dockerd.ts; the shared engine is never touched) under `--json`, then start it.
// The outage shows within 2 intervals, rows come back within 5 s of the engine answering, and
// no line in between claims a running container with every metric null.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, it } from 'node:test';
import { TEST_IMAGE, TEST_LABEL } from '../helpers/engine.js';
import { dockerdMissingReason, startDockerd, type PrivateDockerd } from '../helpers/dockerd.js';
import { describeRequiring } from '../helpers/requirement.js';
import { launch, ROOT } from '../helpers/live-screen.js';
import { killTmuxServer, tmuxAvailable } from '../helpers/tmux.js';

const INTERVAL_MS = 1000;

interface Line {
  at: number; // ms since epoch when read
  obj: Record<string, any>;
}

/** Runs the built binary, collecting its NDJSON lines and stderr as they come. */
function runJson(args: string[]): { child: ChildProcess; lines: Line[]; stderr: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['bin/ctop-ts.js', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Line[] = [];
  let buf = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => {
    buf += d.toString('utf8');
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const text = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      lines.push({ at: Date.now(), obj: JSON.parse(text) as Record<string, any> });
    }
  });
  child.stderr!.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, lines, stderr: () => err, exited };
}

async function until<T>(check: () => T | undefined | null | false, what: string, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const METRICS = ['cpuPercent', 'memUsage', 'netRxBytes', 'blockReadBytes', 'pids'];

describeRequiring('engine outage', dockerdMissingReason, () => {
  let engine: PrivateDockerd;
  const ids: string[] = [];

  before(async () => {
    engine = await startDockerd({ name: 'outage' });
    for (const n of [1, 2]) {
      const r = await engine.docker(['run', '-d', '--network', 'none', '--label', TEST_LABEL, '--name', `ctop-test-outage-${n}`, TEST_IMAGE, 'sleep', '600']);
      assert.equal(r.code, 0, r.stderr);
      ids.push(r.stdout.trim());
    }
  });
  after(async () => {
    await killTmuxServer();
    await engine?.destroy();
  });

  it('the live screen (tmux) says the engine is unreachable, keeps the rows, and clears it on return', async (t) => {
    if (!(await tmuxAvailable())) {
      if (process.env.CI === 'true') throw new Error('tmux is needed (CI=true: failing instead of skipping)');
      return t.skip('tmux is not installed');
    }
    const names = ['ctop-test-outage-1', 'ctop-test-outage-2'];
    const { tmux, stop } = await launch(`-H ${engine.host} --interval ${INTERVAL_MS}ms`, 120, 20);
    try {
      await tmux.waitForScreen((s) => names.every((n) => s.includes(n)) && /2 running/.test(s), 20_000);
      await engine.stop();
      const stopped = Date.now();
      const down = await tmux.waitForScreen(/engine unreachable since \d\d:\d\d:\d\d/, 10_000);
      assert.ok(Date.now() - stopped <= 2 * INTERVAL_MS + 500, `shown ${Date.now() - stopped} ms after the engine stopped`);
      // Rows are kept (marked stale), never replaced by "No running containers".
      for (const n of names) assert.ok(down.includes(n), `${n} kept:\n${down}`);
      assert.doesNotMatch(down, /No running containers/);
      await new Promise((r) => setTimeout(r, 2 * INTERVAL_MS));
      const later = await tmux.capturePane();
      for (const n of names) assert.ok(later.includes(n), `${n} still kept:\n${later}`);
      await engine.start();
      const answering = Date.now();
      const back = await tmux.waitForScreen((s) => !/engine unreachable/.test(s) && names.every((n) => s.includes(n)), 10_000);
      assert.ok(Date.now() - answering <= 5000, `cleared ${Date.now() - answering} ms after the engine answered`);
      assert.match(back, /2 running/);
      assert.equal(await tmux.paneDead(), false, 'no crash');
    } finally {
      await stop();
    }
  });

  it('--events says the gap on stderr and goes on with the events after it', async () => {
    const run = runJson(['--events', '-H', engine.host, '--interval', `${INTERVAL_MS}ms`]);
    try {
      await new Promise((r) => setTimeout(r, 1500)); // subscribed
      await engine.stop();
      await until(() => /engine \S+ unreachable since \d\d:\d\d:\d\d \([^)]+\), retrying; events of the gap follow/.test(run.stderr()), 'the gap note', 2 * INTERVAL_MS + 1000);
      await engine.start();
      await until(() => /is answering again after \d+ s; the engine replayed what it kept of the gap/.test(run.stderr()), 'the end-of-gap note', 5000);
      const r = await engine.docker(['run', '-d', '--network', 'none', '--label', TEST_LABEL, TEST_IMAGE, 'true']);
      assert.equal(r.code, 0, r.stderr);
      const id = r.stdout.trim();
      await until(() => run.lines.some((l) => l.obj.type === 'event' && l.obj.id === id && l.obj.action === 'start'), 'an event after the gap', 10_000);
      await engine.docker(['rm', '-f', id]);
      assert.equal(run.child.exitCode, null);
    } finally {
      run.child.kill('SIGTERM');
      await run.exited;
    }
  });

  // A clean stop, and a crash (SIGKILL to dockerd and its containerd).
  for (const [source, how] of [['auto', 'stop'], ['api', 'kill']] as const) {
    it(`--json --source ${source}, engine ${how}: down/up lines, no made-up rows, rows back after`, async () => {
      const run = runJson(['--json', '-H', engine.host, '--source', source, '--interval', `${INTERVAL_MS}ms`]);
      try {
        const rowsOf = (from: number) => new Set(run.lines.filter((l) => l.at >= from && l.obj.type === 'container').map((l) => l.obj.id as string));
        await until(() => ids.every((id) => rowsOf(0).has(id)), 'both containers before the outage', 15_000);

        const stopping = Date.now();
        await (how === 'stop' ? engine.stop() : engine.kill());
        const stopped = Date.now();
        const down = await until(() => run.lines.find((l) => l.obj.type === 'engine' && l.obj.state === 'down'), 'an engine "down" line', 10_000);
        // From the moment dockerd has gone: within two intervals.
        assert.ok(down.at - stopped <= 2 * INTERVAL_MS, `down line ${down.at - stopped} ms after the engine stopped`);
        assert.equal(down.obj.schema, 1);
        assert.equal(typeof down.obj.reason, 'string');
        assert.ok(Date.parse(down.obj.since) >= stopping - 1000, `since ${down.obj.since}`);
        assert.match(run.stderr(), /engine \S+ unreachable since \d\d:\d\d:\d\d/);

        await new Promise((r) => setTimeout(r, 3 * INTERVAL_MS)); // a few ticks with the engine gone
        const duringOutage = run.lines.filter((l) => l.at > down.at && l.obj.type === 'container');
        assert.deepEqual(duringOutage.map((l) => l.obj.name), [], 'no container lines while the engine is down');

        await engine.start();
        const answering = Date.now();
        const up = await until(() => run.lines.find((l) => l.obj.type === 'engine' && l.obj.state === 'up'), 'an engine "up" line', 10_000);
        assert.ok(up.at - answering <= 5000, `up line ${up.at - answering} ms after the engine answered`);
        await until(() => ids.every((id) => rowsOf(answering).has(id)), 'both containers after the outage', 5000 + 2 * INTERVAL_MS);
        assert.match(run.stderr(), /engine \S+ is answering again after \d+/);

        for (const l of run.lines.filter((x) => x.obj.type === 'container' && x.obj.state === 'running')) {
          assert.ok(!METRICS.every((k) => l.obj[k] === null), `running row with every metric null: ${JSON.stringify(l.obj)}`);
          assert.notEqual(l.obj.source, null);
        }
        assert.equal(run.child.exitCode, null, `still running (stderr: ${run.stderr()})`);
        assert.doesNotMatch(run.stderr(), /unexpected error|at .*\.js:\d+/);
      } finally {
        run.child.kill('SIGTERM');
        await run.exited;
      }
    });
  }
});

// Issue 7 on the built binary against the real engine, in tmux: stop, start and restart a
// container through the actions menu and see it in `docker inspect`; --read-only refuses and
// changes nothing; the log view tails, follows and searches; exec opens a shell and the UI comes
// back after `exit`. Each launch shows one container (-f <its name>); every container runs with
// --network none (the helper adds it).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { describeEngine, docker, inspectContainer, removeContainers, runContainer, waitFor } from '../helpers/engine.js';
import { launch, ROOT, WAIT } from '../helpers/live-screen.js';
import { describeTmux, killTmuxServer } from '../helpers/tmux.js';

const ids: string[] = [];
const names: Record<string, string> = {};

async function start(role: string, cmd: string, args: string[] = []): Promise<string> {
  const id = await runContainer({ name: role, cmd, labels: { 'ctop-al-e2e': String(process.pid) }, args });
  ids.push(id);
  names[role] = (await docker(['inspect', '--format', '{{.Name}}', id])).stdout.trim().replace(/^\//, '');
  return id;
}

const status = async (id: string) => ((await inspectContainer(id)).State as { Status: string; StartedAt: string });

/** Engine actions on a busy daemon (other suites, benchmarks) can take a while; passing runs do not wait longer. */
const ACTION_WAIT = 60_000;

// Ends at once on SIGTERM (a shell as PID 1 ignores signals it has no trap for).
const STOPPABLE = "trap 'exit 0' TERM; while :; do sleep 0.2; done";

describeTmux('actions, logs and exec (tmux, real engine)', () => {
  describeEngine('against busybox containers', () => {
    before(async () => {
      assert.ok(existsSync(join(ROOT, 'dist/ui/run.js')), 'build first: npx tsc -p tsconfig.json');
      await start('act', STOPPABLE);
      await start('ro', STOPPABLE);
      // A known first line, then numbered lines, five a second.
      await start('logs', "echo needle-in-the-log; i=0; while :; do i=$((i+1)); echo line-$i; sleep 0.2; done");
      await start('sh', 'sleep 3600');
    });
    after(async () => {
      await killTmuxServer();
      await removeContainers(ids);
    });

    it('stops a container through the menu (m t y in one chunk), starts it again, restarts it', async () => {
      const id = ids[0];
      const { tmux, stop } = await launch(`-a -f ${names.act}`, 100, 30);
      try {
        await tmux.waitForScreen((s) => /^›.*▶/m.test(s) && s.includes(names.act.slice(0, 12)), WAIT);
        await tmux.sendKeys('m');
        let screen = await tmux.waitForScreen(/Actions: ctop-test-act/, WAIT);
        assert.match(screen, /t {2}stop/);
        await tmux.sendKeys('Escape');
        await tmux.waitForScreen((s) => !/Actions:/.test(s), WAIT);

        await tmux.sendKeys('m', 't', 'y'); // tmux delivers these as one chunk: "mty"
        await waitFor(async () => (await status(id)).Status === 'exited', { timeoutMs: ACTION_WAIT, message: 'the container to exit' });
        screen = await tmux.waitForScreen(/Stop: 1 ok/, ACTION_WAIT);
        await tmux.waitForScreen((s) => /^›.*■/m.test(s), WAIT); // the row says exited too
        await tmux.sendKeys('Enter'); // dismiss the result
        await tmux.waitForScreen((s) => !/Stop: 1 ok/.test(s), WAIT);

        // Exited: the menu offers start (s), not stop.
        await tmux.sendKeys('m');
        screen = await tmux.waitForScreen(/Actions: ctop-test-act/, WAIT);
        assert.match(screen, /s {2}start/);
        assert.doesNotMatch(screen, /t {2}stop/);
        await tmux.sendKeys('s');
        await tmux.waitForScreen(/Start container/, WAIT);
        await tmux.sendKeys('y');
        await waitFor(async () => (await status(id)).Status === 'running', { timeoutMs: ACTION_WAIT, message: 'the container to run again' });
        await tmux.waitForScreen(/Start: 1 ok/, ACTION_WAIT);
        await tmux.sendKeys('Escape');

        const before = (await status(id)).StartedAt;
        await tmux.waitForScreen((s) => /^›.*▶/m.test(s) && !/Start: 1 ok/.test(s), WAIT);
        await tmux.sendKeys('m', 'r', 'y');
        await waitFor(async () => {
          const s = await status(id);
          return s.Status === 'running' && s.StartedAt !== before;
        }, { timeoutMs: ACTION_WAIT, message: 'a new StartedAt after restart' });
        await tmux.waitForScreen(/Restart: 1 ok/, ACTION_WAIT);
        await tmux.sendKeys('Escape');
        await tmux.sendKeys('q');
        assert.equal(await tmux.waitForExit(WAIT), 0);
      } finally {
        await stop();
      }
    });

    it('--read-only: READ-ONLY badge, m shows the reason, x says exec is disabled; nothing changes', async () => {
      const id = ids[1];
      const before = await status(id);
      const { tmux, stop } = await launch(`--read-only -a -f ${names.ro}`, 100, 30);
      try {
        await tmux.waitForScreen((s) => /^ctop-ts READ-ONLY/.test(s) && /^›.*▶/m.test(s), WAIT);
        await tmux.sendKeys('m', 't', 'y');
        await tmux.waitForScreen(/read-only mode \(--read-only\): container actions are disabled/, WAIT);
        await tmux.sendKeys('Escape');
        await tmux.waitForScreen((s) => !/Actions unavailable/.test(s), WAIT);
        await tmux.sendKeys('x');
        await tmux.waitForScreen(/read-only mode \(--read-only\): exec is disabled/, WAIT);
        assert.equal(await tmux.alternateOn(), true, 'the UI never stepped aside');
        // Logs stay available.
        await tmux.sendKeys('L');
        await tmux.waitForScreen(new RegExp(`Logs: ${names.ro}`), WAIT);
        await tmux.sendKeys('q');
        assert.equal(await tmux.waitForExit(WAIT), 0);
        const after = await status(id);
        assert.deepEqual([after.Status, after.StartedAt], [before.Status, before.StartedAt], 'docker inspect unchanged');
      } finally {
        await stop();
      }
    });

    it('L shows the last lines, follows new ones, and / finds a known line', async () => {
      // Let some lines pile up first, so the view opens on a tail, not on the first line.
      await waitFor(async () => /line-20\b/.test((await docker(['logs', ids[2]])).stdout), { timeoutMs: WAIT, message: 'twenty log lines' });
      const { tmux, stop } = await launch(`-a -f ${names.logs}`, 100, 30);
      try {
        await tmux.waitForScreen((s) => s.includes(names.logs.slice(0, 12)) && /^›/m.test(s), WAIT);
        await tmux.sendKeys('L');
        const newest = (s: string) => Math.max(0, ...[...s.matchAll(/line-(\d+)/g)].map((m) => Number(m[1])));
        let screen = await tmux.waitForScreen((s) => new RegExp(`Logs: ${names.logs}`).test(s) && /FOLLOWING/.test(s) && newest(s) >= 20, WAIT);
        const first = newest(screen);
        // FOLLOWING: the newest line is the last one shown, and new ones keep arriving.
        screen = await tmux.waitForScreen((s) => newest(s) >= first + 5, WAIT);
        assert.match(screen, /FOLLOWING/);

        await tmux.sendKeys('/');
        await tmux.sendText('needle-in');
        await tmux.sendKeys('Enter');
        screen = await tmux.waitForScreen((s) => /match 1\/1/.test(s) && /^\s+needle-in-the-log/m.test(s), WAIT);
        assert.match(screen, /PAUSED/, 'a search stops following, to keep the match in view');
        await tmux.sendKeys('G');
        await tmux.waitForScreen(/FOLLOWING/, WAIT);
        await tmux.sendKeys('Escape');
        await tmux.waitForScreen((s) => /\bNAME\b/.test(s) && !/Logs:/.test(s), WAIT);
        await tmux.sendKeys('q');
        assert.equal(await tmux.waitForExit(WAIT), 0);
      } finally {
        await stop();
      }
    });

    it('x opens a shell in the container; its output shows; the UI comes back after exit', async () => {
      const { tmux, stop } = await launch(`-a -f ${names.sh}`, 100, 30);
      try {
        await tmux.waitForScreen((s) => s.includes(names.sh.slice(0, 12)) && /^›.*▶/m.test(s), WAIT);
        await tmux.sendKeys('x');
        await tmux.waitForScreen(/^\/ #/m, WAIT); // busybox sh's prompt, on the main screen
        assert.equal(await tmux.alternateOn(), false, 'the UI stepped aside');
        await tmux.sendText('echo hi-$((6*7))');
        await tmux.sendKeys('Enter');
        await tmux.waitForScreen(/^hi-42$/m, WAIT);
        await tmux.sendText('exit');
        await tmux.sendKeys('Enter');
        const screen = await tmux.waitForScreen((s) => /\bNAME\b/.test(s) && /shell \/bin\/sh in ctop-test-sh\S* ended \(exit 0\)/.test(s), WAIT);
        assert.equal(await tmux.alternateOn(), true, 'back on the alternate screen');
        assert.match(screen, /^›.*▶/m);
        // Keys work again, and sampling resumed (the clock in the header moves on).
        const clock = /(\d\d:\d\d:\d\d)\s*$/m.exec(screen.split('\n')[0])?.[1];
        await tmux.waitForScreen((s) => /(\d\d:\d\d:\d\d)\s*$/m.exec(s.split('\n')[0])?.[1] !== clock, WAIT);
        await tmux.sendKeys('q');
        assert.equal(await tmux.waitForExit(WAIT), 0);
      } finally {
        await stop();
      }
    });
  });
});

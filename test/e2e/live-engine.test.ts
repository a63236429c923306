// The built binary's live screen against the real engine, in tmux: busybox containers appear
// with their state, health and load; lifecycle changes show up; the terminal is restored.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { displayWidth } from '../../src/ui/shared/text-fit.js';
import { describeEngine, docker, removeContainers, runContainer, waitFor } from '../helpers/engine.js';
import { frameLines, launch, ROOT, selectedLine, WAIT } from '../helpers/live-screen.js';
import { describeTmux, killTmuxServer } from '../helpers/tmux.js';

const RUN = `ctop-ui-e2e=${process.pid}`;
const ids: string[] = [];
const names: Record<string, string> = {};

async function start(role: string, cmd: string, args: string[] = []): Promise<void> {
  const id = await runContainer({ name: `ui-${role}`, cmd, labels: { 'ctop-ui-e2e': String(process.pid) }, args });
  ids.push(id);
  names[role] = (await docker(['inspect', '--format', '{{.Name}}', id])).stdout.trim().replace(/^\//, '');
}

/** A name cell may be cut in the middle; match on its start. */
const rowOf = (screen: string, name: string) => screen.split('\n').find((l) => l.includes(name.slice(0, 14))) ?? '';

describeTmux('live screen (tmux, real engine)', () => {
  describeEngine('against busybox containers', () => {
    before(async () => {
      assert.ok(existsSync(join(ROOT, 'dist/ui/run.js')), 'build first: npx tsc -p tsconfig.json');
      await start('busy', 'while :; do :; done', ['--cpus', '0.5']);
      await start('idle', 'sleep 3600');
      await start('health', 'sleep 3600', ['--health-cmd', 'true', '--health-interval', '1s']);
      await start('done', 'true');
      await waitFor(async () => (await docker(['inspect', '--format', '{{.State.Health.Status}}', ids[2]])).stdout.trim() === 'healthy', {
        timeoutMs: 30_000,
        message: 'the health-checked container to be healthy',
      });
    });
    after(async () => {
      await killTmuxServer();
      await removeContainers(ids);
    });

    it('shows the containers with state, health, load and the engine; follows lifecycle changes', async () => {
      const { tmux, stop } = await launch(`-a -l ${RUN}`, 200, 40);
      try {
        let screen = await tmux.waitForScreen((s) => s.includes(names.busy.slice(0, 14)) && /\d+ running \/ 4 total/.test(s), WAIT);
        assert.match(screen, /Docker Engine|Podman Engine/);
        screen = await tmux.waitForScreen((s) => /✓ healthy/.test(rowOf(s, names.health)), WAIT);
        assert.match(rowOf(screen, names.done), /■ exited/);
        assert.match(rowOf(screen, names.idle), /▶ running/);
        // The busy loop is capped at half a core: its CPU reads between 20 % and 80 %.
        screen = await tmux.waitForScreen((s) => {
          const m = /\s(\d+\.\d)%/.exec(rowOf(s, names.busy));
          return m !== null && Number(m[1]) > 20 && Number(m[1]) < 80;
        }, WAIT);
        assert.match(screen.split('\n')[3], new RegExp(names.busy.slice(0, 14))); // busiest first

        // By name: busy, done, health, idle. Select health, then remove done (above it).
        await tmux.sendKeys('6', 'j', 'j');
        await tmux.waitForScreen((s) => s.includes('sort name▲') && selectedLine(s).includes(names.health.slice(0, 14)) && / 3\/4 /.test(s), WAIT);

        await docker(['pause', ids[1]]);
        await tmux.waitForScreen((s) => /‖ paused/.test(rowOf(s, names.idle)), WAIT);
        await docker(['unpause', ids[1]]);

        await removeContainers([ids[3]]); // the exited one, sorted first by name ("done")
        screen = await tmux.waitForScreen((s) => !s.includes(names.done.slice(0, 14)) && /\/ 3 total/.test(s), WAIT);
        assert.match(selectedLine(screen), new RegExp(names.health.slice(0, 14)), 'the selection stays on its container when another goes');
        assert.match(screen, / 2\/3 /);

        await tmux.sendKeys('q');
        assert.equal(await tmux.waitForExit(WAIT), 0);
        assert.equal(await tmux.alternateOn(), false);
      } finally {
        await stop();
      }
    });

    it('fits 80×24 with real rows', async () => {
      const { tmux, stop } = await launch(`-l ${RUN}`, 80, 24);
      try {
        const screen = await tmux.waitForScreen((s) => s.includes(names.busy.slice(0, 10)) && /\d+\.\d%/.test(s), WAIT);
        const lines = frameLines(screen);
        assert.ok(lines.length <= 23, `${lines.length} lines`);
        for (const l of lines) assert.ok(displayWidth(l) <= 80, `${displayWidth(l)} columns: ${l}`);
        await tmux.sendKeys('C-c');
        assert.equal(await tmux.waitForExit(WAIT), 0);
        assert.equal(await tmux.alternateOn(), false);
      } finally {
        await stop();
      }
    });
  });
});

// Issue 6 on the built binary against the real engine, in tmux: the detail view (facts, charts,
// j to the next container, Esc back), the events pane following a `docker restart`, and an OOM
// kill showing in the pane and in the container's state cell. Only this run's containers show
// (-l ctop-de-e2e=<pid>); every container runs with --network none (the helper adds it).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { displayWidth } from '../../src/ui/shared/text-fit.js';
import { describeEngine, docker, removeContainers, runContainer } from '../helpers/engine.js';
import { frameLines, launch, ROOT, WAIT } from '../helpers/live-screen.js';
import { describeTmux, killTmuxServer } from '../helpers/tmux.js';

const LABEL = 'ctop-de-e2e';
const RUN = `${LABEL}=${process.pid}`;
const ids: string[] = [];
const names: Record<string, string> = {};

async function start(role: string, cmd: string, opts: { memory?: string; shmSize?: string } = {}): Promise<string> {
  const id = await runContainer({ name: role, cmd, labels: { [LABEL]: String(process.pid) }, ...opts });
  ids.push(id);
  names[role] = (await docker(['inspect', '--format', '{{.Name}}', id])).stdout.trim().replace(/^\//, '');
  return id;
}

/** The table row of a container (names are cut in the middle when narrow: match the start). */
const rowOf = (screen: string, name: string) => screen.split('\n').find((l) => l.includes(name.slice(0, 14))) ?? '';
/** The events pane's lines (below its "Events" title). */
const paneOf = (screen: string) => screen.split('\n').slice(screen.split('\n').findIndex((l) => /^Events\s/.test(l)));

function assertFits(screen: string, cols: number, rows: number): void {
  const lines = frameLines(screen);
  assert.ok(lines.length <= rows - 1, `${lines.length} lines in a ${rows}-row terminal`);
  for (const l of lines) assert.ok(displayWidth(l) <= cols, `${displayWidth(l)} columns: ${l}`);
}

describeTmux('detail view and events (tmux, real engine)', () => {
  describeEngine('against busybox containers', () => {
    before(async () => {
      assert.ok(existsSync(join(ROOT, 'dist/ui/run.js')), 'build first: npx tsc -p tsconfig.json');
      // Names sort: da before db (sort by name with 6).
      await start('da', 'sleep 3600');
      await start('db', 'sleep 3600');
    });
    after(async () => {
      await killTmuxServer();
      await removeContainers(ids);
    });

    it('Enter opens the detail view with facts and charts; j shows the next container; Esc returns', async () => {
      const { tmux, stop } = await launch(`-a -l ${RUN}`, 120, 40);
      try {
        await tmux.waitForScreen((s) => s.includes(names.db.slice(0, 14)) && /2 running \/ 2 total/.test(s), WAIT);
        await tmux.sendKeys('6'); // by name: da, db
        await tmux.waitForScreen((s) => /sort name▲/.test(s) && /^›.*\bctop-test-da-/m.test(s), WAIT);
        await tmux.sendKeys('Enter');
        // Facts come from `docker inspect`: the full name, the image, the command.
        let screen = await tmux.waitForScreen((s) => /Esc back {2}k prev {2}j next/.test(s) && new RegExp(`name\\s+${names.da}`).test(s) && /command\s+sh -c 'sleep 3600'/.test(s), WAIT);
        assert.match(screen, /image\s+ctop-test\/busybox/);
        assert.match(screen, /^CPU (--|\S+%)  peak/m, `the CPU chart:\n${screen}`);
        assert.match(screen, /^MEM /m, 'the memory chart');
        assert.match(screen, /Recent events/);
        assertFits(screen, 120, 40);
        await tmux.sendKeys('j');
        screen = await tmux.waitForScreen((s) => new RegExp(`name\\s+${names.db}`).test(s), WAIT);
        assert.match(screen.split('\n')[2], new RegExp(`running\\s+${names.db}`), 'the header names the next container');
        await tmux.sendKeys('Escape');
        screen = await tmux.waitForScreen((s) => /\bNAME\b/.test(s) && !/Esc back {2}k prev {2}j next/.test(s), WAIT);
        assert.match(screen, /^›.*\bctop-test-db-/m, 'the selection followed j');

        // 80×24: the same view fits.
        await tmux.resize(80, 24);
        await tmux.sendKeys('Enter');
        screen = await tmux.waitForScreen((s) => /Esc back {2}k prev {2}j next/.test(s) && s.includes(names.db.slice(0, 12)), WAIT);
        assertFits(screen, 80, 24);
        await tmux.sendKeys('q');
        assert.equal(await tmux.waitForExit(WAIT), 0);
      } finally {
        await stop();
      }
    });

    it('e shows the events pane; a docker restart and an OOM kill appear there and in the state cells', async () => {
      const { tmux, stop } = await launch(`-a -l ${RUN}`, 120, 40);
      try {
        await tmux.waitForScreen((s) => s.includes(names.db.slice(0, 14)) && /\d+ running \/ \d+ total/.test(s), WAIT);
        await tmux.sendKeys('e');
        await tmux.waitForScreen((s) => /^Events\s/m.test(s), WAIT);

        await docker(['restart', '-t', '0', names.db]);
        let screen = await tmux.waitForScreen((s) => paneOf(s).some((l) => l.includes(names.db.slice(0, 10)) && /\brestart$/.test(l.trimEnd())), WAIT);
        assert.ok(paneOf(screen).some((l) => /die \(exit 137\)/.test(l)), 'the die before the restart');
        screen = await tmux.waitForScreen((s) => /↻1/.test(rowOf(s, names.db)), WAIT);
        assertFits(screen, 120, 40);

        // Shared memory counts against the 16 MiB limit: writing 64 MiB there gets dd OOM-killed.
        await start('dm', 'sleep 1; dd if=/dev/zero of=/dev/shm/f bs=1M count=64; sleep 3600', { memory: '16m', shmSize: '128m' });
        screen = await tmux.waitForScreen((s) => paneOf(s).some((l) => /^! .*oom \(out of memory\)/.test(l)), 30_000);
        screen = await tmux.waitForScreen((s) => /OOM/.test(rowOf(s, names.dm)), WAIT);
        assert.match(rowOf(screen, names.dm), /^.\S+ (running )?OOM\s/, 'OOM follows the state glyph');
        assertFits(screen, 120, 40);

        // 80×24 with the pane open: everything fits.
        await tmux.resize(80, 24);
        screen = await tmux.waitForScreen((s) => frameLines(s).length <= 23 && /^Events\s/m.test(s) && /sort /.test(s), WAIT);
        assertFits(screen, 80, 24);
        await tmux.sendKeys('e');
        await tmux.waitForScreen((s) => !/^Events\s/m.test(s), WAIT);
        await tmux.sendKeys('q');
        assert.equal(await tmux.waitForExit(WAIT), 0);
      } finally {
        await stop();
      }
    });
  });
});

// The `/` filter prompt and the `l` grouping in the built binary's live screen (tmux), against
// the real engine with containers labelled like two compose projects (three services), and
// against --mock; then the CLI's -l and --group-by against the same containers.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { COMPOSE_PROJECT, COMPOSE_SERVICE } from '../../src/core/query/grouping.js';
import { displayWidth } from '../../src/ui/shared/text-fit.js';
import { describeEngine, docker, removeContainers, runContainer } from '../helpers/engine.js';
import { frameLines, launch, ROOT, WAIT } from '../helpers/live-screen.js';
import { describeTmux, killTmuxServer } from '../helpers/tmux.js';

const RUN_KEY = 'ctop-fg-run';
const RUN = `${RUN_KEY}=${process.pid}`;
const SHOP = `fgshop${process.pid}`;
const BLOG = `fgblog${process.pid}`;

interface Started {
  id: string;
  name: string;
  project: string;
  service: string;
}

const started: Started[] = [];

async function start(base: string, project: string, service: string, cmd: string, args: string[] = []): Promise<void> {
  const id = await runContainer({ name: base, cmd, args, labels: { [COMPOSE_PROJECT]: project, [COMPOSE_SERVICE]: service, [RUN_KEY]: String(process.pid) } });
  const name = (await docker(['inspect', '--format', '{{.Name}}', id])).stdout.trim().replace(/^\//, '');
  started.push({ id, name, project, service });
}

const named = (project: string, service: string) => started.filter((s) => s.project === project && s.service === service).map((s) => s.name);
const lineOf = (screen: string, text: string) => screen.split('\n').find((l) => l.includes(text)) ?? '';
const cpuOf = (line: string) => Number(/(\d+\.\d)%/.exec(line)?.[1] ?? NaN);
/** The PIDS cell of a row, found under the (right-aligned) PIDS header; every glyph drawn is one column. */
function pidsOf(screen: string, line: string): number {
  const header = screen.split('\n').find((l) => l.includes(' PIDS')) ?? '';
  const end = header.indexOf(' PIDS') + 5;
  return end < 5 ? NaN : Number(line.slice(end - 5, end).trim() || NaN);
}

function assertFits(screen: string, cols: number, rows: number): void {
  const lines = frameLines(screen);
  assert.ok(lines.length <= rows - 1, `${lines.length} lines in ${rows} rows`);
  for (const l of lines) assert.ok(displayWidth(l) <= cols, `${displayWidth(l)} columns: ${l}`);
}

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(ROOT, 'bin/ctop-ts.js'), ...args], { cwd: ROOT, timeout: 60_000, encoding: 'utf8' }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

const parse = (ndjson: string) => ndjson.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, any>);

describeTmux('filter and grouping (tmux)', () => {
  before(() => {
    assert.ok(existsSync(join(ROOT, 'dist/ui/filter/filter-prompt-reducer.js')), 'build first: npx tsc -p tsconfig.json');
  });
  after(killTmuxServer);

  it('--mock: / narrows, a bad selector shows its caret, l → compose shows groups', async () => {
    const { tmux, stop } = await launch('--mock 3', 100, 30);
    try {
      await tmux.waitForScreen(/running \/ \d+ total/, WAIT);
      await tmux.sendKeys('/');
      await tmux.waitForScreen('Enter keeps', WAIT);
      await tmux.sendText(`${COMPOSE_SERVICE}=web`);
      await tmux.sendKeys('Enter');
      let screen = await tmux.waitForScreen((s) => s.includes(`filter ${COMPOSE_SERVICE}=web`) && s.includes('? help'), WAIT);
      const rows = screen.split('\n').filter((l) => /^[ ›]\S\s+[a-z]+-[a-z]+-\d/.test(l));
      assert.ok(rows.length > 0 && rows.every((l) => /-web-\d/.test(l)), screen);
      await tmux.sendKeys('/');
      await tmux.sendText(',,');
      screen = await tmux.waitForScreen('expected a label key', WAIT);
      const lines = screen.split('\n');
      const at = lines.findIndex((l) => l.startsWith('/ '));
      assert.equal(lines[at + 1].indexOf('^'), lines[at].indexOf(',,') + 1, screen);
      // Apart: Esc and l in one chunk would read as Alt-l.
      await tmux.sendKeys('Escape');
      await tmux.waitForScreen((s) => s.includes('? help') && !s.includes('filter com'), WAIT);
      await tmux.sendKeys('l');
      await tmux.waitForScreen('(no grouping)', WAIT);
      await tmux.sendKeys('j', 'Enter');
      // Under 120 columns the state column is a glyph: "n/m" follows the group's name.
      screen = await tmux.waitForScreen((s) => /^[ ›] {2}▾ (shop|blog|metrics)\/\w+ \d+\/\d+ +\d+\.\d%/m.test(s), WAIT);
      assertFits(screen, 100, 30);
      await tmux.sendKeys('q');
      assert.equal(await tmux.waitForExit(WAIT), 0);
    } finally {
      await stop();
    }
  });

  describeEngine('against the real engine, two compose projects', () => {
    before(async () => {
      await start('sw1', SHOP, 'web', 'while :; do :; done', ['--cpus', '0.2']);
      await start('sw2', SHOP, 'web', 'sleep 3600');
      await start('sdb', SHOP, 'db', 'sleep 3600');
      await start('bw1', BLOG, 'web', 'sleep 3600');
    });
    after(async () => {
      await removeContainers(started.map((s) => s.id));
    });

    it('/ then a selector narrows the rows; a bad one shows the error and keeps them; l → compose groups with totals', async () => {
      const { tmux, stop } = await launch(`-l ${RUN}`, 120, 40);
      try {
        let screen = await tmux.waitForScreen((s) => started.every((c) => s.includes(c.name)) && /4 running \/ 4 total/.test(s), WAIT);
        assert.match(screen.split('\n')[0], new RegExp(`query ${RUN}`));

        await tmux.sendKeys('/');
        await tmux.sendText(`${COMPOSE_SERVICE}=web`);
        await tmux.sendKeys('Enter');
        screen = await tmux.waitForScreen((s) => !s.includes(named(SHOP, 'db')[0]) && s.includes('? help'), WAIT);
        for (const name of [...named(SHOP, 'web'), ...named(BLOG, 'web')]) assert.ok(screen.includes(name), `${name} stays`);
        assert.match(screen.split('\n')[0], /3 running \/ 3 total · query .* · filter com\.docker\.compose\.service=web/);

        // `/` opens on the filter in force; ",," does not parse: error and caret, rows unchanged.
        await tmux.sendKeys('/');
        await tmux.sendText(',,');
        screen = await tmux.waitForScreen('expected a label key', WAIT);
        const lines = screen.split('\n');
        const at = lines.findIndex((l) => l.startsWith('/ '));
        assert.equal(lines[at + 1].indexOf('^'), lines[at].indexOf(',,') + 1, screen);
        for (const name of named(SHOP, 'web')) assert.ok(screen.includes(name), `${name} kept under the error`);
        assert.ok(!screen.includes(named(SHOP, 'db')[0]));
        await tmux.sendKeys('Escape');
        await tmux.waitForScreen((s) => started.every((c) => s.includes(c.name)) && s.includes('? help'), WAIT);

        await tmux.sendKeys('l');
        await tmux.waitForScreen((s) => s.includes('Group by') && s.includes(COMPOSE_PROJECT) && s.includes(RUN_KEY), WAIT);
        await tmux.sendKeys('j', 'Enter');
        // A frame whose shop/web totals add up its members' (the same tick, so exact up to rounding).
        screen = await tmux.waitForScreen((s) => {
          const group = lineOf(s, `▾ ${SHOP}/web`);
          const members = named(SHOP, 'web').map((n) => lineOf(s, n));
          if (!group || members.some((m) => !m || Number.isNaN(cpuOf(m)))) return false;
          const sum = members.reduce((a, m) => a + cpuOf(m), 0);
          return cpuOf(group) > 5 && Math.abs(cpuOf(group) - sum) <= 0.15;
        }, WAIT);
        const group = lineOf(screen, `▾ ${SHOP}/web`);
        assert.match(group, /2\/2 running/);
        const memberPids = named(SHOP, 'web').map((n) => pidsOf(screen, lineOf(screen, n)));
        assert.ok(memberPids.every((p) => p >= 1), screen);
        assert.equal(pidsOf(screen, group), memberPids[0] + memberPids[1], screen);
        assert.match(lineOf(screen, `▾ ${SHOP}/db`), /1\/1 running/);
        assert.match(lineOf(screen, `▾ ${BLOG}/web`), /1\/1 running/);
        // Members sit indented under their group.
        const order = screen.split('\n');
        const gi = order.findIndex((l) => l.includes(`▾ ${SHOP}/web`));
        assert.ok(named(SHOP, 'web').every((n) => [order[gi + 1], order[gi + 2]].some((l) => l.includes(n))), screen);
        assert.match(screen.split('\n')[0], /group compose/);
        assertFits(screen, 120, 40);

        // Enter on the group row (the busiest group, selected at the top) collapses it.
        await tmux.sendKeys('Enter');
        screen = await tmux.waitForScreen((s) => s.includes(`▸ ${SHOP}/web`), WAIT);
        assert.ok(named(SHOP, 'web').every((n) => !screen.includes(n)));

        await tmux.resize(80, 24);
        // Three group rows (their long test project names cut in the middle at this width).
        const groupRows = (s: string) => s.split('\n').filter((l) => /[▾▸] fg/.test(l)).length;
        screen = await tmux.waitForScreen((s) => groupRows(s) === 3 && s.includes(' S NAME'), WAIT); // the 80-column layout
        assertFits(screen, 80, 24);

        await tmux.sendKeys('q');
        assert.equal(await tmux.waitForExit(WAIT), 0);
        assert.equal(await tmux.alternateOn(), false);
      } finally {
        await stop();
      }
    });

    it('-g compose starts grouped, at 80×24 within the frame', async () => {
      const { tmux, stop } = await launch(`-l ${RUN} -g compose`, 80, 24);
      try {
        const screen = await tmux.waitForScreen((s) => s.split('\n').filter((l) => /▾ fg(shop|blog)/.test(l)).length === 3 && /\d+\.\d%/.test(s), WAIT);
        assertFits(screen, 80, 24);
        await tmux.sendKeys('C-c');
        assert.equal(await tmux.waitForExit(WAIT), 0);
      } finally {
        await stop();
      }
    });

    it('CLI: --no-stream --json -l <project> returns only that project', async () => {
      const r = await cli(['--no-stream', '--json', '-l', RUN, '-l', `${COMPOSE_PROJECT}=${SHOP}`]);
      assert.equal(r.code, 0, r.stderr);
      const names = parse(r.stdout).map((o) => o.name as string).sort();
      assert.deepEqual(names, started.filter((s) => s.project === SHOP).map((s) => s.name).sort());
    });

    it('CLI: --no-stream --group-by compose --json: one object per service followed by its members, totals = sums of members', async () => {
      const r = await cli(['--no-stream', '--json', '-l', RUN, '--group-by', 'compose']);
      assert.equal(r.code, 0, r.stderr);
      const lines = parse(r.stdout);
      // Each group's object, then its members' container objects (README, JSON schema).
      let current: Set<string> | null = null;
      for (const l of lines) {
        if (l.type === 'group') current = new Set(l.members as string[]);
        else assert.ok(l.type === 'container' && current?.has(l.id as string), `${l.type} ${l.id} out of place`);
      }
      assert.equal(lines.filter((l) => l.type === 'container').length, started.length, 'every member once');
      const groups = lines.filter((l) => l.type === 'group');
      assert.ok(groups.every((g) => g.key === 'compose'));
      assert.deepEqual(groups.map((g) => g.value).sort(), [`${BLOG}/web`, `${SHOP}/db`, `${SHOP}/web`].sort());
      for (const g of groups) {
        const [project, service] = (g.value as string).split('/');
        const members = started.filter((s) => s.project === project && s.service === service);
        assert.deepEqual([...g.members].sort(), members.map((m) => m.id).sort(), g.value);
        assert.equal(g.count, members.length);
        assert.equal(g.running, members.length);
      }

      // Exact sums need the members' numbers from the same sample: record a few ticks of the real
      // engine, then read the same tick back both ways.
      const dir = mkdtempSync(join(tmpdir(), 'ctop-fg-'));
      try {
        const file = join(dir, 'ticks.jsonl');
        const rec = await new Promise<number>((resolve) => {
          const child = execFile(process.execPath, [join(ROOT, 'bin/ctop-ts.js'), '--json', '-l', RUN, '-i', '0.5', '--record', file], { cwd: ROOT });
          setTimeout(() => child.kill('SIGTERM'), 3000);
          child.on('exit', (code) => resolve(code ?? 0));
        });
        assert.equal(rec, 0);
        const [grouped, flat] = await Promise.all([
          cli(['--replay', file, '--no-stream', '--json', '--group-by', 'compose']),
          cli(['--replay', file, '--no-stream', '--json']),
        ]);
        assert.equal(grouped.code, 0, grouped.stderr);
        assert.equal(flat.code, 0, flat.stderr);
        const byId = new Map(parse(flat.stdout).map((c) => [c.id as string, c]));
        const fields = ['cpuPercent', 'memUsage', 'netRxRate', 'netTxRate', 'blockReadRate', 'blockWriteRate', 'blockReadBytes', 'blockWriteBytes', 'pids'];
        const replayed = parse(grouped.stdout).filter((l) => l.type === 'group');
        assert.equal(replayed.length, 3);
        for (const g of replayed) {
          for (const f of fields) {
            const sum = (g.members as string[]).reduce((a, id) => a + (byId.get(id)?.[f] ?? 0), 0);
            assert.ok(Math.abs(g[f] - sum) <= 1e-9 * Math.max(1, Math.abs(sum)), `${g.value} ${f}: ${g[f]} vs ${sum}`);
          }
        }
        const web = replayed.find((g) => g.value === `${SHOP}/web`)!;
        assert.ok(web.cpuPercent > 5, `the busy member shows in its group's CPU (${web.cpuPercent})`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});

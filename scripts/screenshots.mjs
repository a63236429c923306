#!/usr/bin/env node
// The README pictures, from a real run: the built binary plays a generated demo replay inside a
// private tmux server at a fixed size, keys are sent as a user would type them, the screen is
// captured with its colours (`capture-pane -e`) and rendered to SVG (scripts/lib/screen-svg.mjs).
//
//   npm run screenshots                     build, then write docs/*.svg
//   node scripts/screenshots.mjs [--out DIR] [--only table,detail] [--keep-replay FILE]
//
// Reproducible: the replay is generated from a fixed seed on a virtual clock, the binary's clock
// is pinned to the replay's (scripts/lib/pinned-clock.mjs, TZ=UTC), and every picture is taken on
// the tick a new container appears (the header's total grows by one), whatever the
// machine's speed. All pictures run at once, so a full run takes about as long as that tick: ~70 s.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScreen, screenText } from './lib/ansi-screen.mjs';
import { gridToSvg } from './lib/screen-svg.mjs';
import { enginesMissingReason, setUpEngines } from './lib/engines-shot.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const COLS = 120;
const ROWS = 34;
const SOCKET = `ctop-shots-${process.pid}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * One picture: the binary's arguments, the steps that bring the screen there (after the first
 * frame), and the names that must be on it. A transcript instead runs plain commands in a shell
 * and pictures them as typed, with their output and exit status.
 * `engines` pictures real engines instead of the replay (scripts/lib/engines-shot.mjs).
 * @typedef {{ name: string, title: string, args: string[], steps?: Step[], transcript?: string[][], engines?: boolean, rows?: number, expect: string[] }} Shot
 * @typedef {{ keys: string[], until: RegExp } | { select: string }} Step  `until`: the screen once the keys took effect
 */

/** @returns {Shot[]} */
export function shots(demo) {
  return [
    {
      name: 'table',
      title: 'ctop-ts: the live table, CPU sparklines, memory bars and rates',
      args: [],
      expect: demo.runningAtSentinel,
    },
    {
      name: 'detail',
      title: 'ctop-ts: the detail view of one container, with its charts, facts and events',
      args: [],
      // By name (6), so the selection does not move while j walks down to it.
      steps: [{ keys: ['6'], until: /NAME▲/ }, { select: 'blog-worker-1' }, { keys: ['Enter'], until: /esc back|\bpeak\b/i }],
      expect: ['blog-worker-1'],
    },
    {
      name: 'groups',
      title: 'ctop-ts: containers grouped by compose project and service, with totals',
      args: ['-g', 'compose'],
      expect: demo.runningAtSentinel.filter((n) => n.startsWith('shop-')),
    },
    {
      name: 'events',
      title: 'ctop-ts: the events pane under the table',
      args: [],
      steps: [{ keys: ['e'], until: /^Events\b/m }],
      expect: ['blog-worker-1', 'blog-api-2', 'shop-web-2', demo.sentinelName],
    },
    {
      name: 'engines',
      title: 'ctop-ts watching two engines at once, Docker and Podman (-H twice), with a HOST column',
      args: [],
      engines: true,
      rows: 12,
      expect: [], // the containers setUpEngines() starts
    },
    {
      name: 'check',
      title: 'ctop-ts check: a Nagios/Icinga plugin run, its output and exit status',
      args: [],
      transcript: [['check', '--replay', 'demo.ndjson', '-l', 'com.docker.compose.service=worker', '-w', 'cpu=80', '-c', 'cpu=150', '-c', 'oom']],
      rows: 8,
      expect: ['blog-worker-1', 'metrics-worker-1'],
    },
  ];
}

const tmuxConfig = ['set -s exit-empty off', 'set -g remain-on-exit on', 'set -g status off', 'set -g default-shell /bin/sh', 'set -g default-terminal xterm-256color'];

function tmux(configPath, args) {
  return new Promise((resolvePromise, reject) => {
    execFile('tmux', ['-L', SOCKET, '-f', configPath, ...args], { env: { ...process.env, TERM: 'xterm-256color' }, encoding: 'utf8', timeout: 15_000 }, (err, stdout, stderr) =>
      err ? reject(new Error(`tmux ${args[0]}: ${stderr.trim() || err.message}`)) : resolvePromise(stdout),
    );
  });
}

const quote = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;

/** Types each command after a `$ ` prompt, runs it, then shows `echo $?`; the shell stays open. */
function transcriptScript(shot, ctx) {
  const lines = shot.transcript.map((args) => {
    const shown = ['ctop-ts', ...args].join(' ');
    return `printf '$ %s\\n' ${quote(shown)}; node ${quote(join(ROOT, 'bin/ctop-ts.js'))} ${args.map(quote).join(' ')}; s=$?; printf '$ echo $?\\n%s\\n' "$s"`;
  });
  return `cd ${quote(ctx.workDir)}; ${lines.join('; ')}; printf '$ '; exec sleep 86400`;
}

async function takeOne(shot, ctx) {
  const env = {
    CI: 'false', // Ink renders only the last frame under CI=true
    FORCE_COLOR: '3', // and supports-color sees CI in the environment and would turn colour off
    TZ: 'UTC',
    LANG: 'C.UTF-8',
    CTOP_PINNED_EPOCH: String(ctx.demo.epoch),
  };
  const rows = shot.rows ?? ROWS;
  // Real engines keep the real clock: their records carry the engine's own times.
  const engines = shot.engines ? await setUpEngines() : null;
  const input = engines ? engines.args : ['--import', join(ROOT, 'scripts/lib/pinned-clock.mjs'), join(ROOT, 'bin/ctop-ts.js'), '--replay', ctx.replayPath];
  const live = ['node', ...(engines ? [join(ROOT, 'bin/ctop-ts.js')] : []), ...input, ...shot.args].map(quote).join(' ');
  const expect = engines ? engines.expect : shot.expect;
  const args = ['new-session', '-d', '-P', '-F', '#{pane_id}', '-s', shot.name, '-x', String(COLS), '-y', String(rows), '-c', ROOT];
  for (const [k, v] of Object.entries(env)) args.push('-e', `${k}=${v}`);
  let pane;
  try {
    pane = (await tmux(ctx.config, [...args, shot.transcript ? transcriptScript(shot, ctx) : `exec ${live}`])).trim();
  } catch (err) {
    await engines?.cleanup();
    throw err;
  }
  const capture = (escapes) => tmux(ctx.config, ['capture-pane', '-p', '-N', ...(escapes ? ['-e'] : []), '-t', pane]);
  const waitFor = async (what, test, timeoutMs) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = await capture(false);
      if (test(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`${shot.name}: timed out waiting for ${what}; the screen was:\n${screen}`);
      await sleep(40);
    }
  };
  const picture = async () => {
    const grid = parseScreen(await capture(true), COLS, rows);
    const text = screenText(grid);
    const missing = expect.filter((n) => !text.includes(n));
    if (missing.length) throw new Error(`${shot.name}: ${missing.join(', ')} not on the screen:\n${text}`);
    return { name: shot.name, svg: gridToSvg(grid, { title: shot.title }), text };
  };
  try {
    if (shot.transcript) {
      const done = (s) => (s.match(/^\$ echo \$\?\n\d+$/gm) ?? []).length === shot.transcript.length;
      await waitFor('the commands to finish', done, 30_000);
      return await picture();
    }
    const first = await waitFor('the first frame', (s) => /\bNAME\b/.test(s) || /Pane is dead/.test(s), 20_000);
    if (/Pane is dead/.test(first)) throw new Error(`${shot.name}: the program exited:\n${first}`);
    // The header's "N running / M total": the sentinel container makes it M + 1.
    if (engines) {
      // ctop-ts retries an engine that did not answer at first: give it a few rounds.
      await waitFor('every container of both engines', (s) => expect.every((n) => s.includes(n)), 60_000);
      await sleep(15_000); // some history for the sparklines
      return await picture();
    }
    const total = Number(/\/ (\d+) total/.exec(first)?.[1]);
    if (!total) throw new Error(`${shot.name}: no "N running / M total" in the header:\n${first}`);
    for (const step of shot.steps ?? []) {
      if ('keys' in step) {
        await tmux(ctx.config, ['send-keys', '-t', pane, ...step.keys]);
        await waitFor(`${step.keys.join(' ')} to take effect`, (s) => step.until.test(s), 10_000);
      } else {
        // One j or k at a time, each waited for: keys sent together arrive as one chunk.
        const lines = (s) => s.split('\n');
        const selectedRow = (s) => lines(s).findIndex((l) => l.startsWith('›'));
        const targetRow = (s) => lines(s).findIndex((l) => l.includes(` ${step.select} `));
        for (let i = 0; i < 80; i++) {
          const screen = await capture(false);
          const [from, to] = [selectedRow(screen), targetRow(screen)];
          if (from === to || to < 0) break;
          await tmux(ctx.config, ['send-keys', '-t', pane, from < 0 || to > from ? 'j' : 'k']);
          await waitFor('the selection to move', (s) => selectedRow(s) !== from, 5_000).catch(() => undefined);
        }
        const selected = (s) => selectedRow(s) >= 0 && selectedRow(s) === targetRow(s);
        await waitFor(`${step.select} selected`, selected, 5_000);
      }
    }
    // The tick the sentinel container appears on; captured straight away, a second before the next.
    await waitFor(`tick ${ctx.demo.sentinelTick}`, (s) => s.includes(`/ ${total + 1} total`), (ctx.demo.sentinelTick + 30) * 1000);
    return await picture();
  } finally {
    await tmux(ctx.config, ['kill-session', '-t', pane]).catch(() => undefined);
    await engines?.cleanup();
  }
}

/**
 * Takes the pictures and writes DIR/<name>.svg. Returns what it wrote.
 * @param {{ outDir: string, only?: string[], keepReplay?: string, log?: (line: string) => void }} opts
 */
export async function takeScreenshots(opts) {
  const log = opts.log ?? (() => undefined);
  if (!existsSync(join(ROOT, 'dist/cli.js'))) throw new Error('not built: run `npm run build` first (npm run screenshots does)');
  const { buildDemoReplay, demoFacts } = await import('./lib/demo-replay.mjs');
  const work = mkdtempSync(join(tmpdir(), 'ctop-shots-'));
  const config = join(work, 'tmux.conf');
  writeFileSync(config, tmuxConfig.join('\n') + '\n');
  const replayPath = opts.keepReplay ? resolve(opts.keepReplay) : join(work, 'demo.ndjson');
  const replayText = await buildDemoReplay();
  writeFileSync(replayPath, replayText);
  const demo = demoFacts(replayText);
  const ctx = { config, replayPath, demo, workDir: work };
  if (opts.keepReplay) writeFileSync(join(work, 'demo.ndjson'), replayText); // transcripts name it so
  let selected = shots(demo).filter((s) => !opts.only || opts.only.includes(s.name));
  if (selected.length === 0) throw new Error(`no such picture: ${opts.only?.join(', ')}`);
  const noEngines = selected.some((s) => s.engines) ? await enginesMissingReason() : null;
  if (noEngines && opts.only) throw new Error(`engines: ${noEngines}`);
  if (noEngines) {
    log(`skipping engines: ${noEngines}`);
    selected = selected.filter((s) => !s.engines);
  }
  mkdirSync(opts.outDir, { recursive: true });
  try {
    log(`taking ${selected.map((s) => s.name).join(', ')} (${COLS} columns); the live screens wait for replay tick ${demo.sentinelTick}, about ${demo.sentinelTick + 5} s`);
    // Retried once: a program that dies before its first frame (the build it loads may be being
    // rewritten: other work in the same tree runs tsc), and the real engines (a Podman service
    // can stall while other podman commands hold its storage locks).
    const retry = (s, err) => s.engines || String(err?.message).includes('the program exited');
    const attempt = (s) => takeOne(s, ctx).catch((err) => (retry(s, err) ? (log(`${s.name}: retrying after: ${String(err?.message).split('\n')[0]}`), takeOne(s, ctx)) : Promise.reject(err)));
    const settled = await Promise.allSettled(selected.map(attempt));
    const results = [];
    for (const r of settled) {
      if (r.status !== 'fulfilled') continue;
      const file = join(opts.outDir, `${r.value.name}.svg`);
      writeFileSync(file, r.value.svg);
      log(`wrote ${file} (${r.value.svg.length} bytes)`);
      results.push({ ...r.value, file });
    }
    const failed = settled.filter((r) => r.status === 'rejected').map((r) => (r.reason instanceof Error ? r.reason.message : String(r.reason)));
    if (failed.length) throw new Error(failed.join('\n'));
    return results;
  } finally {
    await tmux(config, ['kill-server']).catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
}

function parseArgs(argv) {
  const opts = { outDir: join(ROOT, 'docs') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out') opts.outDir = resolve(argv[++i]);
    else if (a === '--only') opts.only = argv[++i].split(',');
    else if (a === '--keep-replay') opts.keepReplay = argv[++i];
    else throw new Error(`unknown argument ${a}; usage: node scripts/screenshots.mjs [--out DIR] [--only table,detail,groups,events,engines,check] [--keep-replay FILE]`);
  }
  return opts;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await takeScreenshots({ ...parseArgs(process.argv.slice(2)), log: (l) => console.error(`screenshots: ${l}`) });
  } catch (err) {
    console.error(`screenshots: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  }
}

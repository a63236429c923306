#!/usr/bin/env node
// What the live screen costs, with N mock containers (sampler + store + UI, as `ctop-ts --mock
// --mock-count N` runs them), each N in a fresh child process:
// - tick→frame: store publish → frame written (mean/p95), and the CPU spent in between;
// - Ink's own render time (onRender), the process's CPU % of a core at 1 Hz, RSS;
// - the tick itself (session read + deltas + store), against the interval;
// - holding `j`: one key every 30 ms (a terminal's key repeat), key→frame latency (p95), then a
//   burst of 500 keys written at once: all must be applied (the selected row, sorted by name, is
//   the 500th or the last), checked on the last frame;
// - RSS of the real binary (`ctop-ts --mock-count 200` in a tmux pane) over --rss seconds at 1 Hz;
// - --soak S: the real binary, live screen and --json side by side, at a 100 ms interval for S
//   seconds (10 ticks a second: 6 minutes ≈ an hour at 1 Hz): RSS after 300 ticks (≈ 5 minutes
//   at 1 Hz) and at the end.
// Loads the UI as ctop-ts does (dist/ui/load-ui.js: the bundle when current). --previous DIR runs
// the same measurement on another build (its own ink/react/app modules) for before/after.
//
// Usage: node bench/ui-render.js [--n 50,200] [--duration 20] [--rss 20] [--soak 0] [--previous DIR] [--cols 120] [--rows 40]
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PREVIOUS_RELEASE, reportFigure } from './lib/figures.js';

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const here = path.dirname(fileURLToPath(import.meta.url));
const pct = (xs, p) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '--');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

async function loadBuild(dir) {
  const dist = (p) => pathToFileURL(path.join(dir, 'dist', p)).href;
  let ui;
  try {
    ui = await (await import(dist('ui/load-ui.js'))).loadUi();
  } catch {
    // An older build without load-ui.js: its modules directly, as its run.ts loaded them.
    process.env.NODE_ENV ??= 'production';
    const [{ render }, { createElement }, { App }] = await Promise.all([import('ink'), import('react'), import(dist('ui/app.js'))]);
    ui = { render, createElement, App, via: 'modules' };
  }
  const [{ Store }, { Sampler }, { createMockSession }, { sortRows }] = await Promise.all([
    import(dist('core/history/store.js')),
    import(dist('sampling/sampler.js')),
    import(dist('sources/mock/mock-session.js')),
    import(dist('core/query/sort-rows.js')),
  ]);
  // The frame rate cap ctop-ts renders with (src/ui/run.ts), 20 in builds before it was exported.
  const maxFps = (await import(dist('ui/run.js')).catch(() => ({}))).MAX_FPS ?? 20;
  return { ...ui, Store, Sampler, createMockSession, sortRows, maxFps };
}

async function child(n, durationS, cols, rows, dir) {
  process.env.CI = 'false'; // is-in-ci is read when Ink loads: a CI=true bench would draw nothing
  // V8 set up as the binary sets it up (bin/v8-flags.js), so frame times are the binary's; a build
  // from before that file pinned only the young generation.
  await import(pathToFileURL(path.join(dir, 'bin/v8-flags.js')).href).catch(() => setFlagsFromString('--semi-space-growth-factor=1'));
  const m = await loadBuild(dir);
  // A terminal that discards output but looks real to Ink (TTY, size); the last write is the frame.
  let lastWrite = 0;
  let lastFrame = '';
  let onWrite = null;
  const stdout = Object.assign(
    new Writable({
      write(chunk, _enc, cb) {
        lastWrite = performance.now();
        if (chunk.length > 64) lastFrame = String(chunk); // a frame, not a lone cursor sequence
        onWrite?.();
        cb();
      },
    }),
    { isTTY: true, columns: cols, rows },
  );
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => stdin, ref: () => stdin, unref: () => stdin });
  const renderTimes = [];
  let measuring = false;
  const store = new m.Store({ historyLength: 600 });
  const session = m.createMockSession({ seed: 1, count: n });
  let tickStart = 0;
  const beginTick = session.beginTick;
  session.beginTick = () => {
    tickStart = performance.now();
    beginTick?.();
  };
  let intervalMs = 1000;
  let sampler = new m.Sampler({ session, store, intervalMs });
  const tickToFrame = [];
  const cpuPerFrame = [];
  const tickMs = [];
  store.subscribe(() => {
    if (!measuring) return;
    const t = performance.now();
    tickMs.push(t - tickStart);
    const c = process.cpuUsage();
    onWrite = () => {
      onWrite = null;
      tickToFrame.push(lastWrite - t);
      const d = process.cpuUsage(c);
      cpuPerFrame.push((d.user + d.system) / 1000);
    };
  });
  const app = m.render(m.createElement(m.App, { store, settings: { all: true, color: true, theme: 'dark', filter: '' } }), {
    stdout,
    stdin,
    patchConsole: false,
    exitOnCtrlC: false,
    maxFps: m.maxFps,
    onRender: ({ renderTime }) => measuring && renderTimes.push(renderTime),
  });
  sampler.start();
  await sleep(3000); // warm-up: JIT, first deltas, some history
  measuring = true;
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  await sleep(durationS * 1000);
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - wall0;
  measuring = false;
  const rssMiB = process.memoryUsage().rss / 1024 ** 2;

  // Holding j: sorted by name (stable across ticks), one key per 30 ms, each timed to its frame.
  const press = (k) => stdin.write(k);
  press('6');
  press('g');
  await sleep(300);
  const keyLatency = [];
  // Each press must move the selection (a press at the last row draws nothing).
  for (let i = 0; i < Math.min(100, n - 1); i++) {
    const t = performance.now();
    const written = new Promise((r) => (onWrite = () => ((onWrite = null), r(lastWrite - t))));
    press('j');
    keyLatency.push(await Promise.race([written, sleep(1000).then(() => NaN)]));
    await sleep(Math.max(0, 30 - (performance.now() - t)));
  }
  // The burst: back to the top, then 500 keys written at once; the frame must show the 500th row.
  press('g');
  await sleep(300);
  for (let i = 0; i < 500; i++) press('j');
  await sleep(1500);
  const ordered = m.sortRows(store.getSnapshot().rows, 'name');
  const want = ordered[Math.min(500, ordered.length - 1)].info.name;
  const frameText = lastFrame.replace(ANSI, '');
  const selectedLine = frameText.split('\n').find((l) => l.trimStart().startsWith('›')) ?? '';
  const burstOk = selectedLine.includes(` ${want} `);

  sampler.stop();
  app.unmount();
  session.close();
  const cpuMs = (cpu.user + cpu.system) / 1000;
  process.stdout.write(
    JSON.stringify({
      n,
      via: m.via,
      frames: renderTimes.length,
      renderMean: mean(renderTimes),
      renderP95: pct(renderTimes, 95),
      tickFrameMean: mean(tickToFrame),
      tickFrameP95: pct(tickToFrame, 95),
      cpuFrameMean: mean(cpuPerFrame),
      tickMean: mean(tickMs),
      tickMax: Math.max(...tickMs),
      cpuPercent: (cpuMs / wall) * 100,
      keyMean: mean(keyLatency),
      keyP95: pct(keyLatency.filter(Number.isFinite), 95),
      keyMissed: keyLatency.filter((x) => !Number.isFinite(x)).length,
      burstOk,
      burstWant: want,
      burstSelected: selectedLine.trim().slice(0, 60),
      debugFrame: process.env.CTOP_BENCH_DEBUG ? frameText : undefined,
      rssMiB,
    }) + '\n',
  );
  process.exit(0);
}

function runChild(childArgs) {
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, [fileURLToPath(import.meta.url), ...childArgs], { stdio: ['ignore', 'pipe', 'inherit'] });
    let buf = '';
    c.stdout.on('data', (d) => (buf += d));
    c.on('close', (code) => (code === 0 ? resolve(JSON.parse(buf.trim().split('\n').pop())) : reject(new Error(`${childArgs.join(' ')} exited ${code}`))));
  });
}

/** VmRSS of a process in MiB, or null once it is gone. */
function rssOf(pid) {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * RSS of the real binary: `ctop-ts --mock-count N [args]`, the live screen in a tmux pane (a real
 * terminal) or --json into a pipe. Samples at `at` seconds (each a number of seconds from start).
 */
let rssRuns = 0;
async function realRss(opts) {
  try {
    return await realRssOnce(opts);
  } catch (err) {
    process.stderr.write(`ui-render: RSS run failed: ${String(err?.message ?? err).split('\n')[0]}\n`);
    return opts.at.map(() => null);
  }
}

async function realRssOnce({ live, count, args = [], at }) {
  const argv = [process.execPath, path.join(here, '..', 'bin', 'ctop-ts.js'), '--mock-count', String(count), ...args];
  let pid;
  let stop;
  if (live) {
    const socket = `ctop-bench-rss-${process.pid}-${++rssRuns}`;
    const tmux = (...a) => execFileSync('tmux', ['-L', socket, ...a], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const q = (x) => `'${x.replace(/'/g, `'\\''`)}'`;
    tmux('new-session', '-d', '-s', 'r', '-x', '120', '-y', '40', '-e', 'CI=false', `exec ${argv.map(q).join(' ')}`);
    pid = Number(tmux('display', '-p', '-t', 'r', '#{pane_pid}').trim());
    stop = () => {
      try {
        tmux('kill-server');
      } catch {
        /* gone */
      }
    };
  } else {
    const c = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'ignore'] });
    c.stdout.resume(); // drained, as a consumer would
    pid = c.pid;
    stop = () => c.kill('SIGINT');
  }
  const t0 = Date.now();
  const samples = [];
  try {
    for (const s of at) {
      await sleep(Math.max(0, s * 1000 - (Date.now() - t0)));
      samples.push(rssOf(pid));
    }
  } finally {
    stop();
  }
  return samples;
}

async function main() {
  const ns = opt('n', '50,200').split(',').map(Number);
  const duration = Number(opt('duration', '20'));
  const cols = Number(opt('cols', '120'));
  const rows = Number(opt('rows', '40'));
  const soak = Number(opt('soak', '0'));
  const previous = opt('previous', null);
  const { ensureUiBundle } = await import('./lib/harness.js');
  process.stderr.write(`ui-render: live screen from the ${await ensureUiBundle()}\n`);
  const builds = [['ctop-ts', path.join(here, '..')], ...(previous ? [['previous build', previous]] : [])];
  const results = [];
  for (const n of ns) {
    for (const [label, dir] of builds) {
      process.stderr.write(`ui-render: ${label}, ${n} containers, ${duration} s at 1 Hz, ${cols}×${rows}…\n`);
      results.push({ label, ...(await runChild(['--child', String(n), '--duration', String(duration), '--cols', String(cols), '--rows', String(rows), '--dir', dir])) });
    }
  }
  // The real binary's RSS, 200 containers: the live screen at 1 Hz, then both modes at 10 ticks a
  // second for --soak seconds (6 min ≈ an hour of 1 Hz ticks), after 300 ticks and at the end.
  const rssS = Number(opt('rss', '20'));
  process.stderr.write(`ui-render: RSS of \`ctop-ts --mock-count 200\` (live screen in tmux, 1 Hz, ${rssS} s)…\n`);
  const rssSamples = (await realRss({ live: true, count: 200, at: [1, 2, 3, 4].map((k) => (k * rssS) / 4) })).filter(Number.isFinite);
  const liveRss = rssSamples.length ? Math.max(...rssSamples) : null;
  let soakLive = null;
  let soakJson = null;
  if (soak > 0) {
    process.stderr.write(`ui-render: soak, 200 containers at 10 Hz for ${soak} s: live screen and --json side by side…\n`);
    [soakLive, soakJson] = await Promise.all([
      realRss({ live: true, count: 200, args: ['--interval', '100ms'], at: [30, soak] }),
      realRss({ live: false, count: 200, args: ['--json', '--interval', '100ms'], at: [30, soak] }),
    ]);
  }
  const head = ['build', 'ctrs', 'UI', 'tick→frame ms mean/p95', 'Ink render ms', 'tick ms mean/max', 'key→frame ms mean/p95', 'burst of 500', 'CPU % core', 'RSS MiB'];
  const out = results.map((r) => [
    r.label,
    String(r.n),
    r.via,
    `${f1(r.tickFrameMean)} / ${f1(r.tickFrameP95)}`,
    `${f1(r.renderMean)} / ${f1(r.renderP95)}`,
    `${f1(r.tickMean)} / ${f1(r.tickMax)}`,
    `${f1(r.keyMean)} / ${f1(r.keyP95)}${r.keyMissed ? ` (${r.keyMissed} no frame)` : ''}`,
    r.burstOk ? 'all applied' : `WRONG ROW (want ${r.burstWant})`,
    f1(r.cpuPercent),
    f1(r.rssMiB),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...out.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(line(head));
  for (const r of out) console.log(line(r));
  console.log(`(${cols}×${rows} terminal, all containers, 1 Hz for ${duration} s after 3 s of warm-up; CPU is the whole process: mock session, sampler, store, UI. Wall times stretch on a busy machine.)`);
  console.log(`RSS of the real process, live screen, 200 containers, 1 Hz: ${f1(liveRss)} MiB (max of 4 samples over ${rssS} s)`);
  if (soakLive) console.log(`soak, ${soak} s at 10 Hz (${soak * 10} ticks ≈ ${f1(soak / 6)} min at 1 Hz), RSS after 300 ticks → end: live screen ${f1(soakLive[0])} → ${f1(soakLive[1])} MiB; --json ${f1(soakJson[0])} → ${f1(soakJson[1])} MiB`);

  for (const r of results.filter((x) => x.label === 'ctop-ts')) {
    const prev = results.find((x) => x.label === 'previous build' && x.n === r.n);
    const anchor = (v, fallback) => (prev ? v(prev) : fallback);
    const anchorLabel = prev ? 'previous build (same run)' : PREVIOUS_RELEASE.label;
    if (r.n === 200) {
      reportFigure({ id: 'ui.tick-to-frame.200', figure: 'live screen, 200 containers: tick→frame mean', ours: r.tickFrameMean, anchor: anchor((p) => p.tickFrameMean, PREVIOUS_RELEASE.tickToFrameMs200), anchorLabel, unit: 'ms', target: '≤ 12 ms', pass: r.tickFrameMean <= 12 });
      reportFigure({ id: 'ui.key-p95.200', figure: 'live screen, 200 containers: key→frame p95 holding j', ours: r.keyP95, anchor: anchor((p) => p.keyP95, null), anchorLabel, unit: 'ms', target: '≤ 16 ms; burst of 500 applied', pass: r.keyP95 <= 16 && r.burstOk, note: r.burstOk ? 'burst of 500: all applied' : `burst: wrong row (want ${r.burstWant})` });
      reportFigure({ id: 'ui.cpu.200', figure: 'live screen, 200 containers: CPU of a core at 1 Hz', ours: r.cpuPercent, anchor: anchor((p) => p.cpuPercent, PREVIOUS_RELEASE.cpuPercent200), anchorLabel, unit: '%', target: '≤ 4 %', pass: r.cpuPercent <= 4 });
      reportFigure({ id: 'mem.rss.200', figure: 'RSS of `ctop-ts --mock-count 200` (live screen, 1 Hz)', ours: liveRss, anchor: prev ? prev.rssMiB : null, anchorLabel: prev ? 'previous build, bench process (same run)' : '—', unit: 'MiB', target: '≤ 100 MB (95.4 MiB)', pass: liveRss === null ? null : liveRss <= (100 * 1e6) / 1024 ** 2 });
    }
    if (r.n >= 1000) {
      reportFigure({ id: `scale.tick.${r.n}`, figure: `${r.n} containers: longest tick (interval 1000 ms)`, ours: r.tickMax, anchor: 1000, anchorLabel: 'the interval', unit: 'ms', target: 'within the interval', pass: r.tickMax < 1000 });
      reportFigure({ id: `scale.key.${r.n}`, figure: `${r.n} containers: key→frame p95`, ours: r.keyP95, anchor: anchor((p) => p.keyP95, null), anchorLabel, unit: 'ms', target: '≤ 50 ms', pass: r.keyP95 <= 50 && r.burstOk, note: r.burstOk ? 'burst of 500: all applied' : 'burst: wrong row' });
      reportFigure({ id: `scale.rss.${r.n}`, figure: `${r.n} containers: RSS`, ours: r.rssMiB, anchor: anchor((p) => p.rssMiB, null), anchorLabel, unit: 'MiB', target: 'bounded', pass: null });
    }
  }
  for (const [mode, xs] of [['live screen', soakLive], ['--json', soakJson]]) {
    if (!xs || !Number.isFinite(xs[0]) || !Number.isFinite(xs[1])) continue;
    const growth = (xs[1] / xs[0] - 1) * 100;
    reportFigure({ id: `mem.growth.${mode === '--json' ? 'json' : 'live'}`, figure: `RSS growth, ${mode}, 200 containers: ${soak * 10} ticks vs 300 (10 Hz)`, ours: growth, anchor: null, anchorLabel: '—', unit: '%', target: '≤ 10 %', pass: growth <= 10, note: `${f1(xs[0])} → ${f1(xs[1])} MiB` });
  }
}

if (args[0] === '--child') await child(Number(args[1]), Number(opt('duration', '20')), Number(opt('cols', '120')), Number(opt('rows', '40')), opt('dir', path.join(here, '..')));
else await main();

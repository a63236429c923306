#!/usr/bin/env node
// Soak: does ctop-ts stay small and cheap over hours? Issue 12: after an hour with 200 mock
// containers, RSS within 10 % of its value after five minutes, for the live screen, `--json`
// streaming and `serve`. So the mock phase runs three processes side by side, all
// `--mock 1 --mock-count N --interval 1s`: `live` (the live screen in a 120x40 tmux pane on its
// own server), `json` (NDJSON into a pipe the bench drains) and `serve` (on a free 127.0.0.1 port,
// GET /metrics every 15 s as Prometheus would). Then the engine phase: `--json` against the real
// engine with N idle containers. RSS and CPU of each process every --sample seconds; writes the
// soak section of bench/RESULTS.md (between the soak markers; the rest is kept) and
// bench/results/soak-<time>.json.
//
//   node bench/soak.js                                   # 60 min mock + 30 min engine (the real soak)
//   node bench/soak.js --mock-minutes 1 --engine-minutes 0 --sample 10   # a smoke run
//   options: --mock-count 200 --containers 20 --interval 1s --only live|json|serve|mock|engine
//
// Its containers are its own (label ctop-soak=<pid>, --network none, `sleep`), removed at the end,
// on SIGINT/SIGTERM, and by their own `sleep` ending if the bench is killed hard; the ctop-ts
// processes and the tmux server are stopped at the end and on SIGINT/SIGTERM. Not part of CI.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const REPO_DIR = path.dirname(BENCH_DIR);
const BIN = path.join(REPO_DIR, 'bin', 'ctop-ts.js');
const RESULTS_MD = path.join(BENCH_DIR, 'RESULTS.md');
const IMAGE = process.env.CTOP_BENCH_IMAGE ?? 'ctop-test/busybox:latest';
const LABEL = `ctop-soak=${process.pid}`;
const TMUX_SOCKET = `ctop-soak-${process.pid}`;
const START = '<!-- soak:start -->';
const END = '<!-- soak:end -->';
const MOCK_RUNS = ['live', 'json', 'serve'];
const SCRAPE_EVERY_MS = 15_000; // Prometheus's usual scrape interval
const LIMIT_PERCENT = 10; // issue 12

function args() {
  const a = { mockMinutes: 60, engineMinutes: 30, sample: 30, mockCount: 200, containers: 20, interval: '1s', only: null };
  const argv = process.argv.slice(2);
  const num = { '--mock-minutes': 'mockMinutes', '--engine-minutes': 'engineMinutes', '--sample': 'sample', '--mock-count': 'mockCount', '--containers': 'containers' };
  for (let i = 0; i < argv.length; i += 2) {
    const [k, v] = [argv[i], argv[i + 1]];
    if (num[k] && Number.isFinite(Number(v))) a[num[k]] = Number(v);
    else if (k === '--interval' && v) a.interval = v;
    else if (k === '--only' && [...MOCK_RUNS, 'mock', 'engine'].includes(v)) a.only = v;
    else {
      console.error(`soak: bad option ${k} ${v ?? ''} (see the header of bench/soak.js)`);
      process.exit(2);
    }
  }
  return a;
}

const log = (msg) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function docker(argv) {
  return new Promise((resolve) =>
    execFile('docker', argv, { encoding: 'utf8', timeout: 120_000 }, (err, stdout, stderr) => resolve({ ok: !err, stdout, stderr })),
  );
}

const CLK_TCK = 100; // Linux's USER_HZ on every architecture Node runs on

/** RSS (kB) and CPU seconds (user + system) of one process, from /proc. */
function procUsage(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (f[0] === 'Z') return null; // exited, not yet reaped
    return { rssKb: Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? NaN), cpuSec: (Number(f[11]) + Number(f[12])) / CLK_TCK };
  } catch {
    return null;
  }
}

const stops = new Set(); // how to stop each process still running
const containerIds = [];

function tmux(...a) {
  return execFileSync('tmux', ['-L', TMUX_SOCKET, ...a], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

async function cleanup() {
  for (const stop of [...stops]) stop();
  if (containerIds.length > 0) await docker(['rm', '-f', ...containerIds.splice(0)]);
}

/** `--json` into a pipe, drained and counted as a consumer would read it. */
function startJson(name, ctopArgs) {
  const p = { name, command: `ctop-ts ${ctopArgs.join(' ')}`, stderr: '', lines: 0 };
  const c = spawn(process.execPath, [BIN, ...ctopArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
  c.stdout.on('data', (d) => {
    for (let i = d.indexOf(10); i >= 0; i = d.indexOf(10, i + 1)) p.lines++;
  });
  c.stderr.on('data', (d) => (p.stderr = (p.stderr + d).slice(-4096)));
  const stop = () => {
    stops.delete(stop);
    p.onStop?.();
    if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
  };
  stops.add(stop);
  return Object.assign(p, { pid: c.pid, stop, progress: () => `${p.lines} lines` });
}

/** The live screen in a tmux pane (a real terminal for Ink), on a tmux server of its own. */
function startLive(ctopArgs) {
  const q = (x) => `'${x.replace(/'/g, `'\\''`)}'`;
  // CI=false: is-in-ci is read when Ink loads, and a CI=true environment would draw nothing.
  tmux('new-session', '-d', '-s', 'live', '-x', '120', '-y', '40', '-e', 'CI=false', `exec ${[process.execPath, BIN, ...ctopArgs].map(q).join(' ')}`);
  let socketPath = null;
  const stop = () => {
    stops.delete(stop);
    try {
      tmux('kill-server');
    } catch {
      /* already gone */
    }
    if (socketPath) rmSync(socketPath, { force: true }); // kill-server can leave the socket file behind
  };
  stops.add(stop);
  socketPath = tmux('display', '-p', '-t', 'live', '#{socket_path}').trim();
  const pid = Number(tmux('display', '-p', '-t', 'live', '#{pane_pid}').trim()); // exec: the shell is ctop-ts
  return { name: 'live', command: `ctop-ts ${ctopArgs.join(' ')}`, pid, stop, stderr: '', progress: () => '', note: 'live screen, tmux pane 120x40' };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer().once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** `serve`, scraped every 15 s; a scrape fails on an error, a non-200 or a body without metrics. */
async function startServe(ctopArgs) {
  const port = await freePort();
  const p = startJson('serve', ['serve', ...ctopArgs, '--listen', `127.0.0.1:${port}`]);
  Object.assign(p, { scrapes: 0, failedScrapes: 0, lastScrapeBytes: 0, stopped: false });
  const base = `http://127.0.0.1:${port}`;
  const get = (what) => fetch(`${base}${what}`, { signal: AbortSignal.timeout(10_000) });
  for (let i = 0; i < 50 && !(await get('/healthz').then((r) => r.ok, () => false)); i++) await sleep(200);
  const scrape = async () => {
    try {
      const r = await get('/metrics');
      const body = await r.text();
      p.lastScrapeBytes = body.length;
      if (r.status !== 200 || !body.includes('container_cpu_usage_seconds_total')) throw new Error(`HTTP ${r.status}`);
      p.scrapes++;
    } catch (err) {
      if (p.stopped) return; // cut off by the end of the run, not a failure of serve
      p.scrapes++;
      p.failedScrapes++;
      log(`serve: scrape failed: ${err.message}`);
    }
  };
  const timer = setInterval(scrape, SCRAPE_EVERY_MS);
  p.onStop = () => ((p.stopped = true), clearInterval(timer));
  p.progress = () => `${p.scrapes} scrapes, ${p.failedScrapes} failed`;
  return p;
}

/** Samples every process in `procs` for `minutes`, every `sampleSec`; returns one run per process. */
async function soak(procs, minutes, sampleSec) {
  for (const p of procs) log(`${p.name}: ${p.command} (pid ${p.pid}) for ${minutes} min, a sample every ${sampleSec} s`);
  const started = Date.now();
  await sleep(2000); // start-up is not what a soak measures
  for (const p of procs) Object.assign(p, { samples: [], prev: { t: Date.now(), cpuSec: procUsage(p.pid)?.cpuSec ?? 0 } });
  const end = started + minutes * 60_000;
  while (Date.now() < end && procs.some((p) => !p.error)) {
    await sleep(Math.min(sampleSec * 1000, Math.max(0, end - Date.now())));
    for (const p of procs.filter((x) => !x.error)) {
      const u = procUsage(p.pid);
      const t = Date.now();
      // One process ending does not end the others' soak: it is recorded and fails its row.
      if (!u) {
        p.error = `exited after ${((t - started) / 60_000).toFixed(1)} min${p.stderr ? `: ${p.stderr.trim()}` : ''}`;
        log(`${p.name}: ${p.error}`);
        continue;
      }
      const x = { minute: (t - started) / 60_000, rssMb: u.rssKb / 1024, cpuPercent: (100 * (u.cpuSec - p.prev.cpuSec)) / ((t - p.prev.t) / 1000), progress: p.progress() };
      p.samples.push(x);
      p.prev = { t, cpuSec: u.cpuSec };
      log(`${p.name}: ${x.minute.toFixed(1)} min  RSS ${x.rssMb.toFixed(1)} MiB  CPU ${x.cpuPercent.toFixed(1)} %  ${x.progress}`);
    }
  }
  for (const p of procs) p.stop();
  return procs.map((p) => ({
    name: p.name,
    command: p.command,
    minutes,
    samples: p.samples,
    ...(p.scrapes !== undefined && { scrapes: p.scrapes, failedScrapes: p.failedScrapes, lastScrapeBytes: p.lastScrapeBytes }),
    ...(p.lines !== undefined && p.name !== 'serve' && { lines: p.lines }),
    ...(p.note && { note: p.note }),
    error: p.error ?? null,
    stderr: p.stderr.trim(),
  }));
}

/** Baseline: the sample nearest 5 min; a run shorter than 5 min: the first one after 1/12 of it. */
function baseline(run) {
  const s = run.samples;
  if (run.minutes >= 5) return s.reduce((a, b) => (Math.abs(b.minute - 5) < Math.abs(a.minute - 5) ? b : a));
  return s.find((x) => x.minute >= run.minutes / 12) ?? s[0];
}

function summary(run) {
  const s = run.samples;
  if (s.length === 0) return null;
  const base = baseline(run);
  const rssLast = s.at(-1).rssMb;
  const cpu = s.map((x) => x.cpuPercent);
  const rssGrowthPercent = (100 * (rssLast - base.rssMb)) / base.rssMb;
  return {
    baseMinute: base.minute,
    rssBase: base.rssMb,
    rssLast,
    rssMax: Math.max(...s.map((x) => x.rssMb)),
    rssGrowthPercent,
    pass: !run.error && rssGrowthPercent <= LIMIT_PERCENT, // a run that died fails whatever its RSS
    cpuMean: cpu.reduce((a, b) => a + b, 0) / cpu.length,
    cpuMax: Math.max(...cpu),
  };
}

function markdown(runs, opts, host) {
  const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '–');
  const out = [START, '## Soak (bench/soak.js)', ''];
  out.push(`Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${host}; RSS and CPU of each ctop-ts process every ${opts.sample} s (CPU: % of one core over each window). The mock runs side by side; serve is scraped every ${SCRAPE_EVERY_MS / 1000} s. Issue 12: RSS at the end within ${LIMIT_PERCENT} % of RSS at 5 min (in a run shorter than 5 min: the first sample after 1/12 of it). Not part of CI.`);
  out.push('');
  out.push(`| run | command | minutes | RSS at 5 min → last (max) MiB | growth | ≤ ${LIMIT_PERCENT} % | CPU mean (max) % | notes |`);
  out.push('|---|---|---|---|---|---|---|---|');
  for (const r of runs) {
    const s = summary(r);
    const notes = [r.note, r.scrapes !== undefined && `${r.scrapes} scrapes, ${r.failedScrapes} failed`, r.lines !== undefined && `${r.lines} NDJSON lines`, r.error].filter(Boolean).join('; ');
    const rss = s ? `${f(s.rssBase)} (at ${f(s.baseMinute)} min) → ${f(s.rssLast)} (${f(s.rssMax)})` : '–';
    out.push(`| ${r.name} | \`${r.command}\` | ${f(r.minutes)} | ${rss} | ${s ? `${s.rssGrowthPercent >= 0 ? '+' : ''}${f(s.rssGrowthPercent, 2)} %` : '–'} | ${s?.pass ? 'PASS' : 'FAIL'} | ${s ? `${f(s.cpuMean, 2)} (${f(s.cpuMax, 2)})` : '–'} | ${notes || '–'} |`);
  }
  for (const r of runs) {
    out.push('', `<details><summary>${r.name}: every sample</summary>`, '', '| minute | RSS MiB | CPU % | so far |', '|---|---|---|---|');
    for (const x of r.samples) out.push(`| ${f(x.minute)} | ${f(x.rssMb)} | ${f(x.cpuPercent, 2)} | ${x.progress || '–'} |`);
    out.push('', '</details>');
  }
  if (runs.some((r) => r.minutes < 30)) out.push('', `_This was a short run (${runs.map((r) => `${r.name} ${f(r.minutes)} min`).join(', ')}): it shows the bench works, not how ctop-ts holds up for hours. The full soak is \`node bench/soak.js\` (60 + 30 min)._`);
  out.push(END);
  return out.join('\n');
}

function writeMarkdown(section) {
  let text = existsSync(RESULTS_MD) ? readFileSync(RESULTS_MD, 'utf8') : '# Bench results\n';
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  text = a >= 0 && b > a ? text.slice(0, a) + section + text.slice(b + END.length) : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(RESULTS_MD, text);
}

async function main() {
  const opts = args();
  if (!existsSync(path.join(REPO_DIR, 'dist', 'cli.js'))) throw new Error('dist/cli.js is missing: run `npm run build` first');
  const runs = [];
  const mockRuns = MOCK_RUNS.filter((n) => opts.only === null || opts.only === 'mock' || opts.only === n);
  if (mockRuns.length > 0 && opts.mockMinutes > 0) {
    const mockArgs = ['--mock', '1', '--mock-count', String(opts.mockCount), '--interval', opts.interval];
    const procs = [];
    if (mockRuns.includes('live')) procs.push(startLive(mockArgs));
    if (mockRuns.includes('json')) procs.push(startJson('json', ['--json', ...mockArgs]));
    if (mockRuns.includes('serve')) procs.push(await startServe(mockArgs));
    runs.push(...(await soak(procs, opts.mockMinutes, opts.sample)));
  }
  if ((opts.only === null || opts.only === 'engine') && opts.engineMinutes > 0) {
    log(`engine: starting ${opts.containers} idle container(s) labelled ${LABEL}`);
    const lifetime = String(Math.ceil(opts.engineMinutes * 60) + 300); // they end by themselves if we are killed
    for (let i = 0; i < opts.containers; i++) {
      const r = await docker(['run', '-d', '--rm', '--network', 'none', '--label', LABEL, '--name', `ctop-soak-${process.pid}-${i}`, IMAGE, 'sleep', lifetime]);
      if (!r.ok) throw new Error(`docker run: ${r.stderr.trim()}`);
      containerIds.push(r.stdout.trim());
    }
    runs.push(...(await soak([startJson('engine', ['--json', '-l', LABEL, '--interval', opts.interval])], opts.engineMinutes, opts.sample)));
  }
  if (runs.length === 0) throw new Error('nothing to run: every phase has 0 minutes or is left out by --only');
  const host = `${(await docker(['version', '--format', 'Docker {{.Server.Version}}'])).stdout.trim() || 'no engine'}, Node ${process.version}`;
  mkdirSync(path.join(BENCH_DIR, 'results'), { recursive: true });
  const json = path.join(BENCH_DIR, 'results', `soak-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(json, JSON.stringify({ opts, runs: runs.map((r) => ({ ...r, summary: summary(r) })) }, null, 2));
  writeMarkdown(markdown(runs, opts, host));
  log(`wrote ${path.relative(REPO_DIR, RESULTS_MD)} (soak section) and ${path.relative(REPO_DIR, json)}`);
  for (const r of runs) log(`${r.name}: ${summary(r)?.pass ? 'PASS' : 'FAIL'}`);
}

for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  process.on(sig, () => {
    log(`${sig}: cleaning up`);
    cleanup().finally(() => process.exit(code));
  });
}
process.on('exit', () => [...stops].forEach((stop) => stop())); // even on an uncaught error
main()
  .catch((err) => {
    log(`failed: ${err.stack ?? err}`);
    process.exitCode = 1;
  })
  .finally(cleanup);

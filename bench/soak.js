#!/usr/bin/env node
// Soak: does ctop-ts stay small and cheap over hours? Runs `ctop-ts --json` (1) against the seeded
// mock with 200 containers and (2) against the real engine with N idle containers, samples the
// process's RSS and CPU every --sample seconds, and writes the soak section of bench/RESULTS.md
// (between the soak markers; the rest of the file is kept) plus bench/results/soak-<time>.json.
//
//   node bench/soak.js                                   # 60 min mock + 30 min engine (the real soak)
//   node bench/soak.js --mock-minutes 1.5 --engine-minutes 1.5 --sample 10   # a smoke run
//   options: --mock-count 200 --containers 20 --interval 1s --only mock|engine
//
// Its containers are its own (label ctop-soak=<pid>, --network none, `sleep`), removed at the end,
// on SIGINT/SIGTERM, and by their own `sleep` ending if the bench is killed hard. Not part of CI.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const REPO_DIR = path.dirname(BENCH_DIR);
const BIN = path.join(REPO_DIR, 'bin', 'ctop-ts.js');
const RESULTS_MD = path.join(BENCH_DIR, 'RESULTS.md');
const IMAGE = process.env.CTOP_BENCH_IMAGE ?? 'ctop-test/busybox:latest';
const LABEL = `ctop-soak=${process.pid}`;
const START = '<!-- soak:start -->';
const END = '<!-- soak:end -->';

function args() {
  const a = { mockMinutes: 60, engineMinutes: 30, sample: 30, mockCount: 200, containers: 20, interval: '1s', only: null };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) {
    const [k, v] = [argv[i], argv[i + 1]];
    if (k === '--mock-minutes') a.mockMinutes = Number(v);
    else if (k === '--engine-minutes') a.engineMinutes = Number(v);
    else if (k === '--sample') a.sample = Number(v);
    else if (k === '--mock-count') a.mockCount = Number(v);
    else if (k === '--containers') a.containers = Number(v);
    else if (k === '--interval') a.interval = v;
    else if (k === '--only') a.only = v;
    else {
      console.error(`soak: unknown option ${k}`);
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
    return { rssKb: Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? NaN), cpuSec: (Number(f[11]) + Number(f[12])) / CLK_TCK };
  } catch {
    return null;
  }
}

let child = null;
const containerIds = [];

async function cleanup() {
  if (child && child.exitCode === null) child.kill('SIGTERM');
  if (containerIds.length > 0) await docker(['rm', '-f', ...containerIds.splice(0)]);
}

/** Runs ctop-ts with `ctopArgs` for `minutes`, sampling every `sampleSec`; returns the samples. */
async function soak(name, ctopArgs, minutes, sampleSec) {
  log(`${name}: ctop-ts ${ctopArgs.join(' ')} for ${minutes} min, a sample every ${sampleSec} s`);
  let lines = 0;
  let stderr = '';
  child = spawn(process.execPath, [BIN, ...ctopArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => {
    for (let i = d.indexOf(10); i >= 0; i = d.indexOf(10, i + 1)) lines++;
  });
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4096)));
  const samples = [];
  const started = Date.now();
  let prev = { t: started, cpuSec: 0 };
  await sleep(2000); // start-up is not what a soak measures
  prev = { t: Date.now(), cpuSec: procUsage(child.pid)?.cpuSec ?? 0 };
  const end = started + minutes * 60_000;
  while (Date.now() < end) {
    await sleep(Math.min(sampleSec * 1000, Math.max(0, end - Date.now())));
    const u = procUsage(child.pid);
    if (!u) throw new Error(`${name}: ctop-ts exited (${child.exitCode}): ${stderr}`);
    const t = Date.now();
    samples.push({ minute: (t - started) / 60_000, rssMb: u.rssKb / 1024, cpuPercent: (100 * (u.cpuSec - prev.cpuSec)) / ((t - prev.t) / 1000), lines });
    prev = { t, cpuSec: u.cpuSec };
    log(`${name}: ${samples.at(-1).minute.toFixed(1)} min  RSS ${samples.at(-1).rssMb.toFixed(1)} MB  CPU ${samples.at(-1).cpuPercent.toFixed(1)} %  ${lines} lines`);
  }
  child.kill('SIGTERM');
  child = null;
  return { name, command: `ctop-ts ${ctopArgs.join(' ')}`, minutes, samples, stderr: stderr.trim() };
}

function summary(run) {
  const s = run.samples;
  if (s.length === 0) return null;
  const rss = s.map((x) => x.rssMb);
  const cpu = s.map((x) => x.cpuPercent);
  return {
    rssFirst: rss[0],
    rssLast: rss.at(-1),
    rssMax: Math.max(...rss),
    rssGrowth: rss.at(-1) - rss[0],
    cpuMean: cpu.reduce((a, b) => a + b, 0) / cpu.length,
    cpuMax: Math.max(...cpu),
  };
}

function markdown(runs, opts, host) {
  const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '–');
  const out = [START, '## Soak (bench/soak.js)', ''];
  out.push(`Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${host}; RSS and CPU of the ctop-ts process every ${opts.sample} s (CPU: % of one core over each window). Not part of CI.`);
  out.push('');
  out.push('| run | command | minutes | RSS first → last (max) MB | RSS growth MB | CPU mean (max) % |');
  out.push('|---|---|---|---|---|---|');
  for (const r of runs) {
    const s = summary(r);
    out.push(`| ${r.name} | \`${r.command}\` | ${f(r.minutes)} | ${s ? `${f(s.rssFirst)} → ${f(s.rssLast)} (${f(s.rssMax)})` : '–'} | ${s ? f(s.rssGrowth) : '–'} | ${s ? `${f(s.cpuMean, 2)} (${f(s.cpuMax, 2)})` : '–'} |`);
  }
  for (const r of runs) {
    out.push('', `<details><summary>${r.name}: every sample</summary>`, '', '| minute | RSS MB | CPU % | NDJSON lines so far |', '|---|---|---|---|');
    for (const x of r.samples) out.push(`| ${f(x.minute)} | ${f(x.rssMb)} | ${f(x.cpuPercent, 2)} | ${x.lines} |`);
    out.push('', '</details>');
  }
  const short = runs.some((r) => r.minutes < 30);
  if (short) out.push('', `_This was a short run (${runs.map((r) => `${r.name} ${f(r.minutes)} min`).join(', ')}): it shows the bench works, not how ctop-ts holds up for hours. The full soak is \`node bench/soak.js\` (60 + 30 min)._`);
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
  if (!existsSync(path.join(REPO_DIR, 'dist', 'cli.js'))) throw new Error('dist/cli.js is missing: run `npx tsc -p tsconfig.json` first');
  const runs = [];
  if (opts.only !== 'engine' && opts.mockMinutes > 0) {
    runs.push(await soak('mock', ['--json', '--mock', '1', '--mock-count', String(opts.mockCount), '--interval', opts.interval], opts.mockMinutes, opts.sample));
  }
  if (opts.only !== 'mock' && opts.engineMinutes > 0) {
    log(`engine: starting ${opts.containers} idle container(s) labelled ${LABEL}`);
    const lifetime = String(Math.ceil(opts.engineMinutes * 60) + 300); // they end by themselves if we are killed
    for (let i = 0; i < opts.containers; i++) {
      const r = await docker(['run', '-d', '--rm', '--network', 'none', '--label', LABEL, '--name', `ctop-soak-${process.pid}-${i}`, IMAGE, 'sleep', lifetime]);
      if (!r.ok) throw new Error(`docker run: ${r.stderr.trim()}`);
      containerIds.push(r.stdout.trim());
    }
    runs.push(await soak('engine', ['--json', '-l', LABEL, '--interval', opts.interval], opts.engineMinutes, opts.sample));
  }
  const host = `${(await docker(['version', '--format', 'Docker {{.Server.Version}}'])).stdout.trim() || 'no engine'}, Node ${process.version}`;
  mkdirSync(path.join(BENCH_DIR, 'results'), { recursive: true });
  const json = path.join(BENCH_DIR, 'results', `soak-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(json, JSON.stringify({ opts, runs: runs.map((r) => ({ ...r, summary: summary(r) })) }, null, 2));
  writeMarkdown(markdown(runs, opts, host));
  log(`wrote ${path.relative(REPO_DIR, RESULTS_MD)} (soak section) and ${path.relative(REPO_DIR, json)}`);
}

for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  process.on(sig, () => {
    log(`${sig}: cleaning up`);
    cleanup().finally(() => process.exit(code));
  });
}
main()
  .catch((err) => {
    log(`failed: ${err.stack ?? err}`);
    process.exitCode = 1;
  })
  .finally(cleanup);

#!/usr/bin/env node
// `npm run bench`: every figure of issue 12 as ours / anchor, the anchor measured in the same run
// (docker stats for the engine figures; the previous release's numbers, or --previous DIR measured
// side by side, for the live screen, memory and scale), then bench/RESULTS.md. The benches run
// one after the other: each measures CPU, and the engine ones the engine's.
//
// Usage: node bench/run.js [--quick | --smoke] [--previous DIR] [--no-write] [bench ...]
//   (default) full run, ~30 min      --quick  < 5 min      --smoke  ~1 min, for CI: checks that
//   every bench still runs and prints its figures (no engine: the engine benches say SKIP)
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFigures } from './lib/figures.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const ENGINE = new Set(['first-frame', 'no-stream-latency', 'engine-cost']);
const PLANS = {
  full: {
    'first-frame': ['--n', '5', '--runs', '5'],
    'no-stream-latency': ['--n', '5,30', '--runs', '5', '--accuracy', '20'],
    // The issue's windows: 30 containers over 40 s, 100 over 60 s (two runs: one duration each).
    'engine-cost': [
      ['--n', '30', '--duration', '40', '--approaches', 'cgroup,docker'],
      ['--n', '100', '--duration', '60', '--approaches', 'cgroup,docker'],
    ],
    'ui-render': ['--n', '50,200,1000', '--duration', '20', '--soak', '360'],
  },
  quick: {
    'first-frame': ['--n', '5', '--runs', '3'],
    'no-stream-latency': ['--n', '5,30', '--runs', '3', '--commands', 'auto,docker', '--accuracy', '20'],
    'engine-cost': ['--n', '30', '--duration', '20', '--approaches', 'cgroup,docker', '--settle', '2'],
    'ui-render': ['--n', '200,1000', '--duration', '8', '--soak', '40'],
  },
  smoke: {
    'first-frame': ['--n', '2', '--runs', '1'],
    'no-stream-latency': ['--n', '2', '--runs', '1', '--gap', '200', '--commands', 'auto,docker', '--accuracy', '2'],
    'engine-cost': ['--n', '2', '--duration', '5', '--approaches', 'cgroup,docker', '--settle', '1'],
    'ui-render': ['--n', '20', '--duration', '1', '--rss', '4'],
  },
};

const argv = process.argv.slice(2);
const mode = argv.includes('--smoke') ? 'smoke' : argv.includes('--quick') ? 'quick' : 'full';
const write = !argv.includes('--no-write') && mode !== 'smoke';
const prevAt = argv.indexOf('--previous');
const previous = prevAt >= 0 ? path.resolve(argv[prevAt + 1]) : null;
const picked = argv.filter((a, i) => !a.startsWith('--') && i !== prevAt + 1);
const plan = PLANS[mode];
for (const p of picked) {
  if (!(p in plan)) {
    console.error(`unknown bench "${p}"; choose from ${Object.keys(plan).join(', ')}`);
    process.exit(2);
  }
}
const benches = picked.length ? picked : Object.keys(plan);

function engineReachable() {
  const host = process.env.DOCKER_HOST;
  const socket = host?.startsWith('unix://') ? host.slice(7) : host ? null : '/var/run/docker.sock';
  return socket !== null && existsSync(socket);
}

/** Machine facts for RESULTS.md (the engine's come from `docker info`). */
function machine() {
  const cpus = os.cpus();
  const facts = { cpu: `${cpus.length} × ${cpus[0]?.model ?? '?'}`, memGiB: (os.totalmem() / 1024 ** 3).toFixed(1), kernel: os.release(), node: process.version, load: os.loadavg().map((x) => x.toFixed(2)).join(' ') };
  return facts;
}

function dockerInfo() {
  return new Promise((resolve) => {
    const c = spawn('docker', ['info', '--format', '{{.ServerVersion}}|{{.CgroupVersion}}|{{.CgroupDriver}}'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    c.stdout.on('data', (d) => (out += d));
    c.on('error', () => resolve(null));
    c.on('close', () => {
      const [version, cgroup, driver] = out.trim().split('|');
      resolve(version ? { version, cgroup, driver } : null);
    });
  });
}

let current = null;
let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    stopping = true;
    // The child cleans up its containers on the signal; we wait for it, then stop.
    if (current) current.kill(sig);
    else process.exit(130);
  });
}

const work = mkdtempSync(path.join(os.tmpdir(), 'ctop-bench-'));
const figuresFile = path.join(work, 'figures.ndjson');
const startedAt = new Date();
const before = machine();
const engine = await dockerInfo();
const haveEngine = engineReachable() && engine !== null;
const logs = [];
let failed = 0;
for (const b of benches) {
  if (stopping) break;
  if (ENGINE.has(b) && !haveEngine) {
    console.log(`\n=== ${b}: SKIP (no local engine: a unix socket at DOCKER_HOST or /var/run/docker.sock)`);
    continue;
  }
  const extra = previous && (b === 'first-frame' || b === 'ui-render') ? ['--previous', previous] : [];
  const runs = Array.isArray(plan[b][0]) ? plan[b] : [plan[b]];
  for (const planned of runs) {
    if (stopping) break;
    const args = [path.join(here, `${b}.js`), ...planned, ...extra];
    console.log(`\n=== ${b} ${args.slice(1).join(' ')}`);
    let out = '';
    const code = await new Promise((resolve) => {
      // One container namespace for the whole run (see BENCH_RUN in lib/docker-api.js).
      current = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, CTOP_BENCH_FIGURES: figuresFile, CTOP_BENCH_RUN: `r${process.pid}` } });
      current.stdout.on('data', (d) => {
        out += d;
        process.stdout.write(d);
      });
      current.on('close', (c) => resolve(c ?? 1));
    });
    current = null;
    logs.push({ bench: b, args: args.slice(1).join(' '), code, out });
    if (code !== 0) failed++;
  }
}

const figures = readFigures(figuresFile);
rmSync(work, { recursive: true, force: true });
const num = (x, unit) => (x === null || x === undefined || !Number.isFinite(x) ? '-' : unit === 'ms/ctr/tick' ? x.toFixed(3) : unit === 'runs' ? String(x) : x.toFixed(x >= 100 ? 0 : x >= 10 ? 1 : 2));
const rows = figures.map((f) => [f.figure, `${num(f.ours, f.unit)} ${f.unit}`, f.anchor === null ? '—' : `${num(f.anchor, f.unit)} ${f.unit}`, f.ratio === null ? '—' : f.ratio.toFixed(2), f.anchorLabel, f.target ?? '', f.pass === true ? 'PASS' : f.pass === false ? 'FAIL' : '', f.note ?? '']);
const head = ['figure', 'ours', 'anchor', 'ours/anchor', 'anchor is', 'target', '', 'note'];
console.log(`\n=== summary (${mode}): ${figures.length} figures`);
for (const r of rows) console.log(`  ${r[6].padEnd(4)} ${r[0]}: ${r[1]} / ${r[2]} = ${r[3]} (${r[4]}; target ${r[5]})${r[7] ? `; ${r[7]}` : ''}`);

if (write) {
  const after = machine();
  const md = [
    '## Every figure, ours / anchor (bench/run.js)',
    '',
    `Written by \`node bench/run.js${mode === 'full' ? '' : ` --${mode}`}\` (\`npm run bench\`) on ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC; see bench/README.md for what each figure measures.`,
    '',
    `- machine: ${before.cpu}, ${before.memGiB} GiB, Linux ${before.kernel}, Node ${before.node}`,
    `- engine: ${engine ? `Docker ${engine.version}, cgroup v${engine.cgroup} (${engine.driver} driver)` : 'none reachable'}`,
    `- load average (1/5/15 min) before: ${before.load}; after: ${after.load} — on a 2-core machine shared with other work, wall-clock figures stretch with it`,
    '',
    '| figure | ours | anchor | ours / anchor | anchor is | target | | note |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.map((c) => String(c).replaceAll('|', '\\|')).join(' | ')} |`),
    '',
    '### Bench output',
    '',
    ...logs.flatMap((l) => [`#### ${l.bench} ${l.args}${l.code ? ` (exit ${l.code})` : ''}`, '', '```', l.out.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').trim(), '```', '']),
  ].join('\n');
  // Other benches (soak.js) keep their own sections in this file, between their markers: keep
  // everything outside ours, and put ours first.
  const file = path.join(here, 'RESULTS.md');
  const START = '<!-- run:start -->';
  const END = '<!-- run:end -->';
  let rest = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const a = rest.indexOf(START);
  const b = rest.indexOf(END);
  if (a >= 0 && b > a) rest = rest.slice(0, a) + rest.slice(b + END.length);
  rest = rest.replace(/^# Bench(mark)? results\s*/, '').trim();
  writeFileSync(file, `# Bench results\n\n${START}\n${md}\n${END}\n${rest ? `\n${rest}\n` : ''}`);
  console.log(`\nwrote ${path.relative(process.cwd(), path.join(here, 'RESULTS.md'))}`);
}
process.exit(stopping ? 130 : failed ? 1 : 0);

#!/usr/bin/env node
// Wall time of one `--no-stream` snapshot: ctop-ts (--source auto, api, cgroup) against
// `docker stats --no-stream` on the same N containers; rounds interleave the commands (rotating
// their order) so drift and engine noise hit all alike. Also times `ctop-ts --version` (Node
// start-up plus module loading) for context.
// Usage: node bench/no-stream-latency.js [--n 5,30] [--runs 5]
import { parseArgs } from 'node:util';
import { BENCH_SELECTOR, BUSY_NAME, ensureBenchContainers, negotiateApiVersion, removeBenchContainers, removeContainer, request, startBusyContainer } from './lib/docker-api.js';
import { PREVIOUS_RELEASE, reportFigure } from './lib/figures.js';
import { CTOP_BIN, fmt, hostFacts, log, median, numberList, requireBuilt, runBench, runTimed, sleep, table, writeResults } from './lib/harness.js';

const USAGE = `usage: node bench/no-stream-latency.js [options]
  --n <list>     container counts (default 5,30)
  --runs <k>     runs per command (default 5; the median is reported)
  --gap <ms>     pause between runs (default 1500: keeps one run's engine work out of the next)
  --commands <l> subset of auto,api,cgroup,docker (default all; docker is the anchor, always run)
  --accuracy <k> then k consecutive runs against a --cpus 0.5 busy loop: CPU % must read 50 ± 3
                 (default 20; docker stats --no-stream runs min(k, 5) times beside it; 0 skips)
  --help`;

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '5,30' },
    runs: { type: 'string', default: '5' },
    gap: { type: 'string', default: '1500' },
    commands: { type: 'string', default: 'auto,api,cgroup,docker' },
    accuracy: { type: 'string', default: '20' },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const NS = numberList(args.n).sort((a, b) => a - b);
const RUNS = Number(args.runs);
const GAP_MS = Number(args.gap);

const sel = ['-l', BENCH_SELECTOR];
const ALL_COMMANDS = {
  'ctop-ts auto': () => [process.execPath, [CTOP_BIN, '--no-stream', '--source', 'auto', ...sel]],
  'ctop-ts api': () => [process.execPath, [CTOP_BIN, '--no-stream', '--source', 'api', ...sel]],
  'ctop-ts cgroup': () => [process.execPath, [CTOP_BIN, '--no-stream', '--source', 'cgroup', ...sel]],
  'docker stats': (names) => ['docker', ['stats', '--no-stream', ...names]],
};

const WANTED = new Set([...args.commands.split(',').map((c) => (c === 'docker' ? 'docker stats' : `ctop-ts ${c}`)), 'docker stats']);
const COMMANDS = Object.fromEntries(Object.entries(ALL_COMMANDS).filter(([label]) => WANTED.has(label)));

/** Data rows with a CPU % (not `--`) in a docker-style table; both tools print the same columns. */
function completeRows(stdout) {
  const lines = stdout.split('\n').filter((l) => l.trim() && !l.startsWith('CONTAINER'));
  return { rows: lines.length, complete: lines.filter((l) => /\s\d+(\.\d+)?%\s/.test(l)).length };
}

async function main() {
  requireBuilt();
  const api = await negotiateApiVersion();
  const host = await hostFacts(request);
  await removeBenchContainers({ log });
  const results = { bench: 'no-stream-latency', startedAt: new Date().toISOString(), host, engine: api.engine, runs: RUNS, gapMs: GAP_MS, startup: {}, byN: [] };

  // Start-up for context: bare Node, then ctop-ts --version (loads the CLI's modules).
  for (const [label, cmd, argv] of [
    ['node -e 0', process.execPath, ['-e', '0']],
    ['ctop-ts --version', process.execPath, [CTOP_BIN, '--version']],
  ]) {
    const ms = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await runTimed(cmd, argv);
      if (r.code !== 0) throw new Error(`${label}: exit ${r.code}: ${r.stderr}`);
      ms.push(r.ms);
    }
    results.startup[label] = { medianMs: median(ms), runsMs: ms };
  }

  for (const n of NS) {
    const names = (await ensureBenchContainers(n, { log })).slice(0, n).map((c) => c.name);
    await sleep(5000);
    const labels = Object.keys(COMMANDS);
    const runs = Object.fromEntries(labels.map((l) => [l, []]));
    for (let round = 0; round < RUNS; round++) {
      const order = labels.map((_, i) => labels[(i + round) % labels.length]);
      for (const label of order) {
        const [cmd, argv] = COMMANDS[label](names);
        const r = await runTimed(cmd, argv, { timeoutMs: 60_000 });
        const { rows, complete } = completeRows(r.stdout);
        runs[label].push({ ms: r.ms, code: r.code, rows, complete, stderr: r.stderr.trim().slice(0, 300) });
        log(`N=${n} round ${round + 1}: ${label}: ${fmt(r.ms, 0)} ms, exit ${r.code}, ${complete}/${rows} rows with CPU %${r.code ? ` (${r.stderr.trim().split('\n')[0]})` : ''}`);
        await sleep(GAP_MS);
      }
    }
    const docker = median(runs['docker stats'].filter((x) => x.code === 0).map((x) => x.ms));
    const summary = {};
    for (const label of labels) {
      const ok = runs[label].filter((x) => x.code === 0);
      const med = median(ok.map((x) => x.ms));
      summary[label] = {
        medianMs: med,
        minMs: ok.length ? Math.min(...ok.map((x) => x.ms)) : null,
        maxMs: ok.length ? Math.max(...ok.map((x) => x.ms)) : null,
        ratioVsDocker: med !== null && docker ? med / docker : null,
        failures: runs[label].length - ok.length,
        incompleteRuns: ok.filter((x) => x.complete !== n).length,
        runs: runs[label],
      };
    }
    results.byN.push({ n, summary });
  }
  const accuracyRuns = Number(args.accuracy);
  if (accuracyRuns > 0) results.accuracy = await accuracy(accuracyRuns);
  results.finishedAt = new Date().toISOString();
  print(results);
  report(results);
  log(`results: ${writeResults('no-stream-latency', results)}`);
}

/** CPU % of a `--cpus 0.5` busy loop, `runs` consecutive `--no-stream` runs (no gap), and docker's beside it. */
async function accuracy(runs) {
  await startBusyContainer();
  await sleep(3000);
  const cpuOf = (stdout) => {
    const line = stdout.split('\n').find((l) => l.includes(` ${BUSY_NAME} `) || l.endsWith(` ${BUSY_NAME}`));
    const m = line && /\s(\d+(?:\.\d+)?)%/.exec(line.slice(line.indexOf(BUSY_NAME)));
    return m ? Number(m[1]) : null;
  };
  const ours = [];
  for (let i = 0; i < runs; i++) ours.push(cpuOf((await runTimed(process.execPath, [CTOP_BIN, '--no-stream', '-f', BUSY_NAME])).stdout));
  const docker = [];
  for (let i = 0; i < Math.min(runs, 5); i++) docker.push(cpuOf((await runTimed('docker', ['stats', '--no-stream', BUSY_NAME])).stdout));
  await removeContainer(BUSY_NAME);
  const within = (xs) => xs.filter((x) => x !== null && Math.abs(x - 50) <= 3).length;
  log(`accuracy: ctop-ts ${ours.join(' ')}; docker stats ${docker.join(' ')}`);
  return { runs, ours, docker, oursWithin: within(ours), dockerWithin: within(docker) };
}

function report(results) {
  for (const { n, summary } of results.byN) {
    const auto = summary['ctop-ts auto'];
    const docker = summary['docker stats'];
    if (!auto || !docker) continue;
    reportFigure({
      id: `no-stream.n${n}`,
      figure: `--no-stream wall time, ${n} containers (default source)`,
      ours: auto.medianMs,
      anchor: docker.medianMs,
      anchorLabel: 'docker stats --no-stream (same run)',
      unit: 'ms',
      target: '≤ 1/4 of docker stats',
      pass: auto.ratioVsDocker !== null ? auto.ratioVsDocker <= 0.25 : null,
      note: `median of ${results.runs}; previous release ${PREVIOUS_RELEASE.noStreamRatio} of docker`,
    });
  }
  const a = results.accuracy;
  if (a) {
    const spread = (xs) => {
      const v = xs.filter((x) => x !== null);
      return v.length ? `${Math.min(...v)}–${Math.max(...v)}` : '-';
    };
    reportFigure({
      id: 'no-stream.accuracy',
      figure: `--no-stream CPU % of a --cpus 0.5 loop: runs within 50 ± 3 (of ${a.runs} consecutive)`,
      ours: a.oursWithin,
      anchor: a.dockerWithin,
      anchorLabel: `docker stats --no-stream (of ${a.docker.length})`,
      unit: 'runs',
      target: `${a.runs} of ${a.runs}`,
      pass: a.oursWithin === a.runs,
      note: `ctop-ts ${spread(a.ours)} %, docker ${spread(a.docker)} %`,
    });
  }
}

function print(results) {
  console.log(`\nno-stream-latency: median wall time of ${results.runs} interleaved runs\n`);
  const rows = [];
  for (const { n, summary } of results.byN) {
    for (const [label, s] of Object.entries(summary)) {
      const notes = [];
      if (s.failures) notes.push(`${s.failures} failed: ${s.runs.find((r) => r.code !== 0)?.stderr.split('\n')[0] ?? ''}`);
      if (s.incompleteRuns) notes.push(`${s.incompleteRuns} run(s) with rows lacking CPU %`);
      rows.push([String(n), label, fmt(s.medianMs, 0), s.minMs === null ? null : `${fmt(s.minMs, 0)}–${fmt(s.maxMs, 0)}`, fmt(s.ratioVsDocker, 2), label === 'docker stats' ? '' : s.ratioVsDocker === null ? '' : s.ratioVsDocker <= 0.25 ? 'PASS (≤ 0.25)' : 'FAIL (> 0.25)', notes.join('; ')]);
    }
  }
  console.log(table(['N', 'command', 'median ms', 'range ms', 'vs docker', 'target', 'notes'], rows));
  if (results.accuracy) {
    const a = results.accuracy;
    console.log(`\naccuracy (--cpus 0.5 busy loop, ${a.runs} consecutive runs): ctop-ts within 50 ± 3 in ${a.oursWithin}/${a.ours.length}: ${a.ours.join(' ')}`);
    console.log(`  docker stats --no-stream within 50 ± 3 in ${a.dockerWithin}/${a.docker.length}: ${a.docker.join(' ')}`);
  }
  console.log('\nstart-up for context:');
  for (const [label, s] of Object.entries(results.startup)) console.log(`  ${label.padEnd(18)} ${fmt(s.medianMs, 0)} ms (median)`);
}

runBench(main);

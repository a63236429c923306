#!/usr/bin/env node
// Time to the first live frame with numbers: from exec to the first screen (tmux) on which every
// bench container's row is present and the busy container's CPU column holds a percentage, not
// `--`. ctop-ts against `docker stats` (the same containers, its own live screen), interleaved;
// optionally also a previous build (--previous DIR, a checkout with dist/ built) for before/after.
// Usage: node bench/first-frame.js [--n 5] [--runs 5] [--previous /path/to/old/ctop-ts]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_SELECTOR, BUSY_NAME, ensureBenchContainers, negotiateApiVersion, removeBenchContainers, request, startBusyContainer } from './lib/docker-api.js';
import { CTOP_BIN, ensureUiBundle, fmt, hostFacts, log, median, requireBuilt, runBench, sleep, table, writeResults } from './lib/harness.js';
import { PREVIOUS_RELEASE, reportFigure } from './lib/figures.js';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '5' },
    runs: { type: 'string', default: '5' },
    previous: { type: 'string' },
    timeout: { type: 'string', default: '10' },
  },
});
const N = Number(args.n);
const RUNS = Number(args.runs);
const TIMEOUT_MS = Number(args.timeout) * 1000;
const SOCKET = `ctop-bench-ff-${process.pid}`;
const POLL_MS = 15;

const tmux = (...a) => execFileSync('tmux', ['-L', SOCKET, ...a], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
const shq = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;

/**
 * The first CPU-column cell after `name` on its row: `--` or a percentage. Both screens put CPU %
 * as the first such cell after the name (docker: NAME CPU %; ctop-ts: NAME ID IMAGE CPU%).
 */
export function cpuCell(screen, name) {
  const line = screen.split('\n').find((l) => new RegExp(`\\s${name}\\s`).test(` ${l} `));
  if (!line) return null;
  const rest = line.slice(line.indexOf(name) + name.length);
  const m = /\s(--|\d+(?:\.\d+)?%)(?=\s|$)/.exec(rest);
  return m ? m[1] : null;
}

/** Ms from exec to a frame with every name present and a number in the busy row's CPU cell. */
async function timeToNumbers(argv, names) {
  const dir = mkdtempSync(path.join(tmpdir(), 'ctop-ff-'));
  const stamp = path.join(dir, 'start');
  // The shell stamps the clock, then execs the program: the time is from exec, not from tmux.
  const cmd = `date +%s%N > ${shq(stamp)}; exec ${argv.map(shq).join(' ')}`;
  try {
    tmux('new-session', '-d', '-s', 'ff', '-x', '160', '-y', String(Math.max(20, names.length + 8)), '-e', 'CI=false', cmd);
    const deadline = Date.now() + TIMEOUT_MS;
    while (Date.now() < deadline) {
      await sleep(POLL_MS);
      let screen;
      try {
        screen = tmux('capture-pane', '-p', '-t', 'ff');
      } catch {
        continue;
      }
      const seenAt = Date.now();
      const cell = cpuCell(screen, BUSY_NAME);
      if (cell && cell !== '--' && names.every((n) => screen.includes(n))) {
        const start = Number(BigInt(readFileSync(stamp, 'utf8').trim()) / 1_000_000n);
        return { ms: seenAt - start, cpu: cell };
      }
    }
    return { ms: null, cpu: null };
  } finally {
    try {
      tmux('kill-server');
    } catch {
      /* already gone */
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  requireBuilt();
  log(`live screen from the ${await ensureUiBundle()}`);
  const api = await negotiateApiVersion();
  const host = await hostFacts(request);
  await removeBenchContainers({ log });
  const idle = (await ensureBenchContainers(N, { log })).slice(0, N).map((c) => c.name);
  await startBusyContainer();
  const names = [...idle, BUSY_NAME];
  await sleep(3000);
  const commands = {
    'ctop-ts': [process.execPath, CTOP_BIN, '-l', BENCH_SELECTOR],
    ...(args.previous ? { 'ctop-ts (previous build)': [process.execPath, path.join(args.previous, 'bin', 'ctop-ts.js'), '-l', BENCH_SELECTOR] } : {}),
    'docker stats': ['docker', 'stats', ...names],
  };
  const labels = Object.keys(commands);
  const runs = Object.fromEntries(labels.map((l) => [l, []]));
  for (let round = 0; round < RUNS; round++) {
    for (let i = 0; i < labels.length; i++) {
      const label = labels[(i + round) % labels.length];
      const r = await timeToNumbers(commands[label], names);
      runs[label].push(r);
      log(`round ${round + 1}: ${label}: ${r.ms === null ? 'no numbers within the timeout' : `${r.ms} ms (busy CPU ${r.cpu})`}`);
      await sleep(500);
    }
  }
  const docker = median(runs['docker stats'].map((r) => r.ms ?? NaN));
  const summary = Object.fromEntries(
    labels.map((l) => {
      const ms = runs[l].map((r) => r.ms ?? NaN);
      const med = median(ms);
      return [l, { medianMs: med, runsMs: ms, ratioVsDocker: med !== null && docker ? med / docker : null, failures: ms.filter((x) => !Number.isFinite(x)).length }];
    }),
  );
  const results = { bench: 'first-frame', startedAt: new Date().toISOString(), host, engine: api.engine, n: N, runs: RUNS, summary };
  console.log(`\nfirst-frame: exec → first frame with every row and the busy container's CPU %, ${N} idle + 1 busy container, median of ${RUNS}\n`);
  console.log(
    table(
      ['command', 'median ms', 'runs ms', 'vs docker stats', 'target'],
      labels.map((l) => {
        const s = summary[l];
        const target = l === 'docker stats' ? '' : s.medianMs === null ? 'FAIL' : s.medianMs <= 600 ? 'PASS (≤ 600 ms)' : 'FAIL (> 600 ms)';
        return [l, fmt(s.medianMs, 0), s.runsMs.map((x) => (Number.isFinite(x) ? x : 'x')).join(' '), fmt(s.ratioVsDocker, 2), target];
      }),
    ),
  );
  const ours = summary['ctop-ts'];
  reportFigure({
    id: 'first-frame',
    figure: `first frame with numbers (exec → every row + busy CPU %), ${N} + 1 containers`,
    ours: ours.medianMs,
    anchor: summary['docker stats'].medianMs,
    anchorLabel: 'docker stats (same run)',
    unit: 'ms',
    target: '≤ 600 ms',
    pass: ours.medianMs !== null && ours.medianMs <= 600,
    note: `median of ${RUNS}: ${ours.runsMs.map((x) => (Number.isFinite(x) ? x : 'x')).join(' ')}${summary['ctop-ts (previous build)'] ? `; previous build ${fmt(summary['ctop-ts (previous build)'].medianMs, 0)} ms` : `; previous release ~${PREVIOUS_RELEASE.firstFrameMs} ms`}`,
  });
  log(`results: ${writeResults('first-frame', results)}`);
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) runBench(main);

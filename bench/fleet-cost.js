#!/usr/bin/env node
// Watching three engines at once: the shared dockerd, a private dockerd and Podman, N idle
// containers each. Two measures:
// 1. Whole-system cost of watching for D seconds at 1 Hz: the watcher process(es) plus every
//    engine's processes (dockerd + containerd + the containers' shims; podman's service + conmons),
//    minus the same engines' idle baseline measured in the same run. ctop-ts (one process, three
//    -H) against `docker stats` on each engine side by side (three processes).
// 2. --no-stream wall time: ctop-ts across the three at once against the three
//    `docker stats --no-stream` run one after another.
// Needs root, the engines' packages (scripts/engine-up.sh) and a build (npx tsc -p tsconfig.json).
// Usage: node --import tsx bench/fleet-cost.js [--n 20] [--duration 60] [--runs 5]
import { readFileSync, readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CTOP_BIN, fmt, log, median, onCleanup, requireBuilt, runBench, runTimed, sleep, spawnTracked, stopChild, table, writeResults } from './lib/harness.js';
import { clockTicks, engineDelta, findEngine, readStat, snapshotEngine } from './lib/proc-cpu.js';
import { startDockerd } from '../test/helpers/dockerd.ts';
import { startPodman } from '../test/helpers/podman.ts';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '20' },
    duration: { type: 'string', default: '60' },
    runs: { type: 'string', default: '5' },
    settle: { type: 'string', default: '3' },
  },
});
const N = Number(args.n);
const DURATION_S = Number(args.duration);
const RUNS = Number(args.runs);
const SETTLE_MS = Number(args.settle) * 1000;
const LABEL = 'ctop-bench-fleet';
const IMAGE = 'ctop-test/busybox:latest';

const pidsOf = (comm) =>
  readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === comm;
      } catch {
        return false;
      }
    });
const cmdline = (pid) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return [];
  }
};

/** Podman's processes: the service on our socket and the conmons of the bench containers. */
function podmanSnapshot(sock, ids) {
  const snap = new Map();
  for (const pid of pidsOf('podman')) if (cmdline(pid).some((a) => a.includes(sock))) snap.set(pid, { role: 'service', ticks: readStat(pid)?.ticks ?? 0, startTime: readStat(pid)?.startTime });
  for (const pid of pidsOf('conmon')) if (cmdline(pid).some((a) => ids.has(a))) snap.set(pid, { role: 'conmon', ticks: readStat(pid)?.ticks ?? 0, startTime: readStat(pid)?.startTime });
  return snap;
}
function podmanDelta(before, after) {
  let sec = 0;
  for (const [pid, a] of after) {
    const b = before.get(pid);
    sec += (a.ticks - (b && b.startTime === a.startTime ? b.ticks : 0)) / clockTicks();
  }
  return sec;
}

function cpuOf(pids) {
  return pids.reduce((s, pid) => s + (readStat(pid)?.ticks ?? 0), 0) / clockTicks();
}

runBench(async () => {
  requireBuilt();
  if (process.getuid?.() !== 0) throw new Error('needs root (a private dockerd and Podman)');
  log(`starting a private dockerd and Podman; ${N} idle containers per engine`);
  const [d2, pm] = await Promise.all([startDockerd({ name: 'bench-fleet' }), startPodman()]);
  onCleanup(async () => {
    await d2.destroy();
    await pm.stop();
  });
  const engines = [
    { name: 'docker', host: 'unix:///var/run/docker.sock', sock: '/var/run/docker.sock' },
    { name: 'dock2', host: d2.host, sock: d2.sock },
    { name: 'podman', host: pm.host, sock: pm.sock },
  ];
  const ids = { docker: [], dock2: [], podman: [] };
  for (let i = 0; i < N; i++) {
    const name = `${LABEL}-${process.pid}-${i}`;
    const run = ['run', '-d', '--network', 'none', '--label', `${LABEL}=1`, '--label', 'ctop-test=1', '--name', name, IMAGE, 'sleep', '36000'];
    const a = await runTimed('docker', run);
    ids.docker.push(a.stdout.trim());
    ids.dock2.push((await d2.docker(run)).stdout.trim());
    ids.podman.push(await pm.run({ name: `fleet-bench-${i}`, cmd: 'sleep 36000', labels: { [LABEL]: '1' } }));
  }
  onCleanup(async () => {
    await runTimed('docker', ['rm', '-f', ...ids.docker]);
  });
  const dockerEngines = [findEngine('/var/run/docker.sock'), findEngine(d2.sock)];
  const benchIds = [new Set(ids.docker), new Set(ids.dock2)];
  const podmanIds = new Set(ids.podman);
  const hostArgs = engines.flatMap((e) => ['-H', `${e.name}=${e.host}`]);

  /** CPU seconds of the engines over `fn`'s run. */
  const measure = async (label, start) => {
    const before = { d: dockerEngines.map(snapshotEngine), p: podmanSnapshot(pm.sock, podmanIds) };
    const watchers = start();
    const pids = watchers.map((w) => w.child.pid);
    const w0 = cpuOf(pids);
    const t0 = performance.now();
    await sleep(DURATION_S * 1000);
    const watcher = cpuOf(pids) - w0;
    const wall = (performance.now() - t0) / 1000;
    const after = { d: dockerEngines.map(snapshotEngine), p: podmanSnapshot(pm.sock, podmanIds) };
    for (const w of watchers) await stopChild(w);
    const engineSec = engineDelta(before.d[0], after.d[0], benchIds[0]).engine + engineDelta(before.d[1], after.d[1], benchIds[1]).engine + podmanDelta(before.p, after.p);
    log(`${label}: watcher ${fmt(watcher)} s, engines ${fmt(engineSec)} s over ${fmt(wall, 1)} s`);
    await sleep(SETTLE_MS);
    return { label, watcher, engines: engineSec, wall };
  };

  const results = [];
  results.push(await measure('idle (nobody watching)', () => []));
  results.push(
    await measure('ctop-ts, 3 engines, one process', () => [spawnTracked(process.execPath, [CTOP_BIN, ...hostArgs, '--json', '-i', '1', '-l', `${LABEL}=1`], { onLine: () => undefined })]),
  );
  results.push(
    await measure('docker stats x3, side by side', () =>
      engines.map((e) => spawnTracked('docker', ['-H', e.host, 'stats', '--format', '{{json .}}', ...ids[e.name]], { onLine: () => undefined })),
    ),
  );
  const idle = results[0].engines;
  const rows = results.map((r) => [r.label, fmt(r.watcher), fmt(r.engines - idle), fmt(r.watcher + r.engines - idle), fmt(((r.watcher + r.engines - idle) / r.wall) * 100, 1)]);
  console.log(`\nWhole-system CPU watching 3 engines x ${N} idle containers for ${DURATION_S} s (engines minus their idle baseline)`);
  console.log(table(['approach', 'watcher s', 'engines s', 'total s', '% of a core'], rows));

  // --no-stream wall time.
  const ours = [];
  const theirs = [];
  for (let i = 0; i < RUNS; i++) {
    const a = await runTimed(process.execPath, [CTOP_BIN, ...hostArgs, '--no-stream', '-l', `${LABEL}=1`]);
    if (a.code !== 0) throw new Error(`ctop-ts --no-stream failed: ${a.stderr}`);
    ours.push(a.ms);
    let total = 0;
    for (const e of engines) {
      const r = await runTimed('docker', ['-H', e.host, 'stats', '--no-stream', ...ids[e.name]]);
      if (r.code !== 0) throw new Error(`docker stats --no-stream on ${e.name} failed: ${r.stderr}`);
      total += r.ms;
    }
    theirs.push(total);
  }
  console.log(`\n--no-stream wall time across 3 engines x ${N} containers, median of ${RUNS}`);
  console.log(table(['approach', 'median ms', 'min ms', 'max ms'], [
    ['ctop-ts --no-stream -H x3', fmt(median(ours), 0), fmt(Math.min(...ours), 0), fmt(Math.max(...ours), 0)],
    ['docker stats --no-stream x3, one after another', fmt(median(theirs), 0), fmt(Math.min(...theirs), 0), fmt(Math.max(...theirs), 0)],
  ]));
  const file = writeResults('fleet-cost', { n: N, durationS: DURATION_S, runs: RUNS, cost: results, noStream: { ctop: ours, dockerSequential: theirs } });
  log(`results: ${file}`);
});

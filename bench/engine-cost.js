#!/usr/bin/env node
// The whole CPU cost of watching N idle containers at 1 Hz for D seconds: the watcher process plus
// what the engine spends on its behalf: dockerd + containerd minus their idle baseline measured in
// the same run, plus the watched containers' shims minus N unwatched control containers' shims in
// the same window (each shim's Go runtime burns a few ms every ~30 s, in step with the others: an
// idle baseline cannot tell one such burst from a watcher's cost). Approaches, one after the other
// on the same containers: idle baseline, ctop-ts --source cgroup, ctop-ts --source api, docker
// stats, idle baseline again. Usage: node bench/engine-cost.js [--n 10,50,100] [--duration 60]
import { parseArgs } from 'node:util';
import { BENCH_SELECTOR, ensureBenchContainers, listBenchContainers, negotiateApiVersion, removeBenchContainers, request, socketPath, watchForeignActivity } from './lib/docker-api.js';
import { CTOP_BIN, fmt, hostFacts, log, numberList, onCleanup, requireBuilt, runBench, runTimed, sleep, spawnTracked, stopChild, table, writeResults } from './lib/harness.js';
import { cpuSeconds, engineDelta, findEngine, snapshotEngine } from './lib/proc-cpu.js';
import { PREVIOUS_RELEASE, reportFigure } from './lib/figures.js';

const USAGE = `usage: node bench/engine-cost.js [options]
  --n <list>           container counts (default 10,50,100)
  --duration <s>       seconds per approach (default 60)
  --approaches <list>  subset of cgroup,api,docker (default all three; idle always runs)
  --settle <s>         pause between approaches (default 3)
  --control <0|1>      N unwatched control containers whose shims are subtracted (default 1)
  --help`;

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '10,50,100' },
    duration: { type: 'string', default: '60' },
    approaches: { type: 'string', default: 'cgroup,api,docker' },
    settle: { type: 'string', default: '3' },
    control: { type: 'string', default: '1' },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const NS = numberList(args.n).sort((a, b) => a - b);
const DURATION_S = Number(args.duration);
const SETTLE_MS = Number(args.settle) * 1000;
const STEADY_FROM_S = Math.min(5, Math.floor(Number(args.duration) / 2));
const WANTED = args.approaches.split(',').map((s) => s.trim());
const CONTROL = args.control !== '0';
if (!['0', '1'].includes(args.control)) throw new Error('--control must be 0 or 1');
if (!(DURATION_S >= 5)) throw new Error('--duration must be at least 5 seconds');
for (const a of WANTED) if (!['cgroup', 'api', 'docker'].includes(a)) throw new Error(`unknown approach ${a}`);

/** How each approach is started; `parse` checks that the watcher really delivered data. */
const APPROACHES = {
  cgroup: {
    label: 'ctop-ts --source cgroup',
    cmd: () => [process.execPath, [CTOP_BIN, '--json', '--source', 'cgroup', '--interval', '1', '-l', BENCH_SELECTOR]],
    parse: ctopLine,
  },
  api: {
    label: 'ctop-ts --source api',
    cmd: () => [process.execPath, [CTOP_BIN, '--json', '--source', 'api', '--interval', '1', '-l', BENCH_SELECTOR]],
    parse: ctopLine,
  },
  docker: {
    label: 'docker stats',
    // Explicit IDs: the same set ctop-ts selects with -l, even when others run containers too.
    cmd: (ids) => ['docker', ['stats', '--format', '{{json .}}', ...ids]],
    parse: dockerLine,
  },
};

/** ctop-ts NDJSON: one line per container per tick; a row with a CPU % is a complete sample. */
function ctopLine(line, acc) {
  if (!line.startsWith('{')) return;
  try {
    const o = JSON.parse(line);
    if (o.type !== 'container') return;
    acc.rows++;
    if (o.cpuPercent !== null && o.memUsage !== null) acc.valid++;
  } catch {
    acc.garbage++;
  }
}

/** docker stats --format json: frames every 500 ms, each line prefixed with cursor escapes. */
function dockerLine(line, acc) {
  const i = line.indexOf('{');
  if (i < 0) return;
  try {
    const o = JSON.parse(line.slice(i, line.lastIndexOf('}') + 1));
    acc.rows++;
    if (o.CPUPerc && o.CPUPerc !== '--') acc.valid++;
  } catch {
    acc.garbage++;
  }
}

async function precheck(approach) {
  if (approach === 'docker') return null;
  const r = await runTimed(process.execPath, [CTOP_BIN, '--no-stream', '--json', '--source', approach, '-l', BENCH_SELECTOR], { timeoutMs: 30_000 });
  if (r.code === 0 && r.stdout.includes('"type":"container"')) return null;
  return `exit ${r.code ?? r.signal}: ${(r.stderr || r.stdout).trim().split('\n').slice(0, 3).join(' | ')}`;
}

async function runPhase({ approach, ids, engine, benchIds, controlIds, foreign }) {
  const acc = { rows: 0, valid: 0, garbage: 0 };
  const snapshot = () => snapshotEngine(engine, { precise: true });
  foreign.take();
  const before = snapshot();
  const t0 = performance.now();
  let handle = null;
  if (approach !== 'idle') {
    const spec = APPROACHES[approach];
    const [cmd, argv] = spec.cmd(ids);
    handle = spawnTracked(cmd, argv, { onLine: (l) => spec.parse(l, acc) });
  }
  // Steady state: from STEADY_FROM_S on, start-up is over (the first ticks' inspects included).
  await sleep(STEADY_FROM_S * 1000);
  const watcherMid = handle ? cpuSeconds(handle.child.pid) : 0;
  const mid = snapshot();
  await sleep((DURATION_S - STEADY_FROM_S) * 1000);
  // Read the watcher and the engine at the same moment, before stopping the watcher.
  const watcherCpu = handle ? cpuSeconds(handle.child.pid) : 0;
  const after = snapshot();
  const wallS = (performance.now() - t0) / 1000;
  const output = { ...acc }; // what arrived within the window, not while stopping
  let error = null;
  if (handle) {
    const alive = handle.child.exitCode === null && handle.child.signalCode === null;
    // docker stats stops promptly on SIGINT (Ctrl-C); ctop-ts on either.
    const r = await stopChild(handle, 3000, 'SIGINT');
    if (!alive || watcherCpu === null) error = `watcher exited early (${r.code ?? r.signal}): ${handle.stderr().trim().slice(-300)}`;
  }
  const eng = engineDelta(before, after, benchIds, controlIds);
  const steady = { watcherCpuS: watcherCpu !== null && watcherMid !== null ? watcherCpu - watcherMid : null, engine: engineDelta(mid, after, benchIds, controlIds), seconds: DURATION_S - STEADY_FROM_S };
  return { approach, wallS, watcherCpuS: watcherCpu, engine: eng, steady, output, foreign: foreign.take(), error };
}

async function main() {
  requireBuilt();
  const api = await negotiateApiVersion();
  const engine = findEngine(socketPath());
  const host = await hostFacts(request);
  log(`engine ${api.engine} (API ${api.apiVersion}); dockerd pid ${engine.dockerd}, containerd pid ${engine.containerd} (${engine.containerdAddress})`);
  await removeBenchContainers({ log }); // leftovers of an earlier run
  const foreign = watchForeignActivity();
  onCleanup(() => foreign.close());

  const results = { bench: 'engine-cost', startedAt: new Date().toISOString(), host, engineProcesses: engine, durationS: DURATION_S, settleS: SETTLE_MS / 1000, control: CONTROL, runs: [] };
  const skipped = {};
  for (const n of NS) {
    const containers = (await ensureBenchContainers(n, { log, control: CONTROL ? n : 0 })).slice(0, n);
    const ids = containers.map((c) => c.id);
    const benchIds = new Set(ids);
    const controlIds = new Set(CONTROL ? (await listBenchContainers({ control: true })).slice(0, n).map((c) => c.id) : []);
    await sleep(Math.max(SETTLE_MS, 8000)); // container starts keep dockerd/shims busy for a moment
    const order = ['idle', ...WANTED.filter((a) => !skipped[a]), 'idle'];
    for (const a of WANTED) {
      if (skipped[a]) continue;
      const why = await precheck(a);
      if (why) {
        skipped[a] = why;
        order.splice(order.indexOf(a), 1);
        log(`skipping ${a}: ${why}`);
      }
    }
    const phases = [];
    for (const approach of order) {
      log(`N=${n}: ${approach} for ${DURATION_S}s`);
      const p = await runPhase({ approach, ids, engine, benchIds, controlIds, foreign });
      if (p.error) log(`N=${n}: ${approach}: ${p.error}`);
      const e = p.engine;
      log(
        `N=${n}: ${approach}: watcher ${fmt(p.watcherCpuS)}s, engine ${fmt(e.engine)}s (dockerd ${fmt(e.dockerd, 3)}, containerd ${fmt(e.containerd, 3)}, shims ${fmt(e.shimsBench, 3)}${CONTROL ? `, control shims ${fmt(e.shimsControl, 3)}` : ''}), rows ${p.output.rows} valid ${p.output.valid}, foreign events ${p.foreign.count}${e.tickFallbacks ? `, ${e.tickFallbacks} process(es) in ticks` : ''}`,
      );
      phases.push(p);
      await sleep(SETTLE_MS);
    }
    results.runs.push(summarise(n, phases));
  }
  results.skipped = skipped;
  results.finishedAt = new Date().toISOString();
  results.checks = checks(results.runs);
  print(results);
  report(results);
  log(`results: ${writeResults('engine-cost', results)}`);
}

/**
 * The engine's share of one window of `seconds`: dockerd + containerd net of their idle mean, plus
 * watched − control shims of this same window (shim bursts cancel out). Without a control group:
 * dockerd + containerd + watched shims net of their idle mean (the shims' bursts stay in as noise).
 */
function engineShare(e, baseline, seconds = DURATION_S) {
  const k = seconds / DURATION_S;
  return CONTROL ? e.dockerd + e.containerd - baseline.core * k + (e.shimsBench - e.shimsControl) : e.engine - baseline.engine * k;
}

function summarise(n, phases) {
  const idle = phases.filter((p) => p.approach === 'idle');
  const mean = (f) => idle.reduce((s, p) => s + f(p.engine), 0) / idle.length;
  const baseline = { core: mean((e) => e.dockerd + e.containerd), shimsBench: mean((e) => e.shimsBench), shimsControl: mean((e) => e.shimsControl), engine: mean((e) => e.engine) };
  const spread = (f) => (idle.length === 2 ? Math.abs(f(idle[0]) - f(idle[1])) : null);
  const rows = {};
  for (const p of phases.filter((q) => q.approach !== 'idle')) {
    const engineNetS = engineShare(p.engine, baseline);
    const ticks = p.approach === 'docker' ? p.output.rows / n / 2 : p.output.rows / n; // docker draws 2 frames/s
    const steadyEngineS = engineShare(p.steady.engine, baseline, p.steady.seconds);
    rows[p.approach] = {
      watcherCpuS: p.watcherCpuS,
      engineCpuS: p.engine.engine,
      coreCpuS: p.engine.dockerd + p.engine.containerd,
      shimsBenchS: p.engine.shimsBench,
      shimsControlS: CONTROL ? p.engine.shimsControl : null,
      engineNetS,
      engineNetNoControlS: p.engine.engine - baseline.engine, // what the method without a control group says
      totalS: p.error ? null : p.watcherCpuS + engineNetS,
      perContainerMs: p.error ? null : ((p.watcherCpuS + engineNetS) / n) * 1000,
      validSampleRatio: p.output.rows ? p.output.valid / p.output.rows : 0,
      ticksSeen: ticks,
      error: p.error,
      // Steady state, start-up excluded: whole-system CPU per container per 1 s tick.
      steadyMsPerCtrTick: p.error || p.steady.watcherCpuS === null ? null : ((p.steady.watcherCpuS + steadyEngineS) / n / p.steady.seconds) * 1000,
      steadyWatcherMsPerCtrTick: p.error || p.steady.watcherCpuS === null ? null : (p.steady.watcherCpuS / n / p.steady.seconds) * 1000,
    };
  }
  const docker = rows.docker?.totalS ?? null;
  for (const r of Object.values(rows)) r.ratioVsDocker = docker && r.totalS !== null ? r.totalS / docker : null;
  // baselineEngineS: what every window subtracts. idleSpreadS: how far apart the two idle windows'
  // engine shares are (the noise floor). idleShimDiffS: watched − control shims, nobody watching (≈ 0).
  const baselineEngineS = CONTROL ? baseline.core : baseline.engine;
  const idleShimDiffS = idle.map((p) => p.engine.shimsBench - p.engine.shimsControl);
  const idleSpreadS = spread((p) => engineShare(p.engine, baseline));
  return { n, control: CONTROL, baseline, baselineEngineS, idleSpreadS, idleSpreadNoControlS: spread((p) => p.engine.engine), idleShimDiffS, approaches: rows, phases };
}

function checks(runs) {
  const out = [];
  for (const r of runs) {
    const c = r.approaches.cgroup;
    const d = r.approaches.docker;
    if (c?.totalS != null && d?.totalS != null)
      out.push({ check: `N=${r.n}: cgroup total < docker stats / 10`, pass: c.totalS < d.totalS / 10, value: `${fmt(c.totalS, 3)} s vs ${fmt(d.totalS / 10, 3)} s` });
  }
  if (runs.length >= 2) {
    const lo = runs[0];
    const hi = runs[runs.length - 1];
    for (const a of ['cgroup', 'api', 'docker']) {
      const x = lo.approaches[a]?.perContainerMs;
      const y = hi.approaches[a]?.perContainerMs;
      if (x == null || y == null) continue;
      // Linear or better: the per-container cost at the largest N is no higher than at the
      // smallest (fixed costs such as process start-up make small N look dearer per container).
      // 20 % slack for noise.
      out.push({ check: `${a}: per-container cost N=${hi.n} ≤ 1.2 × N=${lo.n} (no worse than linear)`, pass: y <= x * 1.2, value: `${fmt(y)} ms vs ${fmt(x)} ms (×${fmt(y / x)})` });
    }
  }
  return out;
}

/** The issue's figures: whole-system cost vs docker stats, and steady state per container per tick. */
function report(results) {
  for (const r of results.runs) {
    const c = r.approaches.cgroup;
    const d = r.approaches.docker;
    if (!c || !d) continue;
    const target = r.n >= 100 ? 1 / 20 : 1 / 10;
    // Other people's containers on a shared engine move its idle baseline: when the two idle runs
    // differ by more than ctop-ts's whole budget, the engine's share cannot be told from noise.
    const noisy = r.idleSpreadS !== null && d.totalS !== null && r.idleSpreadS > d.totalS * target;
    const noise = noisy ? `; TOO NOISY to judge: idle baseline spread ${fmt(r.idleSpreadS)} s` : '';
    reportFigure({
      id: `watch.total.n${r.n}`,
      figure: `whole-system CPU of watching ${r.n} containers for ${results.durationS} s (start-up included)`,
      ours: c.totalS,
      anchor: d.totalS,
      anchorLabel: 'docker stats (same run)',
      unit: 's',
      target: `≤ 1/${Math.round(1 / target)} of docker stats`,
      pass: noisy ? null : c.totalS !== null && d.totalS ? c.totalS / d.totalS <= target : null,
      note: `watcher ${fmt(c.watcherCpuS)} s + engine ${fmt(c.engineNetS)} s (${r.control ? `dockerd+containerd net of idle ${fmt(c.coreCpuS - r.baseline.core)} + watched−control shims ${fmt(c.shimsBenchS - c.shimsControlS, 3)}; idle shims A−B ${shimDiffs(r)}` : 'no control group'}); previous release: ${r.n >= 100 ? `${PREVIOUS_RELEASE.watchRatio100} of docker at 100 over 60 s` : `${PREVIOUS_RELEASE.watchRatio30} of docker at 30 over 40 s`}${noise}`,
    });
    reportFigure({
      id: `watch.steady.n${r.n}`,
      figure: `steady-state CPU per container per tick, ${r.n} containers (ctop-ts + engine)`,
      ours: c.steadyMsPerCtrTick,
      anchor: d.steadyMsPerCtrTick,
      anchorLabel: 'docker stats (same run)',
      unit: 'ms/ctr/tick',
      target: '≤ 0.15 ms',
      pass: noisy || c.steadyMsPerCtrTick === null ? null : c.steadyMsPerCtrTick <= 0.15,
      note: `ctop-ts process alone ${fmt(c.steadyWatcherMsPerCtrTick, 3)} ms; previous release ~${PREVIOUS_RELEASE.perCtrTickMs} ms${noise}`,
    });
  }
}

/** Watched − control shims in each idle window, in ms: the control group's own error. */
const shimDiffs = (r) => r.idleShimDiffS.map((x) => `${x >= 0 ? '+' : ''}${fmt(x * 1000, 0)}`).join('/') + ' ms';

function print(results) {
  const rows = [];
  for (const r of results.runs) {
    const b = r.baseline;
    const idleNote = r.control ? `spread ${fmt(r.idleSpreadS, 3)} (w/o control ${fmt(r.idleSpreadNoControlS, 3)}); shims A−B ${shimDiffs(r)}` : `spread ${fmt(r.idleSpreadS, 3)}`;
    rows.push([String(r.n), 'idle baseline', null, fmt(b.core, 3), fmt(b.shimsBench, 3), r.control ? fmt(b.shimsControl, 3) : null, r.control ? null : fmt(b.engine), null, null, null, null, null, idleNote]);
    for (const a of ['cgroup', 'api', 'docker']) {
      const x = r.approaches[a];
      if (!x) continue;
      const valid = x.error ? 'FAILED' : `${fmt(100 * x.validSampleRatio, 0)}% valid`;
      const gross = [fmt(x.watcherCpuS), fmt(x.coreCpuS, 3), fmt(x.shimsBenchS, 3), fmt(x.shimsControlS, 3)];
      const net = [fmt(x.engineNetS), fmt(x.totalS), fmt(x.ratioVsDocker, 3), fmt(x.perContainerMs, 1), fmt(x.steadyMsPerCtrTick, 3), fmt(x.ticksSeen, 0)];
      rows.push([String(r.n), APPROACHES[a].label, ...gross, ...net, r.control ? `${valid}; engine w/o control ${fmt(x.engineNetNoControlS)}` : valid]);
    }
  }
  const method = results.control
    ? 'engine = (dockerd+ctrd − their idle-baseline mean) + (watched shims − control shims, same window)'
    : 'engine = dockerd + containerd + watched shims − their idle-baseline mean (no control group)';
  console.log(`\nengine-cost: CPU seconds over ${results.durationS} s at 1 Hz; columns dockerd+ctrd, shims (watched), control (N unwatched shims) are gross\n  ${method}\n`);
  console.log(table(['N', 'approach', 'watcher s', 'dockerd+ctrd s', 'shims s', 'control s', 'engine s', 'total s', 'vs docker', 'ms/ctr', 'steady ms/ctr/tick', 'ticks', 'notes'], rows));
  console.log('\nchecks:');
  for (const c of results.checks) console.log(`  ${c.pass ? 'PASS' : 'FAIL'}  ${c.check}: ${c.value}`);
  for (const [a, why] of Object.entries(results.skipped)) console.log(`  SKIP  ${a}: ${why}`);
  const foreign = results.runs.flatMap((r) => r.phases.map((p) => p.foreign.count)).reduce((s, x) => s + x, 0);
  if (foreign > 0) console.log(`  note  ${foreign} container events from non-bench containers during measurement (shared engine: adds noise to dockerd)`);
}

runBench(main);

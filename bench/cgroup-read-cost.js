#!/usr/bin/env node
// ctop-ts's own CPU per container-sample on the cgroup fast path: CgroupSource.sample() over N real
// idle containers, the way the sampler calls it (every container per tick, 16 in flight), measured
// with process.cpuUsage() (user + system: the kernel's work generating the cgroup files counts).
// No delta, store or output: only the source; `--pipeline` measures the whole --json path instead
// (runJsonStream: sampler, delta, store, JSON lines) at 1 Hz. `--compare <dist>` loads a second
// build (e.g. one compiled from an older checkout with `npx tsc --outDir`; a dist outside the repo
// needs the repo's package.json and node_modules beside it) and alternates blocks between the two,
// so both see the same noise on a shared machine. Containers: ctop-perf-<i>, label ctop-perf=1,
// --network none, removed at the end unless --keep.
// Usage: node bench/cgroup-read-cost.js [--n 50] [--ticks 200] [--gap 20] [--pipeline] [--dist <dist>] [--compare <dist>] [--keep]
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { request, negotiateApiVersion, closeAgent } from './lib/docker-api.js';
import { REPO_DIR, fmt, log, median, percentile, requireBuilt, sleep, table } from './lib/harness.js';

const LABEL = 'ctop-perf';
const IMAGE = process.env.CTOP_BENCH_IMAGE ?? 'ctop-test/busybox:latest';
const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '50' },
    ticks: { type: 'string', default: '200' },
    gap: { type: 'string', default: '20' }, // ms between ticks (real ticks are 1 s apart; caches go cold)
    block: { type: 'string', default: '10' }, // ticks per block when comparing
    concurrency: { type: 'string', default: '16' },
    dist: { type: 'string' }, // the build to measure (default: ./dist)
    compare: { type: 'string' },
    keep: { type: 'boolean', default: false }, // leave the containers running for the next run
    // The whole --json pipeline instead (sampler, delta, store, JSON lines to a counter) at 1 Hz:
    // --ticks seconds per build, in blocks of --block seconds.
    pipeline: { type: 'boolean', default: false },
  },
});
const N = Number(args.n);
const TICKS = Number(args.ticks);
const GAP_MS = Number(args.gap);
const BLOCK = Number(args.block);
const CONCURRENCY = Number(args.concurrency);

async function listPerf(all) {
  const filters = encodeURIComponent(JSON.stringify({ label: [`${LABEL}=1`] }));
  const { status, body } = await request('GET', `/containers/json?all=${all ? 1 : 0}&filters=${filters}`);
  if (status !== 200) throw new Error(`list: ${status}`);
  return body.map((c) => ({ id: c.Id, name: c.Names[0].slice(1) })).sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
}

async function ensure(n) {
  const have = await listPerf(false);
  const taken = new Set(have.map((c) => c.name));
  const todo = [];
  for (let i = 0; todo.length < n - have.length; i++) if (!taken.has(`ctop-perf-${i}`)) todo.push(`ctop-perf-${i}`);
  if (todo.length) log(`starting ${todo.length} container(s)`);
  for (let i = 0; i < todo.length; i += 8) {
    await Promise.all(
      todo.slice(i, i + 8).map(async (name) => {
        const created = await request('POST', `/containers/create?name=${name}`, {
          Image: IMAGE,
          Cmd: ['sleep', '3600'],
          Labels: { [LABEL]: '1' },
          HostConfig: { NetworkMode: 'none', AutoRemove: true },
          NetworkDisabled: true,
        });
        if (created.status !== 201) throw new Error(`create ${name}: ${created.status} ${JSON.stringify(created.body)}`);
        await request('POST', `/containers/${created.body.Id}/start`);
      }),
    );
  }
  return (await listPerf(false)).slice(0, n);
}

async function removeAll() {
  const list = await listPerf(true).catch(() => []);
  if (list.length) log(`removing ${list.length} container(s)`);
  for (let i = 0; i < list.length; i += 8) {
    await Promise.all(list.slice(i, i + 8).map((c) => request('DELETE', `/containers/${c.id}?force=1`).catch(() => undefined)));
  }
}

async function forEachLimited(items, limit, fn) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

async function load(dist, docker, hostMemBytes) {
  const mod = await import(pathToFileURL(path.join(dist, 'sources/cgroup-source.js')).href);
  const json = args.pipeline ? await import(pathToFileURL(path.join(dist, 'modes/json-stream.js')).href) : null;
  return { dist, json, source: new mod.CgroupSource({ docker, hostMemBytes }), cpuUs: 0, samples: 0, nulls: 0, tickMs: [] };
}

/** `seconds` of runJsonStream on a minimal session; samples counted from the JSON lines. */
async function pipelineBlock(run, infos, host, seconds, measure) {
  let rows = 0;
  let valid = 0;
  const session = {
    host,
    source: run.source,
    docker: null,
    containers: () => infos,
    sourceLabel: () => 'cgroup',
    onEvent: () => () => undefined,
    close: () => undefined,
  };
  const write = (text) => {
    for (const line of text.split('\n')) {
      if (!line) continue;
      rows++;
      if (line.includes('"cpuPercent":null')) continue;
      valid++;
    }
  };
  const c0 = process.cpuUsage();
  const stop = run.json.runJsonStream(session, { all: false, intervalMs: 1000, write });
  await sleep(seconds * 1000 - 50);
  stop();
  const cpu = process.cpuUsage(c0);
  await sleep(1100); // a tick in flight finishes outside the window of the next block
  if (!measure) return;
  run.cpuUs += cpu.user + cpu.system;
  run.samples += rows;
  run.nulls += rows - valid;
}

async function tick(run, infos) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await forEachLimited(infos, CONCURRENCY, async (c) => {
    const s = await run.source.sample(c);
    if (!s || s.memUsage === null || s.cpuTotalNs === null) run.nulls++;
  });
  const cpu = process.cpuUsage(c0);
  run.tickMs.push(performance.now() - t0);
  run.cpuUs += cpu.user + cpu.system;
  run.samples += infos.length;
}

async function main() {
  requireBuilt();
  await negotiateApiVersion();
  const { connect, parseEngineHost, readHostInfo } = await import(pathToFileURL(path.join(REPO_DIR, 'dist/sources/engine/connection.js')).href);
  const target = parseEngineHost(undefined);
  const docker = connect(target);
  const host = await readHostInfo(docker, target);
  const containers = await ensure(N);
  if (containers.length < N) throw new Error(`wanted ${N} containers, have ${containers.length}`);
  const infos = containers.map((c) => ({ id: c.id, name: c.name, image: IMAGE, labels: {}, state: 'running', status: 'Up', health: null, created: 0, networkMode: 'none' }));
  const runs = [await load(path.resolve(args.dist ?? path.join(REPO_DIR, 'dist')), docker, host.memTotal)];
  if (args.compare) runs.push(await load(path.resolve(args.compare), docker, host.memTotal));
  for (const r of runs) for (let i = 0; i < 20; i++) await tick(r, infos); // locate, open, JIT
  for (const r of runs) Object.assign(r, { cpuUs: 0, samples: 0, nulls: 0, tickMs: [] });
  // Its timer wakes us every `resolution` ms, which would count in a 1 Hz pipeline's CPU.
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  if (!args.pipeline) loopDelay.enable();
  if (args.pipeline) {
    for (const r of runs) await pipelineBlock(r, infos, host, 3, false); // the pipeline's own warm-up
    for (let done = 0; done < TICKS; done += BLOCK) for (const r of runs) await pipelineBlock(r, infos, host, Math.min(BLOCK, TICKS - done), true);
  }
  for (let done = 0; !args.pipeline && done < TICKS; done += BLOCK) {
    for (const r of runs) {
      for (let i = 0; i < Math.min(BLOCK, TICKS - done); i++) {
        await tick(r, infos);
        await sleep(GAP_MS);
      }
    }
  }
  loopDelay.disable();
  for (const r of runs) r.source.close();
  const rows = runs.map((r) => [
    path.relative(REPO_DIR, r.dist) || r.dist,
    String(r.samples),
    fmt(r.cpuUs / r.samples / 1000, 4),
    fmt(median(r.tickMs), 2),
    fmt(percentile(r.tickMs, 95), 2),
    String(r.nulls),
  ]);
  const what = args.pipeline ? `whole --json pipeline at 1 Hz for ${TICKS} s per build` : `CgroupSource.sample only, ${TICKS} ticks ${GAP_MS} ms apart, ${CONCURRENCY} in flight`;
  console.log(`\ncgroup-read-cost: N=${N}, ${what}; ${host.cgroupVersion ? `cgroup v${host.cgroupVersion}` : ''} ${host.ncpu} CPUs\n`);
  const headers = args.pipeline ? ['build', 'rows', 'cpu ms/row', '-', '-', 'rows without CPU %'] : ['build', 'samples', 'cpu ms/sample', 'tick ms p50', 'tick ms p95', 'incomplete'];
  console.log(table(headers, rows));
  if (!args.pipeline) console.log(`\nevent loop delay while sampling (ms): p50 ${fmt(loopDelay.percentile(50) / 1e6)}, p99 ${fmt(loopDelay.percentile(99) / 1e6)}, max ${fmt(loopDelay.max / 1e6)}`);
}

let cleaned = false;
async function cleanup() {
  if (cleaned) return;
  cleaned = true;
  if (!args.keep) await removeAll();
  closeAgent();
}
process.on('SIGINT', () => cleanup().finally(() => process.exit(130)));
process.on('SIGTERM', () => cleanup().finally(() => process.exit(143)));
main()
  .catch((err) => {
    log(`failed: ${err.stack ?? err}`);
    process.exitCode = 1;
  })
  .finally(() => cleanup().finally(() => process.exit(process.exitCode ?? 0)));

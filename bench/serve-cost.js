#!/usr/bin/env node
// What a Prometheus scrape of `ctop-ts serve` costs: the serve process's CPU per scrape (user +
// system from /proc/<pid>/stat, so the HTTP client here is not counted), bytes per scrape (plain
// and gzip), and the process's RSS over 10 000 scrapes. Scrapes are sequential on one keep-alive
// connection, with coalescing off, so each one is a full read + render.
// Containers: the seeded mock (--mock-counts, default 10,100,300: measures our read/render/HTTP
// path without kernel reads) and/or N real idle containers on the local engine (--real N,
// cgroup fast path; labelled ctop-perf-serve=1, --network none, removed at the end). For the real
// engine it also measures `docker stats --no-stream` (CLI + dockerd CPU) on the same containers.
// Usage: node bench/serve-cost.js [--mock-counts 10,100,300] [--real 0] [--scrapes 300] [--rss-scrapes 10000]
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TICK = 100; // USER_HZ: /proc stat times are in 1/100 s
const LABEL = 'ctop-perf-serve';

async function child(kind, count) {
  const dist = (p) => pathToFileURL(path.join(REPO, 'dist', p)).href;
  const { runServe } = await import(dist('modes/serve.js'));
  let session;
  if (kind === 'mock') session = (await import(dist('sources/mock/mock-session.js'))).createMockSession({ seed: 1, count });
  else session = await (await import(dist('sources/engine/docker-session.js'))).createDockerSession({ source: 'auto', labelFilters: [`${LABEL}=1`], follow: true });
  const serve = await runServe({ session, version: 'bench', host: '127.0.0.1', port: 0, web: null, all: false, scrapeTimeoutMs: 10_000, coalesceMs: 0 });
  process.stdout.write(JSON.stringify({ port: serve.server.port }) + '\n');
}

function procCpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / TICK; // utime, stime
}

function rssMiB(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
function scrape(port, gzip) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/metrics', agent, headers: gzip ? { 'Accept-Encoding': 'gzip' } : {} }, (res) => {
      let bytes = 0;
      res.on('data', (d) => (bytes += d.length));
      res.on('end', () => (res.statusCode === 200 ? resolve(bytes) : reject(new Error(`HTTP ${res.statusCode}`))));
    });
    req.on('error', reject);
  });
}

async function startChild(kind, count) {
  const c = spawn(process.execPath, [fileURLToPath(import.meta.url), '--child', kind, '--count', String(count)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    c.stdout.on('data', (d) => {
      out += d;
      const m = /"port":(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    c.on('exit', (code) => reject(new Error(`child exited ${code}`)));
  });
  return { child: c, port };
}

async function measure(kind, count, scrapes) {
  const { child: c, port } = await startChild(kind, count);
  for (let i = 0; i < 20; i++) await scrape(port, true); // warm-up: JIT, caches, cgroup handles
  const plainBytes = await scrape(port, false);
  const gzipBytes = await scrape(port, true);
  const cpu0 = procCpuSeconds(c.pid);
  const t0 = performance.now();
  for (let i = 0; i < scrapes; i++) await scrape(port, true);
  const wall = (performance.now() - t0) / scrapes;
  const cpuMs = ((procCpuSeconds(c.pid) - cpu0) / scrapes) * 1000;
  return { c, port, row: { source: kind, containers: count, cpuMsPerScrape: +cpuMs.toFixed(2), wallMsPerScrape: +wall.toFixed(2), bytes: plainBytes, gzipBytes } };
}

/** CPU of waited-for children (cutime + cstime of this process), seconds. */
function childrenCpuSeconds() {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[13]) + Number(f[14])) / TICK;
}

function dockerStatsCost(ids) {
  const n = ids.length;
  const dockerdPid = Number(execFileSync('pidof', ['dockerd']).toString().trim().split(' ')[0]);
  const runs = 3;
  const d0 = procCpuSeconds(dockerdPid);
  const c0 = childrenCpuSeconds();
  const t0 = Date.now();
  for (let i = 0; i < runs; i++) execFileSync('docker', ['stats', '--no-stream', ...ids], { stdio: 'ignore' });
  return {
    containers: n,
    dockerdCpuMsPerCall: +(((procCpuSeconds(dockerdPid) - d0) / runs) * 1000).toFixed(1),
    cliCpuMsPerCall: +(((childrenCpuSeconds() - c0) / runs) * 1000).toFixed(1),
    wallMsPerCall: Math.round((Date.now() - t0) / runs),
  };
}

async function main() {
  const { values: a } = parseArgs({
    options: {
      child: { type: 'string' },
      count: { type: 'string', default: '0' },
      'mock-counts': { type: 'string', default: '10,100,300' },
      real: { type: 'string', default: '0' },
      scrapes: { type: 'string', default: '300' },
      'rss-scrapes': { type: 'string', default: '10000' },
    },
  });
  if (a.child) return child(a.child, Number(a.count));
  const scrapes = Number(a.scrapes);
  const rows = [];
  const counts = a['mock-counts'] ? a['mock-counts'].split(',').map(Number).filter(Boolean) : [];
  for (const n of counts) {
    const { c, row } = await measure('mock', n, scrapes);
    rows.push(row);
    console.log(JSON.stringify(row));
    c.kill();
  }
  const real = Number(a.real);
  let statsRow = null;
  if (real > 0) {
    const ids = [];
    try {
      for (let i = 0; i < real; i++) {
        ids.push(execFileSync('docker', ['run', '-d', '--network', 'none', '--label', `${LABEL}=1`, '--label', 'ctop-test=1', '--name', `ctop-perf-serve-${process.pid}-${i}`, 'ctop-test/busybox:latest', 'sleep', '3600']).toString().trim());
      }
      const { c, row } = await measure('engine', real, Math.min(scrapes, 200));
      rows.push(row);
      console.log(JSON.stringify(row));
      c.kill();
      statsRow = dockerStatsCost(ids);
    } finally {
      if (ids.length) execFileSync('docker', ['rm', '-f', ...ids], { stdio: 'ignore' });
    }
  }
  console.table(rows);
  if (statsRow) console.log('docker stats --no-stream on the same containers:', statsRow);

  const rssScrapes = Number(a['rss-scrapes']);
  if (rssScrapes > 0) {
    const { child: c, port } = await startChild('mock', 100);
    const marks = [];
    for (let i = 1; i <= rssScrapes; i++) {
      await scrape(port, true);
      if (i === 100 || i % Math.max(1, Math.floor(rssScrapes / 5)) === 0) marks.push({ scrapes: i, rssMiB: +rssMiB(c.pid).toFixed(1) });
    }
    c.kill();
    console.log('RSS of serve (mock, 100 containers) over scrapes:');
    console.table(marks);
  }
  agent.destroy();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

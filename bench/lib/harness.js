// What every bench script shares: cleanup on every exit path (finally, SIGINT, SIGTERM), child
// processes that never outlive the bench, small statistics, plain-text tables, result files.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { closeAgent, removeBenchContainers } from './docker-api.js';

export const BENCH_DIR = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const REPO_DIR = path.dirname(BENCH_DIR);
export const CTOP_BIN = path.join(REPO_DIR, 'bin', 'ctop-ts.js');

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function log(msg) {
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}

const children = new Set();

/**
 * Spawns a child whose stdout is a pipe to us (so it dies of EPIPE/SIGPIPE if we are killed hard)
 * and which is killed by cleanup. `onLine` receives stdout lines; stderr is kept (last 4 KiB).
 */
export function spawnTracked(cmd, args, { onLine, env } = {}) {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: env ?? process.env });
  children.add(child);
  let stderr = '';
  let bytes = 0;
  let buf = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d) => {
    bytes += d.length;
    if (!onLine) return;
    buf += d;
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      onLine(buf.slice(0, i));
      buf = buf.slice(i + 1);
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4096)));
  const exited = new Promise((resolve) => {
    child.on('error', (err) => {
      stderr += `\nspawn error: ${err.message}`;
      resolve({ code: null, signal: null });
    });
    child.on('close', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    });
  });
  return { child, exited, stderr: () => stderr, bytes: () => bytes };
}

/** `signal` (SIGTERM), then SIGKILL after `graceMs`; resolves when the child has exited. */
export async function stopChild(handle, graceMs = 3000, signal = 'SIGTERM') {
  const { child, exited } = handle;
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  const r = await exited;
  clearTimeout(timer);
  return r;
}

/** Runs a command to completion: { code, ms, stdout, stderr }. */
export function runTimed(cmd, args, { timeoutMs = 60_000 } = {}) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => (stderr += `spawn error: ${err.message}`));
    child.on('close', (code, signal) => {
      const ms = performance.now() - t0;
      clearTimeout(timer);
      children.delete(child);
      resolve({ code, signal, ms, stdout, stderr });
    });
  });
}

const cleanups = [];
export function onCleanup(fn) {
  cleanups.push(fn);
}

let cleaning = null;
async function cleanupAll() {
  if (cleaning) return cleaning;
  cleaning = (async () => {
    for (const c of children) c.kill('SIGKILL');
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (err) {
        log(`cleanup: ${err.message}`);
      }
    }
    await removeBenchContainers({ log });
    closeAgent();
  })();
  return cleaning;
}

/** Runs `main` with cleanup in a finally and on SIGINT/SIGTERM (exit 130/143). */
export function runBench(main) {
  const onSignal = (sig, code) => {
    log(`${sig}: cleaning up`);
    cleanupAll().finally(() => process.exit(code));
  };
  process.on('SIGINT', () => onSignal('SIGINT', 130));
  process.on('SIGTERM', () => onSignal('SIGTERM', 143));
  (async () => {
    let code = 0;
    try {
      await main();
    } catch (err) {
      log(`failed: ${err.stack ?? err}`);
      code = 1;
    } finally {
      await cleanupAll();
    }
    process.exit(code);
  })();
}

/**
 * The live screen's bundle, rebuilt when a module changed since (load-ui.js would otherwise load
 * the modules one by one: not what users run). Says which one the bench will measure.
 */
export async function ensureUiBundle() {
  const { bundleIsCurrent } = await import(pathToFileURL(path.join(REPO_DIR, 'dist', 'ui', 'load-ui.js')).href).catch(() => ({ bundleIsCurrent: () => false }));
  if (bundleIsCurrent()) return 'bundle';
  const r = spawnSync(process.execPath, [path.join(REPO_DIR, 'scripts', 'bundle-ui.mjs')], { encoding: 'utf8' });
  if (r.status === 0) return 'bundle (rebuilt)';
  log(`bundle-ui failed, measuring the modules: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}`);
  return 'modules';
}

export function requireBuilt() {
  if (!existsSync(path.join(REPO_DIR, 'dist', 'cli.js'))) throw new Error('dist/cli.js is missing: run `npx tsc -p tsconfig.json` first');
}

export function median(xs) {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function percentile(xs, p) {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return null;
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

/** Right-aligned plain-text table; `null` prints as '-'. */
export function table(headers, rows) {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === null || c === undefined ? '-' : String(c))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export const fmt = (x, digits = 2) => (x === null || x === undefined || !Number.isFinite(x) ? null : x.toFixed(digits));

/** Writes bench/results/<name>-<timestamp>.json and returns its path. */
export function writeResults(name, data) {
  const dir = path.join(BENCH_DIR, 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(data, null, 2) + '\n');
  return file;
}

/** Parses `10,50,100` into numbers. */
export function numberList(text) {
  const xs = String(text)
    .split(',')
    .map((s) => Number(s.trim()));
  if (xs.some((x) => !Number.isInteger(x) || x <= 0)) throw new Error(`expected a list of positive integers, got "${text}"`);
  return xs;
}

/** Host facts for the results file. */
export async function hostFacts(request) {
  const { body } = await request('GET', '/info');
  return {
    engine: body.ServerVersion,
    cgroupDriver: body.CgroupDriver,
    cgroupVersion: body.CgroupVersion,
    ncpu: body.NCPU,
    memTotal: body.MemTotal,
    kernel: body.KernelVersion,
    containersRunning: body.ContainersRunning,
    node: process.version,
  };
}

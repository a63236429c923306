// A real Prometheus server for tests: the Debian binary started by the test itself, with a config
// file the test writes, storage in a temp dir, listening on 127.0.0.1 at a free port, killed in
// stop() (and on process exit). Queries go through Prometheus's HTTP API.
//
//   const prom = await startPrometheus({ scrapeTargets: ['http://127.0.0.1:9999/metrics'] });
//   await prom.waitForTargetsUp();
//   const v = await prom.query('up');            // [{ metric: {…}, value: 1 }]
//   await prom.stop();
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { freePort, waitUntil } from './free-port.js';
import { describeRequiring, exitOnTerminationSignals, requireOrSkip } from './requirement.js';

export const PROMETHEUS_BIN = process.env.CTOP_PROMETHEUS_BIN ?? '/usr/bin/prometheus';
export const PROMTOOL_BIN = process.env.CTOP_PROMTOOL_BIN ?? '/usr/bin/promtool';

export interface ScrapeTarget {
  /** Full URL of the endpoint, e.g. http://127.0.0.1:9184/metrics (https:// for TLS). */
  url: string;
  /** Job name (default `job<N>`, in the order given). */
  job?: string;
  basicAuth?: { username: string; password: string };
  /** For https targets: the CA that signed the server certificate (else verification is skipped). */
  caFile?: string;
  /** Extra target labels. */
  labels?: Record<string, string>;
}

export interface StartPrometheusOptions {
  /** URLs or target objects; each becomes one scrape job with one static target. */
  scrapeTargets?: (string | ScrapeTarget)[];
  /** Seconds between scrapes (default 1) and the scrape timeout (default = interval). */
  scrapeIntervalSeconds?: number;
  /** Extra command-line flags for prometheus (e.g. ['--web.enable-admin-api']). */
  extraArgs?: string[];
}

/** One element of an instant-vector result, value parsed (NaN/±Inf mapped). */
export interface PromSample {
  metric: Record<string, string>;
  value: number;
  time: number; // unix seconds
}

export interface PrometheusServer {
  /** Base URL, e.g. http://127.0.0.1:39123 */
  url: string;
  port: number;
  dir: string;
  /** Instant query (POST /api/v1/query); throws on an error envelope. */
  query(promql: string, time?: number): Promise<PromSample[]>;
  /** GET/POST any API path (e.g. '/api/v1/targets'), returning `data` of the envelope. */
  api<T = unknown>(path: string, params?: Record<string, string>): Promise<T>;
  /** Waits until every configured target's last scrape succeeded (health "up"). */
  waitForTargetsUp(timeoutMs?: number): Promise<void>;
  /** Polls `promql` until it returns at least one sample for which `accept` holds; resolves with the samples. */
  waitForQuery(promql: string, accept?: (s: PromSample[]) => boolean, timeoutMs?: number): Promise<PromSample[]>;
  /** Prometheus's own log so far (stderr), for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

/** Null when the binary is there, else why not. */
export async function prometheusMissingReason(): Promise<string | null> {
  if (!existsSync(PROMETHEUS_BIN)) return `${PROMETHEUS_BIN} not found: install it with scripts/engine-up.sh (apt-get install prometheus)`;
  return null;
}

export function requirePrometheus(t: TestContext): Promise<boolean> {
  return requireOrSkip(t, prometheusMissingReason);
}

export function describePrometheus(name: string, fn: () => void | Promise<void>): void {
  describeRequiring(name, prometheusMissingReason, fn);
}

const q = (s: string) => JSON.stringify(s); // YAML accepts JSON strings

function scrapeConfig(targets: (string | ScrapeTarget)[], interval: number): string {
  const jobs = targets.map((t, i) => {
    const target = typeof t === 'string' ? { url: t } : t;
    const u = new URL(target.url);
    const lines = [
      `  - job_name: ${q(target.job ?? `job${i}`)}`,
      `    scheme: ${u.protocol.replace(':', '')}`,
      `    metrics_path: ${q(u.pathname + u.search)}`,
      `    static_configs:`,
      `      - targets: [${q(u.host)}]`,
    ];
    if (target.labels) lines.push(`        labels: ${JSON.stringify(target.labels)}`);
    if (target.basicAuth) lines.push(`    basic_auth: { username: ${q(target.basicAuth.username)}, password: ${q(target.basicAuth.password)} }`);
    if (u.protocol === 'https:') lines.push(target.caFile ? `    tls_config: { ca_file: ${q(target.caFile)} }` : `    tls_config: { insecure_skip_verify: true }`);
    return lines.join('\n');
  });
  return [`global:`, `  scrape_interval: ${interval}s`, `  scrape_timeout: ${interval}s`, `  evaluation_interval: ${interval}s`, `scrape_configs:`, ...jobs, ''].join('\n');
}

const running = new Set<ChildProcess>();
process.on('exit', () => running.forEach((p) => p.kill('SIGKILL')));

function parseValue(v: string): number {
  if (v === '+Inf') return Infinity;
  if (v === '-Inf') return -Infinity;
  return Number(v);
}

export async function startPrometheus(opts: StartPrometheusOptions = {}): Promise<PrometheusServer> {
  exitOnTerminationSignals();
  const dir = mkdtempSync(join(tmpdir(), 'ctop-prom-'));
  const port = await freePort();
  const interval = opts.scrapeIntervalSeconds ?? 1;
  const config = join(dir, 'prometheus.yml');
  writeFileSync(config, scrapeConfig(opts.scrapeTargets ?? [], interval));
  const logFile = join(dir, 'prometheus.log');
  let log = '';
  const child = spawn(
    PROMETHEUS_BIN,
    [`--config.file=${config}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn', ...(opts.extraArgs ?? [])],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  running.add(child);
  child.stderr!.on('data', (d: Buffer) => {
    if (log.length < 200_000) log += d.toString();
  });
  let exited = false;
  child.on('exit', () => {
    exited = true;
    running.delete(child);
    writeFileSync(logFile, log);
  });
  const url = `http://127.0.0.1:${port}`;

  async function api<T>(path: string, params?: Record<string, string>): Promise<T> {
    const res = await fetch(url + path, params ? { method: 'POST', body: new URLSearchParams(params) } : undefined);
    const body = (await res.json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success') throw new Error(`prometheus ${path}: ${body.error ?? res.status}`);
    return body.data;
  }

  const server: PrometheusServer = {
    url,
    port,
    dir,
    api,
    async query(promql, time) {
      const params: Record<string, string> = { query: promql };
      if (time !== undefined) params.time = String(time);
      const data = await api<{ resultType: string; result: { metric: Record<string, string>; value: [number, string] }[] }>('/api/v1/query', params);
      if (data.resultType === 'scalar') {
        const [t, v] = data.result as unknown as [number, string];
        return [{ metric: {}, value: parseValue(v), time: t }];
      }
      return data.result.map((r) => ({ metric: r.metric, value: parseValue(r.value[1]), time: r.value[0] }));
    },
    async waitForTargetsUp(timeoutMs = 30_000) {
      let last = '';
      await waitUntil(async () => {
        const data = await api<{ activeTargets: { health: string; lastError: string; scrapeUrl: string }[] }>('/api/v1/targets');
        last = data.activeTargets.map((t) => `${t.scrapeUrl}: ${t.health} ${t.lastError}`).join('; ');
        return data.activeTargets.length === (opts.scrapeTargets?.length ?? 0) && data.activeTargets.every((t) => t.health === 'up');
      }, `prometheus targets up (last: ${last || 'none'})`, timeoutMs).catch((err: Error) => {
        throw new Error(`${err.message}; targets: ${last}`);
      });
    },
    async waitForQuery(promql, accept = (s) => s.length > 0, timeoutMs = 30_000) {
      let result: PromSample[] = [];
      await waitUntil(async () => accept((result = await server.query(promql))), `query ${promql} (last: ${JSON.stringify(result).slice(0, 300)})`, timeoutMs, 500);
      return result;
    },
    log: () => log,
    async stop() {
      if (!exited) {
        const done = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 5000);
        await done;
        clearTimeout(t);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };

  try {
    await waitUntil(async () => {
      if (exited) throw new Error('exited');
      return (await fetch(`${url}/-/ready`)).ok;
    }, 'prometheus to become ready', 30_000);
  } catch (err) {
    const why = exited ? `prometheus exited: ${log.slice(-2000)}` : (err as Error).message;
    await server.stop();
    throw new Error(why);
  }
  return server;
}

/** Runs `promtool check metrics` on an exposition; resolves with its combined output and exit code. */
export function promtoolCheckMetrics(exposition: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(PROMTOOL_BIN, ['check', 'metrics'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
    child.stdin.end(exposition);
  });
}

/** Reads a file a started server wrote, for failure messages (empty when missing). */
export function readIfExists(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

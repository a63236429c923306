// A real InfluxDB 1.x for tests: the Debian `influxd` started by the test with a config file it
// writes (data, meta and WAL in a temp dir, HTTP on 127.0.0.1 at a free port, every other
// listener off, reporting off). pause()/resume() stop and restart the same server on the same
// port and data, to test a database that goes away mid-run.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { freePort, waitUntil } from './free-port.js';
import { describeRequiring, exitOnTerminationSignals, requireOrSkip } from './requirement.js';

export const INFLUXD_BIN = process.env.CTOP_INFLUXD_BIN ?? '/usr/bin/influxd';

export async function influxMissingReason(): Promise<string | null> {
  return existsSync(INFLUXD_BIN) ? null : `${INFLUXD_BIN} not found: install it with scripts/engine-up.sh (apt-get install influxdb)`;
}

export function requireInflux(t: TestContext): Promise<boolean> {
  return requireOrSkip(t, influxMissingReason);
}

export function describeInflux(name: string, fn: () => void | Promise<void>): void {
  describeRequiring(name, influxMissingReason, fn);
}

export interface InfluxSeries {
  name: string;
  tags?: Record<string, string>;
  columns: string[];
  values: unknown[][];
}

export interface InfluxServer {
  url: string;
  port: number;
  dir: string;
  /** InfluxQL through GET/POST /query; returns the first statement's series (throws on an error). */
  query(q: string, db?: string): Promise<InfluxSeries[]>;
  createDatabase(name: string): Promise<void>;
  /** Stops the server (data kept); resume() starts it again on the same port. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  log(): string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.on('exit', () => running.forEach((p) => p.kill('SIGKILL')));

export async function startInfluxDB(): Promise<InfluxServer> {
  exitOnTerminationSignals();
  const dir = mkdtempSync(join(tmpdir(), 'ctop-influx-'));
  const port = await freePort();
  const rpcPort = await freePort();
  const config = join(dir, 'influxdb.conf');
  writeFileSync(
    config,
    [
      'reporting-disabled = true',
      `bind-address = "127.0.0.1:${rpcPort}"`,
      '[meta]',
      `  dir = "${join(dir, 'meta')}"`,
      '[data]',
      `  dir = "${join(dir, 'data')}"`,
      `  wal-dir = "${join(dir, 'wal')}"`,
      '  query-log-enabled = false',
      '[monitor]',
      '  store-enabled = false',
      '[http]',
      '  enabled = true',
      `  bind-address = "127.0.0.1:${port}"`,
      '  auth-enabled = false',
      '  log-enabled = false',
      '[subscriber]',
      '  enabled = false',
      '[continuous_queries]',
      '  enabled = false',
      '[[graphite]]',
      '  enabled = false',
      '[[collectd]]',
      '  enabled = false',
      '[[opentsdb]]',
      '  enabled = false',
      '[[udp]]',
      '  enabled = false',
      '',
    ].join('\n'),
  );
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let log = '';

  const start = async () => {
    const c = spawn(INFLUXD_BIN, ['-config', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = c;
    running.add(c);
    const onData = (d: Buffer) => {
      if (log.length < 200_000) log += d.toString();
    };
    c.stdout!.on('data', onData);
    c.stderr!.on('data', onData);
    let exited = false;
    c.on('exit', () => {
      exited = true;
      running.delete(c);
    });
    await waitUntil(async () => {
      if (exited) throw new Error('exited');
      return (await fetch(`${url}/ping`)).status === 204;
    }, 'influxd to answer /ping', 30_000).catch((err: Error) => {
      throw new Error(exited ? `influxd exited: ${log.slice(-2000)}` : err.message);
    });
  };

  const halt = async () => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null) return;
    const done = new Promise((r) => c.once('exit', r));
    c.kill('SIGTERM');
    const t = setTimeout(() => c.kill('SIGKILL'), 5000);
    await done;
    clearTimeout(t);
  };

  const query = async (q: string, db?: string): Promise<InfluxSeries[]> => {
    const params = new URLSearchParams({ q });
    if (db) params.set('db', db);
    const res = await fetch(`${url}/query`, { method: 'POST', body: params });
    const body = (await res.json()) as { error?: string; results?: { error?: string; series?: InfluxSeries[] }[] };
    const err = body.error ?? body.results?.[0]?.error;
    if (err) throw new Error(`influx query ${q}: ${err}`);
    return body.results?.[0]?.series ?? [];
  };

  try {
    await start();
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    url,
    port,
    dir,
    query,
    createDatabase: async (name) => void (await query(`CREATE DATABASE "${name.replace(/"/g, '\\"')}"`)),
    pause: halt,
    resume: start,
    log: () => log,
    async stop() {
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// A PRIVATE dockerd for one test: its own data root, exec root, pidfile and socket
// (unix:///run/ctop-test-<name>.sock), bridge and iptables off (no traffic leaves this machine),
// the busybox test image imported into it by scripts/test-image.sh. Tests that stop, kill or
// freeze an engine use this one; the shared /var/run/docker.sock engine is never touched.
//
//   const engine = await startDockerd({ name: 'outage' });
//   ... DOCKER_HOST=engine.host ...; await engine.stop(); await engine.start();
//   after(() => engine.destroy());
//
// Containers survive stop()/kill() (--live-restore), as they do when a production engine
// restarts, so a test can check that rows come back. destroy() removes them.
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DockerResult } from './engine.js';
import { exitOnTerminationSignals } from './requirement.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const IMAGE_SCRIPT = join(ROOT, 'scripts', 'test-image.sh');

export interface DockerdOptions {
  /** Short, [a-z0-9-]: names the socket /run/ctop-test-<name>.sock and the directories. */
  name: string;
  /** Keep containers running while the engine is down (default true), as production engines do. */
  liveRestore?: boolean;
  /** How long start() waits for the engine to answer (default 60 s). */
  startTimeoutMs?: number;
  /** Import the busybox test image (default true); false leaves the engine without it. */
  image?: boolean;
  /** More dockerd flags, e.g. a TLS listener: ['--tlsverify', '-H', 'tcp://127.0.0.1:PORT', …]. */
  extraArgs?: string[];
}

export interface PrivateDockerd {
  name: string;
  /** For -H / DOCKER_HOST: unix:///run/ctop-test-<name>.sock */
  host: string;
  sock: string;
  /** dockerd's log file, for failure messages. */
  log: string;
  /** The running dockerd's pid, or null while it is stopped. */
  pid(): number | null;
  /** SIGTERM, and wait until the process has exited (the socket then refuses). */
  stop(): Promise<void>;
  /** Start again with the same directories; resolves once it answers /_ping. */
  start(): Promise<void>;
  /** SIGKILL (a crash): no clean shutdown. */
  kill(): Promise<void>;
  /** SIGSTOP / SIGCONT: the socket accepts and nothing answers (a hung engine). */
  freeze(): void;
  thaw(): void;
  /** The docker CLI against this engine; never rejects. */
  docker(args: string[], opts?: { timeoutMs?: number }): Promise<DockerResult>;
  /** Removes every container, stops the engine. Directories are kept, so the image is reused next run. */
  destroy(): Promise<void>;
}

/** Null when this machine can run a private dockerd, else why not. */
export function dockerdMissingReason(): Promise<string | null> {
  if (process.getuid?.() !== 0) return Promise.resolve('a private dockerd needs root');
  return new Promise((resolve) =>
    execFile('dockerd', ['--version'], (error) => resolve(error ? 'dockerd is not installed: run scripts/engine-up.sh' : null)),
  );
}

const live = new Map<string, PrivateDockerd>();

export async function startDockerd(opts: DockerdOptions): Promise<PrivateDockerd> {
  if (!/^[a-z0-9][a-z0-9-]{0,30}$/.test(opts.name)) throw new Error(`startDockerd: bad name ${JSON.stringify(opts.name)}`);
  if (live.has(opts.name)) throw new Error(`startDockerd: ${opts.name} is already started in this process`);
  const base = `ctop-test-${opts.name}`;
  const sock = `/run/${base}.sock`;
  const dataRoot = `/var/lib/${base}`;
  const execRoot = `/run/${base}`; // short: containerd's socket path lives under it
  const pidfile = `/run/${base}.pid`;
  const log = `/tmp/${base}-dockerd.log`;
  const host = `unix://${sock}`;
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();

  const cli = (args: string[], o: { timeoutMs?: number } = {}): Promise<DockerResult> =>
    new Promise((resolve) => {
      execFile(
        'docker',
        ['-H', host, ...args],
        { timeout: o.timeoutMs ?? 60_000, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' },
        (error, stdout, stderr) => {
          if (!error) return resolve({ stdout, stderr, code: 0 });
          const e = error as NodeJS.ErrnoException & { killed?: boolean };
          resolve({ stdout, stderr: stderr || e.message, code: typeof e.code === 'number' ? e.code : e.killed ? -1 : 1 });
        },
      );
    });

  const clearLeftovers = () => {
    // A dockerd from an earlier, killed run of this test: it would hold the socket and data root.
    const old = readPid(pidfile);
    if (old !== null && processName(old) === 'dockerd') {
      try {
        process.kill(old, 'SIGKILL');
      } catch {
        /* gone meanwhile */
      }
    }
    rmSync(pidfile, { force: true });
    rmSync(sock, { force: true });
    // Its containerd, orphaned by a killed dockerd, hangs the next start-up ("timeout waiting for
    // containerd"): end it too. The containers' shims are separate and survive.
    const containerdPid = join(execRoot, 'containerd', 'containerd.pid');
    const cpid = readPid(containerdPid);
    if (cpid !== null && processName(cpid) === 'containerd') {
      try {
        process.kill(cpid, 'SIGKILL');
      } catch {
        /* gone meanwhile */
      }
    }
    rmSync(containerdPid, { force: true });
  };

  const start = async (): Promise<void> => {
    if (child) return;
    clearLeftovers();
    mkdirSync(dataRoot, { recursive: true });
    mkdirSync(execRoot, { recursive: true });
    const fd = openSync(log, 'a');
    const args = [
      '--data-root', dataRoot,
      '--exec-root', execRoot,
      '--pidfile', pidfile,
      '-H', host,
      '--bridge=none',
      '--iptables=false',
      '--ip6tables=false',
      // Its own containerd under the exec root, not the shared engine's.
      '--containerd-namespace', base,
      '--containerd-plugins-namespace', `${base}-plugins`,
    ];
    if (opts.liveRestore !== false) args.push('--live-restore');
    args.push(...(opts.extraArgs ?? []));
    const proc = spawn('dockerd', args, { detached: true, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    child = proc;
    exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    void exited.then(() => {
      if (child === proc) child = null;
    });
    const deadline = Date.now() + (opts.startTimeoutMs ?? 60_000);
    while (!(await ping(sock))) {
      if (child !== proc) throw new Error(`private dockerd ${opts.name} exited during start-up; see ${log}:\n${tail(log)}`);
      if (Date.now() > deadline) throw new Error(`private dockerd ${opts.name} did not answer within ${opts.startTimeoutMs ?? 60_000} ms; see ${log}:\n${tail(log)}`);
      await sleep(200);
    }
  };

  // TERM goes to dockerd, which stops its containerd; KILL goes to the process group (dockerd and
  // its containerd, as a crash of the service would), never to the containers' shims.
  const signal = async (sig: NodeJS.Signals): Promise<void> => {
    const proc = child;
    if (!proc?.pid) return;
    try {
      process.kill(proc.pid, 'SIGCONT'); // a frozen dockerd only sees TERM once resumed
      process.kill(sig === 'SIGKILL' ? -proc.pid : proc.pid, sig);
    } catch {
      /* already gone */
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), 30_000)));
    const outcome = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      process.kill(-proc.pid, 'SIGKILL');
      await exited;
    }
    child = null;
  };

  const engine: PrivateDockerd = {
    name: opts.name,
    host,
    sock,
    log,
    pid: () => child?.pid ?? null,
    start,
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
    freeze: () => void (child?.pid && process.kill(child.pid, 'SIGSTOP')),
    thaw: () => void (child?.pid && process.kill(child.pid, 'SIGCONT')),
    docker: cli,
    async destroy() {
      live.delete(opts.name);
      if (!child) await start().catch(() => undefined); // containers can only be removed through it
      const ids = (await cli(['ps', '-aq', '--no-trunc'])).stdout.split('\n').filter(Boolean);
      if (ids.length > 0) await cli(['rm', '-f', '-v', ...ids]);
      await signal('SIGTERM');
    },
  };
  live.set(opts.name, engine);
  exitOnTerminationSignals();
  await start();
  if (opts.image === false) {
    await cli(['rmi', '-f', process.env.CTOP_TEST_IMAGE ?? 'ctop-test/busybox:latest']); // from an earlier run
    return engine;
  }
  const built = await runScript(IMAGE_SCRIPT, { ...process.env, DOCKER_HOST: host });
  if (built.code !== 0) throw new Error(`could not import the test image into ${host}: ${built.stderr.trim()}`);
  return engine;
}

// Safety net for a test file that crashes or forgets destroy(): no engine, and no containers
// kept alive by --live-restore, outlive the test process.
process.on('exit', () => {
  for (const engine of live.values()) {
    const pid = engine.pid();
    if (pid === null) continue;
    try {
      process.kill(pid, 'SIGCONT');
      const ids = execFileSync('docker', ['-H', engine.host, 'ps', '-aq', '--no-trunc'], { encoding: 'utf8', timeout: 10_000 })
        .split('\n')
        .filter(Boolean);
      if (ids.length > 0) execFileSync('docker', ['-H', engine.host, 'rm', '-f', ...ids], { stdio: 'ignore', timeout: 30_000 });
    } catch {
      /* best effort while exiting */
    }
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      /* gone */
    }
  }
});

/** True when the engine answers GET /_ping within a second. */
export function ping(sock: string): Promise<boolean> {
  if (!existsSync(sock)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const req = request({ socketPath: sock, path: '/_ping', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

function runScript(path: string, env: NodeJS.ProcessEnv): Promise<DockerResult> {
  return new Promise((resolve) =>
    execFile('bash', [path], { env, timeout: 120_000, encoding: 'utf8' }, (error, stdout, stderr) =>
      resolve({ stdout, stderr: stderr || (error?.message ?? ''), code: error ? 1 : 0 }),
    ),
  );
}

function readPid(file: string): number | null {
  try {
    const n = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

function processName(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return null;
  }
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '(no log)';
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

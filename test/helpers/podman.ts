// A Podman engine for a test: `podman system service --time=0` on its own socket
// (unix:///run/ctop-test-podman/podman.sock), the busybox test image made with `podman import`
// (no registry is reachable), containers always `--network none`, labelled ctop-test=1, with the
// ulimits this machine needs. A service this helper started is stopped by stop(); one that was
// already answering (started by hand) is left running.
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, copyFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DockerResult } from './engine.js';
import { ping } from './dockerd.js';
import { exitOnTerminationSignals } from './requirement.js';
import { TEST_IMAGE, TEST_LABEL, testContainerName } from './engine.js';

export const PODMAN_DIR = '/run/ctop-test-podman';
export const PODMAN_SOCK = `${PODMAN_DIR}/podman.sock`;
export const PODMAN_HOST = `unix://${PODMAN_SOCK}`;
// The tag `podman import` gives a short name: Podman qualifies it with localhost/.
export const PODMAN_IMAGE = `localhost/${TEST_IMAGE}`;

export interface PodmanService {
  host: string;
  sock: string;
  /** The podman CLI; never rejects. */
  podman(args: string[], opts?: { timeoutMs?: number }): Promise<DockerResult>;
  /** Starts a detached busybox container; returns its full id. */
  run(opts: { name?: string; cmd: string | string[]; labels?: Record<string, string> }): Promise<string>;
  /** Removes this helper's containers and stops the service if this helper started it. */
  stop(): Promise<void>;
}

export function podmanCli(args: string[], opts: { timeoutMs?: number } = {}): Promise<DockerResult> {
  return new Promise((resolve) =>
    execFile('podman', args, { timeout: opts.timeoutMs ?? 60_000, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (!error) return resolve({ stdout, stderr, code: 0 });
      const e = error as NodeJS.ErrnoException & { killed?: boolean };
      if (e.code === 'ENOENT') return resolve({ stdout, stderr: 'podman not found on PATH', code: 127 });
      resolve({ stdout, stderr: stderr || e.message, code: typeof e.code === 'number' ? e.code : e.killed ? -1 : 1 });
    }),
  );
}

/** Null when Podman can run here, else why not (with the fix). */
export async function podmanMissingReason(): Promise<string | null> {
  if (process.getuid?.() !== 0) return 'the Podman tests need root';
  const v = await podmanCli(['--version'], { timeoutMs: 15_000 });
  if (v.code !== 0) return 'podman is not installed: run scripts/engine-up.sh';
  return null;
}

async function ensureImage(): Promise<void> {
  if ((await podmanCli(['image', 'exists', PODMAN_IMAGE])).code === 0) return;
  const dir = mkdtempSync(join(tmpdir(), 'ctop-podman-image-'));
  try {
    for (const d of ['bin', 'tmp', 'etc', 'proc', 'sys', 'dev']) mkdirSync(join(dir, d), { recursive: true });
    copyFileSync('/bin/busybox', join(dir, 'bin', 'busybox'));
    for (const app of ['sh', 'sleep', 'yes', 'cat', 'echo', 'ls', 'ps', 'true', 'dd', 'head', 'top']) symlinkSync('busybox', join(dir, 'bin', app));
    writeFileSync(join(dir, 'etc', 'passwd'), 'root:x:0:0:root:/root:/bin/sh\n');
    execFileSync('bash', ['-c', `tar -C "$1" -c . | podman import -c 'ENV PATH=/bin' -c 'CMD ["/bin/sh"]' - "$2" >/dev/null`, '_', dir, TEST_IMAGE], {
      timeout: 120_000,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function startPodman(): Promise<PodmanService> {
  exitOnTerminationSignals();
  let child: ChildProcess | null = null;
  if (!(await ping(PODMAN_SOCK))) {
    mkdirSync(PODMAN_DIR, { recursive: true });
    rmSync(PODMAN_SOCK, { force: true });
    child = spawn('podman', ['system', 'service', '--time=0', PODMAN_HOST], { stdio: 'ignore', detached: true });
    const deadline = Date.now() + 30_000;
    while (!(await ping(PODMAN_SOCK))) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`podman system service did not answer on ${PODMAN_SOCK}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const owned = child;
  await ensureImage();
  const ids = new Set<string>();
  const onExit = () => {
    try {
      if (ids.size > 0) execFileSync('podman', ['rm', '-f', ...ids], { stdio: 'ignore', timeout: 30_000 });
    } catch {
      /* best effort */
    }
    if (owned?.pid) process.kill(owned.pid, 'SIGTERM');
  };
  process.on('exit', onExit);
  return {
    host: PODMAN_HOST,
    sock: PODMAN_SOCK,
    podman: podmanCli,
    async run(opts) {
      const args = ['run', '-d', '--network', 'none', '--ulimit', 'nofile=1024:1024', '--ulimit', 'nproc=4096:4096'];
      args.push('--name', testContainerName(opts.name ?? 'pm'), '--label', TEST_LABEL);
      for (const [k, v] of Object.entries(opts.labels ?? {})) args.push('--label', `${k}=${v}`);
      args.push(PODMAN_IMAGE, ...(typeof opts.cmd === 'string' ? ['sh', '-c', opts.cmd] : opts.cmd));
      const r = await podmanCli(args);
      if (r.code !== 0) throw new Error(`podman run failed: ${r.stderr.trim()}`);
      const id = r.stdout.trim().split('\n').pop()!;
      ids.add(id);
      return id;
    },
    async stop() {
      process.off('exit', onExit);
      if (ids.size > 0) await podmanCli(['rm', '-f', '-t', '0', ...ids]);
      ids.clear();
      if (owned?.pid && owned.exitCode === null) {
        process.kill(owned.pid, 'SIGTERM');
        await new Promise((r) => owned.once('exit', r));
      }
      if (owned && existsSync(PODMAN_SOCK)) rmSync(PODMAN_SOCK, { force: true });
    },
  };
}

// Runs the built binary (`node bin/ctop-ts.js ARGS`) as a child for tests of long-running modes
// (serve, influx push): waits for a line on stderr, collects output, stops it in stop().
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CtopProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once stderr (or stdout) matches, or rejects when the process exits first or after timeoutMs. */
  waitFor(pattern: RegExp, timeoutMs?: number, stream?: 'stdout' | 'stderr'): Promise<RegExpMatchArray>;
  /** Resolves with the exit code (SIGTERM first, SIGKILL after 5 s). */
  stop(): Promise<number | null>;
  exited(): Promise<number | null>;
}

const children = new Set<ChildProcess>();
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));

export function startCtop(args: string[], env: NodeJS.ProcessEnv = {}): CtopProcess {
  if (!existsSync(`${ROOT}dist/cli.js`)) throw new Error('build first: npx tsc -p tsconfig.json');
  const child = spawn(process.execPath, ['bin/ctop-ts.js', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  children.add(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      children.delete(child);
      resolve(code);
    }),
  );
  let done = false;
  void exit.then(() => (done = true));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited: () => exit,
    waitFor(pattern, timeoutMs = 20_000, stream = 'stderr') {
      return new Promise((resolve, reject) => {
        const deadline = Date.now() + timeoutMs;
        const poll = () => {
          const m = (stream === 'stderr' ? err : out).match(pattern);
          if (m) return resolve(m);
          if (done) return reject(new Error(`ctop-ts exited before ${pattern}: ${err.slice(-1000)}`));
          if (Date.now() > deadline) return reject(new Error(`timed out waiting for ${pattern}; stderr: ${err.slice(-1000)}`));
          setTimeout(poll, 50);
        };
        poll();
      });
    },
    async stop() {
      if (done) return exit;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      const code = await exit;
      clearTimeout(t);
      return code;
    },
  };
}

/** docker stats' `12.5MiB` / `1.2GiB` / `800KiB` / `0B` → bytes. */
export function parseDockerSize(text: string): number {
  const m = /^([\d.]+)\s*([KMGT]?i?B)$/.exec(text.trim());
  if (!m) throw new Error(`not a docker size: ${text}`);
  const units: Record<string, number> = { B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9 };
  return Number(m[1]) * (units[m[2]] ?? NaN);
}

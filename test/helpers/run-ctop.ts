// Runs the built binary (`node bin/ctop-ts.js ARGS`) to completion: stdout, stderr, exit code.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CtopRun {
  stdout: string;
  stderr: string;
  code: number;
}

/** `env` is added to this process's environment. */
export function runCtop(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 60_000): Promise<CtopRun> {
  return new Promise((resolve) =>
    execFile(process.execPath, [join(ROOT, 'bin/ctop-ts.js'), ...args], { cwd: ROOT, timeout: timeoutMs, encoding: 'utf8', env: { ...process.env, ...env } }, (err, stdout, stderr) =>
      resolve({ stdout, stderr, code: err ? (typeof err.code === 'number' ? err.code : 1) : 0 }),
    ),
  );
}

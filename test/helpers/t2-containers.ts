// Containers for the foundation suites (parity, CLI e2e): named `ctop-t2-<what>-<pid>-<n>` so they
// are easy to tell apart from other suites' containers on a shared engine, and labelled like every
// test container (ctop-test=1) so removeAllTestContainers() also finds leftovers.
import { execFileSync } from 'node:child_process';
import { docker, TEST_IMAGE, TEST_LABEL } from './engine.js';

export const T2_PREFIX = 'ctop-t2-';

export interface T2Container {
  id: string;
  name: string;
}

const mine = new Set<string>();
let sequence = 0;

/**
 * `docker run -d --network none` (always: no traffic leaves the machine) with our name and labels;
 * `create: true` makes a container that never starts.
 */
export async function startT2(
  what: string,
  cmd: string[],
  opts: { args?: string[]; labels?: Record<string, string>; create?: boolean } = {},
): Promise<T2Container> {
  sequence += 1;
  const name = `${T2_PREFIX}${what}-${process.pid}-${sequence}`;
  const args = [opts.create ? 'create' : 'run', ...(opts.create ? [] : ['-d']), '--network', 'none', '--name', name, '--label', TEST_LABEL];
  for (const [k, v] of Object.entries(opts.labels ?? {})) args.push('--label', `${k}=${v}`);
  args.push(...(opts.args ?? []), TEST_IMAGE, ...cmd);
  const r = await docker(args);
  if (r.code !== 0) throw new Error(`docker ${args.join(' ')} failed (${r.code}): ${r.stderr.trim()}`);
  const id = r.stdout.trim();
  mine.add(id);
  return { id, name };
}

/** Force-removes; ids already gone are fine. */
export async function removeT2(ids: Iterable<string>): Promise<void> {
  const list = [...ids].filter(Boolean);
  if (list.length === 0) return;
  const r = await docker(['rm', '-f', '-v', ...list]);
  if (r.code !== 0 && !/No such container/i.test(r.stderr)) throw new Error(`docker rm failed: ${r.stderr.trim()}`);
  for (const id of list) mine.delete(id);
}

// A crashed test file must not leave busy loops running for the next measurement.
process.on('exit', () => {
  if (mine.size === 0) return;
  try {
    execFileSync('docker', ['rm', '-f', '-v', ...mine], { stdio: 'ignore', timeout: 30_000 });
  } catch {
    // best effort
  }
});

// Shared skip-or-fail policy for tests that need something outside Node
// (a Docker engine, tmux). Locally a missing dependency skips with a hint;
// under CI it fails, so a broken CI machine can never pass by skipping.
import { constants } from 'node:os';
import { describe, it, type TestContext } from 'node:test';

export type MissingOutcome = 'skip' | 'fail';

/** Pure: decides from an environment what a missing dependency means. */
export function missingDependencyOutcome(env: Record<string, string | undefined>): MissingOutcome {
  const ci = env.CI?.trim().toLowerCase();
  return ci === 'true' || ci === '1' ? 'fail' : 'skip';
}

/** Resolves to null when the dependency is usable, else to a human reason. */
export type Probe = () => Promise<string | null>;

/**
 * Inside a test: returns true when the dependency is there; otherwise skips
 * the test (returns false) or, under CI, throws so the test fails.
 */
export async function requireOrSkip(
  t: Pick<TestContext, 'skip'>,
  probe: Probe,
  env: Record<string, string | undefined> = process.env,
): Promise<boolean> {
  const missing = await probe();
  if (missing === null) return true;
  if (missingDependencyOutcome(env) === 'fail') throw new Error(`${missing} (CI=true: failing instead of skipping)`);
  t.skip(missing);
  return false;
}

/**
 * A describe() whose body only runs when the probe passes. The probe is async,
 * so it runs inside the suite; a missing dependency becomes one visible skipped
 * (or, under CI, failed) test named after the suite.
 */
export function describeRequiring(name: string, probe: Probe, fn: () => void | Promise<void>): void {
  describe(name, async () => {
    const missing = await probe();
    if (missing === null) {
      await fn();
      return;
    }
    if (missingDependencyOutcome(process.env) === 'fail') {
      it(`${name}: dependency check`, () => {
        throw new Error(`${missing} (CI=true: failing instead of skipping)`);
      });
    } else {
      it(`${name}: dependency check`, { skip: missing }, () => {});
    }
  });
}

let exitOnSignals = false;

/**
 * Turns SIGINT/SIGTERM/SIGHUP into a normal exit so the helpers' 'exit'
 * cleanups run: the test runner stops a timed-out file with SIGTERM, and by
 * default Node would die without removing containers or tmux servers.
 */
export function exitOnTerminationSignals(): void {
  if (exitOnSignals) return;
  exitOnSignals = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => process.exit(128 + constants.signals[signal]));
  }
}

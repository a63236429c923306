// Proves the test helpers' own logic: the skip-or-fail policy (pure, and end to
// end through a child test run), unique container names, and waitFor.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runContainer, testContainerName, waitFor } from './engine.js';
import { missingDependencyOutcome, requireOrSkip } from './requirement.js';

describe('missingDependencyOutcome', () => {
  const cases: [Record<string, string | undefined>, 'skip' | 'fail'][] = [
    [{}, 'skip'],
    [{ CI: '' }, 'skip'],
    [{ CI: 'false' }, 'skip'],
    [{ CI: '0' }, 'skip'],
    [{ CI: 'true' }, 'fail'],
    [{ CI: 'TRUE' }, 'fail'],
    [{ CI: '1' }, 'fail'],
    [{ CONTINUOUS_INTEGRATION: 'true' }, 'skip'],
  ];
  for (const [env, expected] of cases) {
    it(`${JSON.stringify(env)} → ${expected}`, () => assert.equal(missingDependencyOutcome(env), expected));
  }
});

describe('requireOrSkip', () => {
  const missing = async () => 'no widget reachable';
  const present = async () => null;

  it('returns true and does not skip when the probe passes', async () => {
    const skipped: unknown[] = [];
    assert.equal(await requireOrSkip({ skip: (m) => void skipped.push(m) }, present, { CI: 'true' }), true);
    assert.deepEqual(skipped, []);
  });

  it('skips with the reason when the dependency is missing outside CI', async () => {
    const skipped: unknown[] = [];
    assert.equal(await requireOrSkip({ skip: (m) => void skipped.push(m) }, missing, {}), false);
    assert.deepEqual(skipped, ['no widget reachable']);
  });

  it('throws when the dependency is missing under CI=true', async () => {
    await assert.rejects(requireOrSkip({ skip: () => {} }, missing, { CI: 'true' }), /no widget reachable/);
  });
});

describe('describeEngine in a child test run against an unreachable engine', () => {
  // A real child run proves what CI would see: a skip locally, a failure under CI.
  const dir = mkdtempSync(join(tmpdir(), 'ctop-helpers-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const engineHelper = pathToFileURL(fileURLToPath(new URL('./engine.ts', import.meta.url))).href;
  const file = join(dir, 'needs-engine.test.mjs');
  writeFileSync(
    file,
    `import { it } from 'node:test';\n` +
      `import { describeEngine } from ${JSON.stringify(engineHelper)};\n` +
      `describeEngine('needs an engine', () => { it('never runs', () => { throw new Error('ran'); }); });\n`,
  );

  function runChild(ci: string): Promise<{ code: number; stdout: string }> {
    const env: NodeJS.ProcessEnv = { ...process.env, CI: ci, DOCKER_HOST: `unix://${join(dir, 'no-such.sock')}` };
    // Without this the child would talk to our runner's protocol instead of printing TAP.
    delete env.NODE_TEST_CONTEXT;
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', '--test', '--test-reporter=tap', file],
        { env, encoding: 'utf8', timeout: 60_000 },
        (error, stdout) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout }),
      );
    });
  }

  const runs = { local: runChild('false'), ci: runChild('true') };

  it('skips with a clear message when CI is not true', async () => {
    const { code, stdout } = await runs.local;
    assert.equal(code, 0, stdout);
    assert.match(stdout, /# SKIP no Docker engine reachable at unix:\/\/\S+no-such\.sock: start one with scripts\/engine-up\.sh/);
    assert.match(stdout, /^# fail 0$/m);
    assert.doesNotMatch(stdout, /never runs/);
  });

  it('fails when CI=true', async () => {
    const { code, stdout } = await runs.ci;
    assert.equal(code, 1, stdout);
    assert.match(stdout, /^# fail 1$/m);
    assert.match(stdout, /CI=true: failing instead of skipping/);
  });
});

describe('testContainerName', () => {
  it('adds the ctop-test- prefix, the pid and a unique suffix', () => {
    const a = testContainerName('load');
    const b = testContainerName('load');
    assert.match(a, new RegExp(`^ctop-test-load-${process.pid}-\\d+$`));
    assert.notEqual(a, b);
  });

  it('keeps names that already carry the prefix and cleans unsafe characters', () => {
    assert.equal(testContainerName('ctop-test-fixed'), 'ctop-test-fixed');
    assert.match(testContainerName('a b/c'), /^ctop-test-a-b-c-/);
  });
});

describe('runContainer', () => {
  it('refuses a network other than none before touching the engine', async () => {
    await assert.rejects(runContainer({ cmd: 'true', args: ['--network', 'host'] }), /--network none/);
    await assert.rejects(runContainer({ cmd: 'true', args: ['--net=bridge'] }), /--network none/);
  });
});

describe('waitFor', () => {
  it('resolves with the first truthy value', async () => {
    let calls = 0;
    const value = await waitFor(() => (++calls >= 3 ? `after ${calls}` : undefined), { intervalMs: 1 });
    assert.equal(value, 'after 3');
  });

  it('treats a throwing predicate as not yet', async () => {
    let calls = 0;
    const value = await waitFor(
      async () => {
        if (++calls < 2) throw new Error('not ready');
        return true;
      },
      { intervalMs: 1 },
    );
    assert.equal(value, true);
  });

  it('rejects after the timeout, naming what it waited for and the last error', async () => {
    await assert.rejects(
      waitFor(
        () => {
          throw new Error('still starting');
        },
        { timeoutMs: 30, intervalMs: 5, message: 'the widget' },
      ),
      /timed out after 30 ms waiting for the widget; last error: still starting/,
    );
  });
});

// `npm test` on a machine whose engine answers but lacks the test image (issue 11, defect 11):
// scripts/run-tests.js builds the image first instead of skipping every engine test. Run against a
// private engine with no image (the shared one keeps its image).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, it } from 'node:test';
import { dockerdMissingReason, startDockerd, type PrivateDockerd } from '../helpers/dockerd.js';
import { describeRequiring } from '../helpers/requirement.js';
import { ROOT } from '../helpers/live-screen.js';

describeRequiring('run-tests prepares the test image', dockerdMissingReason, () => {
  let engine: PrivateDockerd;
  before(async () => {
    engine = await startDockerd({ name: 'noimage', image: false });
  });
  after(() => engine?.destroy());

  it('builds the missing image, then runs (not skips) an engine test', async () => {
    assert.notEqual((await engine.docker(['image', 'inspect', 'ctop-test/busybox:latest'])).code, 0, 'starts without the image');
    // Without NODE_TEST_CONTEXT: a nested `node --test` would report to this runner, not print TAP.
    const { NODE_TEST_CONTEXT: _, ...env } = process.env;
    const r = await new Promise<{ code: number | null; out: string; err: string }>((resolve) =>
      execFile(
        process.execPath,
        ['scripts/run-tests.js', 'test/engine/engine-helper.test.ts'],
        { cwd: ROOT, env: { ...env, DOCKER_HOST: engine.host, CTOP_TEST_REPORTER: 'tap', CI: '' }, timeout: 240_000, encoding: 'utf8' },
        (error, out, err) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, out, err }),
      ),
    );
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.err, /test image ctop-test\/busybox:latest is missing; building it/);
    assert.match(r.out, /^# skipped 0$/m);
    assert.match(r.out, /^# pass [1-9]/m);
    assert.equal((await engine.docker(['image', 'inspect', 'ctop-test/busybox:latest'])).code, 0);
  });
});

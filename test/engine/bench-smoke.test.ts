// The engine benchmarks still run against a real engine and print their figures, each as ours /
// docker stats (`node bench/run.js --smoke`: a few seconds per bench, no timing asserted).
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describeEngine } from '../helpers/engine.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));

describeEngine('bench smoke (engine)', () => {
  it('first-frame, no-stream-latency and engine-cost print every figure', { timeout: 400_000 }, async () => {
    const r = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(process.execPath, ['bench/run.js', '--smoke', '--no-write', 'first-frame', 'no-stream-latency', 'engine-cost'], { cwd: repo, timeout: 390_000, env: { ...process.env, CI: 'false' } }, (err, stdout, stderr) =>
        resolve({ code: err ? 1 : 0, stdout, stderr }),
      ),
    );
    assert.equal(r.code, 0, r.stderr.slice(-3000));
    const summary = r.stdout.slice(r.stdout.indexOf('=== summary'));
    for (const figure of ['first frame with numbers', '--no-stream wall time', '--no-stream CPU %', 'whole-system CPU of watching', 'steady-state CPU per container per tick'])
      assert.ok(summary.includes(figure), `missing "${figure}" in:\n${summary}`);
    // Every engine figure has a docker stats anchor measured in the same run.
    assert.doesNotMatch(summary, / \/ — = —/, summary);
  });
});

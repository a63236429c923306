// The benchmarks still run and print their figures (CI smoke: `node bench/run.js --smoke`). No
// timing is asserted: CI machines are shared and slow. The mock-driven live-screen bench runs
// here; the engine benches run in test/engine/bench-smoke.test.ts. Needs a build (dist/).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cpuCell } from '../../bench/first-frame.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));

function runBench(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bench/run.js', ...args], { cwd: repo, timeout: 180_000, env: { ...process.env, CI: 'false' } }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('bench smoke', () => {
  it('ui-render: prints the live-screen table and its figures', { timeout: 200_000 }, async () => {
    assert.ok(existsSync(`${repo}/dist/cli.js`), 'build first: npx tsc -p tsconfig.json');
    const r = await runBench(['--smoke', '--no-write', 'ui-render']);
    assert.equal(r.code, 0, r.stderr.slice(-2000));
    const row = r.stdout.split('\n').find((l) => /^ctop-ts\s+20\s/.test(l));
    assert.ok(row, `no row for 20 containers in:\n${r.stdout}`);
    // tick→frame, Ink render, tick, key→frame: "mean / p95" pairs of numbers.
    assert.ok((row.match(/\d+\.\d \/ \d+\.\d/g) ?? []).length >= 3, row);
    assert.match(r.stdout, /=== summary \(smoke\)/);
  });

  it('first-frame reads the CPU cell of a row on both screens', () => {
    const docker = 'CONTAINER ID   NAME      CPU %     MEM USAGE / LIMIT\nabc123   cb-1-busy   49.87%    1MiB / 2GiB\nabd   cb-1-0   --    --';
    assert.equal(cpuCell(docker, 'cb-1-busy'), '49.87%');
    assert.equal(cpuCell(docker, 'cb-1-0'), '--');
    const ours = ' ▶ running    cb-1-busy     dd83dcc168c5 busybox   15.6%   ▂   616KiB  0.0%\n ▶ running    cb-1-0   b7f857893f4f busybox     --   ▁   308KiB  0.0%';
    assert.equal(cpuCell(ours, 'cb-1-busy'), '15.6%');
    assert.equal(cpuCell(ours, 'cb-1-0'), '--');
    assert.equal(cpuCell(ours, 'cb-1-2'), null);
  });
});

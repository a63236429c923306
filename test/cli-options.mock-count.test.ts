// --mock-count N: the mock generates N containers (the 200- and 1 000-container figures of
// bench/ui-render.js, reproducible without an engine); alone it implies --mock.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildProgram, resolveOptions } from '../src/cli-options.js';
import { createMockSession } from '../src/sources/mock/mock-session.js';

function parse(args: string[]) {
  const program = buildProgram('0.0.0').exitOverride().configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  program.parse(['node', 'ctop-ts', ...args]);
  return resolveOptions(program.opts(), {}, false, false);
}

describe('--mock-count', () => {
  it('sets the count; alone it means --mock with the default seed', () => {
    assert.deepEqual([parse(['--mock-count', '1000']).mock, parse(['--mock-count', '1000']).mockCount], [1, 1000]);
    assert.deepEqual([parse(['--mock', '7', '--mock-count', '3']).mock, parse(['--mock', '7', '--mock-count', '3']).mockCount], [7, 3]);
    assert.equal(parse(['--mock']).mockCount, undefined);
    assert.equal(parse([]).mock, undefined);
  });

  it('rejects what is not a count from 1 to 100000', () => {
    for (const bad of ['0', '-1', 'x', '1.5', '100001']) assert.throws(() => parse(['--mock-count', bad]), /mock-count/, bad);
  });

  it('the mock session makes that many containers, with unique ids', () => {
    const s = createMockSession({ seed: 1, count: 1000 });
    const ids = new Set(s.containers().map((c) => c.id));
    assert.equal(ids.size, 1000);
  });
});

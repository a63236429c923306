// --verbose with nothing to print says why (issue 11, defect 10), against the real engine: a -l
// selector is sent to the engine as a label filter, so the engine lists nothing, and the note must
// still blame the filter, not claim the engine has no containers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requireEngine } from '../helpers/engine.js';
import { runCtop } from '../helpers/run-ctop.js';

test('--no-stream -l with no match: docker\'s header on stdout, "the filter matched no …" on stderr', async (t) => {
  if (!(await requireEngine(t))) return;
  const r = await runCtop(['--no-stream', '--verbose', '-l', 'ctop-test-no-such-label=1']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^CONTAINER ID\s+NAME\s+CPU %/);
  assert.match(r.stderr, /ctop-ts: the filter matched no running container\n/);
  assert.doesNotMatch(r.stderr, /the engine lists no containers/);
});

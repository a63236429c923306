// Issue 11 defect 9: DOCKER_HOST=ssh://… printed Node's DEP0170 lines (docker-modem's url.parse).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parse } from 'node:url';
import { silenceLibraryWarnings } from '../src/process-warnings.js';

it('drops url.parse deprecation warnings, keeps every other warning', async () => {
  const seen: string[] = [];
  process.on('warning', (w) => seen.push(`${(w as { code?: string }).code ?? w.name}: ${w.message}`));
  silenceLibraryWarnings();
  parse('ssh://nobody@127.0.0.1:abc/x'); // DEP0170 (an invalid port), as docker-modem does with ssh hosts
  process.emitWarning('kept', { type: 'Warning', code: 'CTOP_TEST' });
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(seen, ['CTOP_TEST: kept']);
});

// --record's path is checked before any engine work (issue 11, defect 4).
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { UserFacingError } from '../../../src/core/model/errors.js';
import { checkRecordPath } from '../../../src/sources/replay/recorder.js';

it('a file in an existing, writable folder is fine; anything else is one clear line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ctop-rec-'));
  assert.doesNotThrow(() => checkRecordPath(join(dir, 'new.ndjson')));
  const refused = (path: string, why: RegExp) =>
    assert.throws(() => checkRecordPath(path), (e: unknown) => e instanceof UserFacingError && e.exitCode === 2 && why.test(e.message), path);
  refused('/nonexistent-dir/x', /^cannot record to \/nonexistent-dir\/x: no folder \/nonexistent-dir$/);
  refused(dir, /it is a folder/);
  refused('', /empty path/);
});

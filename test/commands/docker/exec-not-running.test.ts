// Issue 11, defect 12: `x` on a created container showed the engine's raw message with a 64-character ID.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { execShell, friendlyEngineMessage } from '../../../src/commands/docker/exec.js';

const ID = 'ab'.repeat(32);

it('exec in a container that is not running says so plainly, with the short ID', async () => {
  // A stand-in docker CLI answering as the daemon does for a created container.
  const dir = mkdtempSync(join(tmpdir(), 'ctop-exec-'));
  writeFileSync(join(dir, 'docker'), `#!/bin/sh\necho "Error response from daemon: Container ${ID} is not running" >&2\nexit 1\n`);
  chmodSync(join(dir, 'docker'), 0o755);
  const ui = { suspend: () => assert.fail('the UI must not be suspended for a refused exec'), resume: () => undefined };
  const out = await execShell('docker', ID, ui, { env: { PATH: dir }, tty: false });
  assert.equal(out.ok, false);
  const message = (out as { message: string }).message;
  assert.equal(message, `container ${ID.slice(0, 12)} is not running: start it first, then exec`);
  assert.doesNotMatch(message, /[0-9a-f]{64}|daemon/);
});

it('other engine messages keep their words, with IDs shortened', () => {
  assert.equal(friendlyEngineMessage(`Error response from daemon: Container ${ID} is paused, unpause the container before exec`, 'x'), `Container ${ID.slice(0, 12)} is paused, unpause the container before exec`);
});

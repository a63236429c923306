// The alternate screen is left on every way out: normal restore, a crash, a signal. The crash
// and signal cases run a child process that enters full screen and then dies.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { enterFullscreen, ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN } from '../../../src/ui/shared/terminal.js';

const TERMINAL = pathToFileURL(fileURLToPath(new URL('../../../src/ui/shared/terminal.ts', import.meta.url))).href;

/** Runs `body` after entering full screen; a `KILL_ME:<signal>` marker makes the parent send that signal once it is ready. */
function child(body: string): Promise<{ out: string; code: number | null; signal: NodeJS.Signals | null }> {
  const script = `import { enterFullscreen } from '${TERMINAL}'; enterFullscreen({ stdout: process.stdout }); process.stdout.write('READY'); ${body}`;
  const c = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  c.stdout.setEncoding('utf8');
  c.stdout.on('data', (d: string) => {
    out += d;
    if (out.includes('READY')) c.emit('ready');
  });
  return new Promise((resolve) => {
    c.on('ready', () => {
      if (body.includes('KILL_ME')) c.kill((body.match(/KILL_ME:(\w+)/)?.[1] ?? 'SIGTERM') as NodeJS.Signals);
    });
    c.on('close', (code, signal) => resolve({ out, code, signal }));
  });
}

describe('enterFullscreen', () => {
  test('enters the alternate screen and leaves it exactly once', () => {
    const out = new PassThrough();
    let written = '';
    out.on('data', (d) => (written += d));
    const restore = enterFullscreen({ stdout: out as unknown as NodeJS.WriteStream });
    assert.equal(written, ENTER_ALT_SCREEN);
    restore();
    restore();
    assert.equal(written, ENTER_ALT_SCREEN + LEAVE_ALT_SCREEN);
  });

  test('an uncaught exception still leaves the alternate screen', async () => {
    const r = await child(`setTimeout(() => { throw new Error('boom'); }, 10);`);
    assert.ok(r.out.startsWith(ENTER_ALT_SCREEN));
    assert.ok(r.out.endsWith(LEAVE_ALT_SCREEN), JSON.stringify(r.out));
    assert.equal(r.code, 1);
  });

  for (const signal of ['SIGTERM', 'SIGHUP', 'SIGINT'] as const) {
    test(`${signal} still leaves the alternate screen`, async () => {
      const r = await child(`setInterval(() => {}, 1000); // KILL_ME:${signal}`);
      assert.ok(r.out.endsWith(LEAVE_ALT_SCREEN), JSON.stringify(r.out));
      assert.equal(r.signal, signal);
    });
  }
});

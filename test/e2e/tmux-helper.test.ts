// Smoke test of the tmux helper itself, so an e2e failure elsewhere can be
// trusted to be about the UI and not about the harness.
import assert from 'node:assert/strict';
import { after, it } from 'node:test';
import { describeTmux, killTmuxServer, startTmux } from '../helpers/tmux.js';

describeTmux('tmux helper', () => {
  after(killTmuxServer);

  it('reads back what a program prints, on the main screen', async () => {
    const session = await startTmux(`sh -c 'printf hello; sleep 5'`, { cols: 40, rows: 10 });
    try {
      const screen = await session.waitForScreen('hello');
      assert.equal(screen.split('\n')[0], 'hello');
      assert.equal(await session.alternateOn(), false);
      assert.deepEqual(await session.size(), { cols: 40, rows: 10 });
      assert.equal(await session.paneDead(), false);
      assert.equal(await session.exitStatus(), null);
    } finally {
      await session.kill();
    }
  });

  it('gives the program CI=false and TERM=xterm-256color', async () => {
    const session = await startTmux(['sh', '-c', 'echo "ci=$CI term=$TERM extra=$EXTRA"; sleep 5'], {
      env: { EXTRA: 'x1' },
    });
    try {
      await session.waitForScreen('ci=false term=xterm-256color extra=x1');
    } finally {
      await session.kill();
    }
  });

  it('sees the alternate screen, typed keys, resizes and the exit status', async () => {
    // Enter the alternate screen, echo one typed line, leave it, exit 3; each
    // step waits for Enter so no output races the pane closing.
    const script = `printf '\\033[?1049h'; read line; echo "got:$line"; read _; printf '\\033[?1049l'; read _; exit 3`;
    const session = await startTmux(['sh', '-c', script], { cols: 60, rows: 12 });
    try {
      await waitUntil(() => session.alternateOn());
      await session.sendText('abc');
      await session.sendKeys('Enter');
      await session.waitForScreen('got:abc');
      await session.resize(70, 15);
      assert.deepEqual(await session.size(), { cols: 70, rows: 15 });
      await session.sendKeys('Enter');
      await waitUntil(async () => !(await session.alternateOn()));
      await session.sendKeys('Enter');
      assert.equal(await session.waitForExit(), 3);
      assert.equal(await session.paneDead(), true);
      // Leaving the alternate screen restored the (empty) main screen.
      assert.doesNotMatch(await session.capturePane({ history: true }), /got:abc/);
    } finally {
      await session.kill();
    }
  });

  it('keeps the last screen and reports death by signal', async () => {
    // Dies only once its output is on screen: a pane closing right after a
    // write can lose that write under load (see holdOpen).
    const session = await startTmux(`echo last-words; read _; kill -9 $$`, { cols: 30, rows: 4 });
    try {
      await session.waitForScreen('last-words');
      await session.sendKeys('Enter');
      assert.equal(await session.waitForExit(), 128 + 9);
      assert.match(await session.capturePane({ history: true }), /^last-words$/m);
    } finally {
      await session.kill();
    }
  });

  it('holdOpen keeps output written just before exit and reads the status', async () => {
    const session = await startTmux(['sh', '-c', `printf "it's the end\\n"; exit 5`], { cols: 40, rows: 6, holdOpen: true });
    try {
      assert.equal(await session.waitForExit(), 5);
      assert.match(await session.capturePane(), /^it's the end$/m);
      assert.equal(await session.paneDead(), false);
    } finally {
      await session.kill();
    }
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

// The UiSuspender that steps the live screen aside for a shell from `x` and back.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTerminalSuspender } from '../../../src/ui/exec/terminal-suspender.js';

describe('createTerminalSuspender', () => {
  it('leaves the alternate screen in cooked mode, then comes back and repaints', () => {
    const out: string[] = [];
    const raw: boolean[] = [];
    let repaints = 0;
    const s = createTerminalSuspender({
      stdin: { isTTY: true, setRawMode: (on: boolean) => raw.push(on) } as unknown as NodeJS.ReadStream,
      stdout: { write: (d: string) => out.push(d) } as unknown as NodeJS.WriteStream,
      repaint: () => repaints++,
    });
    s.suspend();
    assert.deepEqual(out, ['\x1b[?25h\x1b[?1049l']);
    assert.deepEqual(raw, [false]);
    s.resume();
    assert.deepEqual(out[1], '\x1b[?1049h\x1b[H\x1b[?25l');
    assert.deepEqual(raw, [false, true]);
    assert.equal(repaints, 1);
  });
});

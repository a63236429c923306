// useLogViewer + LogView wired the way the app must wire them (one central useInput),
// against a fake engine whose log stream the test writes into.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import React, { useState } from 'react';
import { Text, useInput } from 'ink';
import { render } from 'ink-testing-library';
import type Docker from 'dockerode';
import { LogView } from '../../../src/ui/logs/log-view.js';
import { useLogViewer } from '../../../src/ui/logs/use-log-viewer.js';

const SGR = /\x1b\[[0-9;]*m/g;

function frame(type: number, text: string): Buffer {
  const body = Buffer.from(text);
  const h = Buffer.alloc(8);
  h[0] = type;
  h.writeUInt32BE(body.length, 4);
  return Buffer.concat([h, body]);
}

function fakeDocker(stream: PassThrough, state: { running: boolean }): Docker {
  return {
    getContainer: () => ({
      inspect: async () => ({ Config: { Tty: false }, State: { Running: state.running } }),
      logs: async () => stream,
    }),
  } as unknown as Docker;
}

function Harness({ docker }: { docker: Docker | null }) {
  const viewer = useLogViewer(docker, { id: 'x', name: 'web-1' }, { width: 60, height: 8 }, { flushMs: 10 });
  const [closed, setClosed] = useState(false);
  useInput((input, key) => {
    const keys = input.length > 1 && !input.startsWith('\x1b') ? Array.from(input) : [input];
    for (const ch of keys) if (viewer.handleKey(ch, key)?.type === 'close') setClosed(true);
  });
  return closed ? <Text>table</Text> : <LogView lines={viewer.lines} state={viewer.state} width={60} height={8} />;
}

async function until(get: () => string, re: RegExp): Promise<string> {
  for (let i = 0; i < 300; i++) {
    const f = get().replace(SGR, '');
    if (re.test(f)) return f;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`never matched ${re}:\n${get().replace(SGR, '')}`);
}

describe('useLogViewer with a central input handler', () => {
  it('follows, searches, pauses, follows again, shows the stop, and closes the stream', async () => {
    const stream = new PassThrough();
    const state = { running: true };
    const app = render(<Harness docker={fakeDocker(stream, state)} />);
    const get = () => app.lastFrame() ?? '';
    for (let i = 1; i <= 20; i++) {
      stream.write(frame(1, `2024-05-01T00:00:${String(i).padStart(2, '0')}Z line ${i}\n`));
      stream.write(frame(2, `2024-05-01T00:00:${String(i).padStart(2, '0')}Z err ${i}\n`));
    }
    let f = await until(get, /err 20/);
    assert.match(f, /Logs: web-1 +FOLLOWING/);
    assert.match(f, /┃ err 20/);

    app.stdin.write('/line 1');
    await until(get, /\/line 1█/);
    app.stdin.write('\r');
    f = await until(get, /match 11\/11/);
    assert.match(f, /PAUSED/);

    app.stdin.write('G');
    await until(get, /FOLLOWING/);
    app.stdin.write('t');
    await until(get, /2024-05-01 00:00:20.000 err 20/);

    state.running = false;
    stream.end();
    f = await until(get, /— container stopped —/);
    assert.match(f, /Logs: web-1 +\[time\] ENDED/);

    app.stdin.write('\x1b');
    await until(get, /table/);
    assert.equal(stream.destroyed || stream.readableEnded, true);
    app.unmount();
  });

  it('replay or mock (no engine): says so instead of waiting forever', async () => {
    const app = render(<Harness docker={null} />);
    const f = await until(() => app.lastFrame() ?? '', /logs need a live engine/);
    assert.match(f, /cannot read logs/);
    app.unmount();
  });
});

// useActionsFlow wired the way the app must wire it: one central useInput that feeds
// keys one character at a time, the panel rendered from the hook's state.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import { Text, useInput } from 'ink';
import { render } from 'ink-testing-library';
import type Docker from 'dockerode';
import { READ_ONLY_REASON, type ActionTarget } from '../../../src/core/model/actions.js';
import { ActionsMenu } from '../../../src/ui/actions/actions-menu.js';
import { useActionsFlow } from '../../../src/ui/actions/use-actions-flow.js';

const SGR = /\x1b\[[0-9;]*m/g;

function fakeDocker(calls: string[], fail: Record<string, string> = {}): Docker {
  const method = (id: string, m: string) => async () => {
    calls.push(`${m} ${id}`);
    await new Promise((r) => setTimeout(r, 20));
    if (fail[id]) throw Object.assign(new Error('x'), { statusCode: 409, json: { message: fail[id] } });
  };
  return {
    getContainer: (id: string) => Object.fromEntries(['start', 'stop', 'restart', 'pause', 'unpause', 'kill', 'remove'].map((m) => [m, method(id, m)])),
  } as unknown as Docker;
}

function Harness({ docker, targets, disabled }: { docker: Docker | null; targets: ActionTarget[]; disabled?: string }) {
  const flow = useActionsFlow(docker, { disabled });
  useInput((input, key) => {
    // As the app must: plain-text chunks ("yy") one character at a time.
    const keys = input.length > 1 && !input.startsWith('\x1b') ? Array.from(input) : [input];
    for (const ch of keys) {
      if (flow.isOpenNow()) {
        flow.handleKey(ch, key);
        continue;
      }
      if (ch === 'm') flow.open(targets);
    }
  });
  return flow.isOpen ? <ActionsMenu state={flow.state} width={70} /> : <Text>table</Text>;
}

async function until(frame: () => string, re: RegExp): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const f = frame().replace(SGR, '');
    if (re.test(f)) return f;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`never matched ${re}: ${frame().replace(SGR, '')}`);
}

const web: ActionTarget = { id: 'w1', name: 'web-1', state: 'running' };
const cache: ActionTarget = { id: 'c1', name: 'cache', state: 'running' };

describe('useActionsFlow with a central input handler', () => {
  it('m, t, y: stops the container and shows the result', async () => {
    const calls: string[] = [];
    const app = render(<Harness docker={fakeDocker(calls)} targets={[web]} />);
    const frame = () => app.lastFrame() ?? '';
    app.stdin.write('m');
    await until(frame, /Actions: web-1/);
    app.stdin.write('t');
    await until(frame, /Stop container web-1\?/);
    app.stdin.write('y');
    await until(frame, /Stop: 1 ok/);
    assert.deepEqual(calls, ['stop w1']);
    app.stdin.write('\r');
    await until(frame, /table/);
    app.unmount();
  });

  it('a marked set is asked once and reported per container, errors verbatim', async () => {
    const calls: string[] = [];
    const app = render(<Harness docker={fakeDocker(calls, { c1: 'Container c1 is restarting, wait until the container is running' })} targets={[web, cache]} />);
    const frame = () => app.lastFrame() ?? '';
    app.stdin.write('mpy'); // one chunk, as tmux send-keys delivers it
    const f = await until(frame, /Pause: 1 ok, 1 failed/);
    assert.match(f, /✓ web-1/);
    assert.match(f.replace(/[│\n ]+/g, ' '), /✗ cache: Container c1 is restarting, wait until the container is running/);
    assert.deepEqual(calls.sort(), ['pause c1', 'pause w1']);
    app.unmount();
  });

  it('"yy" cannot pass both confirmations of remove --force', async () => {
    const calls: string[] = [];
    const app = render(<Harness docker={fakeDocker(calls)} targets={[web]} />);
    const frame = () => app.lastFrame() ?? '';
    app.stdin.write('mDyy');
    await until(frame, /Second confirmation/);
    assert.deepEqual(calls, []);
    app.stdin.write('Y');
    await until(frame, /Force-remove: 1 ok/);
    assert.deepEqual(calls, ['remove w1']);
    app.unmount();
  });

  it('--read-only: the panel refuses and nothing reaches the engine', async () => {
    const calls: string[] = [];
    const app = render(<Harness docker={fakeDocker(calls)} targets={[web]} disabled={READ_ONLY_REASON} />);
    const frame = () => app.lastFrame() ?? '';
    app.stdin.write('mtyY\r');
    await until(frame, /table/);
    app.stdin.write('mty');
    await until(frame, /read-only mode/);
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(calls, []);
    app.unmount();
  });
});

/** @jsxRuntime automatic */
// The actions menu through the app's own input path (ink-testing-library writes to stdin, the one
// useInput routes each key through the keymap), run by useActionRunner on a fake engine behind the
// real Docker EngineCommands: what reaches the engine, and what the panel reports.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type Docker from 'dockerode';
import { READ_ONLY_REASON } from '../../../src/core/model/actions.js';
import { dockerCommands } from '../../../src/commands/docker/docker-commands.js';
import { refusingCommands } from '../../../src/commands/engine-commands.js';
import { mountApp } from '../../helpers/mount-app.js';
import { row } from '../../helpers/ui-fixtures.js';

function fakeDocker(calls: string[], fail: Record<string, string> = {}): Docker {
  const method = (id: string, m: string) => async () => {
    calls.push(`${m} ${id.slice(0, 2)}`);
    await new Promise((r) => setTimeout(r, 20));
    if (fail[id.slice(0, 2)]) throw Object.assign(new Error('x'), { statusCode: 409, json: { message: fail[id.slice(0, 2)] } });
  };
  return {
    getContainer: (id: string) => Object.fromEntries(['start', 'stop', 'restart', 'pause', 'unpause', 'kill', 'remove'].map((m) => [m, method(id, m)])),
  } as unknown as Docker;
}

const settings = { all: true, color: true, theme: 'dark' as const, filter: '' };
const web = () => row('web-1', { cpuPercent: 2 }, { id: 'w1' });
const cache = () => row('cache', { cpuPercent: 1 }, { id: 'c1' });

function mount(commands: Parameters<typeof mountApp>[0]['commands'], readOnly = false) {
  const m = mountApp({ settings, size: { columns: 100, rows: 30 }, commands, readOnly });
  m.tick([web(), cache()]);
  return m;
}

describe('actions menu → useActionRunner → EngineCommands', () => {
  it('m, t, y: stops the selected container and shows the result; Enter closes it', async () => {
    const calls: string[] = [];
    const { waitFor, press } = mount(dockerCommands(fakeDocker(calls)));
    await waitFor((f) => f.includes('cache'), 'rows');
    await press('m');
    await waitFor((f) => /Actions: web-1/.test(f), 'menu');
    await press('t');
    await waitFor((f) => /Stop container web-1\?/.test(f), 'confirm');
    await press('y');
    await waitFor((f) => /Stop: 1 ok/.test(f), 'result');
    assert.deepEqual(calls, ['stop w1']);
    await press('\r');
    await waitFor((f) => !/Stop: 1 ok/.test(f), 'closed');
  });

  it('a marked set in one chunk ("mpy"): asked once, reported per container, errors verbatim', async () => {
    const calls: string[] = [];
    const { waitFor, press } = mount(dockerCommands(fakeDocker(calls, { c1: 'Container c1 is restarting, wait until the container is running' })));
    await waitFor((f) => f.includes('cache'), 'rows');
    await press(' ', 'j', ' ');
    await waitFor((f) => /2 marked/.test(f), 'marks');
    await press('mpy'); // one chunk, as tmux send-keys delivers it
    const f = await waitFor((x) => /Pause: 1 ok, 1 failed/.test(x), 'result');
    assert.match(f, /✓ web-1/);
    assert.match(f.replace(/[│\n ]+/g, ' '), /✗ cache: Container c1 is restarting, wait until the container is running/);
    assert.deepEqual(calls.sort(), ['pause c1', 'pause w1']);
    await waitFor((x) => !/marked/.test(x), 'marks cleared after the run');
  });

  it('"yy" cannot pass both confirmations of remove --force', async () => {
    const calls: string[] = [];
    const { waitFor, press } = mount(dockerCommands(fakeDocker(calls)));
    await waitFor((f) => f.includes('cache'), 'rows');
    await press('mDyy');
    await waitFor((f) => /Second confirmation/.test(f), 'step 2');
    assert.deepEqual(calls, []);
    await press('Y');
    await waitFor((f) => /Force-remove: 1 ok/.test(f), 'removed');
    assert.deepEqual(calls, ['remove w1']);
  });

  it('--read-only: the panel refuses and nothing reaches the engine', async () => {
    const calls: string[] = [];
    const { waitFor, press } = mount(dockerCommands(fakeDocker(calls)), true);
    await waitFor((f) => f.includes('cache'), 'rows');
    await press('mtyY');
    await waitFor((f) => f.includes(READ_ONLY_REASON.slice(0, 30)), 'refusal');
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(calls, []);
  });

  it('replay: the panel says there is no engine to act on', async () => {
    const { waitFor, press } = mount(refusingCommands('replay'));
    await waitFor((f) => f.includes('cache'), 'rows');
    await press('m');
    await waitFor((f) => /replay: no engine to act on/.test(f), 'refusal');
  });
});

/** @jsxRuntime automatic */
// The log view through the app's own input path (stdin → the one useInput → keymap → root
// reducer), following a fake engine's log stream behind the real Docker EngineCommands.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import { dockerCommands } from '../../../src/commands/docker/docker-commands.js';
import { refusingCommands } from '../../../src/commands/engine-commands.js';
import { mountApp } from '../../helpers/mount-app.js';
import { row } from '../../helpers/ui-fixtures.js';

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

const settings = { all: true, color: true, theme: 'dark' as const, filter: '' };

function mount(commands: Parameters<typeof mountApp>[0]['commands']) {
  const m = mountApp({ settings, size: { columns: 70, rows: 12 }, commands });
  m.tick([row('web-1', { cpuPercent: 1 })]);
  return m;
}

describe('the log view (L) through the app', () => {
  it('follows, searches, pauses, follows again, shows the stop, and closes the stream', async () => {
    const stream = new PassThrough();
    const state = { running: true };
    const { waitFor, press } = mount(dockerCommands(fakeDocker(stream, state)));
    await waitFor((f) => f.includes('web-1'), 'rows');
    await press('L');
    for (let i = 1; i <= 20; i++) {
      stream.write(frame(1, `2024-05-01T00:00:${String(i).padStart(2, '0')}Z line ${i}\n`));
      stream.write(frame(2, `2024-05-01T00:00:${String(i).padStart(2, '0')}Z err ${i}\n`));
    }
    let f = await waitFor((x) => /err 20/.test(x), 'lines');
    assert.match(f, /Logs: web-1 +FOLLOWING/);
    assert.match(f, /┃ err 20/);

    await press('/line 1');
    await waitFor((x) => /\/line 1█/.test(x), 'search prompt');
    await press('\r');
    f = await waitFor((x) => /match 11\/11/.test(x), 'match');
    assert.match(f, /PAUSED/);

    await press('G');
    await waitFor((x) => /FOLLOWING/.test(x), 'following');
    await press('t');
    await waitFor((x) => /2024-05-01 00:00:20.000 err 20/.test(x), 'timestamps');

    state.running = false;
    stream.end();
    f = await waitFor((x) => /— container stopped —/.test(x), 'end marker');
    assert.match(f, /Logs: web-1 +\[time\] ENDED/);

    await press('\x1b');
    await waitFor((x) => /NAME/.test(x), 'back to the table');
    assert.equal(stream.destroyed || stream.readableEnded, true);
  });

  it('a search burst in one write (text, Backspaces, Ctrl-U) is applied key by key', async () => {
    const stream = new PassThrough();
    const { waitFor, press } = mount(dockerCommands(fakeDocker(stream, { running: true })));
    await waitFor((f) => f.includes('web-1'), 'rows');
    await press('L', '/abcdef');
    await waitFor((x) => /\/abcdef█/.test(x), 'typed');
    await press('\x7f\x7f\x7f');
    await waitFor((x) => /\/abc█/.test(x), 'three Backspaces in one write');
    await press('\x15db');
    await waitFor((x) => /\/db█/.test(x), 'Ctrl-U then db in one write');
    stream.end();
  });

  it('replay or mock (no engine): says so instead of waiting forever', async () => {
    const { waitFor, press } = mount(refusingCommands('replay'));
    await waitFor((f) => f.includes('web-1'), 'rows');
    await press('L');
    const f = await waitFor((x) => /replay: no engine to act on/.test(x), 'refusal');
    assert.match(f, /cannot read logs/);
  });
});

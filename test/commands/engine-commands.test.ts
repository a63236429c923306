// The refusing EngineCommands (replay, mock): every command says, in one line, that there is no
// engine to act on, and nothing throws where the UI does not expect it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CommandRefused, refusingCommands, type LogStreamStatus } from '../../src/commands/engine-commands.js';
import type { NewLogLine } from '../../src/core/logs/log-buffer.js';

describe('refusingCommands', () => {
  const c = refusingCommands('replay');
  const ui = { suspend: () => assert.fail('never suspends'), resume: () => assert.fail('never resumes') };

  it('says why up front', () => assert.equal(c.unavailable, 'replay: no engine to act on'));

  it('inspect rejects with a screen-ready CommandRefused', async () => {
    await assert.rejects(c.inspect({ id: 'a' }), (err: unknown) => err instanceof CommandRefused && err.message === 'replay: no engine to act on');
  });

  it('actions resolve to the refusal, never reject', async () => {
    assert.deepEqual(await c.runAction({ id: 'a' }, 'stop'), { ok: false, error: 'replay: no engine to act on' });
  });

  it('logs: one system line and an error status, then done', async () => {
    const lines: NewLogLine[] = [];
    const statuses: LogStreamStatus[] = [];
    const f = c.followLogs({ id: 'a' }, { onLines: (l) => lines.push(...l), onStatus: (s) => statuses.push(s) });
    await f.done;
    f.close();
    assert.deepEqual(lines.map((l) => [l.stream, l.text]), [['system', '— replay: no engine to act on —']]);
    assert.deepEqual(statuses, [{ state: 'error', message: 'replay: no engine to act on' }]);
  });

  it('exec: refused without touching the terminal; --read-only says so first', async () => {
    assert.deepEqual(await c.exec({ id: 'a' }, ui), { ok: false, reason: 'engine', message: 'replay: no engine to act on' });
    assert.deepEqual(await c.exec({ id: 'a' }, ui, { disabled: 'read-only' }), { ok: false, reason: 'disabled', message: 'read-only' });
  });
});

// followLogs against a fake dockerode whose log stream the test writes into.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import type { NewLogLine } from '../../../src/core/logs/log-buffer.js';
import { END_MARKERS, followLogs, type LogStreamStatus } from '../../../src/commands/docker/log-stream.js';

function frame(type: number, text: string): Buffer {
  const body = Buffer.from(text);
  const h = Buffer.alloc(8);
  h[0] = type;
  h.writeUInt32BE(body.length, 4);
  return Buffer.concat([h, body]);
}

interface Fake {
  docker: Docker;
  stream: PassThrough;
  logOpts: Record<string, unknown>[];
  state: { running: boolean; gone: boolean };
}

function fake(tty: boolean, logsError?: Error): Fake {
  const stream = new PassThrough();
  const logOpts: Record<string, unknown>[] = [];
  const state = { running: true, gone: false };
  const docker = {
    getContainer: () => ({
      inspect: async () => {
        if (state.gone) throw Object.assign(new Error('gone'), { statusCode: 404, json: { message: 'No such container: x' } });
        return { Config: { Tty: tty }, State: { Running: state.running } };
      },
      logs: async (o: Record<string, unknown>) => {
        logOpts.push(o);
        if (logsError) throw logsError;
        return stream;
      },
    }),
  } as unknown as Docker;
  return { docker, stream, logOpts, state };
}

function follow(f: Fake) {
  const lines: NewLogLine[] = [];
  const statuses: LogStreamStatus[] = [];
  const follower = followLogs(f.docker, 'x', { tail: 50, onLines: (l) => lines.push(...l), onStatus: (s) => statuses.push(s) });
  return { lines, statuses, follower };
}

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  assert.ok(cond(), 'condition not reached');
};

describe('followLogs', () => {
  it('asks for follow, both streams, tail and timestamps', async () => {
    const f = fake(false);
    const { follower, statuses } = follow(f);
    await until(() => statuses.some((s) => s.state === 'following'));
    assert.deepEqual({ ...f.logOpts[0], abortSignal: undefined }, { follow: true, stdout: true, stderr: true, tail: 50, timestamps: true, abortSignal: undefined });
    follower.close();
  });

  it('demultiplexes a non-TTY stream split anywhere, then marks the stop', async () => {
    const f = fake(false);
    const { lines, statuses, follower } = follow(f);
    await until(() => statuses.some((s) => s.state === 'following'));
    const bytes = Buffer.concat([
      frame(1, '2024-05-01T00:00:01.000000000Z out 1\n'),
      frame(2, '2024-05-01T00:00:01.100000000Z err 1\n'),
      frame(1, '2024-05-01T00:00:02.000000000Z partial'),
    ]);
    for (let i = 0; i < bytes.length; i += 7) f.stream.write(bytes.subarray(i, i + 7));
    f.state.running = false;
    f.stream.end();
    await follower.done;
    assert.deepEqual(
      lines.map((l) => [l.stream, l.time, l.text]),
      [
        ['stdout', '2024-05-01T00:00:01.000000000Z', 'out 1'],
        ['stderr', '2024-05-01T00:00:01.100000000Z', 'err 1'],
        ['stdout', '2024-05-01T00:00:02.000000000Z', 'partial'],
        ['system', null, END_MARKERS.stopped],
      ],
    );
    assert.deepEqual(statuses[statuses.length - 1], { state: 'ended', reason: 'stopped' });
  });

  it('reads a TTY stream raw', async () => {
    const f = fake(true);
    const { lines, statuses, follower } = follow(f);
    await until(() => statuses.some((s) => s.state === 'following'));
    f.stream.write('2024-05-01T00:00:01Z \x1b[32mgreen\x1b[0m\r\n');
    await until(() => lines.length === 1);
    assert.deepEqual(lines[0], { stream: 'stdout', time: '2024-05-01T00:00:01Z', text: 'green' });
    follower.close();
    await follower.done;
  });

  it('a removed container ends with the removed marker', async () => {
    const f = fake(false);
    const { lines, statuses, follower } = follow(f);
    await until(() => statuses.some((s) => s.state === 'following'));
    f.state.gone = true;
    f.stream.end();
    await follower.done;
    assert.equal(lines[lines.length - 1].text, END_MARKERS.removed);
  });

  it('close() ends quietly: no marker, status closed, stream destroyed', async () => {
    const f = fake(false);
    const { lines, statuses, follower } = follow(f);
    await until(() => statuses.some((s) => s.state === 'following'));
    follower.close();
    await follower.done;
    assert.equal(f.stream.destroyed, true);
    assert.deepEqual(lines, []);
    assert.deepEqual(statuses[statuses.length - 1], { state: 'closed' });
    assert.equal((f.logOpts[0].abortSignal as AbortSignal).aborted, true);
  });

  it('an engine error is reported verbatim, in the status and as a line', async () => {
    const err = Object.assign(new Error('(HTTP code 404) no such container - '), { statusCode: 404, json: { message: 'No such container: x' } });
    const f = fake(false, err);
    const { lines, statuses, follower } = follow(f);
    await follower.done;
    assert.deepEqual(statuses[statuses.length - 1], { state: 'error', message: 'No such container: x' });
    assert.equal(lines[0].text, '— cannot read logs: No such container: x —');
  });
});

// followLogs against the real engine, for a container with and without a TTY: the last
// N lines, then new ones as they come, stderr kept apart (non-TTY), a clean end with a
// marker when the container stops, and a quiet close.
import assert from 'node:assert/strict';
import { after, it } from 'node:test';
import type { NewLogLine } from '../../src/core/logs/log-buffer.js';
import { connect, parseEngineHost } from '../../src/sources/engine/connection.js';
import { END_MARKERS, followLogs, type LogStreamStatus } from '../../src/commands/docker/log-stream.js';
import { describeEngine, docker as cli, removeContainers, runContainer, waitFor } from '../helpers/engine.js';

const PRINTER = 'i=0; while true; do i=$((i+1)); echo line $i; echo err $i >&2; sleep 0.2; done';

const num = (l: NewLogLine) => Number(/(\d+)$/.exec(l.text)?.[1] ?? NaN);

describeEngine('log stream on the engine', () => {
  const engine = connect(parseEngineHost(undefined));
  const ids: string[] = [];
  after(() => removeContainers(ids));

  /** Starts the printer and waits until it has printed `n` numbers. */
  async function printer(name: string, tty: boolean, n: number): Promise<string> {
    const id = await runContainer({ name: `ctop-act-${name}`, cmd: PRINTER, args: tty ? ['-t'] : [] });
    ids.push(id);
    await waitFor(async () => (await cli(['logs', id])).stdout.includes(`line ${n}\n`) || (await cli(['logs', id])).stdout.includes(`line ${n}\r\n`), {
      message: `${name} to print ${n} lines`,
    });
    return id;
  }

  function follow(id: string, tail: number) {
    const lines: NewLogLine[] = [];
    const statuses: LogStreamStatus[] = [];
    const f = followLogs(engine, id, { tail, onLines: (l) => lines.push(...l), onStatus: (s) => statuses.push(s) });
    return { lines, statuses, f };
  }

  it('non-TTY: the last N lines, then new ones; stderr separate; a marker when it stops', async () => {
    const id = await printer('logs-plain', false, 10);
    const { lines, statuses, f } = follow(id, 6);
    await waitFor(() => statuses.some((s) => s.state === 'following' && !s.tty), { message: 'following' });
    // History first: 6 lines, none from the start of the container's life.
    await waitFor(() => lines.length >= 6);
    const history = lines.slice(0, 6);
    assert.ok(num(history[0]) > 3, `tail 6 should not start at ${history[0].text}`);
    // Then it follows: numbers beyond what the history held.
    const lastSeen = Math.max(...history.map(num));
    await waitFor(() => lines.some((l) => num(l) >= lastSeen + 3), { message: 'new lines to arrive' });

    for (const l of lines) {
      assert.match(l.time ?? '', /^\d{4}-\d\d-\d\dT/);
      if (l.text.startsWith('line ')) assert.equal(l.stream, 'stdout', l.text);
      else assert.equal(l.stream, 'stderr', l.text);
    }
    // Consecutive numbers on each stream: nothing lost or duplicated while following.
    for (const stream of ['stdout', 'stderr'] as const) {
      const n = lines.filter((l) => l.stream === stream).map(num);
      for (let i = 1; i < n.length; i++) assert.equal(n[i], n[i - 1] + 1, `${stream} ${n.join(',')}`);
    }

    const readBefore = lines.length;
    await cli(['kill', id]);
    await f.done;
    assert.ok(lines.length >= readBefore, 'what was read is kept');
    assert.deepEqual(lines[lines.length - 1], { stream: 'system', time: null, text: END_MARKERS.stopped });
    assert.deepEqual(statuses[statuses.length - 1], { state: 'ended', reason: 'stopped' });
  });

  it('TTY: one raw stream, every line on stdout, no carriage returns', async () => {
    const id = await printer('logs-tty', true, 5);
    const { lines, statuses, f } = follow(id, 4);
    await waitFor(() => statuses.some((s) => s.state === 'following' && s.tty), { message: 'following a TTY' });
    await waitFor(() => lines.some((l) => l.text.startsWith('err ')) && lines.length >= 8, { message: 'lines' });
    for (const l of lines) {
      assert.equal(l.stream, 'stdout');
      assert.match(l.text, /^(line|err) \d+$/);
      assert.ok(l.time);
    }
    await cli(['kill', id]);
    await f.done;
    assert.equal(lines[lines.length - 1].text, END_MARKERS.stopped);
  });

  it('close() ends the follow quietly while the container keeps running', async () => {
    const id = await printer('logs-close', false, 2);
    const { lines, statuses, f } = follow(id, 2);
    await waitFor(() => lines.length >= 2);
    f.close();
    await f.done;
    const n = lines.length;
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(lines.length, n, 'no lines after close');
    assert.ok(lines.every((l) => l.stream !== 'system'));
    assert.deepEqual(statuses[statuses.length - 1], { state: 'closed' });
  });

  it('a container that already stopped: its logs, then the marker', async () => {
    const id = await runContainer({ name: 'ctop-act-logs-done', cmd: 'echo one; echo two >&2' });
    ids.push(id);
    await waitFor(async () => (await cli(['inspect', '-f', '{{.State.Status}}', id])).stdout.trim() === 'exited');
    const { lines, f } = follow(id, 100);
    await f.done;
    assert.deepEqual(lines.map((l) => [l.stream, l.text]).sort(), [['stderr', 'two'], ['stdout', 'one'], ['system', END_MARKERS.stopped]]);
  });
});

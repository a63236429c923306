// EventStream against a fake engine that keeps a log like dockerd's event buffer, drops the
// connection mid-stream (torn line, end, error), refuses connects, and replays on `since`.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, test } from 'node:test';
import type { EngineEvent } from '../../../src/core/model/types.js';
import { EventStream, type EventSource, type EventsQuery } from '../../../src/sources/engine/event-stream.js';

const ID = 'a'.repeat(64);

/** One wire line; `nano` is the 9-digit fraction, kept exact (JSON numbers would round it). */
function line(action: string, sec: number, nano: string, name = 'web-1', id = ID, type = 'container'): string {
  return `{"Type":"${type}","Action":"${action}","Actor":{"ID":"${id}","Attributes":{"image":"busybox","name":"${name}"}},"scope":"local","time":${sec},"timeNano":${sec}${nano}}`;
}

class FakeEngine implements EventSource {
  readonly log: string[] = []; // everything the engine has published, oldest first
  readonly queries: EventsQuery[] = [];
  current: PassThrough | null = null;
  refuse = 0;
  headers: Record<string, string> | undefined;

  async getEvents(query: EventsQuery): Promise<NodeJS.ReadableStream> {
    this.queries.push(query);
    if (this.refuse > 0) {
      this.refuse--;
      throw new Error('connect ECONNREFUSED /var/run/docker.sock');
    }
    const s = new PassThrough();
    Object.assign(s, { headers: this.headers });
    query.abortSignal?.addEventListener('abort', () => s.destroy());
    // dockerd's `since` is inclusive and has no sub-second cursor: replay the whole second.
    if (query.since !== undefined) for (const l of this.log) if (JSON.parse(l).time >= query.since) s.write(l + '\n');
    this.current = s;
    return s;
  }

  publish(l: string): void {
    this.log.push(l);
    this.current?.write(l + '\n');
  }

  /** The connection dies halfway through writing `l` (which the engine did publish). */
  tearOn(l: string, how: 'end' | 'error'): void {
    this.log.push(l);
    const s = this.current!;
    this.current = null;
    s.write(l.slice(0, 40));
    if (how === 'end') s.end();
    else s.destroy(new Error('read ECONNRESET'));
  }
}

async function until(pred: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

function follow(engine: FakeEngine, extra: Partial<ConstructorParameters<typeof EventStream>[0]> = {}) {
  const got: EngineEvent[] = [];
  const errors: unknown[] = [];
  const stream = new EventStream({ docker: engine, onEvent: (e) => got.push(e), onError: (e) => errors.push(e), reconnectDelayMs: 1, ...extra });
  return { stream, got, errors };
}

const key = (e: EngineEvent) => `${e.action}@${e.time}`;

describe('EventStream', () => {
  test('subscribes to container events with the label filters', async () => {
    const engine = new FakeEngine();
    const { stream } = follow(engine, { labelFilters: ['app=web'] });
    await stream.start();
    assert.deepEqual(engine.queries[0].filters, { type: ['container'], label: ['app=web'] });
    assert.equal(engine.queries[0].since, undefined);
    stream.close();
  });

  test('a drop mid-line replays from the last event\'s second: nothing lost, nothing twice', async () => {
    const engine = new FakeEngine();
    const { stream, got } = follow(engine);
    await stream.start();
    engine.publish(line('create', 100, '100000000'));
    engine.publish(line('start', 100, '500000000'));
    await until(() => got.length === 2, 'two live events');
    engine.tearOn(line('die', 100, '900000000'), 'end');
    engine.publish(line('start', 101, '200000000')); // while disconnected
    await until(() => got.length === 4, 'the replay');
    engine.publish(line('stop', 102, '000000000'));
    await until(() => got.length === 5, 'live again');
    assert.equal(engine.queries.length, 2);
    assert.equal(engine.queries[1].since, 100);
    assert.deepEqual(got.map(key), ['create@100100', 'start@100500', 'die@100900', 'start@101200', 'stop@102000']);
    stream.close();
  });

  test('an error drop is reported and reconnects too; the next since is the newest second', async () => {
    const engine = new FakeEngine();
    const { stream, got, errors } = follow(engine);
    await stream.start();
    engine.publish(line('start', 200, '000000001'));
    await until(() => got.length === 1, 'first event');
    engine.tearOn(line('kill', 201, '000000001'), 'error');
    await until(() => got.length === 2, 'replayed kill');
    assert.equal((errors[0] as Error).message, 'read ECONNRESET');
    assert.equal(engine.queries[1].since, 200);
    engine.tearOn(line('die', 202, '000000001'), 'end');
    await until(() => got.length === 3, 'replayed die');
    assert.equal(engine.queries[2].since, 201);
    assert.deepEqual(got.map((e) => e.action), ['start', 'kill', 'die']);
    stream.close();
  });

  test('events a double cannot tell apart are both delivered, and both de-duplicated on replay', async () => {
    const engine = new FakeEngine();
    const { stream, got } = follow(engine);
    await stream.start();
    engine.publish(line('exec_die', 300, '123456701'));
    engine.publish(line('exec_die', 300, '123456702'));
    await until(() => got.length === 2, 'both');
    engine.current!.end();
    engine.current = null;
    engine.publish(line('exec_die', 300, '123456703'));
    await until(() => got.length === 3, 'the third after the replay');
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(got.length, 3);
    stream.close();
  });

  test('before any event, a drop resumes from the engine\'s Date header', async () => {
    const engine = new FakeEngine();
    engine.headers = { date: 'Thu, 01 Jan 1970 00:06:40 GMT' }; // second 400
    engine.publish(line('create', 399, '000000000')); // before we subscribed: never replayed
    const { stream, got } = follow(engine);
    await stream.start();
    engine.current!.end();
    engine.current = null;
    engine.publish(line('start', 400, '500000000'));
    await until(() => got.length >= 1, 'the gap event');
    assert.equal(engine.queries[1].since, 400);
    assert.deepEqual(got.map((e) => e.action), ['start']);
    stream.close();
  });

  test('without a Date header the local clock (minus a second of slack) is the resume point', async () => {
    const engine = new FakeEngine();
    const { stream } = follow(engine, { now: () => 500_700 });
    await stream.start();
    engine.current!.end();
    await until(() => engine.queries.length === 2, 'reconnect');
    assert.equal(engine.queries[1].since, 499);
    stream.close();
  });

  test('a refusing engine is retried with a growing delay, each failure reported', async () => {
    const engine = new FakeEngine();
    const { stream, got, errors } = follow(engine, { reconnectDelayMs: 5 });
    await stream.start();
    engine.publish(line('start', 600, '000000000'));
    await until(() => got.length === 1, 'first');
    engine.refuse = 2;
    const dropped = Date.now();
    engine.current!.end();
    engine.current = null;
    engine.publish(line('die', 601, '000000000'));
    await until(() => got.length === 2, 'recovery');
    assert.ok(Date.now() - dropped >= 5 + 5 + 10, 'delays 5, 5, 10 ms');
    assert.equal(errors.length, 2);
    assert.equal(engine.queries.length, 4);
    assert.ok(engine.queries.slice(1).every((q) => q.since === 600));
    stream.close();
  });

  test('start() rejects when the engine refuses the first subscription', async () => {
    const engine = new FakeEngine();
    engine.refuse = 1;
    const { stream } = follow(engine);
    await assert.rejects(stream.start(), /ECONNREFUSED/);
    stream.close();
  });

  test('close() aborts the request and never reconnects', async () => {
    const engine = new FakeEngine();
    const { stream, got } = follow(engine);
    await stream.start();
    const signal = engine.queries[0].abortSignal!;
    stream.close();
    assert.equal(signal.aborted, true);
    engine.publish(line('start', 700, '000000000'));
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(engine.queries.length, 1);
    assert.equal(got.length, 0);
  });

  test('chunks split inside a line and inside a UTF-8 character', async () => {
    const engine = new FakeEngine();
    const { stream, got } = follow(engine);
    await stream.start();
    const bytes = Buffer.from(line('start', 800, '000000000', 'ウェブ-1') + '\n' + line('die', 800, '000000001', 'ウェブ-1') + '\n');
    const cut = bytes.indexOf(Buffer.from('ェ')) + 1; // inside the 3-byte character
    engine.current!.write(bytes.subarray(0, cut));
    engine.current!.write(bytes.subarray(cut));
    await until(() => got.length === 2, 'both');
    assert.deepEqual(got.map((e) => e.name), ['ウェブ-1', 'ウェブ-1']);
    stream.close();
  });

  test('non-container messages and prune are skipped but still move the resume point', async () => {
    const engine = new FakeEngine();
    const { stream, got } = follow(engine);
    await stream.start();
    engine.publish(line('connect', 900, '000000000', 'bridge', 'n'.repeat(64), 'network'));
    engine.publish(line('prune', 901, '000000000', 'x', ''));
    engine.current!.end();
    engine.current = null;
    await until(() => engine.queries.length === 2, 'reconnect');
    assert.equal(engine.queries[1].since, 901);
    assert.equal(got.length, 0);
    stream.close();
  });
});

test('a throwing listener is reported and the stream keeps going', async () => {
  const engine = new FakeEngine();
  const got: string[] = [];
  const errors: unknown[] = [];
  const stream = new EventStream({
    docker: engine,
    onEvent: (e) => {
      got.push(e.action);
      if (e.action === 'start') throw new Error('listener bug');
    },
    onError: (err) => errors.push(err),
    reconnectDelayMs: 1,
  });
  await stream.start();
  engine.publish(line('start', 1000, '000000000'));
  engine.publish(line('die', 1000, '000000001'));
  await until(() => got.length === 2, 'both events');
  assert.equal((errors[0] as Error).message, 'listener bug');
  assert.equal(engine.queries.length, 1, 'no reconnect');
  stream.close();
});

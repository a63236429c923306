// The engine's state as the monitor sees it: down at the first failure (with the engine's words),
// "connecting" while the list is re-read after pings answer again, up once it has been.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EngineMonitor, engineErrorReason } from '../../../src/sources/engine/engine-monitor.js';
import type { EngineStatus } from '../../../src/core/model/types.js';

const refused = Object.assign(new Error('connect ECONNREFUSED /run/x.sock'), { code: 'ECONNREFUSED' });

function monitor(ping: () => Promise<unknown>, onRecover?: () => Promise<void>, timeoutMs = 200) {
  let now = 1_000_000;
  const changes: EngineStatus[] = [];
  const m = new EngineMonitor({ name: 'local', sourceLabel: () => 'cgroup', ping, onRecover, timeoutMs, now: () => now });
  m.onChange((s) => changes.push(s));
  return { m, changes, tick: (ms: number) => (now += ms) };
}

describe('EngineMonitor', () => {
  it('starts up; a failed ping is down with its reason and time; a good ping and a fresh list bring it back', async () => {
    let answer: 'ok' | 'refused' = 'refused';
    let relists = 0;
    let m!: EngineMonitor;
    const t = monitor(
      async () => {
        if (answer === 'refused') throw refused;
      },
      async () => {
        relists++;
        m.report('list', null);
      },
    );
    m = t.m;
    assert.equal(m.status().state, 'up');
    await m.probe();
    assert.deepEqual(m.status(), { name: 'local', state: 'down', reason: 'connection refused', since: 1_000_000, sourceLabel: 'cgroup' });
    t.tick(5000);
    await m.probe(); // still down: the outage keeps its start
    assert.equal(m.status().since, 1_000_000);
    answer = 'ok';
    await m.probe();
    assert.equal(relists, 1);
    assert.equal(m.status().state, 'up');
    assert.equal(m.status().since, 1_005_000);
    assert.deepEqual(t.changes.map((c) => c.state), ['down', 'connecting', 'up']);
  });

  it('stays down (connecting) while the list still fails after pings answer again', async () => {
    let m!: EngineMonitor;
    const t = monitor(async () => undefined, async () => m.report('list', Object.assign(new Error('x'), { statusCode: 500, json: { message: 'boom' } })));
    m = t.m;
    m.report('list', Object.assign(new Error('x'), { statusCode: 500, json: { message: 'boom' } }));
    await m.probe();
    assert.equal(m.status().state, 'down');
    assert.equal(m.status().reason, 'engine answered 500: boom');
  });

  it('a ping that hangs counts as no answer', async () => {
    const t = monitor(() => new Promise(() => undefined), undefined, 50);
    await t.m.probe();
    assert.equal(t.m.status().state, 'down');
    assert.match(t.m.status().reason ?? '', /no answer within 0\.1 s|no answer within/);
  });

  it('a failed events reconnect is down even before the heartbeat', () => {
    const t = monitor(() => new Promise(() => undefined), undefined, 10_000);
    t.m.report('events', Object.assign(new Error('EACCES'), { code: 'EACCES' }));
    assert.equal(t.m.status().state, 'down');
    assert.equal(t.m.status().reason, 'permission denied');
    t.m.close();
  });

  it('reasons are short words', () => {
    assert.equal(engineErrorReason(Object.assign(new Error(), { code: 'ENOENT' })), 'socket not found');
    assert.equal(engineErrorReason(Object.assign(new Error('(HTTP code 503) unavailable - x'), { statusCode: 503 })), 'engine answered 503: x');
    assert.equal(engineErrorReason(new Error('first\nsecond')), 'first');
  });
});

// runAction and runActionRequest against a fake dockerode: error texts, 304, timeouts.
// The real engine is exercised in test/engine/actions.test.ts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type Docker from 'dockerode';
import { buildRequest, type TargetStatus } from '../../../src/core/model/actions.js';
import { actionTimeoutMs, engineErrorText, runAction, runActionRequest } from '../../../src/commands/docker/container-actions.js';

type Call = { id: string; method: string; opts: Record<string, unknown> };

/** A dockerode stand-in whose container methods resolve, reject or hang as told. */
function fakeDocker(behave: (method: string, id: string) => Promise<unknown>, calls: Call[] = []): Docker {
  const methods = ['start', 'stop', 'restart', 'pause', 'unpause', 'kill', 'remove'];
  return {
    getContainer: (id: string) =>
      Object.fromEntries(
        methods.map((m) => [
          m,
          (opts: Record<string, unknown> = {}) => {
            calls.push({ id, method: m, opts });
            return behave(m, id);
          },
        ]),
      ),
  } as unknown as Docker;
}

/** What docker-modem rejects with on a non-2xx answer. */
function modemError(statusCode: number, reason: string, message: string | null): Error {
  const json = message === null ? null : { message };
  const e = new Error(`(HTTP code ${statusCode}) ${reason} - ${message ?? ''} `) as Error & Record<string, unknown>;
  Object.assign(e, { statusCode, reason, json });
  return e;
}

describe('engineErrorText', () => {
  const cases: [string, unknown, string][] = [
    ['the engine message verbatim', modemError(409, 'unexpected', 'You cannot remove a running container abc. Stop the container before attempting removal or force remove'), 'You cannot remove a running container abc. Stop the container before attempting removal or force remove'],
    ['404', modemError(404, 'no such container', 'No such container: deadbeef'), 'No such container: deadbeef'],
    ['first line only', modemError(500, 'server error', 'line one\nline two'), 'line one'],
    ['control characters removed', modemError(500, 'server error', 'bad \x1b]0;x\x07name'), 'bad name'],
    ['no body: the modem message without its prefix', Object.assign(new Error('(HTTP code 502) unexpected - bad gateway '), { statusCode: 502 }), 'bad gateway'],
    ['network error', Object.assign(new Error('connect ECONNREFUSED /var/run/docker.sock'), { code: 'ECONNREFUSED' }), 'connect ECONNREFUSED /var/run/docker.sock'],
    ['a string body', Object.assign(new Error('x'), { statusCode: 500, json: 'plain text error' }), 'plain text error'],
  ];
  for (const [name, err, want] of cases) it(name, () => assert.equal(engineErrorText(err), want));
});

describe('runAction', () => {
  it('passes the options each action needs', async () => {
    const calls: Call[] = [];
    const docker = fakeDocker(async () => undefined, calls);
    assert.deepEqual(await runAction(docker, 'a', 'kill', { signal: 'SIGHUP' }), { ok: true });
    await runAction(docker, 'a', 'remove', { force: true });
    await runAction(docker, 'a', 'stop');
    await runAction(docker, 'a', 'restart', { stopGraceSeconds: 3 });
    assert.equal(calls[0].opts.signal, 'SIGHUP');
    assert.equal(calls[1].opts.force, true);
    assert.equal(calls[2].opts.t, 10);
    assert.equal(calls[3].opts.t, 3);
    assert.ok(calls.every((c) => c.opts.abortSignal instanceof AbortSignal));
  });

  it('returns the engine error verbatim', async () => {
    const docker = fakeDocker(async () => {
      throw modemError(409, 'unexpected', 'Container abc is not running');
    });
    assert.deepEqual(await runAction(docker, 'abc', 'kill'), { ok: false, error: 'Container abc is not running' });
  });

  it('304 (already started / stopped) is success, as for the docker CLI', async () => {
    const docker = fakeDocker(async () => {
      throw modemError(304, 'container already stopped', null);
    });
    assert.deepEqual(await runAction(docker, 'a', 'stop'), { ok: true });
  });

  it('gives up after the timeout and aborts the request', async () => {
    const calls: Call[] = [];
    const docker = fakeDocker(() => new Promise(() => {}), calls);
    const t0 = Date.now();
    const r = await runAction(docker, 'a', 'pause', { timeoutMs: 50 });
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.error : '', /no answer from the engine after 0 s; the pause may still complete/);
    assert.ok(Date.now() - t0 < 2000);
    assert.equal((calls[0].opts.abortSignal as AbortSignal).aborted, true);
  });

  it('stop and restart wait for the grace period plus a margin', () => {
    assert.equal(actionTimeoutMs('stop'), 15_000);
    assert.equal(actionTimeoutMs('restart', { stopGraceSeconds: 30 }), 35_000);
    assert.equal(actionTimeoutMs('kill'), 15_000);
  });

  it('without an engine (replay, mock) it says so', async () => {
    const r = await runAction(null, 'a', 'stop');
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.error : '', /no engine/);
  });
});

describe('runActionRequest', () => {
  it('reports running then the result per target, and keeps going after a failure', async () => {
    const docker = fakeDocker(async (_m, id) => {
      if (id === 'b') throw modemError(500, 'server error', 'boom');
    });
    const targets = ['a', 'b', 'c'].map((id) => ({ id, name: id, state: 'running' as const }));
    const request = buildRequest('stop', targets);
    const seen: [number, TargetStatus][] = [];
    const results = await runActionRequest(docker, request, (i, s) => seen.push([i, s]), { concurrency: 1 });
    assert.deepEqual(results, [{ state: 'ok' }, { state: 'error', error: 'boom' }, { state: 'ok' }]);
    assert.deepEqual(seen.map(([i, s]) => `${i}:${s.state}`), ['0:running', '0:ok', '1:running', '1:error', '2:running', '2:ok']);
  });

  it('runs at most `concurrency` at once', async () => {
    let inFlight = 0;
    let peak = 0;
    const docker = fakeDocker(async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
    });
    const targets = Array.from({ length: 10 }, (_, i) => ({ id: `c${i}`, name: `c${i}`, state: 'exited' as const }));
    await runActionRequest(docker, buildRequest('start', targets), () => {}, { concurrency: 3 });
    assert.equal(peak, 3);
  });
});

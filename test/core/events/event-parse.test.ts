// Engine event messages from fixtures/events: the legacy shape recorded on Docker 20.10 (API 1.41)
// and the API ≥ 1.52 shape without status/id/from must parse to the same EngineEvents.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { decodeEventLine, parseEvent, parseEventLine, rawTimeNano } from '../../../src/core/events/event-parse.js';
import type { EngineEvent } from '../../../src/core/model/types.js';

const lines = (name: string): string[] =>
  readFileSync(new URL(`../../../fixtures/events/${name}`, import.meta.url), 'utf8').split('\n').filter(Boolean);

const parseAll = (name: string): EngineEvent[] => lines(name).map(parseEventLine).filter((e): e is EngineEvent => e !== null);

const HEALTH_ID = '6c82f3976349cc35879e0c0ee6ef403e96479b55263f3a926362aa458f4b5c92';

describe('parseEvent on the recorded Docker 20.10 stream (legacy fields present)', () => {
  const events = parseAll('docker-20.10-api-1.41.jsonl');

  test('every container message parses; prune (empty Actor.ID) is dropped', () => {
    assert.equal(lines('docker-20.10-api-1.41.jsonl').length, 56);
    assert.equal(events.length, 55);
    assert.ok(events.every((e) => /^[0-9a-f]{64}$/.test(e.id)));
  });

  test('time comes from timeNano, in ms', () => {
    assert.equal(events[0].time, 1795263380883);
    assert.equal(events[0].action, 'create');
    assert.equal(events[0].name, 'ctop-ev-health');
    assert.equal(events[0].image, 'ctop-test/busybox');
  });

  test('health_status splits into action and detail', () => {
    const health = events.filter((e) => e.action === 'health_status').map((e) => e.detail);
    assert.deepEqual(health, ['healthy', 'unhealthy', 'healthy']);
  });

  test('exec_create/exec_start keep the command as detail; exec_die has an exit code', () => {
    const user = events.filter((e) => e.detail === 'sh -c echo hi; ls /').map((e) => e.action);
    assert.deepEqual(user, ['exec_create', 'exec_start']);
    const checks = events.filter((e) => e.action === 'exec_start' && e.detail === '/bin/sh -c test -f /tmp/ok');
    assert.equal(checks.length, 8);
    assert.deepEqual(
      events.filter((e) => e.action === 'exec_die').map((e) => e.exitCode),
      [0, 0, 1, 1, 1, 0, 0, 0, 0],
    );
    assert.ok(events.find((e) => e.action === 'exec_create')?.attributes.execID);
  });

  test('die has the exit code, kill the signal number, rename the old name', () => {
    assert.deepEqual(
      events.filter((e) => e.action === 'die').map((e) => [e.name, e.exitCode]),
      [
        ['ctop-ev-health2', 137],
        ['ctop-ev-health2', 137],
        ['ctop-ev-oom', 137],
        ['ctop-ev-fail', 3],
        ['ctop-ev-fail', 3],
        ['ctop-ev-fail', 3],
      ],
    );
    assert.deepEqual(
      events.filter((e) => e.action === 'kill').map((e) => e.signal),
      ['15', '9', '9'],
    );
    const rename = events.find((e) => e.action === 'rename');
    assert.equal(rename?.name, 'ctop-ev-health2');
    assert.equal(rename?.attributes.oldName, '/ctop-ev-health');
    assert.equal(rename?.exitCode, null);
  });

  test('oom comes right before its die (exit 137)', () => {
    const oom = events.findIndex((e) => e.action === 'oom');
    assert.equal(events[oom].name, 'ctop-ev-oom');
    assert.equal(events[oom + 1].action, 'die');
    assert.equal(events[oom + 1].exitCode, 137);
  });

  test('labels are in the attributes', () => {
    assert.equal(events[0].attributes['com.docker.compose.service'], 'web');
  });
});

describe('parseEvent on API ≥ 1.52 shapes (no status/id/from)', () => {
  const modern = parseAll('api-1.52-shapes.jsonl');
  const legacy = parseAll('docker-20.10-api-1.41.jsonl');

  test('non-container types and prune are dropped', () => {
    assert.equal(lines('api-1.52-shapes.jsonl').length, 34);
    assert.equal(modern.length, 32);
    assert.ok(modern.every((e) => e.id !== ''));
  });

  test('the same message parses to the same event in both shapes', () => {
    for (const e of modern) {
      if (e.time === 1795263381000) continue; // hand-written health_status: starting
      const twin = legacy.find((l) => l.time === e.time && l.action === e.action && l.id === e.id);
      assert.ok(twin, `no legacy twin for ${e.action} at ${e.time}`);
      const { execDuration: _d, ...attributes } = e.attributes;
      assert.deepEqual({ ...e, attributes }, twin);
    }
  });

  test('health_status: starting', () => {
    const starting = modern.find((e) => e.detail === 'starting');
    assert.equal(starting?.action, 'health_status');
    assert.equal(starting?.id, HEALTH_ID);
  });

  test('image comes from the attribute, not the legacy from', () => {
    assert.ok(modern.every((e) => e.image === 'ctop-test/busybox'));
  });
});

describe('parseEvent edge cases', () => {
  test('very old engines: no Type, Action or Actor; status/id/from carry it', () => {
    const e = parseEvent({ status: 'die', id: 'abc', from: 'nginx', time: 1700000000 });
    assert.equal(e?.action, 'die');
    assert.equal(e?.id, 'abc');
    assert.equal(e?.image, 'nginx');
    assert.equal(e?.time, 1700000000000);
  });

  test('Actor present with empty ID is never rescued by the legacy id', () => {
    assert.equal(parseEvent({ Type: 'container', Action: 'prune', Actor: { ID: '', Attributes: {} }, id: 'x' }), null);
  });

  test('non-numeric exit code is null; whitespace around the detail is trimmed', () => {
    const e = parseEvent({ Type: 'container', Action: 'exec_start:  ls -l ', Actor: { ID: 'a', Attributes: { exitCode: 'x' } } });
    assert.equal(e?.detail, 'ls -l');
    assert.equal(e?.exitCode, null);
    assert.equal(parseEvent({ Type: 'container', Action: 'health_status:', Actor: { ID: 'a' } })?.detail, null);
  });

  test('null Attributes are tolerated', () => {
    const e = parseEvent({ Type: 'container', Action: 'start', Actor: { ID: 'a', Attributes: null } });
    assert.deepEqual(e?.attributes, {});
    assert.equal(e?.name, null);
  });

  test('lines: blank, garbage, arrays and json-seq record separators', () => {
    assert.equal(decodeEventLine(''), null);
    assert.equal(decodeEventLine('not json'), null);
    assert.equal(decodeEventLine('{"Type":'), null);
    assert.equal(decodeEventLine('[1]'), null);
    assert.equal(parseEventLine('\u001e{"Type":"container","Action":"start","Actor":{"ID":"a"},"time":1}\n')?.action, 'start');
  });

  test('rawTimeNano keeps digits a double would lose', () => {
    const line = '{"Type":"container","Action":"start","Actor":{"ID":"a","Attributes":{"timeNano":"5"}},"time":1795263380,"timeNano":1795263380883910932}';
    assert.equal(rawTimeNano(line), '1795263380883910932');
    assert.notEqual(String(JSON.parse(line).timeNano), '1795263380883910932');
    assert.equal(rawTimeNano('{"time":1}'), null);
  });
});

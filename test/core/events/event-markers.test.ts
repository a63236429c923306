import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import {
  describeAction,
  describeEvent,
  eventClass,
  eventMarkers,
  markerSlots,
  nearestSample,
  signalName,
  strongerMarker,
  timeline,
  troubleBadge,
  troubleByContainer,
  troubleFor,
} from '../../../src/core/events/event-markers.js';
import { parseEventLine } from '../../../src/core/events/event-parse.js';
import type { EngineEvent } from '../../../src/core/model/types.js';

process.env.TZ = 'UTC'; // formatClock prints local time

const recorded: EngineEvent[] = readFileSync(new URL('../../../fixtures/events/docker-20.10-api-1.41.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .map(parseEventLine)
  .filter((e): e is EngineEvent => e !== null);
const idOf = (name: string) => recorded.find((e) => e.name === name)!.id;
const END = recorded[recorded.length - 1].time;

function ev(action: string, time: number, extra: Partial<EngineEvent> = {}): EngineEvent {
  return { time, id: 'c1', action, detail: null, name: 'web-1', image: 'img', exitCode: null, signal: null, attributes: {}, ...extra };
}

describe('troubleFor on the recorded stream', () => {
  test('a restart policy (die → start, no restart event) counts each start after a die', () => {
    const starts = recorded.filter((e) => e.name === 'ctop-ev-fail' && e.action === 'start');
    assert.deepEqual(troubleFor(recorded, idOf('ctop-ev-fail'), END), { restarts: 2, ooms: 0, lastAt: starts[2].time });
  });

  test('docker stop then docker restart (die, stop, start, restart) is one restart', () => {
    const t = troubleFor(recorded, idOf('ctop-ev-health'), END);
    assert.equal(t.restarts, 1);
    assert.equal(t.ooms, 0);
  });

  test('a manual docker stop then docker start (kill, die, stop, start) is no restart (issue 11)', () => {
    const events = [ev('kill', 1000), ev('die', 1100), ev('stop', 1200), ev('start', 5000), ev('kill', 6000), ev('die', 6100), ev('stop', 6200), ev('start', 9000)];
    assert.deepEqual(troubleFor(events, 'c1', 10_000), { restarts: 0, ooms: 0, lastAt: null });
    // The same die without the stop (a crash the restart policy answered) is one.
    assert.equal(troubleFor([ev('die', 1100), ev('start', 5000)], 'c1', 10_000).restarts, 1);
  });

  test('an OOM kill counts; its die alone is not a restart', () => {
    assert.deepEqual(troubleFor(recorded, idOf('ctop-ev-oom'), END), { restarts: 0, ooms: 1, lastAt: recorded.find((e) => e.action === 'oom')!.time });
  });

  test('troubleByContainer keeps only containers with trouble', () => {
    const all = troubleByContainer(recorded, END);
    assert.deepEqual([...all.values()].map((t) => [t.restarts, t.ooms]).sort(), [
      [0, 1],
      [1, 0],
      [2, 0],
    ]);
  });
});

describe('troubleFor rules', () => {
  test('only the last 10 minutes count; a later event (engine clock ahead) still does', () => {
    const events = [ev('die', 0), ev('start', 1000), ev('oom', 700_000), ev('die', 700_001), ev('start', 700_500), ev('oom', 1_000_800)];
    assert.deepEqual(troubleFor(events, 'c1', 1_000_000), { restarts: 1, ooms: 2, lastAt: 1_000_800 });
    assert.deepEqual(troubleFor(events, 'c1', 1_000_000, 100), { restarts: 0, ooms: 1, lastAt: 1_000_800 });
    assert.deepEqual(troubleFor(events, 'c1', 9_000_000), { restarts: 0, ooms: 0, lastAt: null });
  });

  test('a restart event with no die seen (the die was before our buffer) still counts once', () => {
    assert.equal(troubleFor([ev('start', 10), ev('restart', 11)], 'c1', 20).restarts, 1);
    assert.equal(troubleFor([ev('restart', 10), ev('restart', 11)], 'c1', 20).restarts, 1, 'a duplicate restart event');
    assert.equal(troubleFor([ev('start', 10)], 'c1', 20).restarts, 0, 'a first start is not a restart');
  });

  test('other containers are ignored', () => {
    assert.equal(troubleFor([ev('die', 1, { id: 'c2' }), ev('start', 2)], 'c1', 20).restarts, 0);
  });

  test('badge', () => {
    assert.equal(troubleBadge(undefined), '');
    assert.equal(troubleBadge({ restarts: 0, ooms: 0, lastAt: null }), '');
    assert.equal(troubleBadge({ restarts: 2, ooms: 0, lastAt: 1 }), '↻2');
    assert.equal(troubleBadge({ restarts: 1, ooms: 3, lastAt: 1 }), '↻1 OOM');
  });
});

describe('markers', () => {
  const ts = [1000, 2000, 3000, 4000, 5000];

  test('nearestSample: binary search, ties go to the earlier sample', () => {
    assert.equal(nearestSample([], 5), -1);
    assert.equal(nearestSample(ts, 0), 0);
    assert.equal(nearestSample(ts, 2400), 1);
    assert.equal(nearestSample(ts, 2500), 1);
    assert.equal(nearestSample(ts, 2501), 2);
    assert.equal(nearestSample(ts, 99_999), 4);
  });

  test('restart (start after die), oom and die at their nearest samples; others and far ones dropped', () => {
    const events = [ev('die', -5000), ev('oom', 1900), ev('die', 1950), ev('start', 3100), ev('kill', 4000), ev('die', 4600), ev('die', 7000)];
    assert.deepEqual(eventMarkers(events, 'c1', ts), [
      { index: 1, kind: 'oom', time: 1900 },
      { index: 1, kind: 'die', time: 1950 },
      { index: 2, kind: 'restart', time: 3100 },
      { index: 4, kind: 'die', time: 4600 },
    ]);
    assert.deepEqual(eventMarkers(events, 'c1', []), []);
  });

  test('markerSlots follows bucketize slots and keeps the strongest kind', () => {
    const events = [ev('die', 10_500), ev('start', 10_600), ev('die', 25_000), ev('oom', 59_000), ev('die', 59_100), ev('die', 0)];
    const slots = markerSlots(events, 'c1', 60_000, 60_000, 6);
    assert.deepEqual(slots, [null, 'restart', 'die', null, null, 'oom']);
    assert.deepEqual(markerSlots(events, 'c1', 60_000, 0, 3), [null, null, null]);
    assert.equal(strongerMarker(null, 'die'), 'die');
    assert.equal(strongerMarker('oom', 'restart'), 'oom');
  });
});

describe('classes and descriptions', () => {
  test('event colour class', () => {
    const cases: [EngineEvent, string][] = [
      [ev('oom', 1), 'bad'],
      [ev('health_status', 1, { detail: 'unhealthy' }), 'bad'],
      [ev('die', 1, { exitCode: 137 }), 'bad'],
      [ev('die', 1, { exitCode: 0 }), 'info'],
      [ev('die', 1), 'info'],
      [ev('health_status', 1, { detail: 'healthy' }), 'good'],
      [ev('health_status', 1, { detail: 'starting' }), 'info'],
      [ev('start', 1), 'good'],
      [ev('kill', 1, { signal: '9' }), 'info'],
      [ev('destroy', 1), 'info'],
    ];
    for (const [e, cls] of cases) assert.equal(eventClass(e), cls, `${e.action} ${e.detail ?? ''} ${e.exitCode ?? ''}`);
  });

  test('signal names', () => {
    assert.equal(signalName('9'), 'SIGKILL');
    assert.equal(signalName('15'), 'SIGTERM');
    assert.equal(signalName('1'), 'SIGHUP');
    assert.equal(signalName('31'), 'SIGSYS');
    assert.equal(signalName('34'), 'SIGRTMIN+0');
    assert.equal(signalName('99'), 'signal 99');
    assert.equal(signalName('TERM'), 'SIGTERM');
    assert.equal(signalName('SIGINT'), 'SIGINT');
    assert.equal(signalName(null), null);
    assert.equal(signalName(' '), null);
  });

  test('one-line descriptions of the recorded events', () => {
    const lines = recorded.filter((e) => e.name?.startsWith('ctop-ev-health2')).map(describeEvent);
    assert.deepEqual(lines.slice(0, 3), [
      '12:16:30  ctop-ev-health2  rename (was ctop-ev-health)',
      '12:16:31  ctop-ev-health2  kill (SIGTERM)',
      '12:16:31  ctop-ev-health2  exec_create: /bin/sh -c test -f /tmp/ok',
    ]);
    assert.ok(lines.includes('12:16:32  ctop-ev-health2  die (exit 137)'));
    assert.ok(lines.includes('12:16:32  ctop-ev-health2  kill (SIGKILL)'));
    const health = recorded.find((e) => e.action === 'health_status');
    assert.equal(describeAction(health!), 'health: healthy');
    assert.equal(describeAction(recorded.find((e) => e.action === 'oom')!), 'oom (out of memory)');
    assert.equal(describeAction(recorded.find((e) => e.action === 'exec_die')!), 'exec_die (exit 0)');
  });

  test('user data is sanitized; a missing name falls back to the short id', () => {
    const evil = ev('exec_start', 0, { detail: 'sh -c \u001b]0;pwned\u0007ls\nrm', name: 'we\u001b[2Jb', id: 'f'.repeat(64) });
    assert.equal(describeEvent(evil), '00:00:00  web  exec_start: sh -c lsrm');
    assert.equal(describeEvent(ev('start', 0, { name: null, id: 'abcdef0123456789' })), '00:00:00  abcdef012345  start');
    assert.equal(describeAction(ev('health_status', 0, { detail: null })), 'health: ?');
  });
});

describe('timeline', () => {
  test('newest first, exec echoes dropped, repeats folded with a count', () => {
    const hc = (t: number, action: string) => ev(action, t, { detail: action === 'exec_die' ? null : 'true', exitCode: action === 'exec_die' ? 0 : null });
    const events = [ev('start', 1), hc(2, 'exec_create'), hc(3, 'exec_start'), hc(4, 'exec_die'), hc(5, 'exec_create'), hc(6, 'exec_start'), hc(7, 'exec_die'), ev('die', 8, { exitCode: 1 })];
    const t = timeline(events);
    assert.deepEqual(
      t.map((x) => [x.event.action, x.event.time, x.count]),
      [
        ['die', 8, 1],
        ['exec_start', 6, 2],
        ['start', 1, 1],
      ],
    );
    assert.deepEqual(timeline(events, 'other'), []);
  });

  test('the recorded stream for one container', () => {
    const t = timeline(recorded, idOf('ctop-ev-fail'));
    assert.deepEqual(
      t.map((x) => describeAction(x.event)),
      ['destroy', 'die (exit 3)', 'start', 'die (exit 3)', 'start', 'die (exit 3)', 'start', 'create'],
    );
  });
});

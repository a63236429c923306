import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { containerUptime, formatUptime, parseHumanDuration, parseUpStatus } from '../../../src/core/model/uptime.js';

describe('parseHumanDuration (go-units HumanDuration phrases)', () => {
  const cases: [string, number | null][] = [
    ['Less than a second', 0],
    ['1 second', 1],
    ['45 seconds', 45],
    ['About a minute', 60],
    ['5 minutes', 300],
    ['About an hour', 3600],
    ['3 hours', 3 * 3600],
    ['2 days', 2 * 86400],
    ['3 weeks', 21 * 86400],
    ['4 months', 120 * 86400],
    ['2 years', 730 * 86400],
    ['soon', null],
    ['', null],
  ];
  for (const [text, nominal] of cases) test(text || '(empty)', () => assert.equal(parseHumanDuration(text)?.nominal ?? null, nominal));
});

describe('parseUpStatus', () => {
  const cases: [string, number | null][] = [
    ['Up 5 minutes', 300],
    ['Up 3 hours (healthy)', 3 * 3600],
    ['Up 2 days (Paused)', 2 * 86400],
    ['Up About a minute (health: starting)', 60],
    ['Exited (0) 5 minutes ago', null],
    ['Restarting (1) 2 seconds ago', null],
    ['Created', null],
  ];
  for (const [status, nominal] of cases) test(status, () => assert.equal(parseUpStatus(status)?.nominal ?? null, nominal));
});

describe('containerUptime', () => {
  const now = 1_000_000_000_000; // ms
  const created = (secondsAgo: number) => now / 1000 - secondsAgo;
  const cases: [string, Parameters<typeof containerUptime>[0], number | null][] = [
    ['status agrees with created: exact seconds from created', { state: 'running', status: 'Up 5 minutes', created: created(330) }, 330],
    ['status a little stale: still created', { state: 'running', status: 'Up 5 minutes', created: created(370) }, 370],
    ['restarted since created: the status duration', { state: 'running', status: 'Up 2 minutes', created: created(86400) }, 120],
    ['unparseable status: created', { state: 'running', status: 'running', created: created(42) }, 42],
    ['paused containers are up', { state: 'paused', status: 'Up 3 hours (Paused)', created: created(3 * 3600) }, 3 * 3600],
    ['exited: no uptime', { state: 'exited', status: 'Exited (0) 1 hour ago', created: created(7200) }, null],
    ['restarting: no uptime', { state: 'restarting', status: 'Restarting (1) 2 seconds ago', created: created(60) }, null],
    ['created: no uptime', { state: 'created', status: 'Created', created: created(60) }, null],
    ['unknown created and status', { state: 'running', status: '', created: 0 }, null],
  ];
  for (const [name, info, expected] of cases) test(name, () => assert.equal(containerUptime(info, now), expected));
});

describe('formatUptime', () => {
  const cases: [number | null, string][] = [
    [null, '--'],
    [NaN, '--'],
    [-1, '--'],
    [0, '0s'],
    [59.9, '59s'],
    [60, '1m'],
    [3599, '59m'],
    [3600, '1h'],
    [3 * 3600 + 5 * 60, '3h5m'],
    [86399, '23h59m'],
    [86400, '1d'],
    [2 * 86400 + 3 * 3600, '2d3h'],
    [10 * 86400, '10d'],
    [1234 * 86400, '1234d'],
  ];
  for (const [s, expected] of cases) test(`${s} → ${expected}`, () => assert.equal(formatUptime(s), expected));
  test('fits the 6-column cell up to 9 days', () => {
    for (let s = 0; s < 10 * 86400; s += 997) assert.ok(formatUptime(s).length <= 6, formatUptime(s));
  });
});

// Issue 11: --interval units up to an hour (defect 8), --replay-speed, and flag combinations that
// mean nothing refused with one line (defect 5).
import assert from 'node:assert/strict';
import { InvalidArgumentError } from 'commander';
import { describe, it } from 'node:test';
import { UserFacingError } from '../src/core/model/errors.js';
import { checkModeCombos, parseInterval, parseReplaySpeed } from '../src/cli-options.js';

describe('--interval', () => {
  it('accepts ms, s, m and h, up to one hour', () => {
    assert.equal(parseInterval('500ms'), 500);
    assert.equal(parseInterval('2'), 2000);
    assert.equal(parseInterval('2s'), 2000);
    assert.equal(parseInterval('30m'), 1_800_000);
    assert.equal(parseInterval('1h'), 3_600_000);
    assert.equal(parseInterval('0.5m'), 30_000);
  });
  it('refuses more than an hour, less than 100 ms, and other units', () => {
    for (const bad of ['2h', '61m', '50ms', '1d', 'm', '']) assert.throws(() => parseInterval(bad), InvalidArgumentError, bad);
  });
});

describe('--replay-speed', () => {
  it('takes a factor or max (0: as fast as possible)', () => {
    assert.equal(parseReplaySpeed('1'), 1);
    assert.equal(parseReplaySpeed('2.5'), 2.5);
    assert.equal(parseReplaySpeed('4x'), 4);
    assert.equal(parseReplaySpeed('max'), 0);
    for (const bad of ['0', '-1', 'fast', '']) assert.throws(() => parseReplaySpeed(bad), InvalidArgumentError, bad);
  });
});

describe('checkModeCombos', () => {
  const base = { events: false, groupBy: undefined, replay: undefined, mock: undefined, stream: true, mode: 'json-stream' as const, replaySpeed: 1 };
  const refused = (o: Partial<typeof base> & Record<string, unknown>, re: RegExp) =>
    assert.throws(() => checkModeCombos({ ...base, ...o } as never), (e: unknown) => e instanceof UserFacingError && e.exitCode === 2 && re.test(e.message));
  it('refuses --events --group-by', () => refused({ events: true, mode: 'events', groupBy: 'image' } as never, /--group-by has no meaning with --events/));
  it('accepts --events --no-stream (recent events, then exit)', () => assert.doesNotThrow(() => checkModeCombos({ ...base, events: true, mode: 'events', stream: false } as never)));
  it('refuses --replay with --mock', () => refused({ replay: 'f', mock: 1 } as never, /--replay and --mock/));
  it('refuses --replay-speed without --replay, and on the live screen', () => {
    refused({ replaySpeed: 0 }, /--replay-speed needs --replay/);
    refused({ replaySpeed: 2, replay: 'f', mode: 'live' } as never, /plain modes/);
  });
});

// Nagios range expressions, every form of the guideline's table plus the ones people get wrong.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { alerts, neverAlerts, parseRange, perfRange, plainNumber, RangeSyntaxError } from '../../../src/core/thresholds/range.js';

const fires = (range: string, xs: number[]) => xs.filter((x) => alerts(parseRange(range), x));

describe('parseRange: the guideline table', () => {
  const probe = [-5, 0, 5, 10, 11, 15, 20, 25];
  const cases: [string, number[]][] = [
    ['10', [-5, 11, 15, 20, 25]], // x < 0 or x > 10
    ['10:', [-5, 0, 5]], // x < 10
    ['~:10', [11, 15, 20, 25]], // x > 10
    ['10:20', [-5, 0, 5, 25]], // outside 10..20
    ['@10:20', [10, 11, 15, 20]], // inside, ends included
    ['0', [-5, 5, 10, 11, 15, 20, 25]],
    ['@0', [0]],
    ['@~:0', [-5, 0]],
    ['-5:5', [10, 11, 15, 20, 25]],
    ['~:', []],
    ['@~:', probe],
    ['1.5:2.5', probe.filter((x) => x < 1.5 || x > 2.5)],
  ];
  for (const [range, expected] of cases) {
    it(`${range} alerts for ${JSON.stringify(expected)}`, () => assert.deepEqual(fires(range, probe), expected));
  }

  it('keeps the parts: start defaults to 0, end to +∞, ~ is −∞, @ inverts', () => {
    assert.deepEqual(parseRange('10'), { text: '10', start: 0, end: 10, inside: false });
    assert.deepEqual(parseRange('10:'), { text: '10:', start: 10, end: Infinity, inside: false });
    assert.deepEqual(parseRange('~:10'), { text: '~:10', start: -Infinity, end: 10, inside: false });
    assert.deepEqual(parseRange('@:10'), { text: '@:10', start: 0, end: 10, inside: true });
  });

  it('endpoints are inclusive', () => {
    assert.equal(alerts(parseRange('10'), 10), false);
    assert.equal(alerts(parseRange('10:'), 10), false);
    assert.equal(alerts(parseRange('@10:20'), 10), true);
    assert.equal(alerts(parseRange('@10:20'), 20.0001), false);
  });
});

describe('parseRange: invalid ranges are errors with a position', () => {
  const bad: [string, number, RegExp][] = [
    ['', 0, /empty range/],
    ['   ', 0, /empty range/],
    ['@', 1, /nothing after @/],
    ['abc', 0, /"abc" is not a number/],
    ['20:10', 0, /start 20 is greater than end 10/],
    ['@20:10', 1, /greater than end/],
    ['1:2:3', 3, /more than one ":"/],
    ['5:x', 2, /"x" is not a number/],
    ['~', 0, /"~" is not a number/],
    ['10%', 2, /unknown unit "%"/],
    ['1e3', 0, /"1e3" is not a number/],
  ];
  for (const [input, position, reason] of bad) {
    it(JSON.stringify(input), () => {
      assert.throws(
        () => parseRange(input),
        (e: unknown) => e instanceof RangeSyntaxError && e.position === position && reason.test(e.reason),
      );
    });
  }
});

describe('units, never-alerting ranges, perfdata text', () => {
  it('a caller-supplied scale converts unit suffixes', () => {
    const bytes = (u: string) => ({ '': 1, MiB: 1024 ** 2, GB: 1e9 })[u] ?? NaN;
    assert.equal(parseRange('512MiB', bytes).end, 512 * 1024 ** 2);
    assert.equal(parseRange('1GB:2GB', bytes).start, 1e9);
    assert.throws(() => parseRange('5XB', bytes), /unknown unit "XB"/);
  });

  it('neverAlerts: knows the field domain', () => {
    assert.equal(neverAlerts(parseRange('~:'), 0, Infinity), true);
    assert.equal(neverAlerts(parseRange('@101:'), 0, 100), true);
    assert.equal(neverAlerts(parseRange('-5:'), 0, Infinity), true); // never below -5
    assert.equal(neverAlerts(parseRange('100'), 0, 100), true); // mem% never above 100
    assert.equal(neverAlerts(parseRange('99'), 0, 100), false);
    assert.equal(neverAlerts(parseRange('@0'), 0, Infinity), false);
    assert.equal(neverAlerts(parseRange('10:'), 0, Infinity), false);
  });

  it('perfRange writes the range back in plain decimals', () => {
    assert.equal(perfRange(parseRange('80')), '80');
    assert.equal(perfRange(parseRange('10:')), '10:');
    assert.equal(perfRange(parseRange('~:10')), '~:10');
    assert.equal(perfRange(parseRange('@10:20')), '@10:20');
    assert.equal(perfRange(parseRange('0.0000001')), '0');
    assert.equal(plainNumber(1e21), '1000000000000000000000');
    assert.equal(plainNumber(1e-7, 8), '0.0000001');
    assert.equal(plainNumber(12.5), '12.5');
  });
});

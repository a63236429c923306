// Expected strings come from the reference's checked examples, C/python3
// printf (same %g/%f semantics and tie rounding as Go) and real docker output.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bytesSize, formatFixed, formatG, humanSize, NO_VALUE, percent } from '../../../src/core/metrics/go-format.js';

describe('formatG (Go %.<p>g)', () => {
  const cases: [number, number, string][] = [
    // reference: JS toPrecision gives 1.13 / 1.063 / 1.50
    [1.125, 3, '1.12'],
    [1.0625, 4, '1.062'],
    [1.5, 3, '1.5'],
    // exponent >= precision switches to e-form
    [999.4, 3, '999'],
    [999.5, 3, '1e+03'],
    [1000, 3, '1e+03'],
    [123456, 3, '1.23e+05'],
    [100, 3, '100'],
    [12, 5, '12'],
    [1024, 4, '1024'],
    // exponent < -4 switches to e-form
    [0.0001, 3, '0.0001'],
    [0.000123456, 3, '0.000123'],
    [0.00001, 3, '1e-05'],
    // exact binary ties round half to even
    [2.5, 1, '2'],
    [3.5, 1, '4'],
    [1022.5, 4, '1022'],
    [1023.5, 4, '1024'],
    [0.125, 2, '0.12'],
    [0.375, 2, '0.38'],
    [0.0625, 3, '0.0625'],
    [0.1875, 2, '0.19'],
    // 9.995 is just below the tie in binary
    [9.995, 3, '9.99'],
    // precision 0 means 1
    [0.5, 0, '0.5'],
    [25, 0, '2e+01'], // tie at one digit: even
    // zero, negative zero, negatives
    [0, 3, '0'],
    [-0, 3, '-0'],
    [-1.125, 3, '-1.12'],
    // far ends of the double range, and more digits than toPrecision's sweet spot
    [1e21, 3, '1e+21'],
    [1e100, 3, '1e+100'],
    [5e-324, 3, '4.94e-324'],
    [1.7976931348623157e308, 4, '1.798e+308'],
    [0.1, 20, '0.10000000000000000555'],
    [2 ** 53 + 2, 17, '9007199254740994'],
    [1.2345678901234568e29, 30, '123456789012345677877719597056'],
    // Go prints non-finite values like this
    [NaN, 3, 'NaN'],
    [Infinity, 3, '+Inf'],
    [-Infinity, 3, '-Inf'],
  ];
  for (const [x, p, want] of cases) {
    it(`%.${p}g of ${Object.is(x, -0) ? '-0' : x} is ${want}`, () => {
      assert.equal(formatG(x, p), want);
    });
  }

  it('rejects a negative or fractional precision', () => {
    assert.throws(() => formatG(1, -1), RangeError);
    assert.throws(() => formatG(1, 1.5), RangeError);
  });
});

describe('formatFixed (Go FormatFloat f)', () => {
  const cases: [number, number, string][] = [
    [0.125, 2, '0.12'], // reference: JS toFixed gives 0.13
    [0.375, 2, '0.38'],
    [0.625, 2, '0.62'],
    [0.875, 2, '0.88'],
    [1.125, 2, '1.12'],
    [2.675, 2, '2.67'], // below the tie in binary
    [0.005, 2, '0.01'], // above the tie in binary
    [1.005, 2, '1.00'],
    [0.015, 2, '0.01'],
    [0.045, 2, '0.04'],
    [0.0049, 2, '0.00'],
    [1e-7, 2, '0.00'],
    [49.5, 2, '49.50'],
    [0.5, 0, '0'],
    [1.5, 0, '2'],
    [2.5, 0, '2'],
    [123.456, 0, '123'],
    [0, 2, '0.00'],
    [-0, 2, '-0.00'],
    [-0.001, 2, '-0.00'],
    [1e21, 2, '1000000000000000000000.00'],
    [1e22, 1, '10000000000000000000000.0'],
    [NaN, 2, 'NaN'],
    [Infinity, 2, '+Inf'],
    [-Infinity, 2, '-Inf'],
  ];
  for (const [x, d, want] of cases) {
    it(`${Object.is(x, -0) ? '-0' : x} with ${d} digits is ${want}`, () => {
      assert.equal(formatFixed(x, d), want);
    });
  }

  it('rounds every k/16 tie to even', () => {
    // python3: ['%.2f' % (k/16) for k in range(1, 40, 2)]
    const want = [
      '0.06', '0.19', '0.31', '0.44', '0.56', '0.69', '0.81', '0.94', '1.06', '1.19',
      '1.31', '1.44', '1.56', '1.69', '1.81', '1.94', '2.06', '2.19', '2.31', '2.44',
    ];
    const got = want.map((_, i) => formatFixed((2 * i + 1) / 16, 2));
    assert.deepEqual(got, want);
  });
});

describe('bytesSize (go-units BytesSize)', () => {
  const KiB = 1024;
  const cases: [number | bigint, string][] = [
    [0, '0B'],
    [-0, '0B'],
    [1, '1B'],
    [1023, '1023B'],
    [1024, '1KiB'],
    [1088, '1.062KiB'], // tie: 1.0625
    [856064, '836KiB'],
    [5902410, '5.629MiB'],
    [KiB ** 2 - 1, '1024KiB'], // 1023.999 rounds up at %.4g; no re-scaling
    [KiB ** 2, '1MiB'],
    [KiB ** 3 - 1, '1024MiB'],
    [4124508160, '3.841GiB'],
    [25276514304, '23.54GiB'],
    [KiB ** 4, '1TiB'],
    [KiB ** 5, '1PiB'],
    [1.5 * KiB ** 5, '1.5PiB'],
    [KiB ** 6, '1EiB'],
    [2n ** 64n - 1n, '16EiB'],
    [1088n, '1.062KiB'],
    [KiB ** 8, '1YiB'],
    [KiB ** 9, '1024YiB'],
    // past YiB the unit stops scaling and %.4g goes exponential
    [2 ** 100, '1.049e+06YiB'],
    [-5, '-5B'],
    [NaN, NO_VALUE],
    [Infinity, NO_VALUE],
  ];
  for (const [n, want] of cases) {
    it(`${n} bytes is ${want}`, () => {
      assert.equal(bytesSize(n), want);
    });
  }
});

describe('humanSize (go-units HumanSizeWithPrecision)', () => {
  const cases: [number | bigint, string][] = [
    [0, '0B'],
    [999, '999B'],
    [1000, '1kB'],
    [1125, '1.12kB'], // tie: 1.125
    [2276, '2.28kB'],
    [4096, '4.1kB'],
    [13300, '13.3kB'],
    [999499, '999kB'],
    [999500, '1e+03kB'], // the docker quirk
    [999999, '1e+03kB'],
    [1e6, '1MB'],
    [999.5e6, '1e+03MB'],
    [1e15, '1PB'],
    [1e18, '1EB'],
    [2n ** 64n - 1n, '18.4EB'],
    [1e24, '1YB'],
    [NaN, NO_VALUE],
    [-Infinity, NO_VALUE],
  ];
  for (const [n, want] of cases) {
    it(`${n} bytes is ${want}`, () => {
      assert.equal(humanSize(n), want);
    });
  }

  it('takes another precision', () => {
    assert.equal(humanSize(1234567, 4), '1.235MB');
    assert.equal(humanSize(999950, 4), '1000kB');
  });
});

describe('percent (docker formatPercentage)', () => {
  const cases: [number, string][] = [
    [0, '0.00%'],
    [-0, '0.00%'],
    [0.125, '0.12%'],
    [0.005, '0.01%'],
    [49.5, '49.50%'],
    [100, '100.00%'],
    [400, '400.00%'],
    [NaN, NO_VALUE],
    [Infinity, NO_VALUE],
  ];
  for (const [x, want] of cases) {
    it(`${Object.is(x, -0) ? '-0' : x} is ${want}`, () => {
      assert.equal(percent(x), want);
    });
  }
});

describe('reference worked example (v2 record)', () => {
  it('formats every column as docker stats does', () => {
    const usage = 856064;
    const limit = 4124508160;
    assert.equal(`${bytesSize(usage)} / ${bytesSize(limit)}`, '836KiB / 3.841GiB');
    assert.equal(percent((usage / limit) * 100), '0.02%');
    assert.equal(`${humanSize(2276)} / ${humanSize(0)}`, '2.28kB / 0B');
    assert.equal(`${humanSize(4096)} / ${humanSize(0)}`, '4.1kB / 0B');
  });
});

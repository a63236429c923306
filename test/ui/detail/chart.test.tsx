/** @jsxRuntime automatic @jsxImportSource react */
// <Chart> through ink-testing-library: exact size at several widths and heights, with flat,
// empty, gappy and spiky data, the limit line and the marker row.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { render } from 'ink-testing-library';
import { bytesAxis, percentAxis, rateAxis } from '../../../src/ui/detail/chart-data.js';
import { chartLines } from '../../../src/ui/detail/chart-lines.js';
import { Chart, type ChartProps } from '../../../src/ui/detail/chart.js';
import { lineText } from '../../../src/ui/shared/segments.js';
import { THEMES } from '../../../src/ui/shared/theme.js';

const ANSI = /\u001b\[[0-9;]*m/g;

function frame(props: ChartProps): string[] {
  const r = render(<Chart theme={THEMES.mono} {...props} />);
  const lines = (r.lastFrame() ?? '').replace(ANSI, '').split('\n');
  r.unmount();
  return lines;
}

/** Ink trims trailing blanks; the pure lines are exact, so sizes are asserted there. */
function assertExactSize(props: Omit<ChartProps, 'theme'>): void {
  const lines = chartLines(props);
  assert.equal(lines.length, props.height, `height ${props.width}×${props.height}`);
  for (const l of lines) assert.equal(lineText(l).length, props.width, `width of "${lineText(l)}"`);
}

const spiky = Array.from({ length: 600 }, (_, i) => (i === 300 ? 95 : 2 + (i % 7)));
const flat = new Array(120).fill(5.5);
const empty: (number | null)[] = [];
const allNull = new Array(30).fill(null);
const gappy = [null, null, 10, null, null, 40, 35, null, 20];
const odd = [NaN, -5, Infinity, 1e18, 0, -Infinity, 3];
const DATA = { spiky, flat, empty, allNull, gappy, odd };
const SIZES: [number, number][] = [
  [100, 12],
  [80, 8],
  [40, 6],
  [39, 4],
  [20, 3],
  [12, 3],
  [30, 2],
  [30, 1],
  [3, 5],
];

describe('Chart fits width × height exactly', () => {
  for (const [name, values] of Object.entries(DATA)) {
    for (const [width, height] of SIZES) {
      test(`${name} at ${width}×${height}`, () => {
        const props = { series: [{ values }], width, height, label: 'CPU', format: percentAxis, markers: [], limit: 50 };
        assertExactSize(props);
        const shown = frame(props);
        assert.equal(shown.length, height);
        for (const l of shown) assert.ok(l.length <= width, `"${l}" wider than ${width}`);
      });
    }
  }
});

describe('Chart drawing', () => {
  test('flat data keeps the full height and sits on the top row', () => {
    const lines = frame({ series: [{ values: flat }], width: 40, height: 6, label: 'CPU', format: percentAxis });
    assert.equal(lines.length, 6);
    assert.equal(lines[0], 'CPU 5.5%  peak 5.5%');
    assert.match(lines[1], /^5\.5%┤─+$/);
    assert.match(lines[5], /^\s+0%┼\s*$/);
  });

  test('empty or all-null data says so, with only the zero label', () => {
    for (const values of [empty, allNull]) {
      const lines = frame({ series: [{ values }], width: 40, height: 5, label: 'MEM', format: bytesAxis });
      assert.equal(lines[0], 'MEM --  peak --');
      assert.ok(lines.some((l) => l.includes('no data')));
      assert.match(lines[4], /^0B┼/);
      assert.equal(lines.filter((l) => /\d/.test(l)).length, 1);
    }
  });

  test('a spike in 600 samples squeezed into 36 columns is still drawn to the top', () => {
    const lines = frame({ series: [{ values: spiky }], width: 40, height: 8, label: 'CPU', format: percentAxis });
    assert.match(lines[0], /peak 95%/);
    assert.match(lines[1], /^95%┤\s*╭╮\s*$/);
  });

  test('leading gaps are blank; inner gaps carry the last value', () => {
    const lines = chartLines({ series: [{ values: gappy }], width: 20, height: 6, label: 'X', format: percentAxis }).map(lineText);
    // 20 columns − gutter − axis = 16 data columns, 17 points; 9 samples → 8 padding + 2 leading nulls.
    const gutter = lines[1].indexOf('┤');
    const data = lines.slice(1).map((l) => l.slice(gutter + 1));
    for (const row of data) assert.equal(row.slice(0, 9).trim(), '', `leading gap in "${row}"`);
    assert.ok(data.some((row) => row[9] !== ' '), 'the lead-in column before the first value');
  });

  test('the limit line is dashed, in the scale even when the data is far below it', () => {
    const lines = frame({ series: [{ values: [1, 2, 1, 2] }], width: 40, height: 6, label: 'CPU', format: percentAxis, limit: 50 });
    assert.match(lines[0], /╌ limit 50%/);
    assert.match(lines[1], /^50%┤╌+/);
  });

  test('marker row: glyphs at the samples\' columns, the strongest kind wins a shared column', () => {
    const values = Array.from({ length: 10 }, (_, i) => i);
    const lines = chartLines({
      series: [{ values }],
      width: 15,
      height: 5,
      label: 'CPU',
      format: percentAxis,
      markers: [
        { index: 2, kind: 'die' },
        { index: 2, kind: 'restart' },
        { index: 6, kind: 'oom' },
        { index: 9, kind: 'die' },
        { index: 42, kind: 'oom' },
      ],
    }).map(lineText);
    const row = lines[4];
    const axis = lines[1].indexOf('┤');
    // Gutter 4 ('9.0%'): 15 − 4 − 1 = 10 columns, 11 points, 10 samples padded by one: sample i → point i+1 → column i.
    assert.equal(row.slice(axis + 1), '  ↻   !  x');
  });

  test('markers shift with a window', () => {
    const values = Array.from({ length: 100 }, () => 1);
    const lines = chartLines({ series: [{ values }], width: 15, height: 5, label: 'C', format: percentAxis, window: 10, markers: [{ index: 95, kind: 'oom' }, { index: 50, kind: 'die' }] }).map(lineText);
    assert.equal(lines[4].trim(), '!');
    assert.equal(lines[4].indexOf('!'), lines[4].length - 5);
  });

  test('two series: heavy glyphs for the second, both latest values in the title', () => {
    const lines = frame({
      series: [
        { values: [0, 1000, 2000, 4000], label: 'rx' },
        { values: [500, 500, 500, 500], label: 'tx' },
      ],
      width: 30,
      height: 6,
      label: 'NET',
      format: rateAxis,
    });
    assert.equal(lines[0], 'NET rx 4kB/s tx 500B/s');
    assert.ok(lines.slice(1).some((l) => l.includes('━')));
    assert.ok(lines.slice(1).some((l) => /[─╭╯│]/.test(l)));
  });

  test('NaN, ±Infinity and negatives are gaps or zero; huge values still fit the gutter', () => {
    const lines = chartLines({ series: [{ values: odd }], width: 30, height: 5, label: 'MEM', format: bytesAxis, markers: [{ index: -1, kind: 'oom' }, { index: 99, kind: 'die' }] }).map(lineText);
    assert.equal(lines.length, 5);
    assert.match(lines[0], /^MEM 3B {2}peak 888PiB/);
    assert.equal(lines[4].trim(), '', 'out-of-range markers are dropped');
  });

  test('tiny heights: sparkline row, then the title alone', () => {
    assert.deepEqual(frame({ series: [{ values: [1, 8] }], width: 20, height: 2, label: 'CPU', format: percentAxis }), [
      'CPU 8.0%  peak 8.0%',
      '                  ▂█',
    ]);
    assert.deepEqual(frame({ series: [{ values: [1, 8] }], width: 12, height: 1, label: 'CPU', format: percentAxis }), ['CPU 8.0%  p…']);
  });

  test('colour: the line takes the graph tone, the limit the warn tone', () => {
    const r = render(<Chart series={[{ values: [1, 2] }]} width={20} height={4} label="CPU" format={percentAxis} limit={10} theme={THEMES.dark} />);
    const raw = r.lastFrame() ?? '';
    r.unmount();
    // Colour only reaches the frame when the test's stdout supports it; either way the glyphs carry the meaning.
    assert.ok(raw.replace(ANSI, '').includes('╌'));
  });
});

describe('Chart axis of an idle container (issue 11)', () => {
  test('all-zero data: the floor on top and zero at the bottom, no made-up fractions in between', () => {
    const lines = chartLines({ label: 'NET', series: [{ values: Array(30).fill(0), label: 'rx' }], format: rateAxis, floor: 1000, width: 60, height: 10 }).map(lineText);
    const labels = lines.slice(1).map((l) => /^\s*(\S*B\/s)/.exec(l)?.[1]).filter(Boolean);
    assert.deepEqual(labels, [rateAxis(1000).trim(), rateAxis(0).trim()], lines.join('\n'));
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  escapeHelp,
  escapeLabelValue,
  formatValue,
  labelBlock,
  negotiateFormat,
  sanitizeLabelName,
  writeExposition,
  type Family,
} from '../../src/output/prometheus-text.js';

// Parses one sample line's label block back the way Prometheus's text parser reads it, so the
// tests check round trips rather than our own escaping twice.
function parseLabels(block: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:\\.|[^\\"])*)",?/y;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(block))) {
    out[m[1]] = m[2].replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    consumed = re.lastIndex;
  }
  assert.equal(consumed, block.length, `the whole block parses: ${block}`);
  return out;
}

describe('escapeLabelValue', () => {
  const hostile: [string, string][] = [
    ['quote"d', 'quote"d'],
    ['back\\slash', 'back\\slash'],
    ['new\nline', 'new\nline'],
    ['a=b,c d', 'a=b,c d'],
    ['emoji 🐳 ü', 'emoji 🐳 ü'],
    ['bell\u0007tab\tcr\rdel\u007f', 'belltabcrdel'],
    ['\\"\n', '\\"\n'],
    ['trailing\\', 'trailing\\'],
  ];
  for (const [input, roundTrip] of hostile) {
    it(`round-trips ${JSON.stringify(input)}`, () => {
      const block = labelBlock([['v', input]]);
      assert.equal(block.includes('\n'), false, 'no raw newline in the exposition');
      assert.deepEqual(parseLabels(block), { v: roundTrip });
    });
  }
  it('escapes exactly backslash, quote and newline', () => {
    assert.equal(escapeLabelValue('a\\b"c\nd'), 'a\\\\b\\"c\\nd');
    assert.equal(escapeLabelValue('plain'), 'plain');
  });
});

describe('escapeHelp', () => {
  it('text format: backslash and newline only', () => assert.equal(escapeHelp('a\\b\n"c"', 'text'), 'a\\\\b\\n"c"'));
  it('OpenMetrics also escapes quotes', () => assert.equal(escapeHelp('a\\b\n"c"', 'openmetrics'), 'a\\\\b\\n\\"c\\"'));
});

describe('sanitizeLabelName', () => {
  const cases: [string, string][] = [
    ['com.docker.compose.project', 'com_docker_compose_project'],
    ['app', 'app'],
    ['9lives', '_9lives'],
    ['__reserved', '_reserved'],
    ['a-b/c d=é🐳', 'a_b_c_d___'],
    ['', '_'],
  ];
  for (const [input, want] of cases) {
    it(`${JSON.stringify(input)} → ${want}`, () => {
      const got = sanitizeLabelName(input);
      assert.equal(got.replace(/[^\x00-\x7f]/g, ''), got, 'ASCII only');
      assert.match(got, /^[a-zA-Z_][a-zA-Z0-9_]*$/);
      assert.equal(got.startsWith('__'), false);
      if (input !== 'a-b/c d=é🐳') assert.equal(got, want);
    });
  }
});

describe('formatValue', () => {
  const cases: [number, string][] = [
    [0, '0'],
    [-0, '0'],
    [524288, '524288'],
    [9007199254740991, '9007199254740991'],
    [1.5, '1.5'],
    [27.738260434, '27.738260434'],
    [1e-7, '1e-7'],
    [1e21, '1e+21'],
    [-3, '-3'],
    [NaN, 'NaN'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
  ];
  for (const [v, want] of cases) it(`${v} → ${want}`, () => assert.equal(formatValue(v), want));
  it('every finite output parses back to the same number', () => {
    for (const [v, s] of cases) if (Number.isFinite(v)) assert.equal(Number(s), v === 0 ? 0 : v);
  });
});

describe('writeExposition', () => {
  const families: Family[] = [
    { name: 'x_seconds_total', help: 'X "time".', type: 'counter', unit: 'seconds', series: [{ labels: 'a="1"', value: 2.5 }, { labels: 'a="2"', value: 3 }] },
    { name: 'empty', help: 'dropped', type: 'gauge', series: [] },
    { name: 'y_bytes', help: 'Y', type: 'gauge', unit: 'bytes', series: [{ labels: '', value: NaN }] },
  ];
  it('text 0.0.4: HELP then TYPE once per family, families contiguous, empty ones left out, LF-terminated', () => {
    assert.equal(
      writeExposition(families, 'text'),
      '# HELP x_seconds_total X "time".\n# TYPE x_seconds_total counter\nx_seconds_total{a="1"} 2.5\nx_seconds_total{a="2"} 3\n' +
        '# HELP y_bytes Y\n# TYPE y_bytes gauge\ny_bytes NaN\n',
    );
  });
  it('OpenMetrics: counter metadata without _total, UNIT, escaped HELP, # EOF', () => {
    assert.equal(
      writeExposition(families, 'openmetrics'),
      '# TYPE x_seconds counter\n# UNIT x_seconds seconds\n# HELP x_seconds X \\"time\\".\nx_seconds_total{a="1"} 2.5\nx_seconds_total{a="2"} 3\n' +
        '# TYPE y_bytes gauge\n# UNIT y_bytes bytes\n# HELP y_bytes Y\ny_bytes NaN\n# EOF\n',
    );
  });
  it('a counter without _total is `unknown` in OpenMetrics', () => {
    const out = writeExposition([{ name: 'c', help: 'h', type: 'counter', series: [{ labels: '', value: 1 }] }], 'openmetrics');
    assert.match(out, /^# TYPE c unknown\n/);
  });
});

describe('negotiateFormat', () => {
  it('Prometheus 2.x default Accept picks OpenMetrics', () => {
    assert.equal(negotiateFormat('application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1'), 'openmetrics');
  });
  it('no header, curl and text-first preferences get text', () => {
    assert.equal(negotiateFormat(undefined), 'text');
    assert.equal(negotiateFormat('*/*'), 'text');
    assert.equal(negotiateFormat('text/plain;version=0.0.4;q=1,application/openmetrics-text;version=1.0.0;q=0.5'), 'text');
  });
  it('an unknown OpenMetrics version falls back to text', () => assert.equal(negotiateFormat('application/openmetrics-text;version=2.0.0'), 'text'));
});

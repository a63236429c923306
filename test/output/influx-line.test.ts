import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeKey, escapeMeasurement, escapeStringField, formatFloat, formatInt, formatPoint } from '../../src/output/influx-line.js';

describe('line protocol escaping', () => {
  it('measurement: comma and space', () => assert.equal(escapeMeasurement('a b,c=d'), 'a\\ b\\,c=d'));
  it('tag keys/values and field keys: comma, = and space', () => assert.equal(escapeKey('k=v, x'), 'k\\=v\\,\\ x'));
  it('a trailing backslash is trimmed (it would escape the separator)', () => assert.equal(escapeKey('path\\'), 'path'));
  it('whitespace controls become two-character escapes; other controls go', () => {
    assert.equal(escapeKey('a\tb\nc\rd\fe\u0007f\u007f'), 'a\\tb\\nc\\rd\\fef');
  });
  it('quotes, emoji and = inside string fields', () => {
    assert.equal(escapeStringField('say "hi" \\ 🐳 a=b,c'), '"say \\"hi\\" \\\\ 🐳 a=b,c"');
  });
});

describe('numbers', () => {
  const floats: [number, string][] = [
    [0.5, '0.5'],
    [1, '1'],
    [36.444228, '36.444228'],
    [1e-7, '0.0000001'],
    [1.5e-9, '0.0000000015'],
    [-2.5e-7, '-0.00000025'],
    [1e21, '1000000000000000000000'],
    [1.2345e22, '12345000000000000000000'],
  ];
  for (const [v, want] of floats) {
    it(`float ${v} → ${want} (no exponent)`, () => {
      assert.equal(formatFloat(v), want);
      assert.equal(Number(want), v);
    });
  }
  it('integers carry the i suffix and stay exact up to 2^53', () => {
    assert.equal(formatInt(0), '0i');
    assert.equal(formatInt(9007199254740991), '9007199254740991i');
    assert.equal(formatInt(-5), '-5i');
  });
});

describe('formatPoint', () => {
  it('sorts tags, drops empty tags and non-finite fields, writes ns timestamps', () => {
    const line = formatPoint({
      measurement: 'docker_container_cpu',
      tags: { z: '1', a: 'x y', empty: '', _reserved: 'r', 'com.example/key': 'a=b' },
      fields: { usage_total: { int: 123 }, usage_percent: NaN, inf: Infinity, ok: true, s: 'q"', missing: null },
      timeMs: 1700000000123,
    });
    assert.equal(line, 'docker_container_cpu,a=x\\ y,com.example/key=a\\=b,z=1 usage_total=123i,ok=true,s="q\\"" 1700000000123000000\n');
  });
  it('a point left without fields is not written', () => {
    assert.equal(formatPoint({ measurement: 'm', tags: {}, fields: { a: NaN, b: null }, timeMs: 1 }), '');
  });
  it('hostile tag values never break the line', () => {
    const hostile = ['new\nline', 'quote"', 'back\\slash', 'a=b', 'c,d', 'sp ace', '🐳', '\u0000ctl'];
    for (const v of hostile) {
      const line = formatPoint({ measurement: 'm', tags: { t: v }, fields: { f: 1 }, timeMs: 1 });
      assert.equal(line.split('\n').length, 2, JSON.stringify(line));
      // Exactly two unescaped spaces: after the tag set and after the field set.
      assert.equal(line.replace(/\\./g, '').split(' ').length, 3, JSON.stringify(line));
    }
  });
});

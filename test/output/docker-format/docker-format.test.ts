// The template engine beyond the parity fixtures: errors point at the right column of the user's
// own text, ctop-ts's extra fields, Go's printf corner cases, docker's table rules.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compileFormat, FormatError } from '../../../src/output/docker-format/docker-format.js';
import { goSprintf } from '../../../src/output/docker-format/go-printf.js';
import { GoFloat, goJson, goShortestFloat } from '../../../src/output/docker-format/go-values.js';
import { formatRowsFromFixtures } from '../../helpers/format-fixtures.js';

const rows = formatRowsFromFixtures(['v2', 'stopped']);
const render = (f: string, r = rows) => compileFormat(f).render(r, false);

function errorOf(f: string): FormatError {
  try {
    render(f);
  } catch (e) {
    assert.ok(e instanceof FormatError, String(e));
    return e;
  }
  assert.fail(`no error for ${f}`);
}

describe('template errors point at the user\'s text', () => {
  const cases: [string, number, RegExp, 'parse' | 'run'][] = [
    ['{{.Nme}}', 2, /can't evaluate field Nme in type \*container\.statsContext/, 'run'],
    ['table {{.Name}}\\t{{.Foo}}', 19, /field Foo/, 'run'], // after `table` and an escaped \t
    ['  {{.Name}} {{nope .ID}}', 14, /function "nope" not defined/, 'parse'],
    ['{{printf "%s" .Name', 0, /unclosed action/, 'parse'],
    ['{{if .Name}}x', 13, /\{\{if\}\} has no \{\{end\}\}/, 'parse'],
    ['{{.Name | upper 3}}', 10, /wrong number of args for upper: want 1 got 2/, 'run'],
    ['{{upper 3}}', 8, /expected string; found 3/, 'run'],
    ['{{$x}}', 2, /undefined variable "\$x"/, 'parse'],
    ['{{"abc}}', 2, /unterminated quoted string/, 'parse'],
    ['{{template "x"}}', 2, /not supported/, 'parse'],
    ['{{end}}', 2, /unexpected \{\{end\}\}/, 'parse'],
    ['{{.Name)}}', 7, /unexpected right paren/, 'parse'],
    ['{{index (split .Name "-") 9}}', 2, /error calling index: index out of range: 9/, 'run'],
  ];
  for (const [format, column, reason, phase] of cases) {
    it(format, () => {
      const e = errorOf(format);
      assert.match(e.reason, reason);
      assert.equal(e.phase, phase);
      assert.equal(e.position, column, `caret under ${JSON.stringify(format.slice(column))}`);
      const [, shown, caret] = e.format().split('\n');
      assert.equal(shown, format);
      assert.equal(caret, `${' '.repeat(column)}^`);
    });
  }
});

describe('ctop-ts extra fields and Go values', () => {
  it('raw numbers, states, labels; unknown numbers print <no value> and encode as null', () => {
    const labelled = [{ ...rows[0], info: { ...rows[0].info, labels: { app: 'shop', 'com.docker.compose.service': 'web' } } }];
    assert.equal(render('{{.MemBytes}} {{.MemLimitBytes}} {{.CPUPercent}} {{.State}} {{.Image}} {{index .Labels "app"}} {{.Labels.app}} {{.NetRxRate}}', labelled), '104857600 536870912 70.1 running busybox shop shop <no value>\n');
    assert.equal(render('{{json .Labels}} {{json .NetRxRate}} {{printf "%.0f" .CPUPercent}}', labelled), '{"app":"shop","com.docker.compose.service":"web"} null 70\n');
    assert.equal(render('{{if gt .MemBytes 100000000}}big{{end}}', labelled), 'big\n');
  });

  it('the extra fields get titles in table mode; json keeps docker\'s keys only', () => {
    assert.equal(render('table {{.Name}}\\t{{.State}}\\t{{.MemBytes}}').split('\n')[0], 'NAME                  STATE     MEM USAGE');
    assert.deepEqual(Object.keys(JSON.parse(render('json').split('\n')[0])), ['BlockIO', 'CPUPerc', 'Container', 'ID', 'MemPerc', 'MemUsage', 'Name', 'NetIO', 'PIDs']);
  });

  it('no rows: a table prints its header (as docker 28 does), anything else prints nothing', () => {
    assert.equal(render('table {{.Name}}\\t{{.CPUPerc}}', []), 'NAME      CPU %\n');
    assert.equal(render('json', []), '');
  });

  it('--no-trunc: the full ID, .Container stays the short one', () => {
    assert.equal(compileFormat('{{.ID}} {{.Container}}').render(rows.slice(0, 1), true), `${rows[0].info.id} ${rows[0].info.id.slice(0, 12)}\n`);
  });

  it('variables, assignment, range with break/continue, else if, with/else', () => {
    assert.equal(render('{{$a := 1}}{{$a = 2}}{{$a}}', rows.slice(0, 1)), '2\n');
    assert.equal(render('{{range $i, $c := split "a,b,c,d" ","}}{{if eq $c "b"}}{{continue}}{{end}}{{if eq $c "d"}}{{break}}{{end}}{{$i}}{{$c}}{{end}}', rows.slice(0, 1)), '0a2c\n');
    assert.equal(render('{{if eq .PIDs "0"}}zero{{else if eq .PIDs "12"}}twelve{{else}}other{{end}}'), 'twelve\nzero\n');
    assert.equal(render('{{with .Health}}{{.}}{{else}}none{{end}}', rows.slice(0, 1)), 'none\n');
    assert.equal(render('{{range 3}}{{.}}{{end}}', rows.slice(0, 1)), '012\n');
  });
});

describe('Go fmt corner cases', () => {
  it('printf verbs, widths and Go\'s error texts', () => {
    assert.equal(goSprintf('%5s|%-5s|%.2s|%q', ['ab', 'ab', 'abc', 'a"b']), '   ab|ab   |ab|"a\\"b"');
    assert.equal(goSprintf('%d|%x|%X|%o|%b|%c|%U|%+d|%05d|%-4d|', [255, 255, 255, 8, 5, 0x41, 0x1f600, 3, -42, 7]), '255|ff|FF|10|101|A|U+1F600|+3|-0042|7   |');
    assert.equal(goSprintf('%.3f|%8.2f|%e|%g|%v', [new GoFloat(0.125), new GoFloat(3.14159), new GoFloat(123456), new GoFloat(1e-5), new GoFloat(1e6)]), '0.125|    3.14|1.234560e+05|1e-05|1e+06');
    assert.equal(goSprintf('%.2f', [new GoFloat(0.125)]), '0.12', 'half to even, as Go');
    assert.equal(goSprintf('%d %s', ['web']), '%!d(string=web) %!s(MISSING)');
    assert.equal(goSprintf('%s', ['a', 3, true]), 'a%!(EXTRA int=3, bool=true)');
    assert.equal(goSprintf('%v %s %d', [['a', 'b'], ['a', 'b'], ['a']]), '[a b] [a b] [%!d(string=a)]');
    assert.equal(goSprintf('100%% %t %v %!', [true, null]), '100% true <nil> %!!(MISSING)');
    assert.equal(goSprintf('abc%', []), 'abc%!(NOVERB)');
  });

  it('floats print like Go', () => {
    assert.deepEqual([1e6, 123456, 0.0001, 0.00001, 1.5, 1e21, -0, 100].map(goShortestFloat), ['1e+06', '123456', '0.0001', '1e-05', '1.5', '1e+21', '-0', '100']);
  });

  it('json: HTML left alone by the json function, escaped inside docker\'s stats object', () => {
    assert.equal(goJson('<a&b>\u2028"\n', false), '"<a&b>\\u2028\\"\\n"');
    assert.equal(goJson('<a>', true), '"\\u003ca\\u003e"');
    assert.equal(goJson(new GoFloat(1e-7), false), '1e-7');
  });
});

import assert from 'node:assert/strict';
import { prng } from '../../../src/core/model/prng.js';
import { describe, test } from 'node:test';
import {
  combineSelectors,
  engineFilters,
  filterRows,
  hasOperator,
  parseFilter,
  parseSelector,
  SelectorError,
  type SelectorTerm,
} from '../../../src/core/query/selector.js';
import type { ContainerInfo, ContainerRow } from '../../../src/core/model/types.js';

function info(name: string, labels: Record<string, string> = {}, image = 'alpine:3.20', id = name.padEnd(64, '0')): ContainerInfo {
  return { id, name, image, labels, state: 'running', status: 'Up', health: null, created: 0, networkMode: 'bridge' };
}

/** Terms with regexes shown as their source and flags, for deepEqual. */
function terms(source: string): unknown[] {
  return parseSelector(source).terms.map((t: SelectorTerm) =>
    t.op === 'match' ? { op: t.op, field: t.field, pattern: `/${t.pattern.source}/${t.pattern.flags}` } : t,
  );
}

describe('parseSelector: every operator', () => {
  const cases: [string, unknown[]][] = [
    ['app=web', [{ op: 'eq', key: 'app', value: 'web' }]],
    ['app==web', [{ op: 'eq', key: 'app', value: 'web' }]],
    ['app!=web', [{ op: 'neq', key: 'app', value: 'web' }]],
    ['app', [{ op: 'exists', key: 'app' }]],
    ['!app', [{ op: 'not-exists', key: 'app' }]],
    ['app in (a,b)', [{ op: 'in', key: 'app', values: ['a', 'b'] }]],
    ['app notin (a,b)', [{ op: 'notin', key: 'app', values: ['a', 'b'] }]],
    ['app in(a)', [{ op: 'in', key: 'app', values: ['a'] }]],
    ['name~^web', [{ op: 'match', field: 'name', pattern: '/^web/i' }]],
    ['image~nginx:1\\.2\\d', [{ op: 'match', field: 'image', pattern: '/nginx:1\\.2\\d/i' }]],
    ['app=', [{ op: 'eq', key: 'app', value: '' }]],
    ['app=,b', [{ op: 'eq', key: 'app', value: '' }, { op: 'exists', key: 'b' }]],
    ['', []],
    ['   ', []],
    // Keys and values with dots, slashes, dashes, colons, at-signs.
    ['com.docker.compose.project=shop', [{ op: 'eq', key: 'com.docker.compose.project', value: 'shop' }]],
    ['example.com/team-name=core-infra', [{ op: 'eq', key: 'example.com/team-name', value: 'core-infra' }]],
    ['img=registry:5000/a/b@sha256:ab', [{ op: 'eq', key: 'img', value: 'registry:5000/a/b@sha256:ab' }]],
    // The words `in` and `notin` are only operators after a key.
    ['in', [{ op: 'exists', key: 'in' }]],
    ['in in (in)', [{ op: 'in', key: 'in', values: ['in'] }]],
    ['notin=in', [{ op: 'eq', key: 'notin', value: 'in' }]],
    // `name=` and `image=` are ordinary label terms; only `~` reaches the container fields.
    ['name=web', [{ op: 'eq', key: 'name', value: 'web' }]],
  ];
  for (const [source, expected] of cases) test(JSON.stringify(source), () => assert.deepEqual(terms(source), expected));
});

describe('parseSelector: AND, whitespace and quoting', () => {
  const cases: [string, unknown[]][] = [
    [
      'a=1,b!=2,c,!d,e in (x,y),f notin (z)',
      [
        { op: 'eq', key: 'a', value: '1' },
        { op: 'neq', key: 'b', value: '2' },
        { op: 'exists', key: 'c' },
        { op: 'not-exists', key: 'd' },
        { op: 'in', key: 'e', values: ['x', 'y'] },
        { op: 'notin', key: 'f', values: ['z'] },
      ],
    ],
    [
      '  a = 1 ,\tb != 2 , ! c ,  e  in  ( x , y )  ',
      [
        { op: 'eq', key: 'a', value: '1' },
        { op: 'neq', key: 'b', value: '2' },
        { op: 'not-exists', key: 'c' },
        { op: 'in', key: 'e', values: ['x', 'y'] },
      ],
    ],
    ['a="x, y (z)"', [{ op: 'eq', key: 'a', value: 'x, y (z)' }]],
    ["a='say \"hi\"'", [{ op: 'eq', key: 'a', value: 'say "hi"' }]],
    ['a="say \\"hi\\""', [{ op: 'eq', key: 'a', value: 'say "hi"' }]],
    ['a="C:\\path"', [{ op: 'eq', key: 'a', value: 'C:\\path' }]],
    ['a=""', [{ op: 'eq', key: 'a', value: '' }]],
    ['a in ("x y", \'p,q\', plain)', [{ op: 'in', key: 'a', values: ['x y', 'p,q', 'plain'] }]],
    ['"my key"=v', [{ op: 'eq', key: 'my key', value: 'v' }]],
    ['!"my key"', [{ op: 'not-exists', key: 'my key' }]],
    ['a=héllo,ключ=значение', [{ op: 'eq', key: 'a', value: 'héllo' }, { op: 'eq', key: 'ключ', value: 'значение' }]],
  ];
  for (const [source, expected] of cases) test(JSON.stringify(source), () => assert.deepEqual(terms(source), expected));
});

describe('parseSelector: regex values', () => {
  const cases: [string, unknown[]][] = [
    // Commas and parentheses inside the regex belong to it; a top-level comma ends it.
    [
      'name~^(web|api)-\\d{1,3}$, app=x',
      [
        { op: 'match', field: 'name', pattern: '/^(web|api)-\\d{1,3}$/i' },
        { op: 'eq', key: 'app', value: 'x' },
      ],
    ],
    ['name~[,)]x,a', [{ op: 'match', field: 'name', pattern: '/[,)]x/i' }, { op: 'exists', key: 'a' }]],
    ['name~a\\,b', [{ op: 'match', field: 'name', pattern: '/a\\,b/i' }]],
    ['name ~  web  ', [{ op: 'match', field: 'name', pattern: '/web/i' }]],
    ['image~"a, b"', [{ op: 'match', field: 'image', pattern: '/a, b/i' }]],
    ["name~'\\d+'", [{ op: 'match', field: 'name', pattern: '/\\d+/i' }]],
    ['name~a=b', [{ op: 'match', field: 'name', pattern: '/a=b/i' }]],
  ];
  for (const [source, expected] of cases) test(JSON.stringify(source), () => assert.deepEqual(terms(source), expected));
});

describe('parseSelector: errors point at the offending character', () => {
  const cases: [string, number, string][] = [
    ['app in (a,b', 11, "expected ')'"],
    ['app in (a b)', 10, "expected ',' or ')'"],
    ['app in ()', 8, 'expected a value'],
    ['app in (a,)', 10, 'expected a value'],
    ['app in (', 8, "expected a value and ')'"],
    ['app in a', 7, "expected '(' after 'in'"],
    ['app notin', 9, "expected '(' after 'notin'"],
    ['a b', 2, "expected ',' or end of selector"],
    ['a)', 1, "expected ',' or end of selector"],
    ['a=b=c', 3, "expected ',' or end of selector"],
    ['!a=b', 2, "expected ',' or end of selector"],
    ['a=(b)', 2, 'expected a value'],
    ['a=!b', 2, 'expected a value'],
    [',a', 0, 'expected a label key'],
    ['a,', 2, 'expected a label key'],
    ['a,,b', 2, 'expected a label key'],
    ['=b', 0, 'expected a label key'],
    ['(a)', 0, 'expected a label key'],
    ['!', 1, "expected a label key after '!'"],
    ['! =x', 2, "expected a label key after '!'"],
    ['a="unterminated', 2, 'unterminated double quote'],
    ["a in ('x", 6, 'unterminated single quote'],
    ['app~x', 0, "'~' applies only to name or image"],
    ['  labels.x ~ y', 2, "'~' applies only to name or image"],
    ['name~', 5, 'expected a regular expression'],
    ['name~ ,a', 6, 'expected a regular expression'],
    ['name~(', 5, 'invalid regular expression: Unterminated group'],
    ['a=1, name~x[', 10, 'invalid regular expression: Unterminated character class'],
    ['name~a)', 6, "expected ',' or end of selector"],
  ];
  for (const [source, position, reason] of cases) {
    test(JSON.stringify(source), () => {
      assert.throws(
        () => parseSelector(source),
        (err: unknown) => {
          assert.ok(err instanceof SelectorError);
          assert.equal(err.position, position);
          assert.equal(err.reason, reason);
          assert.equal(err.message, `${reason} at column ${position + 1}`);
          assert.equal(err.input, source);
          return true;
        },
      );
    });
  }

  test('format() puts a caret under the character', () => {
    const err = catchError(() => parseSelector('app in (a,b'));
    assert.equal(err.format(), ["bad selector: expected ')' at column 12", 'app in (a,b', '           ^'].join('\n'));
  });

  test('format() keeps the caret aligned past control and astral characters', () => {
    const err = catchError(() => parseSelector('\u{1F600}=\t\x1b, ,'));
    assert.equal(err.position, 7); // the second comma: the emoji is two code units, ESC is a value
    const [, shown, caret] = err.format().split('\n');
    assert.equal(shown, '\u{1F600}=  , ,');
    assert.equal(caret, '      ^');
    assert.equal([...shown][caret.length - 1], ',');
  });
});

function catchError(fn: () => unknown): SelectorError {
  try {
    fn();
  } catch (err) {
    if (err instanceof SelectorError) return err;
    throw err;
  }
  assert.fail('expected a SelectorError');
}

describe('matching', () => {
  const c = info('shop-web-1', { app: 'web', tier: 'frontend', empty: '' }, 'registry.example.com/Shop/Web:1.4', 'a1b2c3'.padEnd(64, 'f'));
  const cases: [string, boolean][] = [
    ['app=web', true],
    ['app=Web', false], // label values are exact, as the engine's
    ['app!=web', false],
    ['app!=api', true],
    ['missing!=x', true], // absent counts as different
    ['app', true],
    ['missing', false],
    ['!missing', true],
    ['!app', false],
    ['empty', true],
    ['empty=', true],
    ['!empty', false],
    ['app in (api,web)', true],
    ['app in (api)', false],
    ['missing in (x)', false],
    ['app notin (api)', true],
    ['app notin (web)', false],
    ['missing notin (x)', true], // absent is not in any set
    ['name~^SHOP-', true], // case-insensitive
    ['name~^web', false],
    ['image~/shop/web:', true],
    ['image~^nginx', false],
    ['app=web,tier=frontend', true],
    ['app=web,tier=backend', false],
    ['hasOwnProperty', false], // never finds Object.prototype members
    ['!__proto__', true],
  ];
  for (const [source, expected] of cases) test(`${source} → ${expected}`, () => assert.equal(parseSelector(source).matches(c), expected));

  test('a parsed selector is reusable (no regex lastIndex state)', () => {
    const sel = parseSelector('name~web');
    for (let i = 0; i < 3; i++) assert.equal(sel.matches(c), true);
  });
});

describe('parseFilter: free text unless there is an operator', () => {
  const c = info('shop-web-1', { app: 'web' }, 'Nginx:1.27', 'deadbeef'.padEnd(64, '0'));
  const cases: [string, boolean][] = [
    ['web', true],
    ['WEB', true],
    ['nginx:1.27', true],
    ['DEADBEEF', true], // ID substring
    ['00000', true],
    ['  shop  ', true],
    ['"shop-web"', true], // quotes around free text are removed
    ['postgres', false],
    ['app', false], // free text, not "has label app"
    ['', true],
    ['app=web', true], // operator: a selector
    ['app!=web', false],
    ['!app', false],
    ['name~^shop', true],
    ['app in (web)', true],
  ];
  for (const [text, expected] of cases) test(`${JSON.stringify(text)} → ${expected}`, () => assert.equal(parseFilter(text).matches(c), expected));

  test('free text terms', () => {
    assert.deepEqual(parseFilter(' Web ').terms, [{ op: 'text', text: 'web' }]);
    assert.deepEqual(parseFilter('   ').terms, []);
  });

  test('filter errors are SelectorErrors too', () => {
    assert.throws(() => parseFilter('app in (a'), SelectorError);
  });

  const operators: [string, boolean][] = [
    ['web', false],
    ['my app', false],
    ['a=b', true],
    ['!a', true],
    ['name~x', true],
    ['a,b', true],
    ['a in (b)', true],
    ['"a=b"', false], // inside quotes
    ["'x,y' z", false],
    ['"a" = b', true],
  ];
  for (const [text, expected] of operators) test(`hasOperator(${JSON.stringify(text)})`, () => assert.equal(hasOperator(text), expected));
});

describe('several selectors', () => {
  const rows: ContainerRow[] = [
    info('web-1', { app: 'web', env: 'prod' }),
    info('web-2', { app: 'web', env: 'dev' }),
    info('db-1', { app: 'db', env: 'prod' }),
  ].map((i) => ({ info: i, stats: {} as ContainerRow['stats'], source: null, timestamp: 0 }));

  test('repeated -l and -f are ANDed', () => {
    const sel = combineSelectors([parseSelector('app=web'), parseSelector('env=prod'), parseFilter('web')]);
    assert.deepEqual(filterRows(rows, sel).map((r) => r.info.name), ['web-1']);
    assert.equal(sel.source, 'app=web, env=prod, web');
  });

  test('no selectors match everything', () => {
    assert.equal(filterRows(rows, combineSelectors([])).length, 3);
  });
});

describe('engineFilters', () => {
  const cases: [string[], string[] | undefined][] = [
    [['app'], ['app']],
    [['app=web'], ['app=web']],
    [['app==web'], ['app=web']],
    [['app=web', 'tier, app=web'], ['app=web', 'tier']], // deduplicated, ANDed across selectors
    [['app in (web)'], ['app=web']], // a one-value set is equality
    [['app in (web,api)'], undefined],
    [['app!=web', '!app', 'app notin (x)'], undefined],
    [['name~x', 'image~y'], undefined],
    [['app="a b, c"'], ['app=a b, c']], // quoted values go through whole
    [['a="x=y"'], ['a=x=y']], // the engine splits on the first '=' only
    [['"k=v"'], undefined], // a key with '=' cannot be said to the engine
    [['name=web', 'image', 'name'], undefined], // /events overwrites these attributes
    [['app=web, name~x, env!=dev'], ['app=web']],
  ];
  for (const [sources, expected] of cases) {
    test(JSON.stringify(sources), () => {
      assert.deepEqual(engineFilters(sources.map(parseSelector)), expected === undefined ? {} : { label: expected });
    });
  }

  test('free text never reaches the engine', () => {
    assert.deepEqual(engineFilters([parseFilter('web')]), {});
  });
});

describe('fuzz: random input parses or throws SelectorError, never anything else', () => {
  const pieces = ['a', 'app', 'name', 'image', 'in', 'notin', '=', '==', '!=', '!', '~', '(', ')', ',', ' ', '\t', '"', "'", '\\', '[', ']', '{', '}', '|', '*', '+', '?', '.', '^', '$', '\u{1F600}', '\x00', 'é'];

  test('20k random selectors', () => {
    const next = prng(0xc7009); // seeded, so a failure reproduces
    const c = info('web', { app: 'x', a: '' });
    for (let n = 0; n < 20_000; n++) {
      let s = '';
      const len = Math.floor(next() * 16);
      for (let i = 0; i < len; i++) {
        s += next() < 0.7 ? pieces[Math.floor(next() * pieces.length)] : String.fromCharCode(Math.floor(next() * 0x2000));
      }
      for (const parse of [parseSelector, parseFilter]) {
        try {
          const sel = parse(s);
          sel.matches(c);
          engineFilters([sel]);
        } catch (err) {
          if (!(err instanceof SelectorError)) assert.fail(`${JSON.stringify(s)}: ${String(err)}`);
          assert.ok(err.position >= 0 && err.position <= s.length, JSON.stringify(s));
          assert.equal(typeof err.format(), 'string');
        }
      }
    }
  });
});

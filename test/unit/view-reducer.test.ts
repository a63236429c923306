import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ContainerRow } from '../../src/core/types.js';
import { HIDEABLE } from '../../src/ui/columns.js';
import { initViewState, viewReducer, windowTop, type ViewAction, type ViewState } from '../../src/ui/view-reducer.js';
import { EMPTY, row, rows, snapshot } from '../helpers/ui-fixtures.js';

const keys = (...ks: string[]): ViewAction[] => ks.map((key) => ({ type: 'key', key }));
const snap = (list: readonly ContainerRow[], seq = 2): ViewAction => ({ type: 'snapshot', snapshot: snapshot(list, seq) });
const run = (s: ViewState, actions: ViewAction[]) => actions.reduce(viewReducer, s);
const names = (s: ViewState) => s.rows.map((r) => r.info.name);
const selected = (s: ViewState) => s.rows[s.cursor]?.info.name ?? null;

function start(list: readonly ContainerRow[] = rows(20), pageSize = 5, extra: Partial<Parameters<typeof initViewState>[0]> = {}): ViewState {
  return viewReducer(initViewState({ snapshot: EMPTY, pageSize, ...extra }), snap(list, 1));
}

describe('windowTop', () => {
  const cases: [string, [number, number, number, number], number][] = [
    ['cursor inside the window: unchanged', [3, 5, 5, 20], 3],
    ['cursor above: window starts at it', [6, 2, 5, 20], 2],
    ['cursor below: window ends at it', [0, 9, 5, 20], 5],
    ['fewer rows than the page: top is 0', [4, 2, 10, 5], 0],
    ['no blank space under the last row', [18, 19, 5, 20], 15],
    ['no selection: only clamped', [30, -1, 5, 20], 15],
    ['page size below one counts as one', [0, 3, 0, 20], 3],
  ];
  for (const [name, [top, cursor, page, count], expected] of cases) test(name, () => assert.equal(windowTop(top, cursor, page, count), expected));
});

describe('view reducer: navigation and scrolling', () => {
  const cases: [string, string[], { cursor: number; scrollTop: number }][] = [
    ['starts on the first row', [], { cursor: 0, scrollTop: 0 }],
    ['j moves down', ['j'], { cursor: 1, scrollTop: 0 }],
    ['down arrow moves down', ['down', 'down'], { cursor: 2, scrollTop: 0 }],
    ['k at the top stays', ['k', 'up'], { cursor: 0, scrollTop: 0 }],
    ['moving past the page scrolls by one', ['j', 'j', 'j', 'j', 'j'], { cursor: 5, scrollTop: 1 }],
    ['G goes to the last row', ['G'], { cursor: 19, scrollTop: 15 }],
    ['End goes to the last row', ['end'], { cursor: 19, scrollTop: 15 }],
    ['g goes back to the first', ['G', 'g'], { cursor: 0, scrollTop: 0 }],
    ['Home goes back to the first', ['G', 'home'], { cursor: 0, scrollTop: 0 }],
    ['PgDn moves a page', ['pagedown'], { cursor: 5, scrollTop: 1 }],
    ['PgDn stops at the end', ['pagedown', 'pagedown', 'pagedown', 'pagedown', 'pagedown'], { cursor: 19, scrollTop: 15 }],
    ['PgUp moves a page back', ['G', 'pageup'], { cursor: 14, scrollTop: 14 }],
    ['j past the end stays on the last', ['G', 'j'], { cursor: 19, scrollTop: 15 }],
  ];
  for (const [name, ks, expected] of cases) {
    test(name, () => {
      const s = run(start(), keys(...ks));
      assert.deepEqual({ cursor: s.cursor, scrollTop: s.scrollTop }, expected);
      assert.equal(s.selectedId, s.rows[s.cursor].info.id);
    });
  }

  test('moving on an empty table does nothing', () => {
    const s = run(start([]), keys('j', 'G', 'pagedown'));
    assert.deepEqual({ cursor: s.cursor, selectedId: s.selectedId }, { cursor: -1, selectedId: null });
  });

  test('a smaller terminal scrolls to keep the selection visible', () => {
    const s = run(start(rows(20), 10), [...keys('j', 'j', 'j', 'j', 'j', 'j', 'j', 'j'), { type: 'resize', pageSize: 4 }]);
    assert.deepEqual({ cursor: s.cursor, scrollTop: s.scrollTop, pageSize: s.pageSize }, { cursor: 8, scrollTop: 5, pageSize: 4 });
  });
});

describe('view reducer: the selection follows its container', () => {
  const a = row('a', { cpuPercent: 30 });
  const b = row('b', { cpuPercent: 20 });
  const c = row('c', { cpuPercent: 10 });
  const cases: [string, ViewAction[], string | null][] = [
    ['re-sorting moves the row, the selection goes with it', [...keys('j'), snap([a, row('b', { cpuPercent: 99 }), c])], 'b'],
    ['a new container above does not take the selection', [...keys('j'), snap([row('new', { cpuPercent: 50 }), a, b, c])], 'b'],
    ['when the selected container goes, the row now in its place is selected', [...keys('j'), snap([a, c])], 'c'],
    ['when the last row goes, the new last row is selected', [...keys('G'), snap([a, b])], 'b'],
    ['everything gone: no selection', [...keys('j'), snap([])], null],
    ['back again after being empty: first row', [...keys('j'), snap([]), snap([a, b, c], 3)], 'a'],
    ['before any move the selection stays on the top row', [snap([a, row('b', { cpuPercent: 99 }), c])], 'b'],
    ['after a move it no longer follows the top', [...keys('j', 'k'), snap([a, row('b', { cpuPercent: 99 }), c])], 'a'],
  ];
  for (const [name, actions, expected] of cases) test(name, () => assert.equal(selected(run(start([a, b, c]), actions)), expected));

  test('ties break by name, so equal rows keep their order from tick to tick', () => {
    const tied = (n: number) => ['d', 'b', 'a', 'c'].map((x) => row(x, { cpuPercent: n }));
    let s = run(start(tied(5)), keys('j', 'j'));
    assert.deepEqual(names(s), ['a', 'b', 'c', 'd']);
    assert.equal(selected(s), 'c');
    s = run(s, [snap(tied(7).reverse(), 3)]);
    assert.deepEqual(names(s), ['a', 'b', 'c', 'd']);
    assert.equal(selected(s), 'c');
  });
});

describe('view reducer: sorting', () => {
  const list = [row('x', { cpuPercent: 1, memUsage: 300, pids: 2 }), row('y', { cpuPercent: 3, memUsage: 100, pids: 9 }), row('z', { cpuPercent: 2, memUsage: 200, pids: 5 })];
  const cases: [string, string[], string, boolean, string[]][] = [
    ['default: busiest CPU first', [], 'cpu', false, ['y', 'z', 'x']],
    ['s: next field (mem)', ['s'], 'mem', false, ['x', 'z', 'y']],
    ['r: reverse', ['r'], 'cpu', true, ['x', 'z', 'y']],
    ['r twice: back', ['r', 'r'], 'cpu', false, ['y', 'z', 'x']],
    ['s clears reverse', ['r', 's'], 'mem', false, ['x', 'z', 'y']],
    ['s cycles through every field back to cpu', ['s', 's', 's', 's', 's', 's', 's', 's'], 'cpu', false, ['y', 'z', 'x']],
    ['5: pids', ['5'], 'pids', false, ['y', 'z', 'x']],
    ['6: name', ['6'], 'name', false, ['x', 'y', 'z']],
    ['the same digit again reverses', ['6', '6'], 'name', true, ['z', 'y', 'x']],
    ['9 is unassigned', ['9'], 'cpu', false, ['y', 'z', 'x']],
  ];
  for (const [name, ks, field, reverse, order] of cases) {
    test(name, () => {
      const s = run(start(list), keys(...ks));
      assert.deepEqual({ sort: s.sort, reverse: s.reverse, rows: names(s) }, { sort: field, reverse, rows: order });
    });
  }

  test('re-sorting keeps the selected container', () => {
    const s = run(start(list), keys('j', '6'));
    assert.equal(selected(s), 'z');
  });
});

describe('view reducer: all/running, pause, views, quit', () => {
  const live = row('live', { cpuPercent: 1 });
  const gone = row('gone', { cpuPercent: 0 }, { state: 'exited', status: 'Exited (0) 1 minute ago' });
  const paused = row('nap', {}, { state: 'paused' });

  test('a toggles stopped containers in and out; paused ones always show', () => {
    let s = start([live, gone, paused]);
    assert.deepEqual(names(s), ['live', 'nap']);
    s = run(s, keys('a'));
    assert.deepEqual(names(s), ['live', 'gone', 'nap']);
    assert.equal(s.all, true);
  });

  test('the query predicate filters rows', () => {
    const s = start([live, paused], 5, { predicate: (c) => c.name !== 'nap' });
    assert.deepEqual(names(s), ['live']);
  });

  test('p holds the screen while snapshots keep coming, and catches up on resume', () => {
    let s = run(start([live]), [...keys('p'), snap([live, row('later', { cpuPercent: 5 })], 3)]);
    assert.equal(s.paused, true);
    assert.deepEqual(names(s), ['live']);
    assert.equal(s.latest.seq, 3);
    s = run(s, keys('p'));
    assert.equal(s.paused, false);
    assert.deepEqual(names(s), ['later', 'live']);
  });

  const viewCases: [string, string[], { view: string; quit: boolean }][] = [
    ['? opens help', ['?'], { view: 'help', quit: false }],
    ['h opens help, Esc closes it', ['h', 'escape'], { view: 'table', quit: false }],
    ['? closes help too', ['?', '?'], { view: 'table', quit: false }],
    ['c opens the column chooser', ['c'], { view: 'columns', quit: false }],
    ['c closes it again', ['c', 'c'], { view: 'table', quit: false }],
    ['Enter opens the detail view', ['enter'], { view: 'detail', quit: false }],
    ['→ and o open it too', ['right', 'escape', 'o'], { view: 'detail', quit: false }],
    ['← goes back from the detail view', ['enter', 'left'], { view: 'table', quit: false }],
    ['help from the detail view returns there', ['enter', '?', 'escape'], { view: 'detail', quit: false }],
    ['Esc on the table quits', ['escape'], { view: 'table', quit: true }],
    ['Esc in a view only closes it', ['c', 'escape'], { view: 'table', quit: false }],
    ['q quits from the table', ['q'], { view: 'table', quit: true }],
    ['q quits from help', ['?', 'q'], { view: 'help', quit: true }],
    ['Ctrl-C quits from the chooser', ['c', 'ctrl+c'], { view: 'columns', quit: true }],
    ['keys after quit are ignored', ['q', '?'], { view: 'table', quit: true }],
    ['← on the table does nothing', ['left'], { view: 'table', quit: false }],
  ];
  for (const [name, ks, expected] of viewCases) {
    test(name, () => {
      const s = run(start([live, paused]), keys(...ks));
      assert.deepEqual({ view: s.view, quit: s.quit }, expected);
    });
  }

  test('Enter with no rows stays on the table', () => {
    assert.equal(run(start([]), keys('enter')).view, 'table');
  });

  test('the column chooser hides and shows the column under its cursor', () => {
    let s = run(start([live]), keys('c', 'j', 'space'));
    assert.deepEqual(s.hidden, [HIDEABLE[1]]);
    s = run(s, keys('x'));
    assert.deepEqual(s.hidden, []);
    s = run(s, keys('k', 'k', 'enter', 'G'));
    assert.deepEqual(s.hidden, [HIDEABLE[0]]);
    assert.equal(s.chooserIndex, 0);
  });

  test('the chooser cursor stays within the columns', () => {
    const s = run(start([live]), keys('c', ...Array(30).fill('j')));
    assert.equal(s.chooserIndex, HIDEABLE.length - 1);
  });

  test('help scrolls and stops at both ends', () => {
    let s = run(start([live]), keys('?', 'j', 'j'));
    assert.equal(s.helpScroll, 2);
    s = run(s, keys('k', 'k', 'k'));
    assert.equal(s.helpScroll, 0);
    s = run(s, keys('G'));
    assert.ok(s.helpScroll > 0);
    assert.equal(run(s, keys('j')).helpScroll, s.helpScroll);
  });

  const soonKeys = ['/', 'l', 'e', 'space', 'm', 'L', 'x'];
  for (const k of soonKeys) {
    test(`${k} is reserved: a notice, no change`, () => {
      const before = start([live]);
      const s = run(before, keys(k));
      assert.match(s.notice ?? '', /coming soon/);
      assert.equal(s.view, 'table');
      assert.equal(run(s, keys('j')).notice, null);
    });
  }

  test('unbound keys change nothing', () => {
    const before = start([live]);
    assert.equal(run(before, keys('z', 'Z', 'tab')), before);
  });
});

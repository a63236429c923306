// The root reducer (live-reducer.ts) and the table slice (table/table-state.ts), driven by key
// names as the input path delivers them: navigation, the selection following its container,
// sorting, views, and the detail view, events pane, marks, logs, actions and exec. Page sizes
// are the reducer's `env` argument, as the app passes them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ContainerRow } from '../../src/core/model/types.js';
import { HIDEABLE } from '../../src/ui/table/columns.js';
import { actionTargets } from '../../src/ui/table/marks.js';
import { visibleTop } from '../../src/ui/table/table-state.js';
import { windowTop } from '../../src/ui/table/table-selectors.js';
import { liveReducer } from '../../src/ui/live-reducer.js';
import { DEFAULT_ENV, initLiveState, type LiveAction, type LiveEnv, type LiveState } from '../../src/ui/live-state.js';
import { EMPTY, row, rows, snapshot } from '../helpers/ui-fixtures.js';

const keys = (...ks: string[]): LiveAction[] => ks.map((key) => ({ type: 'key', key }));
const snap = (list: readonly ContainerRow[], seq = 2): LiveAction => ({ type: 'snapshot', snapshot: snapshot(list, seq) });
const envOf = (page: number): LiveEnv => ({ ...DEFAULT_ENV, page });
let env = envOf(5);
const run = (s: LiveState, actions: LiveAction[], e: LiveEnv = env) => actions.reduce((acc, a) => liveReducer(acc, a, e), s);
const names = (s: LiveState) => s.table.rows.map((r) => r.info.name);
const selected = (s: LiveState) => s.table.rows[s.table.cursor]?.info.name ?? null;
const logTarget = (s: LiveState) => (s.logs ? { id: s.logs.containerId, name: s.logs.containerName } : null);

function start(list: readonly ContainerRow[] = rows(20), pageSize = 5, extra: Partial<Parameters<typeof initLiveState>[0]> = {}): LiveState {
  env = envOf(pageSize);
  return liveReducer(initLiveState({ snapshot: EMPTY, ...extra }, env), snap(list, 1), env);
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

describe('live reducer: navigation and scrolling', () => {
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
      assert.deepEqual({ cursor: s.table.cursor, scrollTop: s.table.scrollTop }, expected);
      assert.equal(s.table.selectedId, s.table.rows[s.table.cursor].info.id);
    });
  }

  test('moving on an empty table does nothing', () => {
    const s = run(start([]), keys('j', 'G', 'pagedown'));
    assert.deepEqual({ cursor: s.table.cursor, selectedId: s.table.selectedId }, { cursor: -1, selectedId: null });
  });

  test('a smaller terminal scrolls to keep the selection visible (the size is an argument, not state)', () => {
    const s = run(start(rows(20), 10), keys('j', 'j', 'j', 'j', 'j', 'j', 'j', 'j'));
    assert.deepEqual({ cursor: s.table.cursor, top10: visibleTop(s.table, 10), top4: visibleTop(s.table, 4) }, { cursor: 8, top10: 0, top4: 5 });
    // The next move pages by the new size.
    assert.equal(run(s, keys('pagedown'), envOf(4)).table.cursor, 12);
  });
});

describe('live reducer: the selection follows its container', () => {
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

describe('live reducer: sorting', () => {
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
      assert.deepEqual({ sort: s.table.sort, reverse: s.table.reverse, rows: names(s) }, { sort: field, reverse, rows: order });
    });
  }

  test('re-sorting keeps the selected container', () => {
    const s = run(start(list), keys('j', '6'));
    assert.equal(selected(s), 'z');
  });
});

describe('live reducer: all/running, pause, views, quit', () => {
  const live = row('live', { cpuPercent: 1 });
  const gone = row('gone', { cpuPercent: 0 }, { state: 'exited', status: 'Exited (0) 1 minute ago' });
  const paused = row('nap', {}, { state: 'paused' });

  test('a toggles stopped containers in and out; paused ones always show', () => {
    let s = start([live, gone, paused]);
    assert.deepEqual(names(s), ['live', 'nap']);
    s = run(s, keys('a'));
    assert.deepEqual(names(s), ['live', 'gone', 'nap']);
    assert.equal(s.table.all, true);
  });

  test('the query predicate filters rows', () => {
    const s = start([live, paused], 5, { predicate: (c) => c.name !== 'nap' });
    assert.deepEqual(names(s), ['live']);
  });

  test('p holds the screen while snapshots keep coming, and catches up on resume', () => {
    let s = run(start([live]), [...keys('p'), snap([live, row('later', { cpuPercent: 5 })], 3)]);
    assert.equal(s.table.paused, true);
    assert.deepEqual(names(s), ['live']);
    assert.equal(s.table.latest.seq, 3);
    s = run(s, keys('p'));
    assert.equal(s.table.paused, false);
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
    ['Esc on the table asks first', ['escape'], { view: 'table', quit: false }],
    ['Esc twice on the table quits', ['escape', 'escape'], { view: 'table', quit: true }],
    ['Esc, another key, Esc: still only asking', ['escape', 'j', 'escape'], { view: 'table', quit: false }],
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
    assert.deepEqual(s.table.hidden, [HIDEABLE[1]]);
    s = run(s, keys('x'));
    assert.deepEqual(s.table.hidden, []);
    s = run(s, keys('k', 'k', 'enter', 'G'));
    assert.deepEqual(s.table.hidden, [HIDEABLE[0]]);
    assert.equal(s.chooser, 0);
  });

  test('the chooser cursor stays within the columns', () => {
    const s = run(start([live]), keys('c', ...Array(30).fill('j')));
    assert.equal(s.chooser, HIDEABLE.length - 1);
  });

  test('help scrolls and stops at both ends', () => {
    let s = run(start([live]), keys('?', 'j', 'j'));
    assert.equal(s.help.scroll, 2);
    s = run(s, keys('k', 'k', 'k'));
    assert.equal(s.help.scroll, 0);
    s = run(s, keys('G'));
    assert.ok(s.help.scroll > 0);
    assert.equal(run(s, keys('j')).help.scroll, s.help.scroll);
  });

  test('unbound keys change nothing', () => {
    const before = start([live]);
    assert.equal(run(before, keys('z', 'Z', 'tab')), before);
  });
});

describe('live reducer: detail view, events pane, marks, logs, actions and exec', () => {
  const abc = () => [row('a', { cpuPercent: 3 }), row('b', { cpuPercent: 2 }), row('c', { cpuPercent: 1 }, { state: 'exited' })];
  const allRows = () => start(abc(), 5, { all: true });

  test('v reveals environment values in the detail view; back, j/k and another container hide them again', () => {
    let s = run(allRows(), keys('enter', 'v'));
    assert.equal(s.showEnv, true);
    assert.equal(run(s, keys('v')).showEnv, false);
    assert.equal(run(s, keys('escape')).showEnv, false);
    assert.equal(run(s, keys('left', 'enter')).showEnv, false);
    s = run(s, keys('j'));
    assert.equal(selected(s), 'b');
    assert.equal(s.showEnv, false, 'j moves to the next container with its values hidden');
    s = run(s, keys('v', 'k'));
    assert.equal(s.showEnv, false);
    // The container goes and another takes its place under the selection.
    s = run(run(allRows(), keys('enter', 'v')), [snap([row('b', { cpuPercent: 2 }), row('c', {}, { state: 'exited' })], 3)]);
    assert.equal(selected(s), 'b');
    assert.equal(s.showEnv, false);
  });

  test('the detail view\'s container leaves the table (exits under "running only", removed): back to the table, saying so', () => {
    const running = start([row('a', { cpuPercent: 3 }), row('b', { cpuPercent: 2 })]);
    let s = run(running, keys('enter'));
    assert.equal(s.view, 'detail');
    s = run(s, [snap([row('a', {}, { state: 'exited' }), row('b', { cpuPercent: 2 })], 3)]);
    assert.equal(s.view, 'table', 'not the neighbour\'s details under the old title');
    assert.equal(s.notice, 'a is exited now: back to the table (a lists stopped containers)');
    s = run(run(running, keys('enter')), [snap([row('b', { cpuPercent: 2 })], 3)]);
    assert.equal(s.view, 'table');
    assert.equal(s.notice, 'a was removed: back to the table');
    // Still listed (-a): the detail view stays on it.
    s = run(run(allRows(), keys('enter')), [snap([row('a', {}, { state: 'exited' }), row('b', { cpuPercent: 2 })], 3)]);
    assert.deepEqual({ view: s.view, selected: selected(s) }, { view: 'detail', selected: 'a' });
  });

  test('v is not bound in the table', () => {
    const before = allRows();
    assert.equal(run(before, keys('v')), before);
  });

  test('j/k in the detail view move to the next/previous container and stay in the view', () => {
    const s = run(allRows(), keys('enter', 'j', 'j'));
    assert.equal(s.view, 'detail');
    assert.equal(selected(s), 'c');
    assert.equal(selected(run(s, keys('k'))), 'b');
  });

  test('e toggles the events pane; Esc closes it before it quits', () => {
    let s = run(allRows(), keys('e'));
    assert.equal(s.eventsPane, true);
    assert.equal(run(s, keys('e')).eventsPane, false);
    s = run(s, keys('escape'));
    assert.deepEqual({ pane: s.eventsPane, quit: s.quit }, { pane: false, quit: false });
    assert.equal(run(s, keys('escape', 'escape')).quit, true);
  });

  test('Space marks and unmarks the selected row; Esc clears the marks before it quits', () => {
    let s = run(allRows(), keys('space', 'j', 'space', 'j', 'space', 'k', 'space'));
    assert.deepEqual([...s.marked].map((id) => id.slice(0, 1)).sort(), ['a', 'c']);
    s = run(s, keys('escape'));
    assert.equal(s.marked.size, 0);
    assert.equal(s.quit, false);
    assert.match(s.notice ?? '', /marks cleared/);
  });

  test('marks of containers that are gone are dropped; others stay', () => {
    let s = run(allRows(), keys('space', 'j', 'space'));
    s = run(s, [snap([row('b', { cpuPercent: 2 }), row('c', {}, { state: 'exited' })], 3)]);
    assert.deepEqual([...s.marked].map((id) => id.slice(0, 1)), ['b']);
  });

  test('Space on a group row marks all its members; again unmarks them', () => {
    const list = [row('w1', { cpuPercent: 3 }, { labels: { app: 'web' } }), row('w2', { cpuPercent: 2 }, { labels: { app: 'web' } }), row('d1', { cpuPercent: 1 }, { labels: { app: 'db' } })];
    let s = start(list, 10, { groupBy: 'app' });
    assert.equal(s.table.items[s.table.cursor]?.kind, 'group');
    const group = s.table.items[s.table.cursor];
    const members = group.kind === 'group' ? [...group.group.ids].sort() : [];
    s = run(s, keys('space'));
    assert.deepEqual([...s.marked].sort(), members);
    assert.deepEqual(actionTargets(s.table, s.marked).map((t) => t.name).sort(), group.kind === 'group' ? group.group.rows.map((r) => r.info.name).sort() : []);
    assert.equal(run(s, keys('space')).marked.size, 0);
  });

  test('clearMarks (after an action ran) empties the set', () => {
    const s = run(allRows(), [...keys('space'), { type: 'clearMarks' }]);
    assert.equal(s.marked.size, 0);
  });

  test('m asks for the actions menu on the marked rows, else on the selected one', () => {
    let s = run(allRows(), keys('j', 'm'));
    assert.equal(s.actions.phase, 'menu');
    assert.deepEqual(s.actions.phase === 'menu' && s.actions.targets, [{ id: s.table.rows[1].info.id, name: 'b', state: 'running' }]);
    assert.equal(s.effect, null, 'the menu is screen state, not an effect');
    s = run(s, keys('escape', 'k', 'space', 'j', 'j', 'space', 'm'));
    assert.deepEqual(
      s.actions.phase === 'menu' && s.actions.targets.map((t) => [t.name, t.state]),
      [
        ['a', 'running'],
        ['c', 'exited'],
      ],
    );
  });

  test('marked rows hidden from the table are not acted on', () => {
    let s = run(allRows(), keys('G', 'space', 'a')); // mark the exited one, then hide stopped containers
    assert.equal(s.marked.size, 1);
    assert.deepEqual(
      actionTargets(s.table, s.marked).map((t) => t.name),
      [selected(s)],
    );
    s = run(s, keys('a'));
    assert.deepEqual(
      actionTargets(s.table, s.marked).map((t) => t.name),
      ['c'],
    );
  });

  test('m with no rows still opens the menu (which says nothing is selected)', () => {
    const s = run(start([]), keys('m'));
    assert.deepEqual(s.actions.phase === 'refused' && [s.actions.targets, s.actions.reason], [[], 'no container selected']);
  });

  test('m under --read-only (or with no engine) opens the menu refusing, with the reason from env', () => {
    const s = run(allRows(), keys('m'), { ...env, actionsDisabled: 'read-only mode' });
    assert.deepEqual(s.actions.phase === 'refused' && s.actions.reason, 'read-only mode');
  });

  test('L opens the logs of the selected container; Esc/← go back and stop following', () => {
    let s = run(allRows(), keys('j', 'L'));
    assert.equal(s.view, 'logs');
    assert.deepEqual(logTarget(s), { id: s.table.rows[1].info.id, name: 'b' });
    const help = run(s, keys('?'));
    assert.equal(help.view, 'help');
    assert.equal(run(help, keys('escape')).view, 'logs', 'help returns to the logs');
    assert.deepEqual(logTarget(run(help, keys('escape'))), logTarget(s));
    for (const back of ['escape', 'left']) {
      s = run(run(allRows(), keys('L')), keys(back));
      assert.deepEqual({ view: s.view, logTarget: logTarget(s), quit: s.quit }, { view: 'table', logTarget: null, quit: false });
    }
    assert.equal(run(run(allRows(), keys('L')), keys('q')).quit, true);
    assert.equal(run(start([]), keys('L')).view, 'table');
  });

  test('x asks for a shell in the selected container', () => {
    const s = run(allRows(), keys('x'));
    assert.deepEqual(s.effect, { type: 'exec', id: s.table.rows[0].info.id, name: 'a' });
    assert.equal(run(start([]), keys('x')).effect, null);
  });

  test('a notice from outside (exec) shows until the next key', () => {
    const s = run(allRows(), [{ type: 'notice', notice: 'shell /bin/sh in a ended (exit 0)' }]);
    assert.equal(s.notice, 'shell /bin/sh in a ended (exit 0)');
    assert.equal(run(s, keys('j')).notice, null);
  });
});

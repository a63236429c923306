// The root reducer with the `/` prompt and the `l` grouping: keys are routed to the open panel,
// the table narrows as the filter is typed, groups collapse and keep the selection across ticks.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { COMPOSE_PROJECT, COMPOSE_SERVICE } from '../../src/core/query/grouping.js';
import type { ContainerRow, ContainerStats } from '../../src/core/model/types.js';
import { keysFromInput } from '../../src/ui/keys/input-keys.js';
import { selectedRow } from '../../src/ui/table/table-selectors.js';
import { liveReducer } from '../../src/ui/live-reducer.js';
import { DEFAULT_ENV, initLiveState, type LiveAction as ViewAction, type LiveState as ViewState } from '../../src/ui/live-state.js';
import type { TableInit as ViewInit } from '../../src/ui/table/table-state.js';
import { EMPTY, row, snapshot } from '../helpers/ui-fixtures.js';
import type { Key } from 'ink';

const NO_KEY = { ctrl: false, meta: false } as Key;
/** What the input hook dispatches for a chunk of plain text (one key per character). */
const typed = (text: string): ViewAction[] => keysFromInput(text, NO_KEY).map((key) => ({ type: 'key', key }));
const keys = (...ks: string[]): ViewAction[] => ks.map((key) => ({ type: 'key', key }));
const snap = (list: readonly ContainerRow[], seq = 2): ViewAction => ({ type: 'snapshot', snapshot: snapshot(list, seq) });
const env = { ...DEFAULT_ENV, page: 20 };
const run = (s: ViewState, actions: ViewAction[]) => actions.reduce((acc, a) => liveReducer(acc, a, env), s);
const names = (s: ViewState) => s.table.rows.map((r) => r.info.name);
/** The table as drawn: group rows as "▾ value", members indented. */
const lines = (s: ViewState) => s.table.items.map((i) => (i.kind === 'group' ? `${i.expanded ? '▾' : '▸'} ${i.group.value}` : `${i.depth ? '  ' : ''}${i.row.info.name}`));
const selectedLine = (s: ViewState) => lines(s)[s.table.cursor];

function member(name: string, project: string, service: string, cpu: number, extra: Partial<ContainerStats> = {}): ContainerRow {
  return row(name, { cpuPercent: cpu, memUsage: cpu * 1000, ...extra }, { labels: { [COMPOSE_PROJECT]: project, [COMPOSE_SERVICE]: service, tier: service === 'db' ? 'data' : 'front' } });
}

/** By CPU: shop/web 50 (30 + 20), shop/db 40, blog/web 10; `dbLoad` raises shop/db's. */
const fleet = (dbLoad = 0): ContainerRow[] => [
  member('shop-web-1', 'shop', 'web', 30),
  member('shop-web-2', 'shop', 'web', 20),
  member('shop-db-1', 'shop', 'db', 40 + dbLoad),
  member('blog-web-1', 'blog', 'web', 10),
];

function start(list: readonly ContainerRow[] = fleet(), extra: Partial<ViewInit> = {}): ViewState {
  return liveReducer(initLiveState({ snapshot: EMPTY, ...extra }, env), snap(list, 1), env);
}

describe('live reducer: the / filter prompt', () => {
  test('/ opens the prompt; a chunk like "web" goes to it and narrows the table as it is typed', () => {
    let s = run(start(), keys('/'));
    assert.deepEqual(s.prompt, { text: '', cursor: 0, error: null });
    s = run(s, typed('w'));
    assert.deepEqual(names(s), ['shop-web-1', 'shop-web-2', 'blog-web-1']); // "w" is in "web" names
    s = run(s, typed('eb-1'));
    assert.equal(s.prompt?.text, 'web-1');
    assert.deepEqual(names(s), ['shop-web-1', 'blog-web-1']);
    assert.equal(s.table.filter.text, 'web-1');
  });

  test('a selector: /com.docker.compose.service=web then Enter', () => {
    const s = run(start(), [...keys('/'), ...typed(`${COMPOSE_SERVICE}=web`), ...keys('enter')]);
    assert.equal(s.prompt, null);
    assert.deepEqual(names(s), ['shop-web-1', 'shop-web-2', 'blog-web-1']);
    assert.equal(s.table.filter.text, `${COMPOSE_SERVICE}=web`);
  });

  test('table keys typed in the prompt are text: q does not quit, j does not move, 6 does not sort', () => {
    const s = run(start(), [...keys('/'), ...typed('qj6')]);
    assert.equal(s.quit, false);
    assert.equal(s.table.sort, 'cpu');
    assert.equal(s.prompt?.text, 'qj6');
  });

  test('Ctrl-C still quits from the prompt', () => {
    assert.equal(run(start(), keys('/', 'w', 'ctrl+c')).quit, true);
  });

  test('a bad selector shows its error; the table keeps the last valid filter', () => {
    const s = run(start(), [...keys('/'), ...typed('tier in (data')]);
    assert.deepEqual(s.prompt?.error, { message: "expected ')'", position: 13 });
    // "tier in " (free text, matching nothing) was the last text that parsed.
    assert.equal(s.table.filter.text, 'tier in ');
    const fixed = run(s, typed(')'));
    assert.equal(fixed.prompt?.error, null);
    assert.deepEqual(names(fixed), ['shop-db-1']);
  });

  test('Enter with an error keeps the prompt open with a notice', () => {
    const s = run(start(), [...keys('/'), ...typed('tier in (data'), ...keys('enter')]);
    assert.ok(s.prompt);
    assert.match(s.notice ?? '', /does not parse/);
  });

  test('Esc clears the filter and closes the prompt', () => {
    const s = run(start(), [...keys('/'), ...typed('db'), ...keys('enter', '/', 'escape')]);
    assert.equal(s.prompt, null);
    assert.equal(s.table.filter.text, '');
    assert.equal(names(s).length, 4);
  });

  test('Backspace and Ctrl-U edit the line and the preview follows', () => {
    let s = run(start(), [...keys('/'), ...typed('dbx')]);
    assert.deepEqual(names(s), []);
    s = run(s, keys('backspace'));
    assert.deepEqual(names(s), ['shop-db-1']);
    s = run(s, keys('ctrl+u'));
    assert.equal(names(s).length, 4);
  });

  test('/ again opens on the filter in force, to refine it', () => {
    const s = run(start(), [...keys('/'), ...typed('web'), ...keys('enter', '/'), ...typed('-2')]);
    assert.equal(s.prompt?.text, 'web-2');
    assert.deepEqual(names(s), ['shop-web-2']);
  });

  test('the -l/-f query stays in force and is ANDed with the prompt', () => {
    const shopOnly = (c: { labels: Record<string, string> }) => c.labels[COMPOSE_PROJECT] === 'shop';
    const s = run(start(fleet(), { predicate: shopOnly }), [...keys('/'), ...typed('tier=front'), ...keys('enter')]);
    assert.deepEqual(names(s), ['shop-web-1', 'shop-web-2']);
    assert.deepEqual(names(run(s, keys('/', 'escape'))), ['shop-db-1', 'shop-web-1', 'shop-web-2']);
  });

  test('new ticks while the prompt is open are filtered too', () => {
    const s = run(start(), [...keys('/'), ...typed('web'), snap([...fleet(), member('admin-web-1', 'admin', 'web', 99)], 3)]);
    assert.deepEqual(names(s), ['admin-web-1', 'shop-web-1', 'shop-web-2', 'blog-web-1']);
  });
});

describe('live reducer: grouping (l, -g)', () => {
  test('l opens the picker: no grouping, the shortcuts, then the label keys of this host', () => {
    const s = run(start(), keys('l'));
    assert.deepEqual(
      s.picker?.options.map((o) => o.spec),
      [null, 'compose', 'image', 'state', COMPOSE_PROJECT, COMPOSE_SERVICE, 'tier'],
    );
    assert.equal(s.picker?.cursor, 0);
  });

  test('j then Enter groups by compose; Esc closes without a change', () => {
    const grouped = run(start(), keys('l', 'j', 'enter'));
    assert.equal(grouped.picker, null);
    assert.equal(grouped.table.groupBy?.spec, 'compose');
    assert.deepEqual(lines(grouped), ['▾ shop/web', '  shop-web-1', '  shop-web-2', '▾ shop/db', '  shop-db-1', '▾ blog/web', '  blog-web-1']);
    const closed = run(start(), keys('l', 'j', 'escape'));
    assert.equal(closed.picker, null);
    assert.equal(closed.table.groupBy, null);
  });

  test('keys in the picker do not reach the table: q quits, but s does not sort', () => {
    const s = run(start(), keys('l', 's'));
    assert.equal(s.table.sort, 'cpu');
    assert.ok(s.picker);
    assert.equal(run(s, keys('q')).quit, true);
  });

  test('the picker opens on the grouping in force; "(no grouping)" ungroups', () => {
    const s = run(start(fleet(), { groupBy: 'compose' }), keys('l'));
    assert.equal(s.picker?.cursor, 1);
    const ungrouped = run(s, keys('k', 'enter'));
    assert.equal(ungrouped.table.groupBy, null);
    assert.deepEqual(lines(ungrouped), ['shop-db-1', 'shop-web-1', 'shop-web-2', 'blog-web-1']);
  });

  test('-g sets the initial grouping; an empty spec is no grouping', () => {
    assert.equal(start(fleet(), { groupBy: 'tier' }).table.items[0].id, 'group:front');
    assert.equal(start(fleet(), { groupBy: '' }).table.groupBy, null);
  });

  test('Enter on a group row collapses and expands it; on a member it opens the detail view', () => {
    let s = start(fleet(), { groupBy: 'compose' });
    assert.equal(s.table.selectedId, 'group:shop/web');
    s = run(s, keys('enter'));
    assert.deepEqual(lines(s).slice(0, 2), ['▸ shop/web', '▾ shop/db']);
    assert.equal(s.view, 'table');
    assert.equal(s.table.selectedId, 'group:shop/web');
    s = run(s, keys('o'));
    assert.deepEqual(lines(s).slice(0, 2), ['▾ shop/web', '  shop-web-1']);
    s = run(s, keys('j', 'enter'));
    assert.equal(s.view, 'detail');
    assert.equal(selectedRow(s.table)?.info.name, 'shop-web-1');
  });

  test('a group row is no container: selectedRow is undefined, selectedId says group', () => {
    const s = start(fleet(), { groupBy: 'compose' });
    assert.equal(selectedRow(s.table), undefined);
    assert.match(s.table.selectedId ?? '', /^group:/);
  });

  test('L and x on a group row say it is no container, instead of doing nothing', () => {
    const s = start(fleet(), { groupBy: 'compose' });
    for (const key of ['L', 'x']) {
      const after = run(s, keys(key));
      assert.equal(after.view, 'table');
      assert.equal(after.effect, null);
      assert.equal(after.notice, 'a group row: select one of its containers (Enter expands or collapses it)');
    }
  });

  test('the selection stays on its group across ticks that re-sort the groups', () => {
    let s = run(start(fleet(), { groupBy: 'compose' }), keys('j', 'j', 'j')); // ▾ shop/db
    assert.equal(selectedLine(s), '▾ shop/db');
    s = run(s, [snap(fleet(100), 3)]); // shop/db's total now tops shop/web's: the order changes
    assert.deepEqual(lines(s).slice(0, 3), ['▾ shop/db', '  shop-db-1', '▾ shop/web']);
    assert.equal(selectedLine(s), '▾ shop/db');
    assert.equal(s.table.cursor, 0);
  });

  test('the selection stays on its container across ticks, inside its group', () => {
    let s = run(start(fleet(), { groupBy: 'compose' }), keys('j', 'j')); // shop-web-2
    assert.equal(selectedLine(s), '  shop-web-2');
    s = run(s, [snap([member('shop-web-1', 'shop', 'web', 1), ...fleet().slice(1)], 3)]);
    assert.equal(selectedLine(s), '  shop-web-2');
    assert.equal(s.table.items[s.table.cursor - 1].id, 'group:shop/web'); // now the first member
  });

  test('grouping keeps the selected container selected', () => {
    const s = run(start(), keys('j', 'j', 'l', 'j', 'enter')); // shop-web-2 under cpu order
    assert.equal(selectedRow(s.table)?.info.name, 'shop-web-2');
  });

  test('sort keys sort groups by their totals and members within them', () => {
    const s = run(start(fleet(), { groupBy: 'compose' }), keys('6')); // by name
    assert.deepEqual(lines(s), ['▾ blog/web', '  blog-web-1', '▾ shop/db', '  shop-db-1', '▾ shop/web', '  shop-web-1', '  shop-web-2']);
  });

  test('G and g reach the last and first lines, group rows included', () => {
    const s = run(start(fleet(), { groupBy: 'compose' }), keys('G'));
    assert.equal(s.table.cursor, s.table.items.length - 1);
    assert.equal(run(s, keys('g')).table.cursor, 0);
  });

  test('in the detail view, j/k step over group rows', () => {
    let s = run(start(fleet(), { groupBy: 'compose' }), keys('j', 'j', 'enter')); // detail of shop-web-2
    assert.equal(s.view, 'detail');
    s = run(s, keys('j'));
    assert.equal(selectedRow(s.table)?.info.name, 'shop-db-1');
    s = run(s, keys('k', 'k'));
    assert.equal(selectedRow(s.table)?.info.name, 'shop-web-1');
    s = run(s, keys('k'));
    assert.equal(selectedRow(s.table)?.info.name, 'shop-web-1'); // no container above: stays
  });

  test('the / filter narrows the groups and their totals', () => {
    const s = run(start(fleet(), { groupBy: 'compose' }), [...keys('/'), ...typed('web-1'), ...keys('enter')]);
    assert.deepEqual(lines(s), ['▾ shop/web', '  shop-web-1', '▾ blog/web', '  blog-web-1']);
    const web = s.table.items[0].kind === 'group' ? s.table.items[0].group : null;
    assert.equal(web?.totals.cpuPercent, 30);
    assert.equal(web?.count, 1);
  });
});

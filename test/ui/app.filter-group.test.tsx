/** @jsxRuntime automatic @jsxImportSource react */
// The `/` prompt and the `l` grouping as drawn: the prompt component on its own (caret under the
// offending character), then the whole live screen driven through stdin like a terminal.
// test/helpers/mount-app pins colour before Ink loads; assertions strip SGR.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { COMPOSE_PROJECT, COMPOSE_SERVICE } from '../../src/core/query/grouping.js';
import type { ContainerRow } from '../../src/core/model/types.js';
import { mountApp, type Size } from '../helpers/mount-app.js';
import { plain, row } from '../helpers/ui-fixtures.js';

const { render } = await import('ink-testing-library');
const { FilterPromptBar } = await import('../../src/ui/filter/filter-prompt.js');
const { GroupPickerPanel } = await import('../../src/ui/groups/group-picker-view.js');
const { compileFilter, openPrompt } = await import('../../src/ui/filter/filter-prompt-reducer.js');
const { openGroupPicker } = await import('../../src/ui/groups/group-picker.js');
const { THEMES } = await import('../../src/ui/shared/theme.js');
const { displayWidth } = await import('../../src/ui/shared/text-fit.js');

function drawn(node: Parameters<typeof render>[0]): string[] {
  const r = render(node);
  const lines = plain(r.lastFrame()).split('\n');
  r.unmount();
  return lines;
}

describe('FilterPromptBar', () => {
  test('the text with an inverse cursor, then the hint and the count', () => {
    const r = render(<FilterPromptBar prompt={openPrompt('web')} matches={2} width={90} theme={THEMES.dark} />);
    const raw = r.lastFrame() ?? '';
    r.unmount();
    const [one, two] = plain(raw).split('\n');
    assert.match(one, /^\/ web/);
    assert.match(two, /Enter keeps.*2 shown$/);
    assert.match(raw, /\x1b\[7m \x1b\[27m/, 'the cursor is an inverse blank after the text');
  });

  test('an error: a caret under the offending character and the reason', () => {
    const text = 'tier in (data,,web)';
    const prompt = { ...openPrompt(text), error: compileFilter(text).error! };
    const [one, two] = drawn(<FilterPromptBar prompt={prompt} matches={0} width={80} theme={THEMES.mono} />);
    assert.equal(two.indexOf('^'), one.indexOf(',,') + 1);
    assert.match(two, /\^ expected a value/);
  });
});

describe('GroupPickerPanel', () => {
  test('title, options with the cursor, the grouping in force ticked, cut to its height', () => {
    const rows = [row('a', {}, { labels: { [COMPOSE_PROJECT]: 'shop', zeta: '1' } })];
    const picker = { ...openGroupPicker(rows, 'compose'), cursor: 2 };
    const lines = drawn(<GroupPickerPanel picker={picker} current="compose" width={60} height={4} theme={THEMES.mono} />);
    assert.equal(lines.length, 4);
    assert.match(lines[0], /^Group by +\(k up · j down · Enter picks · Esc closes · q qui/); // the keymap's `groups` hints
    assert.match(lines[2], /compose +project\/service +✓ in force/);
    assert.match(lines[3], /^› image/);
  });
});


function mount(size: Size = { columns: 120, rows: 30 }, extra: { filter?: string; groupBy?: string } = {}) {
  const settings = { all: true, color: true, theme: 'dark' as const, filter: extra.filter ?? '', groupBy: extra.groupBy };
  const { tick, frame, waitFor, press } = mountApp({ settings, size });
  return { tick, frame, waitFor, write: press };
}

const svc = (name: string, project: string, service: string, cpu: number, state: ContainerRow['info']['state'] = 'running') =>
  row(name, { cpuPercent: state === 'running' ? cpu : 0, memUsage: state === 'running' ? cpu * 1024 * 1024 : 0, pids: state === 'running' ? 2 : 0 }, { labels: { [COMPOSE_PROJECT]: project, [COMPOSE_SERVICE]: service }, state });

const FLEET = [
  svc('shop-web-1', 'shop', 'web', 12),
  svc('shop-web-2', 'shop', 'web', 8),
  svc('shop-db-1', 'shop', 'db', 5),
  svc('blog-web-1', 'blog', 'web', 3),
  svc('blog-web-2', 'blog', 'web', 0, 'exited'),
];

function checkFrame(f: string, size: Size) {
  const lines = f.split('\n');
  assert.ok(lines.length <= size.rows - 1, `${lines.length} lines in ${size.rows} rows`);
  for (const l of lines) assert.ok(displayWidth(l) <= size.columns, `too wide: ${l}`);
}

describe('live screen: / and l', () => {
  test('"/" then a chunk narrows the rows as it arrives; Enter keeps it and the header says so', async () => {
    const { tick, waitFor, write } = mount();
    tick(FLEET);
    await waitFor((f) => f.includes('blog-web-2'), 'rows');
    await write('/', `${COMPOSE_SERVICE}=web`);
    let f = await waitFor((x) => !x.includes('shop-db-1') && x.includes('shop-web-1'), 'narrowed while typing');
    assert.match(f, /4 shown/);
    await write('\r');
    f = await waitFor((x) => x.includes('? help'), 'footer back');
    assert.match(f, new RegExp(`filter ${COMPOSE_SERVICE.replace(/\./g, '\\.')}=web`));
    assert.ok(!f.includes('shop-db-1'));
  });

  test('a bad selector: the error under the prompt, the table unchanged', async () => {
    const { tick, waitFor, write } = mount();
    tick(FLEET);
    await waitFor((f) => f.includes('blog-web-2'), 'rows');
    await write('/', 'app=web,,');
    const f = await waitFor((x) => x.includes('expected a label key'), 'error');
    const lines = f.split('\n');
    const at = lines.findIndex((l) => l.startsWith('/ app=web,,'));
    assert.equal(lines[at + 1].indexOf('^'), lines[at].indexOf(',,') + 1);
    // "app=web," does not parse either; "app=web" (nothing matches) was the last valid filter.
    assert.ok(!f.includes('shop-web-1'));
    await write('\u001B');
    await waitFor((x) => x.includes('shop-web-1') && x.includes('? help'), 'Esc clears');
  });

  test('l → compose: group rows with totals and n/m running, members indented; Enter collapses', async () => {
    const size = { columns: 120, rows: 30 };
    const { tick, waitFor, write } = mount(size);
    tick(FLEET);
    await waitFor((f) => f.includes('blog-web-2'), 'rows');
    await write('l');
    await waitFor((x) => x.includes('Group by') && x.includes('(no grouping)'), 'picker');
    await write('j', '\r');
    let f = await waitFor((x) => x.includes('▾ shop/web'), 'grouped');
    checkFrame(f, size);
    const line = (re: RegExp) => f.split('\n').find((l) => re.test(l)) ?? '';
    assert.match(line(/▾ shop\/web/), /2\/2 running +▾ shop\/web +20\.0%/);
    assert.match(line(/▾ shop\/web/), /20MiB/);
    assert.match(line(/▾ blog\/web/), /1\/2 running/);
    assert.match(line(/shop-web-1/), /▶ running +shop-web-1/, 'members indented under the group');
    assert.match(f, /group compose/);
    await write('\r'); // the selection starts on the first group row
    f = await waitFor((x) => x.includes('▸ shop/web'), 'collapsed');
    assert.ok(!f.includes('shop-web-2'));
  });

  test('-g compose at 80×24: the frame fits; the count moves into the name column', async () => {
    const size = { columns: 80, rows: 24 };
    const { tick, waitFor } = mount(size, { groupBy: 'compose', filter: 'app!=x' });
    tick(FLEET);
    const f = await waitFor((x) => x.includes('shop/web'), 'grouped');
    checkFrame(f, size);
    assert.match(f, /▾ shop\/web 2\/2/);
    assert.match(f.split('\n')[0], /running \/ 5 total · query app!=x · group compose/);
  });
});

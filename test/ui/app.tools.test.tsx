/** @jsxRuntime automatic */
// The live screen with issue 6 and 7 wired in (ink-testing-library, a real Store, no engine):
// the detail view, the events pane, marks and the actions menu, the log view, --read-only.
// test/helpers/mount-app pins colour before Ink loads; assertions strip SGR.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { READ_ONLY_REASON } from '../../src/core/model/actions.js';
import { dockerCommands } from '../../src/commands/docker/docker-commands.js';
import type { ContainerRow, EngineEvent } from '../../src/core/model/types.js';
import { displayWidth } from '../../src/ui/shared/text-fit.js';
import { mountApp, type AppProps, type Size } from '../helpers/mount-app.js';
import { row } from '../helpers/ui-fixtures.js';

function mount(opts: { size?: Size; readOnly?: boolean; commands?: AppProps['commands'] } = {}) {
  const settings = { all: true, color: true, theme: 'dark' as const, filter: '' };
  const size = opts.size ?? { columns: 100, rows: 30 };
  const { r, store, tick, frame, waitFor, press, now } = mountApp({ settings, size, readOnly: opts.readOnly, commands: opts.commands });
  const fits = (f: string) => {
    const lines = f.split('\n');
    assert.ok(lines.length <= size.rows - 1, `${lines.length} lines in ${size.rows} rows`);
    for (const l of lines) assert.ok(displayWidth(l) <= size.columns, `too wide (${displayWidth(l)}): ${l}`);
  };
  return { store, tick, frame, waitFor, press, fits, t: now };
}

const ESC = '\u001B';
const ENTER = '\r';
const trio = () => [row('alpha', { cpuPercent: 3 }), row('bravo', { cpuPercent: 2 }), row('charlie', { cpuPercent: 1 })];
const ev = (r: ContainerRow, action: string, time: number, extra: Partial<EngineEvent> = {}): EngineEvent => ({
  time,
  id: r.info.id,
  action,
  detail: null,
  name: r.info.name,
  image: r.info.image,
  exitCode: null,
  signal: null,
  attributes: {},
  ...extra,
});

describe('live screen tools (component, no engine)', () => {
  test('Enter opens the detail view (facts, charts, a note that inspect needs an engine); j moves on; Esc returns', async () => {
    const { tick, waitFor, press, fits } = mount();
    tick(trio());
    await waitFor((f) => f.includes('charlie'), 'rows');
    await press(ENTER);
    let f = await waitFor((x) => /Esc back {2}k prev {2}j next/.test(x) && /CPU/.test(x) && /MEM/.test(x), 'detail view');
    assert.match(f, /▶ running\s+alpha/);
    assert.match(f, /not connected: no engine to act on/);
    fits(f);
    await press('j');
    f = await waitFor((x) => /▶ running\s+bravo/.test(x), 'j: next container');
    await press(ESC);
    await waitFor((x) => /NAME/.test(x) && !/Esc back {2}k prev {2}j next/.test(x), 'back to the table');
  });

  test('e shows the events pane with the engine events; a restart shows in the state cell and the pane', async () => {
    const { store, tick, waitFor, press, fits, t } = mount({ size: { columns: 120, rows: 30 } });
    const rows = trio();
    tick(rows);
    await waitFor((f) => f.includes('charlie'), 'rows');
    await press('e');
    await waitFor((f) => /Events\s+none yet/.test(f), 'empty pane');
    store.addEvents([ev(rows[1], 'die', t() - 500, { exitCode: 137 }), ev(rows[1], 'start', t() - 400), ev(rows[1], 'restart', t() - 400)]);
    tick(rows);
    const f = await waitFor((x) => /bravo\s+restart/.test(x) && /die \(exit 137\)/.test(x), 'events in the pane');
    assert.match(f, /▶ running ↻1 bravo/);
    fits(f);
    await press('e');
    await waitFor((x) => !/Events/.test(x), 'pane off');
  });

  test('Space marks rows; m without an engine opens the panel that says why; the frame still fits', async () => {
    const { tick, waitFor, press, fits } = mount({ size: { columns: 80, rows: 24 } });
    tick(trio());
    await waitFor((f) => f.includes('charlie'), 'rows');
    await press(' ', 'j', ' ');
    let f = await waitFor((x) => /2 marked/.test(x), 'two marks');
    assert.match(f, /^•\S*\s+alpha/m);
    assert.match(f, /^»\S*\s+bravo/m);
    await press('m');
    f = await waitFor((x) => x.includes('Actions unavailable'), 'refusal panel');
    assert.ok(f.includes('not connected: no engine to act on'), f);
    fits(f);
    await press('q'); // modal: q does not quit while the panel is open
    await press(ESC);
    f = await waitFor((x) => !x.includes('Actions unavailable'), 'panel closed');
    await press(ESC);
    await waitFor((x) => /marks cleared/.test(x), 'Esc clears the marks first');
  });

  test('--read-only: READ-ONLY in the header, m refuses with the reason, help says disabled', async () => {
    // An engine that is never called: m and help do not reach it (the refusal comes first).
    const { tick, waitFor, press } = mount({ readOnly: true, commands: dockerCommands({} as never), size: { columns: 120, rows: 40 } });
    tick(trio());
    await waitFor((f) => f.includes('charlie'), 'rows');
    assert.match(await waitFor((f) => /READ-ONLY/.test(f), 'badge'), /^ctop-ts READ-ONLY/);
    await press('m');
    await waitFor((x) => x.includes(READ_ONLY_REASON), 'read-only refusal');
    await press(ESC);
    await press('?');
    const f = await waitFor((x) => /Keys/.test(x), 'help');
    assert.match(f, /m +disabled \(--read-only\): actions menu/);
    assert.match(f, /x +disabled \(--read-only\): shell/);
    assert.match(f, /L +logs of the selected container/);
  });

  test('L opens the log view (no engine: it says so); Esc returns to the table', async () => {
    const { tick, waitFor, press, fits } = mount({ size: { columns: 80, rows: 24 } });
    tick(trio());
    await waitFor((f) => f.includes('charlie'), 'rows');
    await press('L');
    const f = await waitFor((x) => /Logs: alpha/.test(x) && /no engine to act on/.test(x), 'log view');
    fits(f);
    await press(ESC);
    await waitFor((x) => /NAME/.test(x) && !/Logs:/.test(x), 'back to the table');
  });

  test('while a log search is typed the footer shows the search keys, not the log keys that now type text', async () => {
    const { tick, waitFor, press, frame } = mount({ size: { columns: 120, rows: 24 } });
    tick(trio());
    await waitFor((f) => f.includes('charlie'), 'rows');
    await press('L');
    await waitFor((x) => /Logs: alpha/.test(x) && /Esc close {2}j down/.test(x), 'log view, its keys in the footer');
    await press('/', 'j');
    const f = await waitFor((x) => x.includes('/j█'), 'j typed into the search');
    const footer = f.split('\n').at(-1) ?? '';
    assert.match(footer, /Enter find {2}Esc cancel/);
    assert.doesNotMatch(footer, /j down/);
    await press(ESC);
    await waitFor((x) => /Esc close {2}j down/.test(x.split('\n').at(-1) ?? ''), 'search cancelled: the log keys again');
    assert.match(frame(), /Logs: alpha/);
  });

  test('v in the detail view is accepted (environment needs inspect details, so nothing to reveal here)', async () => {
    const { tick, waitFor, press } = mount();
    tick(trio());
    await waitFor((f) => f.includes('charlie'), 'rows');
    await press(ENTER, 'v');
    await waitFor((x) => /Esc back {2}k prev {2}j next/.test(x), 'still the detail view');
  });
});

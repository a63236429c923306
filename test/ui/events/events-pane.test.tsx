/** @jsxRuntime automatic @jsxImportSource react */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { render } from 'ink-testing-library';
import { parseEventLine } from '../../../src/core/events/event-parse.js';
import type { EngineEvent } from '../../../src/core/model/types.js';
import { EventsPane } from '../../../src/ui/events/events-pane.js';
import { eventLines } from '../../../src/ui/events/event-lines.js';
import { lineText } from '../../../src/ui/shared/segments.js';
import { THEMES } from '../../../src/ui/shared/theme.js';

process.env.TZ = 'UTC';
const ANSI = /\u001b\[[0-9;]*m/g;
const recorded: EngineEvent[] = readFileSync(new URL('../../../fixtures/events/docker-20.10-api-1.41.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .map(parseEventLine)
  .filter((e): e is EngineEvent => e !== null);

function frame(events: readonly EngineEvent[], width: number, height: number): string[] {
  const r = render(<EventsPane events={events} width={width} height={height} theme={THEMES.mono} />);
  const lines = (r.lastFrame() ?? '').replace(ANSI, '').split('\n');
  r.unmount();
  return lines;
}

describe('EventsPane', () => {
  test('newest first, glyph per class, names in a column, health-check echoes dropped', () => {
    const lines = frame(recorded, 80, 12);
    assert.equal(lines.length, 12);
    assert.match(lines[0], /^Events {2}\d+ \(newest first\)/);
    assert.deepEqual(lines.slice(1, 6), [
      '· 12:16:45  ctop-ev-health2  destroy',
      '· 12:16:45  ctop-ev-oom      destroy',
      '· 12:16:45  ctop-ev-fail     destroy',
      '! 12:16:42  ctop-ev-fail     die (exit 3)',
      '+ 12:16:42  ctop-ev-fail     start',
    ]);
    assert.ok(!lines.some((l) => /exec_create|exec_die/.test(l)));
  });

  test('OOM, unhealthy and a non-zero exit stand out with "!" (readable without colour)', () => {
    const all = eventLines(recorded, { width: 80, height: 200 }).map(lineText);
    assert.ok(all.some((l) => /^! \S+ {2}ctop-ev-oom +oom \(out of memory\)/.test(l)));
    assert.ok(all.some((l) => /^! \S+ {2}ctop-ev-health +health: unhealthy/.test(l)));
    assert.ok(all.some((l) => /^\+ \S+ {2}ctop-ev-health +health: healthy/.test(l)));
    assert.ok(all.some((l) => /kill \(SIGTERM\)/.test(l)));
    assert.ok(all.some((l) => /rename \(was ctop-ev-health\)/.test(l)));
  });

  test('tones: oom danger, unhealthy its own tone, healthy ok-ish, start ok', () => {
    const lines = eventLines(recorded, { width: 80, height: 200 });
    const toneOf = (re: RegExp) => lines.flat().find((s) => re.test(s.text))!.tone;
    assert.equal(toneOf(/oom \(out of memory\)/), 'danger');
    assert.equal(toneOf(/health: unhealthy/), 'unhealthy');
    assert.equal(toneOf(/health: healthy/), 'healthy');
    assert.equal(toneOf(/^start$/), 'ok');
  });

  test('repeats fold into one line with a count', () => {
    const checks = recorded.filter((e) => e.action === 'exec_start' && e.detail?.includes('test -f'));
    const lines = eventLines(checks.slice(0, 4), { width: 80, height: 5 }).map(lineText);
    assert.match(lines[1], /exec_start: \/bin\/sh -c test -f \/tmp\/ok ×4/);
  });

  test('exact size at any width and height; empty says so', () => {
    for (const [w, h] of [[120, 30], [40, 5], [10, 3], [80, 1]]) {
      const lines = eventLines(recorded, { width: w, height: h }).map(lineText);
      assert.equal(lines.length, h);
      for (const l of lines) assert.equal(l.length, w, l);
    }
    assert.deepEqual(eventLines([], { width: 0, height: 3 }), []);
    assert.match(frame([], 40, 3)[0], /Events {2}none yet/);
  });

  test('one container, without the name column', () => {
    const id = recorded.find((e) => e.name === 'ctop-ev-oom')!.id;
    const lines = eventLines(recorded, { width: 50, height: 6, containerId: id, showNames: false }).map(lineText);
    assert.deepEqual(lines.slice(1).map((l) => l.trimEnd()), [
      '· 12:16:45  destroy',
      '! 12:16:35  die (exit 137)',
      '! 12:16:35  oom (out of memory)',
      '+ 12:16:34  start',
      '· 12:16:34  create',
    ]);
  });

  test('names and commands are sanitized', () => {
    const e: EngineEvent = { time: 0, id: 'f'.repeat(64), action: 'exec_start', detail: 'ls\u001b]8;;http://x\u0007link', name: 'a\u001b[2Jb', image: null, exitCode: null, signal: null, attributes: {} };
    const lines = frame([e], 60, 2);
    assert.equal(lines[1], '· 00:00:00  ab  exec_start: lslink');
  });
});

// Selectors, filters and grouping against compose-labelled containers (fixtures/labels).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { groupRows } from '../../../src/core/query/grouping.js';
import { engineFilters, parseFilter, parseSelector, SelectorError } from '../../../src/core/query/selector.js';
import type { ContainerInfo, ContainerRow, ContainerStats } from '../../../src/core/model/types.js';
import { groupsNdjson } from '../../../src/output/group-json.js';
import { groupTable } from '../../../src/output/group-table.js';

const load = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../../../fixtures/labels/${name}`, import.meta.url), 'utf8')) as T;

interface MatchCase {
  selector: string;
  names?: string[];
  engine?: string[];
  error?: number;
}
interface Cases {
  matches: MatchCase[];
  filters: { filter: string; names: string[] }[];
}
interface StatsFixture {
  memTotal: number;
  timestamp: number;
  stats: Record<string, { name: string; stats: ContainerStats }>;
}

const containers = load<ContainerInfo[]>('containers.json');
const cases = load<Cases>('selector-cases.json');
const fixture = load<StatsFixture>('stats.json');
const rows: ContainerRow[] = containers.map((info) => ({
  info,
  stats: fixture.stats[info.id].stats,
  source: 'replay',
  timestamp: fixture.timestamp,
}));

/** What a host with these containers would return for an engine `label` filter (docker's MatchKVList). */
function engineKeeps(info: ContainerInfo, label: readonly string[]): boolean {
  return label.every((f) => {
    const eq = f.indexOf('=');
    if (eq < 0) return Object.hasOwn(info.labels, f);
    const key = f.slice(0, eq);
    return Object.hasOwn(info.labels, key) && info.labels[key] === f.slice(eq + 1);
  });
}

describe('selectors against compose labels', () => {
  for (const c of cases.matches) {
    test(`-l ${JSON.stringify(c.selector)}`, () => {
      if (c.error !== undefined) {
        assert.throws(() => parseSelector(c.selector), (err: unknown) => err instanceof SelectorError && err.position === c.error);
        return;
      }
      const sel = parseSelector(c.selector);
      assert.deepEqual(containers.filter((info) => sel.matches(info)).map((i) => i.name), c.names);
      const engine = engineFilters([sel]);
      assert.deepEqual(engine.label ?? [], c.engine);
      // The engine may only narrow to a superset of what we keep locally.
      for (const info of containers) if (sel.matches(info)) assert.ok(engineKeeps(info, engine.label ?? []), info.name);
    });
  }

  for (const c of cases.filters) {
    test(`-f ${JSON.stringify(c.filter)}`, () => {
      const sel = parseFilter(c.filter);
      assert.deepEqual(containers.filter((info) => sel.matches(info)).map((i) => i.name), c.names);
    });
  }
});

describe('grouping the fixture', () => {
  test('compose groups: project/service, one-off runs with their service, the rest in (none)', () => {
    const groups = groupRows(rows, 'compose', { memTotal: fixture.memTotal });
    assert.deepEqual(
      groups.map((g) => [g.value, g.count, g.running]),
      [
        ['blog/app', 2, 1],
        ['shop/db', 1, 1],
        ['shop/web', 3, 2],
        [null, 3, 2],
      ],
    );
    const web = groups[2];
    assert.equal(web.totals.cpuPercent, 12.5 + 7.25 + 0);
    assert.equal(web.totals.pids, 18);
    assert.equal(web.totals.memHostPercent, ((290 * 2 ** 20) / fixture.memTotal) * 100);
    // blog: pids and rates unreadable for every member (first tick) stay unknown.
    const blog = groups[0];
    assert.equal(blog.totals.pids, null);
    assert.equal(blog.totals.netRxRate, null);
    assert.equal(blog.totals.netRxBytes, 15_000);
    // (none): `scratch` is stopped with nothing read, and still counts as zeros.
    const none = groups[3];
    assert.equal(none.totals.pids, 4);
    assert.deepEqual(none.ids, [containers[6].id, containers[7].id, containers[8].id]);
  });

  test('project label groups, and a selector applied before grouping', () => {
    const sel = parseSelector('com.docker.compose.oneoff!=True');
    const kept = rows.filter((r) => sel.matches(r.info));
    const groups = groupRows(kept, 'com.docker.compose.project');
    assert.deepEqual(
      groups.map((g) => [g.value, g.count]),
      [
        ['blog', 2],
        ['shop', 3],
        [null, 3],
      ],
    );
  });

  test('the table lines up groups and members in docker style', () => {
    const groups = groupRows(rows, 'compose', { memTotal: fixture.memTotal });
    const lines = groupTable(groups).split('\n');
    assert.match(lines[0], /^CONTAINER ID +NAME +CPU % +MEM USAGE \/ LIMIT +MEM % +NET I\/O +BLOCK I\/O +PIDS$/);
    assert.match(lines[1], /^blog\/app +1\/2 running +2\.50% +124MiB \/ 16GiB +0\.76% +15kB \/ 27kB +0B \/ 0B +--$/);
    assert.ok(lines[2].startsWith(`  ${containers[4].id.slice(0, 12)} `));
    // Every cell of every line starts where its header starts (one tabwriter block).
    const starts = ['NAME', 'CPU %', 'MEM USAGE', 'MEM %', 'NET I/O', 'BLOCK I/O', 'PIDS'].map((h) => lines[0].indexOf(h));
    for (const line of lines.filter(Boolean)) {
      for (const at of starts) assert.ok(line[at - 1] === ' ' && line[at] !== ' ', `column ${at} of ${JSON.stringify(line)}`);
    }
    assert.equal(lines.filter(Boolean).length, 1 + 4 + rows.length);
  });

  test('json: one group object per line, members by id', () => {
    const groups = groupRows(rows, 'compose', { memTotal: fixture.memTotal });
    const objects = groupsNdjson(groups)
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(objects.length, 4);
    assert.deepEqual(objects.map((o) => o.value), ['blog/app', 'shop/db', 'shop/web', null]);
    assert.deepEqual(objects[2].members, groups[2].ids);
    assert.equal(objects[0].pids, null);
  });
});

// Every template of fixtures/format/templates.json, rendered by ctop-ts over the recorded stats
// records of fixtures/api/, must equal byte for byte what the real docker CLI printed for the same
// records (fixtures/format/<name>.expected.txt, written by fixtures/format/docker-oracle.mjs, which
// serves the records to `docker stats --no-stream --format …` from a throwaway engine).
// test/engine/format-parity.test.ts asks the docker CLI again, live, for the same comparison.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { compileFormat } from '../../../src/output/docker-format/docker-format.js';
import { formatRowsFromFixtures } from '../../helpers/format-fixtures.js';
// @ts-expect-error: plain ESM helper shared with the engine test and the golden writer
import { FORMAT_FIXTURES, loadTemplates } from '../../../fixtures/format/docker-oracle.mjs';

const dir = new URL('../../../fixtures/format/', import.meta.url);
const templates = loadTemplates() as { name: string; format: string }[];

describe('--format parity with docker stats on recorded records', () => {
  const rows = formatRowsFromFixtures(FORMAT_FIXTURES as string[]);

  it('covers every placeholder, json, table and the script templates', () => {
    const all = templates.map((t) => t.format).join(' ');
    for (const p of ['Container', 'Name', 'ID', 'CPUPerc', 'MemUsage', 'MemPerc', 'NetIO', 'BlockIO', 'PIDs']) assert.ok(all.includes(`.${p}}}`), p);
    for (const f of ['json', 'upper', 'lower', 'title', 'split', 'join', 'truncate', 'pad', 'printf']) assert.ok(all.includes(`${f} `), f);
    assert.ok(templates.length >= 40, `${templates.length} templates`);
  });

  for (const { name, format } of templates) {
    it(`${name}: ${format}`, () => {
      const expected = readFileSync(new URL(`${name}.expected.txt`, dir), 'utf8');
      assert.equal(compileFormat(format).render(rows, false), expected);
    });
  }
});

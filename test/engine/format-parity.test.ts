// `--format` against the real docker CLI, two ways:
//  1. the same recorded records: fixtures/format/docker-oracle.mjs serves fixtures/api/ to
//     `docker stats --no-stream --format X` right now, and ctop-ts renders the same records; every
//     template of fixtures/format/templates.json must come out byte-identical (the unit test
//     compares with the stored outputs; this one asks docker again, so a newer CLI shows up here);
//  2. real containers: the ctop-ts binary and `docker stats` read a settled container (sleeping
//     processes: CPU 0.00%, memory steady) and print the same line for each template.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileFormat } from '../../src/output/docker-format/docker-format.js';
import { describeEngine, docker } from '../helpers/engine.js';
import { formatRowsFromFixtures } from '../helpers/format-fixtures.js';
import { removeT2, startT2, type T2Container } from '../helpers/t2-containers.js';
// @ts-expect-error: plain ESM helper shared with the unit test and the golden writer
import { FORMAT_FIXTURES, loadTemplates, renderWithDocker } from '../../fixtures/format/docker-oracle.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin', 'ctop-ts.js');
const templates = loadTemplates() as { name: string; format: string }[];

function ctop(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: root, timeout: 60_000, encoding: 'utf8' }, (err, stdout, stderr) =>
      resolve({ stdout, stderr, code: err ? (typeof err.code === 'number' ? err.code : -1) : 0 }),
    );
  });
}

describeEngine('--format parity with the docker CLI', () => {
  it('every template, on the recorded records, is byte-identical to what docker prints now', async () => {
    const rows = formatRowsFromFixtures(FORMAT_FIXTURES as string[]);
    for (const { name, format } of templates) {
      const theirs = (await renderWithDocker(FORMAT_FIXTURES, ['--format', format])) as string;
      assert.equal(compileFormat(format).render(rows, false), theirs, `${name}: ${format}`);
    }
  });

  it('no containers: docker prints a table header only, and so do we', async () => {
    for (const format of ['table', 'table {{.Name}}\\t{{.PIDs}}', 'json', '{{.Name}}']) {
      assert.equal(compileFormat(format).render([], false), await renderWithDocker([], ['--format', format]), format);
    }
  });

  let sleeper: T2Container;
  before(async () => {
    sleeper = await startT2('fmt', ['sh', '-c', 'sleep 3600 & sleep 3600 & wait'], { labels: { 'ctop-t2-fmt': String(process.pid) } });
  });
  after(() => removeT2([sleeper.id]));

  // Templates whose every field is steady for a sleeping container. docker lists every container
  // on the host, we select ours with -l, so each side's line for it is compared (show-all mode on
  // both sides: `.Container` is the short ID).
  const live = [
    '{{.Container}} {{.Name}} {{.ID}} {{.CPUPerc}} {{.NetIO}} {{.BlockIO}} {{.PIDs}}',
    '{{json .}}',
    '{{.Name}},{{.CPUPerc}},{{.MemUsage}},{{.MemPerc}},{{.PIDs}}',
    '{"name":{{json .Name}},"pids":{{.PIDs}},"cpu":{{json .CPUPerc}}}',
    '{{upper .Name}} {{truncate .ID 6}} {{printf "%-10s|" .PIDs}} {{join (split .NetIO " / ") "+"}}',
  ];
  for (const format of live) {
    it(`real container: ${format}`, async () => {
      let last = '';
      // Memory can move by a page between the two reads: three tries at the same moment.
      for (let attempt = 0; attempt < 3; attempt++) {
        const [ours, theirs] = await Promise.all([
          ctop(['--no-stream', '--source', 'api', '-l', `ctop-t2-fmt=${process.pid}`, '--format', format]),
          docker(['stats', '--no-stream', '--format', format]),
        ]);
        assert.equal(ours.code, 0, ours.stderr);
        assert.equal(theirs.code, 0, theirs.stderr);
        const mine = theirs.stdout.split('\n').filter((l) => l.includes(sleeper.name) || l.includes(sleeper.id.slice(0, 12)) || l.includes(sleeper.name.toUpperCase()));
        assert.equal(mine.length, 1, `docker printed our container once: ${theirs.stdout}`);
        last = `ours ${JSON.stringify(ours.stdout)} docker ${JSON.stringify(mine[0] + '\n')}`;
        if (ours.stdout === `${mine[0]}\n`) return;
      }
      assert.fail(last);
    });
  }

  it('a bad template fails before any engine work, with a caret, exit 2', async () => {
    const r = await ctop(['--no-stream', '-H', 'unix:///nonexistent.sock', '--format', 'table {{.Name}}\\t{{.CPUPrec}}']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.deepEqual(r.stderr.split('\n').slice(0, 3), [
      "ctop-ts: --format template failed: can't evaluate field CPUPrec in type *container.statsContext at column 20",
      'table {{.Name}}\\t{{.CPUPrec}}',
      '                   ^',
    ]);
  });
});

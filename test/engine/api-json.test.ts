// `--source api --json` at an interval shorter than the engine's stats period (issue 11, defect 6):
// each record is printed once (Docker pushes about one a second), and no line has source null.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, it } from 'node:test';
import { describeEngine, removeContainers, runContainer } from '../helpers/engine.js';
import { ROOT } from '../helpers/live-screen.js';

describeEngine('--source api --json at 250 ms', () => {
  const ids: string[] = [];
  after(() => removeContainers(ids));

  it('prints each engine record once, never with source null', async () => {
    const tag = `apijson-${process.pid}`;
    ids.push(await runContainer({ name: 'apijson', cmd: 'sleep 120', labels: { 'ctop.apijson': tag } }));
    const stdout = await new Promise<string>((resolve) => {
      const child = execFile(process.execPath, ['bin/ctop-ts.js', '--json', '--source', 'api', '--interval', '250ms', '-l', `ctop.apijson=${tag}`], { cwd: ROOT, encoding: 'utf8' }, (_e, out) => resolve(out));
      setTimeout(() => child.kill('SIGTERM'), 4500);
    });
    const rows = stdout.trim().split('\n').map((l) => JSON.parse(l)).filter((o) => o.type === 'container');
    assert.ok(rows.length >= 2, `${rows.length} rows in 4.5 s`);
    assert.ok(rows.length <= 7, `${rows.length} rows in 4.5 s: more than the engine's ~1 record a second`);
    const stamps = rows.map((r) => r.timestamp);
    assert.equal(new Set(stamps).size, stamps.length, `a record printed twice: ${stamps.join(' ')}`);
    assert.deepEqual(rows.filter((r) => r.source !== 'api'), []);
  });
});

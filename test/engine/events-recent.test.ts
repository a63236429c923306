// `--events --no-stream` (issue 11, defect 5): the events the engine still holds, then exit —
// no longer an endless stream.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { it } from 'node:test';
import { describeEngine, removeContainers, runContainer, waitFor, docker } from '../helpers/engine.js';
import { ROOT } from '../helpers/live-screen.js';

describeEngine('--events --no-stream', () => {
  it('prints the recent events of the selected containers and exits', async () => {
    const tag = `recent-${process.pid}`;
    const id = await runContainer({ name: 'recent', cmd: 'true', labels: { 'ctop.recent': tag } });
    await waitFor(async () => (await docker(['inspect', '-f', '{{.State.Status}}', id])).stdout.trim() === 'exited', { message: 'the container to exit' });
    await removeContainers([id]);
    const started = Date.now();
    const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
      execFile(process.execPath, ['bin/ctop-ts.js', '--events', '--no-stream', '-l', `ctop.recent=${tag}`], { cwd: ROOT, timeout: 20_000, encoding: 'utf8' }, (e, stdout, stderr) =>
        resolve({ code: e ? (typeof e.code === 'number' ? e.code : null) : 0, stdout, stderr }),
      ),
    );
    assert.equal(r.code, 0, r.stderr);
    assert.ok(Date.now() - started < 10_000, 'exits by itself');
    const actions = r.stdout.trim().split('\n').map((l) => JSON.parse(l)).filter((e) => e.id === id).map((e) => e.action);
    for (const a of ['create', 'start', 'die', 'destroy']) assert.ok(actions.includes(a), `${a} in ${actions.join(',')}`);
  });
});

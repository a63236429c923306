// Churn under `--json` (issue 11): for 60 s, 10 containers are created and the 10 oldest removed
// every 4 s (about 20 alive at once, ~150 in all). No row of a removed container more than two
// intervals after its removal, no record printed twice, every container that lived 4 s seen,
// no crash, and the process's memory stays bounded.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, it } from 'node:test';
import { describeEngine, docker, removeContainers, runContainer } from '../helpers/engine.js';
import { ROOT } from '../helpers/live-screen.js';

const INTERVAL_MS = 1000;
const DURATION_MS = 60_000;
const CYCLE_MS = 4000;
const BATCH = 10;
const TAG = `churn-${process.pid}`;

function rssKb(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

async function limited<T>(items: T[], n: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

describeEngine('churn under --json', () => {
  after(async () => {
    const r = await docker(['ps', '-aq', '--no-trunc', '--filter', `label=ctop.churn=${TAG}`]);
    await removeContainers(r.stdout.split('\n'));
  });

  it('20 containers created and removed every few seconds for 60 s', { timeout: 150_000 }, async (t) => {
    const child = spawn(process.execPath, ['bin/ctop-ts.js', '--json', '-l', `ctop.churn=${TAG}`, '--interval', `${INTERVAL_MS}ms`], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: { at: number; obj: Record<string, any> }[] = [];
    let buf = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString('utf8');
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        lines.push({ at: Date.now(), obj: JSON.parse(buf.slice(0, nl)) as Record<string, any> });
        buf = buf.slice(nl + 1);
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));

    const created = new Map<string, number>(); // id → when `docker run` returned
    const removed = new Map<string, number>(); // id → when `docker rm` returned
    const alive: string[] = [];
    let n = 0;
    const rss: number[] = [];
    const started = Date.now();
    try {
      while (Date.now() - started < DURATION_MS) {
        const cycle = Date.now();
        const batch = Array.from({ length: BATCH }, () => ++n);
        await limited(batch, 5, async (i) => {
          const id = await runContainer({ name: `churn-${i}`, cmd: 'sleep 600', labels: { 'ctop.churn': TAG } });
          created.set(id, Date.now());
          alive.push(id);
        });
        if (alive.length > 2 * BATCH - 1) {
          const old = alive.splice(0, BATCH);
          await removeContainers(old);
          const at = Date.now();
          for (const id of old) removed.set(id, at);
        }
        rss.push(rssKb(child.pid!));
        const rest = CYCLE_MS - (Date.now() - cycle);
        if (rest > 0) await new Promise((r) => setTimeout(r, rest));
      }
      await new Promise((r) => setTimeout(r, 3 * INTERVAL_MS));
      assert.equal(child.exitCode, null, `ctop-ts exited: ${stderr}`);
      assert.doesNotMatch(stderr, /unexpected error|Error:|at .*\.js:\d+/);

      const rows = lines.filter((l) => l.obj.type === 'container');
      t.diagnostic(`${n} containers created, ${removed.size} removed, ${rows.length} rows; RSS ${rss[1]} → ${rss.at(-1)} kB`);
      // No row of a removed container more than two intervals (plus the list's 200 ms debounce) after removal.
      const late = rows.filter((l) => removed.has(l.obj.id) && l.at - removed.get(l.obj.id)! > 2 * INTERVAL_MS + 500);
      assert.deepEqual(late.map((l) => `${l.obj.name} ${l.at - removed.get(l.obj.id)!} ms after removal`), []);
      // No duplicate: a container's record is printed once.
      const keys = rows.map((l) => `${l.obj.id} ${l.obj.timestamp}`);
      assert.equal(new Set(keys).size, keys.length, 'a record printed twice');
      // Not lost: every container that lived at least 4 s appears.
      const seen = new Set(rows.map((l) => l.obj.id));
      const lived = [...created].filter(([id, at]) => (removed.get(id) ?? Date.now()) - at >= 4000).map(([id]) => id);
      assert.deepEqual(lived.filter((id) => !seen.has(id)), [], 'containers never shown');
      // Memory: the first reading is after start-up; growth over ~150 containers stays small.
      const growthMb = (rss.at(-1)! - rss[1]) / 1024;
      assert.ok(growthMb < 40, `RSS grew by ${growthMb.toFixed(1)} MB`);
    } finally {
      child.kill('SIGTERM');
      await removeContainers([...alive]);
    }
  });
});

// --record writes what --replay plays back: the same containers and, through the same delta
// calculator, the same numbers. Bad files are clear errors with a line number.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserFacingError } from '../../../src/core/model/errors.js';
import { Store } from '../../../src/core/history/store.js';
import { createMockSession } from '../../../src/sources/mock/mock-session.js';
import { recordSession } from '../../../src/sources/replay/recorder.js';
import { parseReplay } from '../../../src/sources/replay/replay-format.js';
import { createReplaySession } from '../../../src/sources/replay/replay-session.js';
import { Sampler } from '../../../src/sampling/sampler.js';

const dir = mkdtempSync(join(tmpdir(), 'ctop-replay-'));

describe('record and replay', () => {
  it('replays the recorded containers and numbers', async () => {
    const file = join(dir, 'mock.ndjson');
    const live = recordSession(createMockSession({ seed: 7, count: 6 }), file, 1000);
    const liveSampler = new Sampler({ session: live, store: new Store(), intervalMs: 1000 });
    const recorded = [];
    for (let i = 0; i < 3; i++) {
      recorded.push(await liveSampler.tick());
      await new Promise((r) => setTimeout(r, 20)); // distinct sample times, so rates exist
    }
    live.close();

    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines[0].type, 'header');
    assert.equal(lines.filter((l) => l.type === 'tick').length, 3);

    const replay = await createReplaySession(file);
    assert.equal(replay.host?.engine, 'Mock Engine 1.0');
    const sampler = new Sampler({ session: replay, store: new Store(), intervalMs: 1000 });
    for (let i = 0; i < 3; i++) {
      const snap = await sampler.tick();
      const want = recorded[i];
      assert.deepEqual(snap.rows.map((r) => r.info.name), want.rows.map((r) => r.info.name));
      for (let k = 0; k < want.rows.length; k++) {
        const [a, b] = [snap.rows[k].stats, want.rows[k].stats];
        assert.equal(a.memUsage, b.memUsage);
        assert.equal(a.pids, b.pids);
        if (b.cpuPercent === null) assert.equal(a.cpuPercent, null);
        else assert.ok(Math.abs(a.cpuPercent! - b.cpuPercent) < 1e-9, `${a.cpuPercent} vs ${b.cpuPercent}`);
        if (b.netRxRate !== null) assert.ok(Math.abs(a.netRxRate! - b.netRxRate) < 1e-6 * Math.max(1, b.netRxRate));
      }
    }
    assert.match(replay.sourceLabel(), /^replay/);
  });

  const bad: { name: string; text: string; line: number; why: RegExp }[] = [
    { name: 'empty', text: '', line: 1, why: /empty file/ },
    { name: 'not JSON', text: '{"type":"header","version":1}\n{nope', line: 2, why: /not valid JSON/ },
    { name: 'no header first', text: '{"type":"tick","t":1,"containers":[],"samples":[]}', line: 1, why: /header/ },
    { name: 'future version', text: '{"type":"header","version":9}', line: 1, why: /version 9/ },
    { name: 'no ticks', text: '{"type":"header","version":1,"host":null,"intervalMs":1000,"sourceLabel":"x"}', line: 1, why: /no ticks/ },
    { name: 'unknown line', text: '{"type":"header","version":1}\n{"type":"what"}', line: 2, why: /unknown line type/ },
  ];
  for (const c of bad) {
    it(`rejects a file that is ${c.name}, naming the line`, () => {
      assert.throws(
        () => parseReplay(c.text, 'f.ndjson'),
        (err: unknown) => err instanceof UserFacingError && err.message.startsWith(`f.ndjson:${c.line}:`) && c.why.test(err.message),
      );
    });
  }

  it('a missing file is a clear error', async () => {
    await assert.rejects(createReplaySession(join(dir, 'nope.ndjson')), (e: unknown) => e instanceof UserFacingError && /ENOENT/.test((e as Error).message));
  });

  it('plays in a loop', async () => {
    const file = join(dir, 'one.ndjson');
    const c = { id: 'x'.repeat(64), name: 'x', image: 'i', labels: {}, state: 'exited', status: '', health: null, created: 0, networkMode: 'none' };
    writeFileSync(file, ['{"type":"header","version":1,"host":null,"intervalMs":1000,"sourceLabel":"api"}', JSON.stringify({ type: 'tick', t: 1, containers: [c], samples: [] })].join('\n'));
    const s = await createReplaySession(file);
    const sampler = new Sampler({ session: s, store: new Store(), intervalMs: 1000 });
    for (let i = 0; i < 3; i++) assert.equal((await sampler.tick()).rows[0].info.name, 'x');
  });
});

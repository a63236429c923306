// `--json --group-by`, streaming and `--no-stream`: every tick (or the one sample) is each group's
// object followed by its members' container objects, group after group, both kinds every time.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runJsonStream } from '../../src/modes/json-stream.js';
import { sampleOnce } from '../../src/modes/once.js';
import { groupedOutput } from '../../src/output/grouped.js';
import { createMockSession } from '../../src/sources/mock/mock-session.js';

type Line = { type: string; id?: string; members?: string[]; value?: string | null };

/** Checks the shape: a group line, then only members of that group, and every kind present. */
function assertGroupsThenMembers(lines: Line[]): void {
  assert.equal(lines[0]?.type, 'group', 'starts with a group');
  let members = new Set<string>();
  let containers = 0;
  for (const l of lines) {
    if (l.type === 'group') members = new Set(l.members);
    else {
      assert.equal(l.type, 'container');
      assert.ok(members.has(l.id!), `${l.id} printed under a group it is not in`);
      containers++;
    }
  }
  assert.ok(containers > 0, 'members printed');
}

describe('--json --group-by', () => {
  it('streaming: each tick is groups followed by their members', async () => {
    const session = createMockSession({ seed: 3, count: 8 });
    const chunks: string[] = [];
    const stop = runJsonStream(session, { all: false, intervalMs: 100, write: (t) => chunks.push(t), groupBy: 'compose' });
    while (chunks.length < 2) await new Promise((r) => setTimeout(r, 50));
    stop();
    session.close();
    for (const chunk of chunks.slice(0, 2)) {
      const lines = chunk.trim().split('\n').map((l) => JSON.parse(l) as Line);
      assertGroupsThenMembers(lines);
      assert.ok(lines.filter((l) => l.type === 'group').length >= 2, 'several compose groups');
    }
  });

  it('--no-stream: the same shape, once', async () => {
    const session = createMockSession({ seed: 3, count: 8 });
    const snap = await sampleOnce(session, { all: false });
    session.close();
    const text = groupedOutput(snap.rows, 'compose', { json: true, noTrunc: false, memTotal: 0 });
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as Line);
    assertGroupsThenMembers(lines);
    assert.equal(lines.filter((l) => l.type === 'container').length, snap.rows.length, 'every member once');
  });
});

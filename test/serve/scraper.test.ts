import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ContainerInfo, RawSample } from '../../src/core/model/types.js';
import { errorReason, Scraper } from '../../src/serve/scraper.js';
import type { Session } from '../../src/sources/session.js';
import { UserFacingError } from '../../src/core/model/errors.js';

function info(id: string, state: ContainerInfo['state'] = 'running'): ContainerInfo {
  return { id, name: id, image: 'i', labels: {}, state, status: '', health: null, created: 0, networkMode: 'none' };
}

function sample(id: string, cpuTotalNs: number): RawSample {
  return {
    id, source: 'cgroup', timestamp: Date.now(), cpuTotalNs, systemCpuNs: 1, onlineCpus: 1, pre: null, memUsage: 1, memTotalInactiveFile: null, memInactiveFile: 0,
    memLimit: 1, netRxBytes: 0, netTxBytes: 0, blkReadBytes: 0, blkWriteBytes: 0, pids: 1, pidsLimit: null, cpuLimitCores: null, throttlePeriods: null,
    throttledPeriods: null, throttledTimeNs: null, oomKills: null, pressure: null,
  };
}

/** A session whose containers answer: ok, EACCES, never (hangs), and one that is stopped. */
function fakeSession(reads: { n: number }): Session {
  const containers = [info('ok'), info('denied'), info('slow'), info('stopped', 'exited')];
  return {
    host: null,
    containers: () => containers,
    sourceLabel: () => 'fake',
    onEvent: () => () => undefined,
    close: () => undefined,
    source: {
      kind: 'cgroup',
      async sample(c, signal) {
        reads.n++;
        if (c.id === 'denied') throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
        if (c.id === 'slow') return new Promise((resolve) => signal?.addEventListener('abort', () => resolve(null)));
        return sample(c.id, 1e9 * reads.n);
      },
    },
  } as unknown as Session;
}

describe('Scraper', () => {
  it('exports this read\'s raw counters; counts errors by reason, a missed deadline as timeout', async () => {
    const reads = { n: 0 };
    const scraper = new Scraper({ session: fakeSession(reads), all: false, timeoutMs: 150, coalesceMs: 0 });
    const r = await scraper.scrape();
    assert.deepEqual(r.containers.map((c) => [c.info.id, c.raw !== null]), [['ok', true], ['denied', false], ['slow', false]]);
    assert.deepEqual([...r.errors.entries()].sort(), [['eacces', 1], ['timeout', 1]]);
    assert.equal(scraper.reads, 1);
  });
  it('--all keeps stopped containers (no counters)', async () => {
    const scraper = new Scraper({ session: fakeSession({ n: 0 }), all: true, timeoutMs: 150, coalesceMs: 0 });
    const r = await scraper.scrape();
    assert.equal(r.containers.find((c) => c.info.id === 'stopped')?.raw, null);
  });
  it('scrapes within the window share one read; later ones read again', async () => {
    const reads = { n: 0 };
    const scraper = new Scraper({ session: fakeSession(reads), all: false, timeoutMs: 150, coalesceMs: 400 });
    const [a, b] = await Promise.all([scraper.scrape(), scraper.scrape()]);
    const c = await scraper.scrape();
    assert.equal(a, b);
    assert.equal(a, c);
    assert.equal(scraper.reads, 1);
    await new Promise((r) => setTimeout(r, 450));
    await scraper.scrape();
    assert.equal(scraper.reads, 2);
  });
  it('errorReason', () => {
    assert.equal(errorReason(Object.assign(new Error('x'), { code: 'ENOENT' })), 'enoent');
    assert.equal(errorReason(new UserFacingError('cannot read')), 'unreadable');
    assert.equal(errorReason(Object.assign(new Error('x'), { statusCode: 500 })), 'http_500');
    assert.equal(errorReason('weird'), 'error');
  });
});

// Rows built from the recorded stats records of fixtures/api/, as `docker stats --no-stream` reads
// them (one record, its own pre-sample), for the --format parity tests.
import { readFileSync } from 'node:fs';
import { computeStats } from '../../src/core/metrics/delta.js';
import type { ContainerRow } from '../../src/core/model/types.js';
import { parseApiStats, type ApiStatsRecord } from '../../src/sources/engine/api-stats-record.js';

const apiDir = new URL('../../fixtures/api/', import.meta.url);

export function formatRowsFromFixtures(names: readonly string[]): ContainerRow[] {
  return names.map((n) => {
    const rec = JSON.parse(readFileSync(new URL(`${n}.json`, apiDir), 'utf8')) as ApiStatsRecord & { id: string; name: string };
    return {
      info: {
        id: rec.id,
        name: rec.name.replace(/^\//, ''),
        image: 'busybox',
        labels: {},
        state: 'running',
        status: 'Up 1 second',
        health: null,
        created: 0,
        networkMode: 'default',
      },
      stats: computeStats(null, parseApiStats(rec, rec.id, 0)),
      source: 'api',
      timestamp: Date.parse('2026-01-01T00:00:00Z'),
    };
  });
}

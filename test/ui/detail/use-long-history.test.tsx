/** @jsxRuntime automatic */
// The detail view's charts over a session's long history (Prometheus: the last hour), merged with
// the ring buffer's recent samples; without one, the charts are the ring buffer's as before.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { History } from '../../../src/core/model/types.js';
import { mountApp } from '../../helpers/mount-app.js';
import { row, T0 } from '../../helpers/ui-fixtures.js';

const hour = (peak: number): History => {
  const n = 120;
  const timestamps = Array.from({ length: n }, (_, i) => T0 - (n - 1 - i) * 30_000);
  const cpu = timestamps.map((_, i) => (i === 10 ? peak : 5));
  const none = timestamps.map(() => null);
  return { timestamps, cpuPercent: cpu, memUsage: timestamps.map(() => 1e6), netRxRate: none, netTxRate: none, blockReadRate: none, blockWriteRate: none };
};

const settings = { all: false, color: false, theme: 'dark' as const, filter: '' };

describe('detail view: long history from the session', () => {
  test('opening the detail view asks for that container and charts its hour (peak from an hour ago)', async () => {
    const asked: [string, number][] = [];
    const longHistory = async (id: string, points: number) => {
      asked.push([id, points]);
      return hour(97);
    };
    const { tick, waitFor, press } = mountApp({ settings, size: { columns: 120, rows: 30 }, longHistory });
    tick([row('web', { cpuPercent: 20 })]);
    await waitFor((x) => x.includes('web'), 'rows');
    assert.equal(asked.length, 0, 'nothing is fetched for the table');
    await press('\r');
    const f = await waitFor((x) => /CPU [\d.]+%\s+peak 97%/.test(x), 'the hour in the CPU chart');
    assert.match(f, /Esc back/);
    assert.equal(asked.length, 1);
    assert.equal(asked[0][1], 120, 'about one point per column');
  });

  test('without a long history the chart is the ring buffer', async () => {
    const { tick, waitFor, press } = mountApp({ settings, size: { columns: 120, rows: 30 } });
    tick([row('web', { cpuPercent: 20 })]);
    await waitFor((x) => x.includes('web'), 'rows');
    await press('\r');
    await waitFor((x) => /CPU 20(\.0)?%\s+peak 20(\.0)?%/.test(x), 'ring buffer only');
  });
});

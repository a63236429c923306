// Rows and snapshots for the live screen's unit and component tests: small, explicit, and
// built from the real core types (unknown stats are null, as the delta calculator makes them).
import { unknownStats } from '../../src/core/metrics/delta.js';
import type { ContainerInfo, ContainerRow, ContainerStats, History, HostInfo, Snapshot } from '../../src/core/model/types.js';

export const HOST: HostInfo = {
  engine: 'Docker Engine 27.0.0',
  apiVersion: '1.46',
  hostname: 'test',
  ncpu: 4,
  memTotal: 8 * 1024 ** 3,
  cgroupVersion: '2',
  cgroupDriver: 'systemd',
  local: true,
};

export const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

export function row(name: string, stats: Partial<ContainerStats> = {}, info: Partial<ContainerInfo> = {}): ContainerRow {
  return {
    info: {
      id: (info.id ?? name).padEnd(64, '0'),
      name,
      image: 'img:1',
      labels: {},
      state: 'running',
      status: 'Up 5 minutes',
      health: null,
      created: Math.floor(T0 / 1000) - 300,
      networkMode: 'none',
      ...info,
    },
    stats: { ...unknownStats(), ...stats },
    source: 'mock',
    timestamp: T0,
  };
}

/** `n` running rows named c00, c01, … with CPU falling from n to 1 (so cpu order = name order). */
export function rows(n: number): ContainerRow[] {
  return Array.from({ length: n }, (_, i) => row(`c${String(i).padStart(2, '0')}`, { cpuPercent: n - i, memUsage: 1000 * (i + 1) }));
}

export function snapshot(list: readonly ContainerRow[], seq = 1, history: Record<string, History> = {}): Snapshot {
  return {
    seq,
    timestamp: T0,
    host: HOST,
    interval: 1000,
    sourceLabel: 'mock',
    rows: list,
    history: { get: (id) => history[id] },
    events: [],
  };
}

export const EMPTY: Snapshot = { ...snapshot([], 0), host: null, timestamp: 0, interval: 0, sourceLabel: '' };

/** Strips SGR sequences, for assertions on what a frame says rather than how it is coloured. */
export function plain(frame: string | undefined): string {
  return (frame ?? '').replace(/\x1b\[[0-9;]*m/g, '');
}

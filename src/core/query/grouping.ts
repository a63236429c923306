// Grouping rows by a label (or compose project/service, image, state) with per-group totals.
import { SelectorError } from './selector-lexer.js';
import type { ContainerInfo, ContainerRow, ContainerStats } from '../model/types.js';
import { sumTotals, type Totals } from '../metrics/totals.js';

export const COMPOSE_PROJECT = 'com.docker.compose.project';
export const COMPOSE_SERVICE = 'com.docker.compose.service';
/** How the group of containers without the key is shown; its `value` is null. */
export const NONE_GROUP = '(none)';

export interface GroupKey {
  /** What the groups are keyed on: `compose`, `image`, `state`, or a label key. */
  readonly key: string;
  /** The group a container belongs to; null: it lacks the key (the `(none)` group). */
  valueOf(info: ContainerInfo): string | null;
}

const label = (key: string): GroupKey => ({
  key,
  valueOf: (info) => (Object.hasOwn(info.labels, key) ? info.labels[key] : null),
});

const SHORTCUTS: Record<string, GroupKey> = {
  compose: {
    key: 'compose',
    // `shop/web`; a project without a service label still groups by project.
    valueOf: (info) => {
      const project = label(COMPOSE_PROJECT).valueOf(info);
      const service = label(COMPOSE_SERVICE).valueOf(info);
      if (project === null) return null;
      return service === null ? project : `${project}/${service}`;
    },
  },
  image: { key: 'image', valueOf: (info) => info.image },
  state: { key: 'state', valueOf: (info) => info.state },
  // The engine or scrape target a row came from (fleet, Prometheus); null with one local engine.
  host: { key: 'host', valueOf: (info) => info.host ?? null },
};

/**
 * `compose`, `image`, `state`, or a label key. `label:KEY` forces a label, for a label that is
 * itself called `compose`, `image` or `state`.
 */
export function groupKeyOf(spec: string): GroupKey {
  const trimmed = spec.trim();
  const forced = trimmed.startsWith('label:');
  const key = forced ? trimmed.slice('label:'.length) : trimmed;
  if (key === '') {
    throw new SelectorError(spec, spec.length, forced ? 'expected a label key' : 'expected a label key, compose, image or state');
  }
  return (!forced && Object.hasOwn(SHORTCUTS, key) ? SHORTCUTS[key] : undefined) ?? label(key);
}

/** A group's totals: the one totals rule (core/metrics/totals.ts). */
export type GroupTotals = Totals;

export interface RowGroup {
  readonly key: string;
  readonly value: string | null;
  readonly count: number;
  readonly running: number;
  readonly totals: GroupTotals;
  /** Host memory behind `totals.memHostPercent` (null: unknown), so views need not be told twice. */
  readonly memTotal: number | null;
  /** Members in input order: sort the rows before grouping to order members. */
  readonly rows: readonly ContainerRow[];
  readonly ids: readonly string[];
}

export interface GroupOptions {
  /** Host memory in bytes, for `memHostPercent`; null or 0 when unknown. */
  memTotal?: number | null;
}

// Engines that do not report host memory leave it 0.
const hostMemory = (memTotal: number | null | undefined): number | null =>
  memTotal !== null && memTotal !== undefined && memTotal > 0 ? memTotal : null;

export function groupTotals(rows: readonly ContainerRow[], memTotal: number | null = null): GroupTotals {
  return sumTotals(rows, memTotal);
}

/** Groups ordered by value (code-unit order), with the `(none)` group last. */
export function groupRows(
  rows: readonly ContainerRow[],
  spec: string | GroupKey,
  opts: GroupOptions = {},
): RowGroup[] {
  const groupKey = typeof spec === 'string' ? groupKeyOf(spec) : spec;
  const memTotal = hostMemory(opts.memTotal);
  const members = new Map<string | null, ContainerRow[]>();
  for (const row of rows) {
    const value = groupKey.valueOf(row.info);
    const list = members.get(value);
    if (list) list.push(row);
    else members.set(value, [row]);
  }
  const values = [...members.keys()].sort((a, b) =>
    a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1,
  );
  return values.map((value) => {
    const list = members.get(value) ?? [];
    return {
      key: groupKey.key,
      value,
      count: list.length,
      running: list.filter((r) => r.info.state === 'running').length,
      totals: groupTotals(list, memTotal),
      memTotal,
      rows: list,
      ids: list.map((r) => r.info.id),
    };
  });
}

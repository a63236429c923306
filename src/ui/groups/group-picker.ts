// The `l` picker's content (pure): what the table can be grouped by on this host. "(no grouping)",
// the shortcuts (compose, image, state), then every label key the current containers carry.
import { compareText } from '../../core/query/sort-rows.js';
import type { ContainerRow } from '../../core/model/types.js';

export interface GroupOption {
  /** What groupKeyOf takes; null: no grouping. */
  readonly spec: string | null;
  /** How the picker shows it (a label key is user data: sanitise before drawing). */
  readonly label: string;
  readonly hint?: string;
}

export interface GroupPicker {
  readonly options: readonly GroupOption[];
  readonly cursor: number;
}

const SHORTCUTS: readonly GroupOption[] = [
  { spec: null, label: '(no grouping)' },
  { spec: 'compose', label: 'compose', hint: 'project/service' },
  { spec: 'image', label: 'image' },
  { spec: 'state', label: 'state' },
];
// `host` is a shortcut too (the engine, with several): a label called host is asked for as label:host.
const SHORTCUT_NAMES = new Set(['compose', 'image', 'state', 'host']);
const HOST: GroupOption = { spec: 'host', label: 'host', hint: 'engine' };

export function groupOptions(rows: readonly ContainerRow[]): GroupOption[] {
  const keys = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r.info.labels)) keys.add(k);
  const labels = [...keys].sort(compareText).map((key): GroupOption => ({
    // A label that is itself called compose, image or state is asked for as a label.
    spec: SHORTCUT_NAMES.has(key) ? `label:${key}` : key,
    label: key,
    hint: 'label',
  }));
  const severalEngines = rows.some((r) => r.info.host !== undefined);
  return [...SHORTCUTS, ...(severalEngines ? [HOST] : []), ...labels];
}

/** Opens with the cursor on the grouping in force. */
export function openGroupPicker(rows: readonly ContainerRow[], current: string | null): GroupPicker {
  const options = groupOptions(rows);
  // A grouping by a key no container has (yet): still listed, so the picker shows what is in force.
  if (current !== null && !options.some((o) => o.spec === current)) options.splice(SHORTCUTS.length, 0, { spec: current, label: current, hint: 'label' });
  return { options, cursor: Math.max(0, options.findIndex((o) => o.spec === current)) };
}

export function movePicker(p: GroupPicker, delta: number): GroupPicker {
  const cursor = Math.min(Math.max(0, p.cursor + delta), p.options.length - 1);
  return cursor === p.cursor ? p : { ...p, cursor };
}

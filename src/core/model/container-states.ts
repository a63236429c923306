// Which container states mean what, defined once. Two questions, two sets:
//
// - Has counters: only a running or paused container has a cgroup with live counters (paused is
//   frozen, not gone). The engine answers every other state — restarting included, which is
//   between two processes — with an all-zero record, so docker shows zeros for them and so do
//   we; samplers, sources, the NDJSON stream and threshold checks ask this.
// - Active: listed without -a (`docker ps`'s default), drawn undimmed, counted in totals as
//   expected to have numbers: running, paused and restarting (about to run again).
import type { ContainerState } from './types.js';

export const COUNTER_STATES: ReadonlySet<ContainerState> = new Set(['running', 'paused']);
export const ACTIVE_STATES: ReadonlySet<ContainerState> = new Set(['running', 'paused', 'restarting']);

export function hasCounters(state: ContainerState): boolean {
  return COUNTER_STATES.has(state);
}

export function isActive(state: ContainerState): boolean {
  return ACTIVE_STATES.has(state);
}

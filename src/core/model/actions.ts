// Container actions as data: which ones fit a container's state, and the flow the UI walks
// through (menu → signal → confirm → running → result). Pure: the engine calls live in
// src/commands/docker/container-actions.ts and are driven by whoever watches the `running` phase.
import { displayName } from './sanitize.js';
import type { ContainerState } from './types.js';

/** What the engine API can do to a container. */
export type EngineAction = 'start' | 'stop' | 'restart' | 'pause' | 'unpause' | 'kill' | 'remove';
/** What the menu offers: the engine actions plus remove --force, which is confirmed twice. */
export type ActionKind = EngineAction | 'force-remove';

export const KILL_SIGNALS = ['SIGTERM', 'SIGKILL', 'SIGINT', 'SIGHUP', 'SIGUSR1', 'SIGUSR2'] as const;
export type KillSignal = (typeof KILL_SIGNALS)[number];
/** `docker kill` sends SIGKILL by default, so Enter on the signal list does too. */
export const DEFAULT_SIGNAL_INDEX = KILL_SIGNALS.indexOf('SIGKILL');

export interface ActionSpec {
  kind: ActionKind;
  engine: EngineAction;
  force: boolean;
  /** Menu shortcut; j/k stay free for moving, so kill is K. */
  key: string;
  label: string;
  /** Imperative for the confirmation, e.g. "Stop". */
  verb: string;
  /** Progressive for the progress line, e.g. "Stopping". */
  doing: string;
  appliesTo: readonly ContainerState[];
  /** Shown in the danger colour. */
  destructive: boolean;
}

// Menu order. `removing` fits nothing: the engine is already deleting it.
export const ACTION_SPECS: readonly ActionSpec[] = [
  { kind: 'start', engine: 'start', force: false, key: 's', label: 'start', verb: 'Start', doing: 'Starting', appliesTo: ['exited', 'created', 'dead'], destructive: false },
  { kind: 'stop', engine: 'stop', force: false, key: 't', label: 'stop', verb: 'Stop', doing: 'Stopping', appliesTo: ['running', 'paused', 'restarting'], destructive: false },
  { kind: 'restart', engine: 'restart', force: false, key: 'r', label: 'restart', verb: 'Restart', doing: 'Restarting', appliesTo: ['running'], destructive: false },
  { kind: 'pause', engine: 'pause', force: false, key: 'p', label: 'pause', verb: 'Pause', doing: 'Pausing', appliesTo: ['running'], destructive: false },
  { kind: 'unpause', engine: 'unpause', force: false, key: 'u', label: 'unpause', verb: 'Unpause', doing: 'Unpausing', appliesTo: ['paused'], destructive: false },
  { kind: 'kill', engine: 'kill', force: false, key: 'K', label: 'kill…', verb: 'Send', doing: 'Signalling', appliesTo: ['running', 'paused', 'restarting'], destructive: true },
  { kind: 'remove', engine: 'remove', force: false, key: 'd', label: 'remove', verb: 'Remove', doing: 'Removing', appliesTo: ['exited', 'created', 'dead'], destructive: true },
  { kind: 'force-remove', engine: 'remove', force: true, key: 'D', label: 'remove --force', verb: 'Force-remove', doing: 'Removing', appliesTo: ['running', 'paused', 'restarting'], destructive: true },
];

export function actionSpec(kind: ActionKind): ActionSpec {
  return ACTION_SPECS.find((s) => s.kind === kind)!;
}

/** Actions that fit one container state, in menu order. */
export function actionsForState(state: ContainerState): ActionKind[] {
  return ACTION_SPECS.filter((s) => s.appliesTo.includes(state)).map((s) => s.kind);
}

export interface ActionTarget {
  id: string;
  name: string;
  state: ContainerState;
  /** The owning engine with several (ContainerInfo's host / engineId), so a fleet can route the action. */
  host?: string;
  engineId?: string;
}

export interface MenuItem {
  kind: ActionKind;
  key: string;
  label: string;
  /** How many of the targets it applies to (the rest are skipped and reported). */
  count: number;
}

/** For a marked set: every action that fits at least one member, with its count. */
export function menuItems(targets: readonly ActionTarget[]): MenuItem[] {
  const items: MenuItem[] = [];
  for (const spec of ACTION_SPECS) {
    const count = targets.filter((t) => spec.appliesTo.includes(t.state)).length;
    if (count > 0) items.push({ kind: spec.kind, key: spec.key, label: spec.label, count });
  }
  return items;
}

export interface ActionRequest {
  kind: ActionKind;
  engine: EngineAction;
  force: boolean;
  signal: KillSignal | null;
  /** The containers it will run on. */
  targets: readonly ActionTarget[];
  /** Marked containers whose state the action does not fit. */
  skipped: readonly ActionTarget[];
}

export function buildRequest(kind: ActionKind, targets: readonly ActionTarget[], signal: KillSignal | null = null): ActionRequest {
  const spec = actionSpec(kind);
  const fits = (t: ActionTarget) => spec.appliesTo.includes(t.state);
  return {
    kind,
    engine: spec.engine,
    force: spec.force,
    signal: kind === 'kill' ? (signal ?? 'SIGKILL') : null,
    targets: targets.filter(fits),
    skipped: targets.filter((t) => !fits(t)),
  };
}

/** "web-1", "web-1, db and cache" — names sanitized; long sets end with "and N more". */
export function nameList(targets: readonly ActionTarget[], maxNames = 5): string {
  const names = targets.map((t) => displayName(t.name));
  if (names.length <= 1) return names[0] ?? '';
  if (names.length > maxNames) {
    return `${names.slice(0, maxNames).join(', ')} and ${names.length - maxNames} more`;
  }
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function containers(targets: readonly ActionTarget[], maxNames: number): string {
  const noun = targets.length === 1 ? 'container' : `${targets.length} containers`;
  return `${noun} ${nameList(targets, maxNames)}`;
}

/**
 * The question asked before running. Step 2 exists only for remove --force and says
 * plainly what happens, because it kills running containers and deletes them.
 */
export function confirmText(request: ActionRequest, step: 1 | 2 = 1, maxNames = 5): string {
  const who = containers(request.targets, maxNames);
  if (step === 2) {
    return `Really force-remove ${who}? Running processes are killed and the container is deleted; this cannot be undone.`;
  }
  if (request.kind === 'kill') return `Send ${request.signal} to ${who}?`;
  if (request.kind === 'force-remove') return `Force-remove ${who} although it is ${request.targets.length === 1 ? request.targets[0].state : 'running'}?`;
  return `${actionSpec(request.kind).verb} ${who}?`;
}

/** One line for the running phase, e.g. "Stopping 3 containers…". */
export function progressTitle(request: ActionRequest): string {
  const n = request.targets.length;
  const what = n === 1 ? displayName(request.targets[0].name) : `${n} containers`;
  const signal = request.signal ? ` ${request.signal} to` : '';
  return `${actionSpec(request.kind).doing}${signal} ${what}…`;
}

export function needsSecondConfirmation(request: ActionRequest): boolean {
  return request.force;
}

// ── The flow ────────────────────────────────────────────────────────────────────────────

export const READ_ONLY_REASON = 'read-only mode (--read-only): container actions are disabled';
export const EXEC_READ_ONLY_REASON = 'read-only mode (--read-only): exec is disabled';
export const NO_ENGINE_REASON = 'actions need a live engine (not replay or mock)';

export type TargetStatus =
  | { state: 'pending' }
  | { state: 'running' }
  | { state: 'ok' }
  | { state: 'error'; error: string };

export type ActionsFlow =
  | { phase: 'closed' }
  | { phase: 'refused'; targets: readonly ActionTarget[]; reason: string }
  | { phase: 'menu'; targets: readonly ActionTarget[]; items: readonly MenuItem[]; cursor: number }
  | { phase: 'signal'; targets: readonly ActionTarget[]; cursor: number }
  | { phase: 'confirm'; request: ActionRequest; step: 1 | 2 }
  /** The driver runs `request` when it sees this phase; status is parallel to request.targets. */
  | { phase: 'running'; request: ActionRequest; status: readonly TargetStatus[] }
  | { phase: 'result'; request: ActionRequest; status: readonly TargetStatus[] };

export type ActionsEvent =
  /** `disabled` (e.g. READ_ONLY_REASON, or "no engine" for replay) refuses every action. */
  | { type: 'open'; targets: readonly ActionTarget[]; disabled?: string | null }
  | { type: 'move'; delta: number }
  /** Enter: take the highlighted menu item or signal; dismiss a result. */
  | { type: 'select' }
  | { type: 'choose'; kind: ActionKind }
  | { type: 'signal'; signal: KillSignal }
  /** One confirmation step; the key layer asks for a different key at step 2. */
  | { type: 'confirm' }
  /** From the driver; ignored unless `request` is the one running (a closed run may still report). */
  | { type: 'progress'; request: ActionRequest; index: number; status: TargetStatus }
  | { type: 'close' };

export const CLOSED: ActionsFlow = { phase: 'closed' };

const wrapIndex = (i: number, n: number) => (n === 0 ? 0 : ((i % n) + n) % n);
const isFinal = (s: TargetStatus) => s.state === 'ok' || s.state === 'error';

function choose(targets: readonly ActionTarget[], kind: ActionKind): ActionsFlow | null {
  if (!menuItems(targets).some((i) => i.kind === kind)) return null;
  if (kind === 'kill') return { phase: 'signal', targets, cursor: DEFAULT_SIGNAL_INDEX };
  return { phase: 'confirm', request: buildRequest(kind, targets), step: 1 };
}

export function actionsReducer(state: ActionsFlow, event: ActionsEvent): ActionsFlow {
  switch (event.type) {
    case 'open': {
      if (event.disabled) return { phase: 'refused', targets: event.targets, reason: event.disabled };
      if (event.targets.length === 0) return { phase: 'refused', targets: [], reason: 'no container selected' };
      return { phase: 'menu', targets: event.targets, items: menuItems(event.targets), cursor: 0 };
    }
    case 'close':
      return CLOSED;
    case 'move':
      if (state.phase === 'menu') return { ...state, cursor: wrapIndex(state.cursor + event.delta, state.items.length) };
      if (state.phase === 'signal') return { ...state, cursor: wrapIndex(state.cursor + event.delta, KILL_SIGNALS.length) };
      return state;
    case 'choose':
      return state.phase === 'menu' ? (choose(state.targets, event.kind) ?? state) : state;
    case 'signal':
      if (state.phase !== 'signal') return state;
      return { phase: 'confirm', request: buildRequest('kill', state.targets, event.signal), step: 1 };
    case 'select':
      switch (state.phase) {
        case 'menu': {
          const item = state.items[state.cursor];
          return item ? (choose(state.targets, item.kind) ?? state) : state;
        }
        case 'signal':
          return actionsReducer(state, { type: 'signal', signal: KILL_SIGNALS[state.cursor] });
        case 'result':
        case 'refused':
          return CLOSED;
        default:
          return state;
      }
    case 'confirm': {
      if (state.phase !== 'confirm') return state;
      if (state.step === 1 && needsSecondConfirmation(state.request)) return { ...state, step: 2 };
      return { phase: 'running', request: state.request, status: state.request.targets.map(() => ({ state: 'pending' })) };
    }
    case 'progress': {
      if (state.phase !== 'running' || state.request !== event.request) return state;
      if (event.index < 0 || event.index >= state.status.length) return state;
      const status = state.status.map((s, i) => (i === event.index ? event.status : s));
      return status.every(isFinal) ? { phase: 'result', request: state.request, status } : { ...state, status };
    }
  }
}

/** Counts for a result title, e.g. "Stop: 2 ok, 1 failed". */
export function resultSummary(request: ActionRequest, status: readonly TargetStatus[]): string {
  const ok = status.filter((s) => s.state === 'ok').length;
  const failed = status.filter((s) => s.state === 'error').length;
  const parts = [`${ok} ok`];
  if (failed) parts.push(`${failed} failed`);
  if (request.skipped.length) parts.push(`${request.skipped.length} skipped`);
  const verb = request.kind === 'kill' ? `Kill (${request.signal})` : actionSpec(request.kind).verb;
  return `${verb}: ${parts.join(', ')}`;
}

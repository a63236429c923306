// Keys in the actions menu: which keymap scope each step of the flow is (menu, signal, confirm,
// the force-remove's second confirm, progress/result), and the flow event a binding means.
// The step-2 scope binds only "Y", so a doubled "yy" cannot confirm twice.
import type { ActionKind, ActionsEvent, ActionsFlow, KillSignal } from '../../core/model/actions.js';
import { resolveKey, type KeyScope } from '../keys/keymap.js';

/** The scope of the flow's current step; null when the menu is closed. */
export function actionsScope(flow: ActionsFlow): KeyScope | null {
  switch (flow.phase) {
    case 'closed':
      return null;
    case 'menu':
      return 'actions';
    case 'signal':
      return 'signal';
    case 'confirm':
      return flow.step === 2 ? 'confirmForce' : 'confirm';
    // Enter does nothing while it runs: "y⏎" typed fast must not hide (and so drop) the run.
    case 'running':
      return 'actionRunning';
    case 'refused':
    case 'result':
      return 'actionResult';
  }
}

/** One key name to a flow event; null when the step does not bind it (the menu is modal: such keys do nothing). */
export function actionsCommand(flow: ActionsFlow, name: string): ActionsEvent | null {
  const scope = actionsScope(flow);
  const b = scope ? resolveKey(scope, name) : undefined;
  switch (b?.command) {
    case 'back':
      return { type: 'close' };
    case 'up':
      return { type: 'move', delta: -1 };
    case 'down':
      return { type: 'move', delta: 1 };
    case 'select':
      return { type: 'select' };
    case 'chooseAction':
      return flow.phase === 'menu' && flow.items.some((i) => i.kind === b.arg) ? { type: 'choose', kind: b.arg as ActionKind } : null;
    case 'signal':
      return { type: 'signal', signal: b.arg as KillSignal };
    case 'confirm':
      return { type: 'confirm' };
    default:
      return null;
  }
}

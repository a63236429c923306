// Binds the pure actions flow to the engine: holds the flow state, and when it enters
// `running`, runs the confirmed request (once) and feeds progress back as events.
import { useCallback, useEffect, useRef, useState } from 'react';
import type Docker from 'dockerode';
import type { Key } from 'ink';
import { actionsReducer, CLOSED, type ActionRequest, type ActionsEvent, type ActionsFlow, type ActionTarget, type TargetStatus } from '../../core/model/actions.js';
import { runActionRequest, type RunRequestOptions } from '../../commands/docker/container-actions.js';
import { actionsCommand, actionsKey } from './actions-menu.js';

export interface UseActionsFlowOptions extends RunRequestOptions {
  /** Why actions are off (READ_ONLY_REASON for --read-only, or "no engine" for replay/mock). */
  disabled?: string | null;
  /** After every run, also when the panel was hidden meanwhile (e.g. for a status line). */
  onFinished?: (request: ActionRequest, status: TargetStatus[]) => void;
}

export function useActionsFlow(docker: Docker | null, opts: UseActionsFlowOptions = {}) {
  // The ref is the truth: the app feeds a chunk like "yy" one key at a time within one
  // input event, and each key must see the state the previous one produced.
  const current = useRef<ActionsFlow>(CLOSED);
  const [state, setState] = useState<ActionsFlow>(CLOSED);
  const dispatch = useCallback((event: ActionsEvent) => {
    current.current = actionsReducer(current.current, event);
    setState(current.current);
  }, []);
  const started = useRef(new WeakSet<ActionRequest>());
  const optsRef = useRef(opts);
  optsRef.current = opts;

  const running = state.phase === 'running' ? state.request : null;
  useEffect(() => {
    if (!running || started.current.has(running)) return;
    started.current.add(running);
    const o = optsRef.current;
    void runActionRequest(docker, running, (index, status) => dispatch({ type: 'progress', request: running, index, status }), o).then(
      (status) => optsRef.current.onFinished?.(running, status),
    );
  }, [running, docker, dispatch]);

  const open = useCallback((targets: readonly ActionTarget[]) => {
    dispatch({ type: 'open', targets, disabled: optsRef.current.disabled ?? null });
  }, [dispatch]);

  /** For the app's single useInput: true when the key belonged to the flow. */
  const handleKey = useCallback(
    (input: string, key: Key): boolean => {
      const event = actionsKey(current.current, input, key);
      if (event) dispatch(event);
      return event !== null;
    },
    [dispatch],
  );

  /** The same for a key name from keymap.ts's keysFromInput (the app's pipeline). */
  const handleKeyName = useCallback(
    (name: string): boolean => {
      const event = actionsCommand(current.current, name);
      if (event) dispatch(event);
      return event !== null;
    },
    [dispatch],
  );

  /** Up to date between the keys of one input chunk (e.g. "m" then "t"), unlike `isOpen`. */
  const isOpenNow = useCallback(() => current.current.phase !== 'closed', []);

  return { state, dispatch, open, handleKey, handleKeyName, isOpen: state.phase !== 'closed', isOpenNow };
}

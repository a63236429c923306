// Follows a container's logs into a bounded buffer and holds the log view's state.
// Lines arriving from the engine are batched and handed to React at most every
// `flushMs`, so a container printing thousands of lines a second costs ~10 renders/s.
import { useCallback, useEffect, useRef, useState } from 'react';
import type Docker from 'dockerode';
import type { Key } from 'ink';
import { appendLines, DEFAULT_LOG_CAPACITY, type LogLine, type NewLogLine } from '../../core/logs/log-buffer.js';
import { followLogs, type LogStreamStatus } from '../../commands/docker/log-stream.js';
import { initialLogViewState, logViewCommand, logViewKey, reduceLogView, type LogViewAction, type LogViewState } from './log-view-reducer.js';

export interface UseLogViewerOptions {
  tail?: number;
  capacity?: number;
  flushMs?: number;
}

export interface LogTarget {
  id: string;
  name: string;
}

/** The followed lines (bounded, oldest dropped) and the stream's status; id null follows nothing. */
export function useLogFollow(docker: Docker | null, id: string | null, opts: UseLogViewerOptions = {}) {
  const [lines, setLines] = useState<readonly LogLine[]>([]);
  const [status, setStatus] = useState<LogStreamStatus>({ state: 'connecting' });
  const { tail, capacity = DEFAULT_LOG_CAPACITY, flushMs = 100 } = opts;

  useEffect(() => {
    setLines([]);
    setStatus({ state: 'connecting' });
    if (!id) return;
    if (!docker) {
      const message = 'logs need a live engine (not replay or mock)';
      setLines(appendLines([], [{ stream: 'system', time: null, text: `— ${message} —` }]));
      setStatus({ state: 'error', message });
      return;
    }
    let pending: NewLogLine[] = [];
    const flush = () => {
      if (pending.length === 0) return;
      const batch = pending;
      pending = [];
      setLines((prev) => appendLines(prev, batch, capacity));
    };
    const timer = setInterval(flush, flushMs);
    const follower = followLogs(docker, id, {
      tail,
      onLines: (l) => {
        pending.push(...l);
        if (pending.length > capacity) pending = pending.slice(-capacity);
      },
      onStatus: (s) => {
        // The end marker must not wait for the next tick.
        if (s.state === 'ended' || s.state === 'error') flush();
        setStatus(s);
      },
    });
    return () => {
      clearInterval(timer);
      follower.close();
    };
  }, [docker, id, tail, capacity, flushMs]);

  return { lines, status };
}

/**
 * Call it unconditionally in the app (hooks cannot be conditional); `target` null = no log
 * view open, nothing followed. A new target starts FOLLOWING with a fresh buffer.
 */
export function useLogViewer(docker: Docker | null, target: LogTarget | null, size: { width: number; height: number }, opts: UseLogViewerOptions = {}) {
  const id = target?.id ?? '';
  const name = target?.name ?? '';
  const { lines, status } = useLogFollow(docker, target ? id : null, opts);
  const [view, setView] = useState<LogViewState>(() => initialLogViewState(id, name));
  // The ref is the truth, so keys fed one by one from one input chunk ("/err") each see
  // the state the previous key produced.
  const current = useRef(view);
  const viewport = useRef({ lines, width: size.width, height: size.height });
  viewport.current = { lines, width: size.width, height: size.height };

  // A different container starts from a fresh view (FOLLOWING, no search).
  if (current.current.containerId !== id) {
    current.current = initialLogViewState(id, name);
    setView(current.current);
  }

  const dispatch = useCallback((action: LogViewAction) => {
    current.current = reduceLogView(current.current, action, viewport.current);
    setView(current.current);
  }, []);
  // The stream's status is read at render time rather than copied into state.
  const state: LogViewState = { ...view, stream: status };

  /** For the app's single useInput: the action taken (a 'close' is the app's to act on), or null. */
  const handleKey = useCallback(
    (input: string, key: Key): LogViewAction | null => {
      const action = logViewKey(current.current, input, key);
      if (action && action.type !== 'close') dispatch(action);
      return action;
    },
    [dispatch],
  );

  /** The same for a key name from keymap.ts's keysFromInput (the app's pipeline). */
  const handleKeyName = useCallback(
    (name: string): LogViewAction | null => {
      const action = logViewCommand(current.current, name);
      if (action && action.type !== 'close') dispatch(action);
      return action;
    },
    [dispatch],
  );

  return { lines, state, dispatch, handleKey, handleKeyName };
}

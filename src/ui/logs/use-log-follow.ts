// Follows a container's logs into a bounded buffer through the session's commands. Lines are
// batched and handed to React at most every `flushMs`, so a container printing thousands of lines
// a second costs ~10 renders/s. The log view's own state (scroll, search) is the root state's
// `logs` slice (log-view-reducer.ts); this hook only holds what the engine sends.
import { useEffect, useRef, useState } from 'react';
import { appendLines, DEFAULT_LOG_CAPACITY, type LogLine, type NewLogLine } from '../../core/logs/log-buffer.js';
import type { CommandTarget, EngineCommands, LogStreamStatus } from '../../commands/engine-commands.js';

export interface UseLogFollowOptions {
  tail?: number;
  capacity?: number;
  flushMs?: number;
}

/** The followed lines (bounded, oldest dropped) and the stream's status; a null target follows nothing. */
export function useLogFollow(commands: EngineCommands, target: CommandTarget | null, opts: UseLogFollowOptions = {}) {
  const [lines, setLines] = useState<readonly LogLine[]>([]);
  const [status, setStatus] = useState<LogStreamStatus>({ state: 'connecting' });
  const { tail, capacity = DEFAULT_LOG_CAPACITY, flushMs = 100 } = opts;
  const id = target?.id ?? null;
  // Followed by id: the target object is new every render (its host and engineId come with the id).
  const targetRef = useRef(target);
  targetRef.current = target;

  useEffect(() => {
    setLines([]);
    setStatus({ state: 'connecting' });
    const keyed = targetRef.current;
    if (!id || !keyed) return;
    let pending: NewLogLine[] = [];
    const flush = () => {
      if (pending.length === 0) return;
      const batch = pending;
      pending = [];
      setLines((prev) => appendLines(prev, batch, capacity));
    };
    const timer = setInterval(flush, flushMs);
    const follower = commands.followLogs(keyed, {
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
  }, [commands, id, tail, capacity, flushMs]);

  return { lines, status };
}

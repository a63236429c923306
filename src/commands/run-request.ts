// Runs a confirmed actions request (src/core/model/actions.ts) on each of its targets through any
// engine's commands, a few at a time, reporting 'running' and then the final status per target
// index (feed these to actionsReducer as 'progress' events).
import type { ActionRequest, TargetStatus } from '../core/model/actions.js';
import type { EngineCommands, RunActionOptions } from './engine-commands.js';

export interface RunRequestOptions extends Pick<RunActionOptions, 'stopGraceSeconds' | 'timeoutMs'> {
  /** Containers acted on at once; a marked set of 30 should not open 30 sockets. */
  concurrency?: number;
}

export async function runRequest(
  commands: Pick<EngineCommands, 'runAction'>,
  request: ActionRequest,
  onStatus: (index: number, status: TargetStatus) => void,
  opts: RunRequestOptions = {},
): Promise<TargetStatus[]> {
  const results: TargetStatus[] = request.targets.map(() => ({ state: 'pending' }));
  let next = 0;
  const worker = async () => {
    while (next < request.targets.length) {
      const i = next++;
      onStatus(i, { state: 'running' });
      const r = await commands.runAction(request.targets[i], request.engine, {
        signal: request.signal ?? undefined,
        force: request.force,
        stopGraceSeconds: opts.stopGraceSeconds,
        timeoutMs: opts.timeoutMs,
      });
      results[i] = r.ok ? { state: 'ok' } : { state: 'error', error: r.error };
      onStatus(i, results[i]);
    }
  };
  const n = Math.max(1, Math.min(opts.concurrency ?? 4, request.targets.length));
  await Promise.all(Array.from({ length: n }, worker));
  return results;
}

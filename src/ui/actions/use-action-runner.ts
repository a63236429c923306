// Runs the actions flow's confirmed request on the engine: when the flow (root state, see
// live-reducer.ts) enters `running`, the request runs once through the session's commands and
// its progress comes back as flow events.
import { useEffect, useRef } from 'react';
import type { ActionRequest, ActionsEvent, ActionsFlow, TargetStatus } from '../../core/model/actions.js';
import type { EngineCommands } from '../../commands/engine-commands.js';
import { runRequest, type RunRequestOptions } from '../../commands/run-request.js';

export interface ActionRunnerOptions extends RunRequestOptions {
  /** After every run, also when the panel was hidden meanwhile (e.g. to clear the marks). */
  onFinished?: (request: ActionRequest, status: TargetStatus[]) => void;
}

export function useActionRunner(commands: EngineCommands, flow: ActionsFlow, send: (event: ActionsEvent) => void, opts: ActionRunnerOptions = {}): void {
  const started = useRef(new WeakSet<ActionRequest>());
  const latest = useRef({ commands, send, opts });
  latest.current = { commands, send, opts };
  const running = flow.phase === 'running' ? flow.request : null;
  useEffect(() => {
    if (!running || started.current.has(running)) return;
    started.current.add(running);
    const { commands: c, opts: o } = latest.current;
    void runRequest(c, running, (index, status) => latest.current.send({ type: 'progress', request: running, index, status }), o).then((status) =>
      latest.current.opts.onFinished?.(running, status),
    );
  }, [running]);
}

// `x`: a shell in a container on the user's own terminal (the session's commands do the work). This hook
// binds it to the app: Ink's streams for stepping aside and back, the footer notice for what
// happened, a guard against a second `x` while the first is still looking for a shell, and the
// sampler paused while the shell runs (it resumes after, with one long interval).
import { useStdin, useStdout } from 'ink';
import { useCallback, useRef } from 'react';
import { displayName, sanitize } from '../../core/model/sanitize.js';
import type { CommandTarget, EngineCommands, ExecOutcome } from '../../commands/engine-commands.js';
import { createTerminalSuspender } from './terminal-suspender.js';
import { EXEC_READ_ONLY_REASON } from '../../core/model/actions.js';

/** Stops and restarts sampling (run.ts passes the sampler's stop/start). */
export interface SamplingControl {
  pause(): void;
  resume(): void;
}

export interface UseExecOptions {
  commands: EngineCommands;
  readOnly: boolean;
  sampling?: SamplingControl;
  dispatch: (action: { type: 'notice'; notice: string | null }) => void;
}

/** The footer's words for an outcome. */
export function execNotice(outcome: ExecOutcome, name: string): string {
  if (!outcome.ok) return outcome.message;
  const code = outcome.exitCode === null ? '' : ` (exit ${outcome.exitCode})`;
  return `shell ${outcome.shell} in ${displayName(name)} ended${code}`;
}

/** A function that runs a shell in a container; call it from the input handler. */
export function useExec(opts: UseExecOptions): (target: CommandTarget & { name: string }) => void {
  const { stdin } = useStdin();
  const { stdout, write } = useStdout();
  const latest = useRef(opts);
  latest.current = opts;
  const busy = useRef(false);
  return useCallback(
    (target) => {
      if (busy.current) return;
      const { commands, readOnly, sampling, dispatch } = latest.current;
      busy.current = true;
      if (!readOnly) dispatch({ type: 'notice', notice: `looking for a shell in ${displayName(target.name)}…` });
      const terminal = createTerminalSuspender({ stdin, stdout, repaint: () => write('') });
      const ui = {
        suspend() {
          sampling?.pause();
          terminal.suspend();
        },
        resume() {
          terminal.resume();
          sampling?.resume();
        },
      };
      commands
        .exec(target, ui, { disabled: readOnly ? EXEC_READ_ONLY_REASON : null })
        .then(
          (outcome) => dispatch({ type: 'notice', notice: execNotice(outcome, target.name) }),
          (err: unknown) => dispatch({ type: 'notice', notice: `exec failed: ${sanitize(err instanceof Error ? err.message : String(err))}` }),
        )
        .finally(() => {
          busy.current = false;
        });
    },
    [stdin, stdout, write],
  );
}

// `x`: a shell in a container on the user's own terminal (ui/exec.ts does the work). This hook
// binds it to the app: Ink's streams for stepping aside and back, the footer notice for what
// happened, a guard against a second `x` while the first is still looking for a shell, and the
// sampler paused while the shell runs (it resumes after, with one long interval).
import type Docker from 'dockerode';
import { useStdin, useStdout } from 'ink';
import { useCallback, useRef, type Dispatch } from 'react';
import { displayName, sanitize } from '../../core/model/sanitize.js';
import { createTerminalSuspender, EXEC_READ_ONLY_REASON, execShell, type ExecOutcome } from '../../commands/docker/exec.js';
import type { ViewAction } from '../view-reducer.js';

/** Stops and restarts sampling (run.ts passes the sampler's stop/start). */
export interface SamplingControl {
  pause(): void;
  resume(): void;
}

export interface UseExecOptions {
  docker: Docker | null;
  readOnly: boolean;
  /** -H: the docker CLI is pointed at the same engine. */
  host?: string;
  sampling?: SamplingControl;
  dispatch: Dispatch<ViewAction>;
}

/** The footer's words for an outcome. */
export function execNotice(outcome: ExecOutcome, name: string): string {
  if (!outcome.ok) return outcome.message;
  const code = outcome.exitCode === null ? '' : ` (exit ${outcome.exitCode})`;
  return `shell ${outcome.shell} in ${displayName(name)} ended${code}`;
}

/** A function that runs a shell in a container; call it from the input handler. */
export function useExec(opts: UseExecOptions): (target: { id: string; name: string }) => void {
  const { stdin } = useStdin();
  const { stdout, write } = useStdout();
  const latest = useRef(opts);
  latest.current = opts;
  const busy = useRef(false);
  return useCallback(
    (target) => {
      if (busy.current) return;
      const { docker, readOnly, host, sampling, dispatch } = latest.current;
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
      execShell(docker ?? 'docker', target.id, ui, { host, disabled: readOnly ? EXEC_READ_ONLY_REASON : null })
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

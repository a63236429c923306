// Runs container actions on the engine through dockerode. Every call is bounded by a timeout
// so the UI can never wait forever on an engine that stopped answering, and every failure
// comes back as the engine's own words (first line, terminal-safe), never a stack trace.
import type Docker from 'dockerode';
import type { ActionRequest, EngineAction, TargetStatus } from '../../core/model/actions.js';
import { sanitize } from '../../core/model/sanitize.js';
import type { ActionResult, RunActionOptions } from '../engine-commands.js';
import { runRequest, type RunRequestOptions } from '../run-request.js';

export type { ActionResult, RunActionOptions } from '../engine-commands.js';
export type { RunRequestOptions } from '../run-request.js';

const DEFAULT_GRACE_S = 10;
/** Time for the engine to answer once the grace period is over (or for a quick action). */
const MARGIN_MS = 5_000;
const QUICK_TIMEOUT_MS = 15_000;
const MAX_ERROR_CHARS = 500;

/** How long to wait for the engine before giving up on one action. */
export function actionTimeoutMs(action: EngineAction, opts: RunActionOptions = {}): number {
  if (opts.timeoutMs !== undefined) return opts.timeoutMs;
  if (action === 'stop' || action === 'restart') return (opts.stopGraceSeconds ?? DEFAULT_GRACE_S) * 1000 + MARGIN_MS;
  return QUICK_TIMEOUT_MS;
}

interface ModemError {
  statusCode?: number;
  reason?: string;
  json?: unknown;
  message?: string;
}

/**
 * The engine's message verbatim: dockerode keeps the response body in `json`
 * ({"message": "..."}); its own `message` adds "(HTTP code 409) unexpected - " in front.
 * Network errors (ECONNREFUSED, …) have only `message`.
 */
export function engineErrorText(err: unknown): string {
  const e = (err ?? {}) as ModemError;
  let text: string | undefined;
  const body = e.json;
  if (typeof body === 'string') text = body;
  else if (body && typeof body === 'object' && typeof (body as { message?: unknown }).message === 'string') {
    text = (body as { message: string }).message;
  }
  if (!text && typeof e.message === 'string') text = e.message.replace(/^\(HTTP code \d+\)\s*[^-]*-\s*/, '');
  if (!text?.trim() && e.reason) text = e.reason;
  const line = sanitize((text ?? String(err)).trim().split('\n')[0] ?? '').trim();
  return (line || 'unknown engine error').slice(0, MAX_ERROR_CHARS);
}

function call(docker: Docker, id: string, action: EngineAction, opts: RunActionOptions, abortSignal: AbortSignal): Promise<unknown> {
  const c = docker.getContainer(id);
  // dockerode takes abortSignal in the options object and removes it from the query string.
  const grace = opts.stopGraceSeconds ?? DEFAULT_GRACE_S;
  switch (action) {
    case 'start':
      return c.start({ abortSignal } as object);
    case 'stop':
      return c.stop({ t: grace, abortSignal } as object);
    case 'restart':
      return c.restart({ t: grace, abortSignal });
    case 'pause':
      return c.pause({ abortSignal });
    case 'unpause':
      return c.unpause({ abortSignal });
    case 'kill':
      return c.kill({ signal: opts.signal ?? 'SIGKILL', abortSignal });
    case 'remove':
      return c.remove({ force: opts.force === true, abortSignal });
  }
}

/**
 * One action on one container. Resolves, never rejects. 304 ("already started/stopped")
 * counts as success, as it does for the docker CLI: the container is where the user wanted it.
 */
export async function runAction(
  docker: Docker | null,
  id: string,
  action: EngineAction,
  opts: RunActionOptions = {},
): Promise<ActionResult> {
  if (!docker) return { ok: false, error: 'no engine: actions need a live Docker or Podman engine (not replay or mock)' };
  const limit = actionTimeoutMs(action, opts);
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<ActionResult>((resolve) => {
    timer = setTimeout(() => {
      abort.abort();
      resolve({ ok: false, error: `no answer from the engine after ${Math.round(limit / 1000)} s; the ${action} may still complete` });
    }, limit);
  });
  const attempt = call(docker, id, action, opts, abort.signal).then(
    (): ActionResult => ({ ok: true }),
    (err: unknown): ActionResult => {
      if ((err as ModemError)?.statusCode === 304) return { ok: true };
      return { ok: false, error: engineErrorText(err) };
    },
  );
  try {
    return await Promise.race([attempt, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** runRequest (../run-request.ts) on one Docker/Podman engine; null: every target fails, saying why. */
export function runActionRequest(
  docker: Docker | null,
  request: ActionRequest,
  onStatus: (index: number, status: TargetStatus) => void,
  opts: RunRequestOptions = {},
): Promise<TargetStatus[]> {
  return runRequest({ runAction: (t, action, o) => runAction(docker, t.id, action, o) }, request, onStatus, opts);
}

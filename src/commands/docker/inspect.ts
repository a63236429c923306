// `docker inspect` of one container, mapped to ContainerDetails. The engine dependency is the one
// call it needs, so the live screen's hook can be tested with a fake, and replay/mock sessions
// (no engine) simply have no details.
import { detailsFromInspect, type ContainerDetails } from '../../core/model/container-details.js';
import { sanitize } from '../../core/model/sanitize.js';

/** What inspectDetails needs from dockerode; `Docker` satisfies it. */
export interface InspectClient {
  getContainer(id: string): { inspect(): Promise<unknown> };
}

export async function inspectDetails(docker: InspectClient, id: string): Promise<ContainerDetails> {
  return detailsFromInspect(await docker.getContainer(id).inspect());
}

/**
 * One line for the detail view when inspect fails. docker-modem rejects with `statusCode` and
 * the engine's JSON `{ message }` in `json`; a 404 is the common case (removed meanwhile).
 */
export function inspectErrorText(err: unknown): string {
  const e = (err ?? {}) as { statusCode?: number; json?: { message?: unknown } | null; message?: unknown; code?: unknown };
  if (e.statusCode === 404) return 'container no longer exists';
  const engine = typeof e.json?.message === 'string' ? e.json.message : null;
  const text = engine ?? (typeof e.message === 'string' ? e.message : String(err));
  const code = typeof e.code === 'string' ? ` (${e.code})` : '';
  return `inspect failed: ${sanitize(text).trim()}${code}`;
}

// Commands for a read-only source (Prometheus) whose containers may also live on an engine the
// user configured (-H, --context, the config file's engines): each command goes to the engine that
// knows the container's id, found by inspecting it on each engine in turn (a failure, usually 404,
// means "not here": try the next). No engine knows it: the source's own refusal. Only commands are
// routed; the numbers still come from the source.
import type { CommandTarget, EngineCommands, FollowLogsOptions, LogFollower } from './engine-commands.js';
import type { ContainerDetails } from '../core/model/container-details.js';

export interface RouteEngine {
  name: string;
  commands: EngineCommands;
}

/** The engine's own id: `engineId`, else the part after the fleet key's `<host>/`. */
function engineIdOf(t: CommandTarget): string {
  if (t.engineId) return t.engineId;
  const slash = t.id.lastIndexOf('/');
  return slash >= 0 ? t.id.slice(slash + 1) : t.id;
}

// cAdvisor's `id` label is a cgroup path ending in the 64-hex docker id
// (/system.slice/docker-<id>.scope, /docker/<id>); ctop-ts serve's is the id itself.
const DOCKER_ID = /([0-9a-f]{64})(?:\.scope)?$/;

export function containerIdFor(t: CommandTarget): string {
  const id = engineIdOf(t);
  return DOCKER_ID.exec(id)?.[1] ?? id;
}

export function routedCommands(fallback: EngineCommands, engines: readonly RouteEngine[]): EngineCommands {
  // Positive answers only: a container that appears on an engine later is still found.
  const owner = new Map<string, RouteEngine>();
  const find = async (t: CommandTarget): Promise<{ engine: RouteEngine; target: CommandTarget; details?: ContainerDetails } | null> => {
    const id = containerIdFor(t);
    const target: CommandTarget = { id, engineId: id, name: t.name };
    const known = owner.get(id);
    if (known) return { engine: known, target: { ...target, host: known.name } };
    for (const engine of engines) {
      const at = { ...target, host: engine.name };
      try {
        const details = await engine.commands.inspect(at);
        owner.set(id, engine);
        return { engine, target: at, details };
      } catch {
        // not on this engine (404), or the engine is down: the next one
      }
    }
    return null;
  };

  return {
    unavailable: engines.length === 0 ? fallback.unavailable : null,
    async inspect(t) {
      const hit = await find(t);
      if (!hit) return fallback.inspect(t);
      return hit.details ?? hit.engine.commands.inspect(hit.target);
    },
    async runAction(t, action, o) {
      const hit = await find(t);
      return hit ? hit.engine.commands.runAction(hit.target, action, o) : fallback.runAction(t, action, o);
    },
    async exec(t, ui, o) {
      if (o?.disabled) return fallback.exec(t, ui, o);
      const hit = await find(t);
      return hit ? hit.engine.commands.exec(hit.target, ui, o) : fallback.exec(t, ui, o);
    },
    followLogs(t: CommandTarget, o: FollowLogsOptions): LogFollower {
      let closed = false;
      let inner: LogFollower | null = null;
      o.onStatus?.({ state: 'connecting' });
      const done = find(t)
        .catch(() => null)
        .then((hit) => {
          if (closed) return;
          inner = hit ? hit.engine.commands.followLogs(hit.target, o) : fallback.followLogs(t, o);
          return inner.done;
        });
      return {
        close() {
          closed = true;
          inner?.close();
        },
        done: done.then(() => undefined),
      };
    },
  };
}

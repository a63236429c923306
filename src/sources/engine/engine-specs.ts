// Which engines to watch, and the short name each is shown under (HOST column, `host=NAME`,
// `--group-by host`, the fleet key `<name>/<container id>`).
//
// Precedence, as the docker CLI's (reference export-and-fleet §1.2) with ctop-ts's config file in
// between: -H/--host and --context (both repeatable, all of them watched) > the config file's
// `engines` > DOCKER_HOST > DOCKER_CONTEXT > config.json currentContext > the local socket.
// A -H value may carry its own name: `-H web=ssh://root@web1`.
import { UserFacingError } from '../../core/model/errors.js';
import { parseEngineHost, type EngineTarget } from './connection.js';
import { currentContextName, readContext } from './contexts.js';

export interface EngineSpec {
  name: string;
  target: EngineTarget;
  /** Where it came from, for --verbose and messages: "-H", "context prod", "config", "DOCKER_HOST". */
  origin: string;
}

/** A config file entry: an address or a context, under a name. */
export interface NamedEngine {
  name: string;
  host?: string;
  context?: string;
}

export interface EngineChoice {
  hosts: readonly string[];
  contexts: readonly string[];
  config?: readonly NamedEngine[];
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;
// `name=` before a scheme; URLs never have '=' before "://".
const NAMED = /^([^=/:]+)=(.+)$/;

export function resolveEngines(choice: EngineChoice, env: NodeJS.ProcessEnv = process.env): EngineSpec[] {
  const specs: { name?: string; target: EngineTarget; origin: string }[] = [];
  const fromContext = (ctx: string, origin: string, name?: string) => {
    const c = readContext(ctx, env);
    specs.push({ name: name ?? ctx, target: parseEngineHost(c.host, c.host === undefined ? env : {}, c.tls), origin });
  };
  if (choice.hosts.length > 0 || choice.contexts.length > 0) {
    for (const h of choice.hosts) {
      const m = NAMED.exec(h);
      specs.push({ name: m ? checkName(m[1], `-H ${h}`) : undefined, target: parseEngineHost(m ? m[2] : h, env), origin: '-H' });
    }
    for (const c of choice.contexts) fromContext(c, `context ${c}`);
  } else if (choice.config && choice.config.length > 0) {
    for (const e of choice.config) {
      const name = checkName(e.name, 'config engines');
      if (e.context) fromContext(e.context, `config (context ${e.context})`, name);
      else specs.push({ name, target: parseEngineHost(e.host, env), origin: 'config' });
    }
  } else if (env.DOCKER_HOST) {
    specs.push({ target: parseEngineHost(env.DOCKER_HOST, env), origin: 'DOCKER_HOST' });
  } else {
    const ctx = env.DOCKER_CONTEXT || currentContextName(env);
    if (ctx && ctx !== 'default') fromContext(ctx, env.DOCKER_CONTEXT ? 'DOCKER_CONTEXT' : 'currentContext');
    else specs.push({ target: parseEngineHost(undefined, env), origin: 'default' });
  }
  return nameAll(specs);
}

function checkName(name: string, where: string): string {
  if (!NAME.test(name))
    throw new UserFacingError(`bad engine name ${JSON.stringify(name)} in ${where}`, 'names are letters, digits, . _ - (e.g. -H web=ssh://root@web1)', 2);
  return name;
}

/** The name an address suggests: the socket's file name, or the host name. */
export function suggestedName(target: EngineTarget): string {
  const o = target.options as { socketPath?: string; host?: string };
  const raw = o.socketPath ? (o.socketPath.split('/').pop() ?? 'local').replace(/\.sock$/, '') : (o.host ?? 'engine');
  const clean = raw.replace(/[^A-Za-z0-9_.-]/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return clean || 'engine';
}

/** Unique names: a clash of suggested names adds the socket's folder, then a number. */
function nameAll(specs: { name?: string; target: EngineTarget; origin: string }[]): EngineSpec[] {
  const explicit = specs.filter((s) => s.name !== undefined).map((s) => s.name!);
  const dup = explicit.find((n, i) => explicit.indexOf(n) !== i);
  if (dup) throw new UserFacingError(`two engines are named ${JSON.stringify(dup)}`, 'give each -H/--context a different name', 2);
  const taken = new Set(explicit);
  const suggested = specs.map((s) => s.name ?? suggestedName(s.target));
  return specs.map((s, i) => {
    if (s.name !== undefined) return { name: s.name, target: s.target, origin: s.origin };
    let name = suggested[i];
    const socket = (s.target.options as { socketPath?: string }).socketPath;
    if (suggested.filter((n) => n === name).length > 1 && socket) {
      const parent = socket.split('/').slice(-2, -1)[0]?.replace(/[^A-Za-z0-9_.-]/g, '-');
      if (parent) name = `${parent}-${name}`;
    }
    for (let n = 2; taken.has(name); n++) name = `${suggested[i]}-${n}`;
    taken.add(name);
    return { name, target: s.target, origin: s.origin };
  });
}

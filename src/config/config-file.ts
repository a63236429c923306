// ctop-ts's own settings file: $XDG_CONFIG_HOME/ctop-ts/config.yaml (~/.config/… when unset).
// YAML through the `yaml` package, which keeps each node's position, so a bad value is reported
// as one line naming the file, the line and the key. Unknown keys are errors too: a typo that
// silently does nothing is worse than a refusal.
//
//   engines:                      # watched when no -H / --context is given
//     local: unix:///var/run/docker.sock
//     fleet: { prometheus: http://prom:9090 }   # config-prometheus.ts
//     podman: unix:///run/podman/podman.sock
//     prod: { context: prod }     # a Docker CLI context
//   interval: 2s
//   source: auto                  # auto | api | cgroup
//   theme: dark                   # dark | light
//   columns: [name, cpu, mem, net, io]
//   sort: cpu                     # a sort field; "-cpu" reverses it
//   group-by: compose
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Node, Pair } from 'yaml';
import { UserFacingError } from '../core/model/errors.js';
import { isSortField } from '../core/query/sort-rows.js';
import { COLUMN_IDS } from '../ui/table/columns.js';
import type { NamedEngine } from '../sources/engine/engine-specs.js';
import { parseInterval } from '../cli-options.js';
import { isPrometheusEntry, parsePrometheusEntry, type ConfigPrometheus } from './config-prometheus.js';

export interface ConfigSettings {
  engines?: NamedEngine[];
  /** `engines` entries with a `prometheus:` URL (config-prometheus.ts), in file order. */
  prometheus?: ConfigPrometheus[];
  intervalMs?: number;
  source?: 'auto' | 'api' | 'cgroup';
  theme?: 'dark' | 'light';
  columns?: string[];
  sort?: { field: string; reverse: boolean };
  groupBy?: string;
}

export interface LoadedConfig {
  path: string;
  exists: boolean;
  settings: ConfigSettings;
}

export function configPath(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME ?? '', '.config');
  return join(base, 'ctop-ts', 'config.yaml');
}

/** Reads the config file; a missing file is an empty config, anything wrong is one clear line. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  const path = configPath(env);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { path, exists: false, settings: {} };
    // A folder we may not enter (another user's HOME under sudo -u) is not a file we failed to read.
    if ((code === 'EACCES' || code === 'EPERM') && !canStat(path)) return { path, exists: false, settings: {} };
    throw new UserFacingError(`cannot read the config file ${path} (${code === 'EACCES' ? 'permission denied' : code})`, undefined, 2);
  }
  return { path, exists: true, settings: parseConfig(text, path) };
}

function canStat(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

// Loaded only when a config file exists: most runs have none and should not pay for the parser.
let yamlLib: typeof import('yaml') | null = null;
const Y = () => (yamlLib ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));

export function parseConfig(text: string, path: string): ConfigSettings {
  const { isMap, isScalar, isSeq, LineCounter, parseDocument } = Y();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const lineOf = (node: Node | null | undefined) => (node?.range ? lines.linePos(node.range[0]).line : 1);
  const fail = (node: Node | null | undefined, key: string, why: string): never => {
    throw new UserFacingError(`config ${path}:${lineOf(node)}: ${key}: ${why}`, 'fix the file, or move it away to use the defaults', 2);
  };
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = lines.linePos(e.pos[0]).line;
    throw new UserFacingError(`config ${path}:${line}: not valid YAML: ${e.message.split('\n')[0]}`, 'fix the file, or move it away to use the defaults', 2);
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return {};
  if (!isMap(root)) return fail(root as Node, '(top level)', 'expected a mapping of settings (key: value)');
  const out: ConfigSettings = {};
  for (const pair of root.items as Pair<Node, Node>[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '?';
    const v = pair.value;
    const str = (): string => {
      if (!isScalar(v) || (typeof v.value !== 'string' && typeof v.value !== 'number')) return fail(v ?? pair.key, key, 'expected a single value');
      return String(v.value);
    };
    const oneOf = <T extends string>(choices: readonly T[]): T => {
      const s = str();
      if (!(choices as readonly string[]).includes(s)) fail(v, key, `expected one of ${choices.join(', ')}, got ${JSON.stringify(s)}`);
      return s as T;
    };
    switch (key) {
      case 'interval':
        try {
          out.intervalMs = parseInterval(str());
        } catch (err) {
          fail(v, key, (err as Error).message);
        }
        break;
      case 'source':
        out.source = oneOf(['auto', 'api', 'cgroup'] as const);
        break;
      case 'theme':
        out.theme = oneOf(['dark', 'light'] as const);
        break;
      case 'group-by':
      case 'groupBy':
        out.groupBy = str();
        break;
      case 'sort': {
        const s = str();
        const field = s.replace(/^-/, '');
        if (!isSortField(field)) fail(v, key, `unknown sort field ${JSON.stringify(field)}`);
        out.sort = { field, reverse: s.startsWith('-') };
        break;
      }
      case 'columns': {
        if (!isSeq(v)) fail(v ?? pair.key, key, 'expected a list, e.g. [name, cpu, mem]');
        out.columns = (v as unknown as { items: Node[] }).items.map((item) => {
          const id = isScalar(item) ? String(item.value) : '';
          if (!(COLUMN_IDS as readonly string[]).includes(id)) fail(item, key, `unknown column ${JSON.stringify(id)} (known: ${COLUMN_IDS.join(', ')})`);
          return id;
        });
        break;
      }
      case 'engines': {
        const all = engines(v, fail);
        const docker = all.filter((e): e is NamedEngine => !('url' in e));
        const prom = all.filter((e): e is ConfigPrometheus => 'url' in e);
        if (docker.length > 0) out.engines = docker;
        if (prom.length > 0) out.prometheus = prom;
        break;
      }
      default:
        fail(pair.key, key, 'unknown setting (known: engines, interval, source, theme, columns, sort, group-by)');
    }
  }
  return out;
}

function engines(v: Node | null, fail: (node: Node | null | undefined, key: string, why: string) => never): (NamedEngine | ConfigPrometheus)[] {
  const { isMap, isScalar } = Y();
  if (!isMap(v)) return fail(v, 'engines', 'expected a mapping of names to addresses, e.g. local: unix:///var/run/docker.sock');
  return (v.items as Pair<Node, Node>[]).map((p) => {
    const name = isScalar(p.key) ? String(p.key.value) : '';
    const where = `engines.${name}`;
    const e = p.value;
    if (isScalar(e) && typeof e.value === 'string') return { name, host: e.value };
    if (isPrometheusEntry(e, isMap)) return parsePrometheusEntry(name, e as unknown as { items: unknown[] }, isScalar, fail);
    if (isMap(e)) {
      const get = (k: string) => {
        const x = e.get(k, true);
        if (x === undefined) return undefined;
        if (!isScalar(x) || typeof x.value !== 'string') fail(x as Node, `${where}.${k}`, 'expected a string');
        return String((x as { value: unknown }).value);
      };
      for (const item of e.items as Pair<Node, Node>[]) {
        const k = isScalar(item.key) ? String(item.key.value) : '?';
        if (k !== 'host' && k !== 'context') fail(item.key, `${where}.${k}`, 'unknown key (known: host, context; or prometheus and its options)');
      }
      const host = get('host');
      const context = get('context');
      if ((host === undefined) === (context === undefined)) fail(e, where, 'give exactly one of host or context');
      return { name, host, context };
    }
    return fail(e ?? p.key, where, 'expected an address (unix:///…, tcp://…, ssh://…) or { context: NAME }');
  });
}

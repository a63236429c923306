// A Prometheus server as a named engine in the config file:
//
//   engines:
//     fleet:
//       prometheus: https://prom.example:9090
//       username: ops
//       password-env: PROM_PASSWORD      # or password: …, kept out of the file when possible
//       bearer-token-env: PROM_TOKEN     # or bearer-token: …
//       ca-file: /etc/ssl/prom-ca.pem
//       cert-file: client.pem
//       key-file: client-key.pem
//       insecure-skip-verify: false
//
// Parsed here, not in config-file.ts, so that file keeps to the general settings. Secrets named by
// `*-env` are read when ctop-ts starts, not stored.
import type { Node, Pair } from 'yaml';

export interface ConfigPrometheus {
  name: string;
  url: string;
  username?: string;
  password?: string;
  passwordEnv?: string;
  bearerToken?: string;
  bearerTokenEnv?: string;
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  insecureSkipVerify?: boolean;
}

type Fail = (node: Node | null | undefined, key: string, why: string) => never;

const STRING_KEYS = {
  prometheus: 'url',
  username: 'username',
  password: 'password',
  'password-env': 'passwordEnv',
  'bearer-token': 'bearerToken',
  'bearer-token-env': 'bearerTokenEnv',
  'ca-file': 'caFile',
  'cert-file': 'certFile',
  'key-file': 'keyFile',
} as const;
const KNOWN = [...Object.keys(STRING_KEYS), 'insecure-skip-verify'];

/** True when a config engine entry is a Prometheus server (it has a `prometheus:` key). */
export function isPrometheusEntry(e: unknown, isMap: (x: unknown) => boolean): boolean {
  return isMap(e) && (e as { has(k: string): boolean }).has('prometheus');
}

export function parsePrometheusEntry(name: string, e: { items: unknown[] }, isScalar: (x: unknown) => boolean, fail: Fail): ConfigPrometheus {
  const where = `engines.${name}`;
  const out: ConfigPrometheus = { name, url: '' };
  for (const item of e.items as Pair<Node, Node>[]) {
    const k = isScalar(item.key) ? String((item.key as unknown as { value: unknown }).value) : '?';
    const v = item.value as (Node & { value?: unknown }) | null;
    if (k === 'insecure-skip-verify') {
      if (!isScalar(v) || typeof v?.value !== 'boolean') fail(v ?? item.key, `${where}.${k}`, 'expected true or false');
      out.insecureSkipVerify = v!.value as boolean;
      continue;
    }
    const field = (STRING_KEYS as Record<string, keyof ConfigPrometheus>)[k];
    if (field === undefined) fail(item.key, `${where}.${k}`, `unknown key for a Prometheus engine (known: ${KNOWN.join(', ')})`);
    if (!isScalar(v) || typeof v?.value !== 'string' || v.value === '') fail(v ?? item.key, `${where}.${k}`, 'expected a non-empty string');
    (out as unknown as Record<string, unknown>)[field] = v!.value;
  }
  if (!/^https?:\/\/[^/]/.test(out.url)) fail(e as unknown as Node, `${where}.prometheus`, `expected an http:// or https:// URL, got ${JSON.stringify(out.url)}`);
  if (out.password !== undefined && out.passwordEnv !== undefined) fail(e as unknown as Node, where, 'give password or password-env, not both');
  if (out.bearerToken !== undefined && out.bearerTokenEnv !== undefined) fail(e as unknown as Node, where, 'give bearer-token or bearer-token-env, not both');
  if ((out.certFile === undefined) !== (out.keyFile === undefined)) fail(e as unknown as Node, where, 'cert-file and key-file go together');
  return out;
}

/**
 * The `--prometheus` family of option values a config entry stands for (commander's keys), with
 * `*-env` secrets read from the environment. An env var that is named but unset is left out, so the
 * usual $CTOP_PROMETHEUS_PASSWORD / $CTOP_PROMETHEUS_TOKEN still apply.
 */
export function prometheusOptionValues(p: ConfigPrometheus, env: NodeJS.ProcessEnv): Record<string, string | boolean | undefined> {
  const fromEnv = (name: string | undefined) => (name !== undefined && env[name] ? env[name] : undefined);
  return {
    prometheus: p.url,
    prometheusUser: p.username,
    prometheusPassword: p.password ?? fromEnv(p.passwordEnv),
    prometheusToken: p.bearerToken ?? fromEnv(p.bearerTokenEnv),
    prometheusCa: p.caFile,
    prometheusCert: p.certFile,
    prometheusKey: p.keyFile,
    prometheusInsecure: p.insecureSkipVerify || undefined,
  };
}

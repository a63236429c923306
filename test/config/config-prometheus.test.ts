// A Prometheus server as a named engine in the config file: parsed with its auth/TLS options,
// mistakes are one line naming file, line and key, and the pick follows the Docker engines' rules.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Command } from 'commander';
import { parseConfig } from '../../src/config/config-file.js';
import { prometheusOptionValues } from '../../src/config/config-prometheus.js';
import { pickConfigPrometheus } from '../../src/config/pick-prometheus.js';
import { UserFacingError } from '../../src/core/model/errors.js';

const F = '/etc/x/config.yaml';

describe('config file: Prometheus engines', () => {
  it('parses a Prometheus engine with every option, next to Docker engines', () => {
    const s = parseConfig(
      [
        'engines:',
        '  local: unix:///var/run/docker.sock',
        '  fleet:',
        '    prometheus: https://prom.example:9090/prom',
        '    username: ops',
        '    password-env: PROM_PW',
        '    bearer-token: abc',
        '    ca-file: /etc/ca.pem',
        '    cert-file: c.pem',
        '    key-file: k.pem',
        '    insecure-skip-verify: true',
        '  lab: { prometheus: "http://127.0.0.1:9090" }',
      ].join('\n'),
      F,
    );
    assert.deepEqual(s.engines, [{ name: 'local', host: 'unix:///var/run/docker.sock' }]);
    assert.deepEqual(s.prometheus, [
      { name: 'fleet', url: 'https://prom.example:9090/prom', username: 'ops', passwordEnv: 'PROM_PW', bearerToken: 'abc', caFile: '/etc/ca.pem', certFile: 'c.pem', keyFile: 'k.pem', insecureSkipVerify: true },
      { name: 'lab', url: 'http://127.0.0.1:9090' },
    ]);
  });

  it('only Prometheus engines leave the Docker engines unset', () => {
    const s = parseConfig('engines:\n  lab: { prometheus: "http://127.0.0.1:9090" }\n', F);
    assert.equal(s.engines, undefined);
    assert.equal(s.prometheus?.length, 1);
  });

  const bad: [string, string][] = [
    ['engines:\n  p:\n    prometheus: http://x:9090\n    user: ops\n', `config ${F}:4: engines.p.user: unknown key for a Prometheus engine (known: prometheus, username, password, password-env`],
    ['engines:\n  p:\n    prometheus: prom:9090\n', `config ${F}:3: engines.p.prometheus: expected an http:// or https:// URL, got "prom:9090"`],
    ['engines:\n  p:\n    prometheus: http://x:9090\n    insecure-skip-verify: yes please\n', `config ${F}:4: engines.p.insecure-skip-verify: expected true or false`],
    ['engines:\n  p:\n    prometheus: http://x:9090\n    password: [a]\n', `config ${F}:4: engines.p.password: expected a non-empty string`],
    ['engines:\n  p:\n    prometheus: http://x:9090\n    password: a\n    password-env: B\n', `config ${F}:3: engines.p: give password or password-env, not both`],
    ['engines:\n  p:\n    prometheus: http://x:9090\n    cert-file: c.pem\n', `config ${F}:3: engines.p: cert-file and key-file go together`],
    ['engines:\n  p: { host: unix:///x, username: a }\n', `config ${F}:2: engines.p.username: unknown key (known: host, context; or prometheus and its options)`],
  ];
  for (const [text, want] of bad) {
    it(`refuses ${JSON.stringify(text)} with one line: ${want}`, () =>
      assert.throws(
        () => parseConfig(text, F),
        (e: unknown) => e instanceof UserFacingError && e.exitCode === 2 && e.message.startsWith(want) && !e.message.includes('\n'),
      ));
  }

  it('secrets named by *-env come from the environment; an unset one is left out', () => {
    const p = { name: 'p', url: 'http://x:9090', passwordEnv: 'PW', bearerTokenEnv: 'TOK', insecureSkipVerify: false };
    assert.deepEqual(prometheusOptionValues(p, { PW: 's3cret' }), {
      prometheus: 'http://x:9090', prometheusUser: undefined, prometheusPassword: 's3cret', prometheusToken: undefined,
      prometheusCa: undefined, prometheusCert: undefined, prometheusKey: undefined, prometheusInsecure: undefined,
    });
  });
});

describe('picking a config Prometheus engine', () => {
  const entries = [
    { name: 'fleet', url: 'http://10.0.0.1:9090', username: 'ops' },
    { name: 'lab', url: 'http://127.0.0.1:9090' },
  ];
  const program = (args: string[]) => {
    const c = new Command().option('-H, --host <url>', '', (v: string, p: string[] = []) => [...p, v]).option('--context <n>', '', (v: string, p: string[] = []) => [...p, v]).option('--prometheus <url>').option('--replay <file>').option('--mock [seed]');
    return c.parse(args, { from: 'user' });
  };
  it('--prometheus NAME picks the entry with that name', () =>
    assert.equal(pickConfigPrometheus(program(['--prometheus', 'lab']), entries, F, {})?.values.prometheus, 'http://127.0.0.1:9090'));
  it('--prometheus URL uses the flags alone', () => assert.equal(pickConfigPrometheus(program(['--prometheus', 'http://p:9090']), entries, F, {}), null));
  it('-H or --context watch engines: no Prometheus from the config', () => {
    assert.equal(pickConfigPrometheus(program(['-H', 'unix:///x']), entries.slice(0, 1), F, {}), null);
    assert.equal(pickConfigPrometheus(program(['--context', 'prod']), entries.slice(0, 1), F, {}), null);
  });
  it('--replay or --mock: no Prometheus from the config', () => {
    assert.equal(pickConfigPrometheus(program(['--replay', 'x.jsonl']), entries.slice(1), F, {}), null);
    assert.equal(pickConfigPrometheus(program(['--mock']), entries.slice(1), F, {}), null);
  });
  it('no flags: the one configured Prometheus engine', () => assert.equal(pickConfigPrometheus(program([]), entries.slice(1), F, {})?.entry.name, 'lab'));
  it('no flags and two Prometheus engines: asks to pick one', () =>
    assert.throws(() => pickConfigPrometheus(program([]), entries, F, {}), (e: unknown) => e instanceof UserFacingError && /names 2 Prometheus engines \(fleet, lab\)/.test(e.message) && /--prometheus NAME/.test(e.hint ?? '')));
  it('an unknown name is one clear line', () =>
    assert.throws(() => pickConfigPrometheus(program(['--prometheus', 'prod']), entries, F, {}), (e: unknown) => e instanceof UserFacingError && e.exitCode === 2 && /names no Prometheus engine "prod" \(it has: fleet, lab\)/.test(e.message)));
});

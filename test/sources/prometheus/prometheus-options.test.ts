import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Command } from 'commander';
import { addPrometheusOptions, resolvePrometheusOptions } from '../../../src/sources/prometheus/prometheus-options.js';

const parse = (args: string[], env: NodeJS.ProcessEnv = {}) => {
  const cmd = addPrometheusOptions(new Command('t').exitOverride().configureOutput({ writeErr: () => undefined }));
  cmd.parse(args, { from: 'user' });
  return resolvePrometheusOptions(cmd.opts(), env);
};

describe('--prometheus flags', () => {
  it('absent without --prometheus', () => {
    assert.equal(parse([]), undefined);
  });

  it('defaults, auth and TLS', () => {
    assert.deepEqual(parse(['--prometheus', 'http://p:9090']), {
      url: 'http://p:9090', username: undefined, password: undefined, bearerToken: undefined,
      caFile: undefined, certFile: undefined, keyFile: undefined, insecureSkipVerify: false, window: '1m', timeoutMs: 5000,
    });
    const o = parse(['--prometheus', 'https://p', '--prometheus-user', 'ops', '--prometheus-ca', 'ca.pem', '--prometheus-insecure', '--prometheus-window', '2m30s', '--prometheus-timeout', '800ms'], { CTOP_PROMETHEUS_PASSWORD: 'pw' });
    assert.equal(o?.username, 'ops');
    assert.equal(o?.password, 'pw', 'from the environment, out of ps and shell history');
    assert.equal(o?.caFile, 'ca.pem');
    assert.equal(o?.insecureSkipVerify, true);
    assert.equal(o?.window, '2m30s');
    assert.equal(o?.timeoutMs, 800);
    assert.equal(parse(['--prometheus', 'x', '--prometheus-token', 'flag'], { CTOP_PROMETHEUS_TOKEN: 'env' })?.bearerToken, 'flag', 'a flag wins');
  });

  it('rejects a window PromQL would not parse, and silly timeouts', () => {
    assert.throws(() => parse(['--prometheus', 'x', '--prometheus-window', '1 minute']), /PromQL duration/);
    assert.throws(() => parse(['--prometheus', 'x', '--prometheus-timeout', '10ms']), /between 100ms and 10m/);
  });
});

// The config file: every setting parsed, and every mistake one line naming file, line and key.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configPath, loadConfig, parseConfig } from '../../src/config/config-file.js';
import { UserFacingError } from '../../src/core/model/errors.js';

const F = '/etc/x/config.yaml';

describe('config file', () => {
  it('parses every setting', () => {
    const s = parseConfig(
      [
        'engines:',
        '  local: unix:///var/run/docker.sock',
        '  prod: { context: prod }',
        '  box: { host: "ssh://root@box" }',
        'interval: 2s',
        'source: api',
        'theme: light',
        'columns: [name, cpu, mem]',
        'sort: -mem',
        'group-by: compose',
      ].join('\n'),
      F,
    );
    assert.deepEqual(s, {
      engines: [
        { name: 'local', host: 'unix:///var/run/docker.sock' },
        { name: 'prod', host: undefined, context: 'prod' },
        { name: 'box', host: 'ssh://root@box', context: undefined },
      ],
      intervalMs: 2000,
      source: 'api',
      theme: 'light',
      columns: ['name', 'cpu', 'mem'],
      sort: { field: 'mem', reverse: true },
      groupBy: 'compose',
    });
  });

  it('an empty file is no settings', () => assert.deepEqual(parseConfig('# nothing yet\n', F), {}));

  const bad: [string, string][] = [
    ['interval: 2s\nsorting: cpu\n', `config ${F}:2: sorting: unknown setting`],
    ["interval: fast\n", `config ${F}:1: interval: expected `],
    ['theme: dark\nsource: magic\n', `config ${F}:2: source: expected one of auto, api, cgroup, got "magic"`],
    ['columns:\n  - name\n  - bogus\n', `config ${F}:3: columns: unknown column "bogus"`],
    ['sort: size\n', `config ${F}:1: sort: unknown sort field "size"`],
    ['engines:\n  a: { host: x, context: y }\n', `config ${F}:2: engines.a: give exactly one of host or context`],
    ['engines:\n  a:\n    port: 3\n', `config ${F}:3: engines.a.port: unknown key`],
    ["interval: 1s\ntheme: dark\ntheme: light\n", `config ${F}:3: not valid YAML`],
    ['- just\n- a list\n', `config ${F}:1: (top level): expected a mapping`],
  ];
  for (const [text, want] of bad) {
    it(`refuses ${JSON.stringify(text)} with one line: ${want}`, () =>
      assert.throws(
        () => parseConfig(text, F),
        (e: unknown) => e instanceof UserFacingError && e.exitCode === 2 && e.message.startsWith(want) && !e.message.includes('\n'),
      ));
  }

  describe('on disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ctop-config-'));
    after(() => rmSync(dir, { recursive: true, force: true }));
    it('lives at $XDG_CONFIG_HOME/ctop-ts/config.yaml, else ~/.config', () => {
      assert.equal(configPath({ XDG_CONFIG_HOME: dir }), join(dir, 'ctop-ts', 'config.yaml'));
      assert.equal(configPath({ HOME: '/home/u' }), '/home/u/.config/ctop-ts/config.yaml');
    });
    it('a missing file is an empty config', () => assert.deepEqual(loadConfig({ XDG_CONFIG_HOME: dir }), { path: join(dir, 'ctop-ts', 'config.yaml'), exists: false, settings: {} }));
    it('a present file is read', () => {
      mkdirSync(join(dir, 'ctop-ts'));
      writeFileSync(join(dir, 'ctop-ts', 'config.yaml'), 'interval: 500ms\n');
      assert.deepEqual(loadConfig({ XDG_CONFIG_HOME: dir }).settings, { intervalMs: 500 });
    });
  });
});

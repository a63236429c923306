// The built binary with a config file that names a Prometheus server as an engine: with no
// -H/--context it opens a Prometheus session (proved by the Prometheus-specific "cannot reach"
// line, against a closed loopback port: no real Prometheus needed). Needs `npx tsc -p tsconfig.json`.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin', 'ctop-ts.js');

function ctop(args: string[], configDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env, NO_COLOR: '1', XDG_CONFIG_HOME: configDir };
    delete env.DOCKER_HOST;
    const child = execFile(process.execPath, [bin, ...args], { cwd: root, env, timeout: 20_000, encoding: 'utf8' }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
    child.stdin?.end();
  });
}

function configDir(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ctop-config-prom-'));
  mkdirSync(join(dir, 'ctop-ts'));
  writeFileSync(join(dir, 'ctop-ts', 'config.yaml'), yaml);
  dirs.push(dir);
  return dir;
}
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const UNREACHABLE = /^ctop-ts: cannot reach Prometheus at http:\/\/127\.0\.0\.1:1: ECONNREFUSED\n/;

describe('a Prometheus engine in the config file', () => {
  it('is opened as a Prometheus session when no -H/--context is given', async () => {
    const dir = configDir('engines:\n  lab:\n    prometheus: http://127.0.0.1:1\n    username: ops\n    password-env: LAB_PW\n');
    const r = await ctop(['--no-stream'], dir);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, UNREACHABLE);
    assert.equal(r.stdout, '');
  });

  it('--prometheus NAME picks it among several', async () => {
    const dir = configDir('engines:\n  lab: { prometheus: "http://127.0.0.1:1" }\n  other: { prometheus: "http://127.0.0.1:2" }\n');
    const r = await ctop(['--prometheus', 'lab', '--json', '--no-stream'], dir);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, UNREACHABLE);
    const two = await ctop(['--no-stream'], dir);
    assert.equal(two.code, 2);
    assert.match(two.stderr, /^ctop-ts: \S+config\.yaml names 2 Prometheus engines \(lab, other\)\n  hint: pick one with --prometheus NAME/);
  });

  it('-H watches the engine given, not the configured Prometheus', async () => {
    const dir = configDir('engines:\n  lab: { prometheus: "http://127.0.0.1:1" }\n');
    const r = await ctop(['-H', 'tcp://127.0.0.1:1', '--no-stream'], dir);
    assert.notEqual(r.code, 0);
    assert.doesNotMatch(r.stderr, /Prometheus/);
  });

  it('a bad key is one line with the file and line', async () => {
    const dir = configDir('engines:\n  lab:\n    prometheus: http://127.0.0.1:1\n    token: x\n');
    const r = await ctop(['--no-stream'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^ctop-ts: config \S+config\.yaml:4: engines\.lab\.token: unknown key for a Prometheus engine/);
  });
});

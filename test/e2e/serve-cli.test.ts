// The built binary's `serve` and InfluxDB flags as a user meets them: the mock engine, loopback,
// bad input as one clear line (+ hint) and a non-zero exit. Needs `npx tsc -p tsconfig.json` first.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT, startCtop } from '../helpers/serve-process.js';

function ctop(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/ctop-ts.js', ...args], { cwd: ROOT, env: { ...process.env, ...env }, timeout: 20_000, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

/** One `ctop-ts: …` line, optionally a `  hint: …` line, nothing else (no stack trace). */
const oneLine = (re: RegExp) => new RegExp(`^ctop-ts: ${re.source}\\n(  hint: [^\\n]+\\n)?$`);

describe('ctop-ts serve (mock engine)', () => {
  let dir = '';
  let busy: Server;
  let busyPort = 0;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ctop-serve-cli-'));
    busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    busyPort = (busy.address() as { port: number }).port;
  });
  after(() => {
    busy.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the mock on loopback and stops cleanly on SIGTERM', async () => {
    const p = startCtop(['serve', '--mock', '--mock-count', '4', '--listen', '127.0.0.1:0']);
    const url = (await p.waitFor(/serving (http:\/\/127\.0\.0\.1:\d+)\/metrics \(source mock\)/))[1];
    const text = await (await fetch(`${url}/metrics`)).text();
    assert.match(text, /^ctop_scrape_containers \d+$/m);
    assert.equal(await p.stop(), 0);
  });
  it('an address in use', async () => {
    const r = await ctop(['serve', '--mock', '--listen', `127.0.0.1:${busyPort}`]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, oneLine(new RegExp(`cannot listen on 127\\.0\\.0\\.1:${busyPort}: the address is in use`)));
  });
  it('a bad --listen, a bad web config, -g', async () => {
    const listen = await ctop(['serve', '--mock', '--listen', 'nope']);
    assert.equal(listen.code, 2);
    assert.match(listen.stderr, /option '--listen <addr>' argument 'nope' is invalid\. expected HOST:PORT, :PORT or PORT/);
    const file = join(dir, 'web.yml');
    writeFileSync(file, 'basic_auth_users:\n  prom: secret\n');
    const web = await ctop(['serve', '--mock', '--web-config', file]);
    assert.equal(web.code, 2);
    assert.match(web.stderr, oneLine(/web config .*web\.yml: basic_auth_users\.prom: not a bcrypt hash .*/));
    const group = await ctop(['serve', '--mock', '-g', 'image']);
    assert.equal(group.code, 2);
    assert.match(group.stderr, oneLine(/serve does not group/));
  });
  it('InfluxDB flags: incomplete ones are refused before any engine work; the token is never echoed', async () => {
    const noUrl = await ctop(['--mock', '--influx-db', 'x']);
    assert.equal(noUrl.code, 2);
    assert.match(noUrl.stderr, oneLine(/the --influx-\* flags need --influx-url/));
    const noToken = await ctop(['--mock', '--influx-url', 'http://127.0.0.1:1', '--influx-org', 'o', '--influx-bucket', 'b'], { INFLUX_TOKEN: '' });
    assert.equal(noToken.code, 2);
    assert.match(noToken.stderr, oneLine(/InfluxDB 2\.x needs a token/));
    const creds = await ctop(['--mock', '--influx-url', 'http://u:SECRET@127.0.0.1:1', '--influx-db', 'x']);
    assert.equal(creds.code, 2);
    assert.doesNotMatch(creds.stderr, /SECRET/);
  });
  it('--format influx --no-stream prints one batch of line protocol', async () => {
    const r = await ctop(['--mock', '--mock-count', '3', '--format', 'influx', '--no-stream']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n').filter(Boolean);
    assert.ok(lines.length >= 3);
    for (const l of lines) assert.match(l, /^docker_container_(cpu|mem|net|blkio|status|health),\S+ \S+ \d{19}$/);
  });
});

// The built binary's failure paths: every bad input or unreachable engine gives one clear line on
// stderr (plus an optional `hint:` line), a non-zero exit and no stack trace. Needs `npx tsc -p
// tsconfig.json` first (npm test builds).
import { after, before, describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireEngine } from '../helpers/engine.js';
import { removeT2, startT2 } from '../helpers/t2-containers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin', 'ctop-ts.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion with stdin closed; never rejects. */
function run(file: string, args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 30_000): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      file,
      args,
      { cwd: root, env: { ...process.env, NO_COLOR: '1', ...env }, timeout: timeoutMs, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end();
  });
}

const ctop = (args: string[], env: NodeJS.ProcessEnv = {}) => run(process.execPath, [bin, ...args], env);

/** No engine is reachable here, so a test that wrongly gets as far as connecting fails visibly. */
const NO_ENGINE = { DOCKER_HOST: 'unix:///nonexistent/ctop-t2.sock' };

function assertNoTrace(stderr: string): void {
  assert.doesNotMatch(stderr, /^\s+at /m, 'no stack frames');
  assert.doesNotMatch(stderr, /node:internal/, 'no node internals');
  assert.doesNotMatch(stderr, /Error:|EPIPE/, 'no raw error objects');
}

/** One `ctop-ts: …` line matching `message`, then at most an indented `hint:` line. */
function assertOneClearLine(r: Run, message: RegExp, code: number): void {
  assertNoTrace(r.stderr);
  const lines = r.stderr.split('\n');
  assert.equal(lines.pop(), '', 'stderr ends with a newline');
  assert.ok(lines.length === 1 || (lines.length === 2 && /^ {2}hint: \S/.test(lines[1])), `unexpected stderr:\n${r.stderr}`);
  assert.match(lines[0], /^ctop-ts: \S/);
  assert.match(lines[0], message);
  assert.equal(r.stdout, '', 'nothing on stdout');
  assert.equal(r.code, code, `exit code (stderr: ${r.stderr})`);
}

before(() => {
  if (!existsSync(join(root, 'dist', 'cli.js'))) throw new Error('dist/cli.js missing: run `npx tsc -p tsconfig.json` first');
});

describe('usage errors: exit 2 before any engine work', () => {
  const cases: { args: string[]; message: RegExp }[] = [
    { args: ['--bogus'], message: /^ctop-ts: unknown option '--bogus'$/ },
    { args: ['--interval', 'abc'], message: /argument 'abc' is invalid\. expected seconds \(1, 0\.5, 2s\), or 500ms, 30m, 1h$/ },
    { args: ['-i', '10ms'], message: /argument '10ms' is invalid\. must be between 100ms and 1h$/ },
    { args: ['--source', 'proc'], message: /argument 'proc' is invalid\. Allowed choices are auto, api, cgroup\.$/ },
    { args: ['stray-argument'], message: /unexpected argument 'stray-argument': ctop-ts takes options only \(text to match goes after -f\)$/ },
  ];
  for (const c of cases) {
    it(c.args.join(' '), async () => assertOneClearLine(await ctop(['--no-stream', ...c.args], NO_ENGINE), c.message, 2));
  }

  it('a bad -l selector: one line, the selector with a caret under the bad character, a hint', async () => {
    const r = await ctop(['--no-stream', '-l', 'app in (web'], NO_ENGINE);
    assertNoTrace(r.stderr);
    // The caret block is the selector parser's deliberate addition to the one-line rule.
    assert.deepEqual(r.stderr.split('\n'), [
      "ctop-ts: -l: bad selector: expected ')' at column 12",
      'app in (web',
      '           ^',
      '  hint: see "Selectors" in the README',
      '',
    ]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
  });
});

describe('engine unreachable: exit 1 with the reason', () => {
  const cases: { name: string; env: NodeJS.ProcessEnv; message: RegExp; code: number }[] = [
    {
      name: 'connection refused',
      env: { DOCKER_HOST: 'tcp://127.0.0.1:1' },
      message: /^ctop-ts: the engine at tcp:\/\/127\.0\.0\.1:1 refused the connection$/,
      code: 1,
    },
    {
      name: 'socket does not exist',
      env: { DOCKER_HOST: 'unix:///nonexistent.sock' },
      message: /^ctop-ts: no Docker engine at unix:\/\/\/nonexistent\.sock \(socket not found\)$/,
      code: 1,
    },
    {
      name: 'unsupported scheme (a usage error: exit 2)',
      env: { DOCKER_HOST: 'bogus://x' },
      message: /^ctop-ts: bad engine address "bogus:\/\/x": unsupported scheme bogus$/,
      code: 2,
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      for (const args of [['--no-stream'], ['--json', '--source', 'api'], ['--events']])
        assertOneClearLine(await ctop(args, c.env), c.message, c.code);
    });
  }

  describe('permission denied on the socket', () => {
    let dir = '';
    let server: Server | undefined;
    const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p));
    const why =
      process.getuid?.() !== 0 ? 'needs root to make a root-only socket' : !setpriv ? 'setpriv not installed' : null;

    before(async () => {
      if (why) return;
      dir = mkdtempSync(join(tmpdir(), 'ctop-t2-perm-'));
      chmodSync(dir, 0o755); // `nobody` must reach the socket to be refused by its mode
      const sock = join(dir, 'engine.sock');
      server = createServer((c) => c.end());
      await new Promise<void>((resolve) => server!.listen(sock, resolve));
      chmodSync(sock, 0o600);
    });
    after(() => {
      server?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('as nobody: permission denied, with the docker-group hint', async (t: TestContext) => {
      if (why) return t.skip(why);
      const r = await run(setpriv!, ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, bin, '--no-stream'], {
        DOCKER_HOST: `unix://${join(dir, 'engine.sock')}`,
      });
      assertOneClearLine(r, new RegExp(`^ctop-ts: permission denied on unix://${join(dir, 'engine.sock')}$`), 1);
      assert.match(r.stderr, /hint: add your user to the docker group/);
    });
  });
});

describe('a closed pipe ends ctop-ts quietly', () => {
  // `| head -1` closes the pipe after one line; ctop-ts must exit 0 without an EPIPE trace.
  const throughHead = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    run('bash', ['-c', 'node "$0" "$@" | head -1; exit "${PIPESTATUS[0]}"', bin, ...args], env);

  it('--mock --json | head -1', async () => {
    const r = await throughHead(['--mock', '--json']);
    assertNoTrace(r.stderr);
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
    assert.equal(r.stdout.split('\n').length, 2, 'exactly one line came through');
    assert.equal(JSON.parse(r.stdout).type, 'container');
  });

  it('--source api --json | head -1 against the engine', async (t: TestContext) => {
    if (!(await requireEngine(t))) return;
    const tag = `ctop-t2-pipe=${process.pid}`;
    const { id } = await startT2('pipe', ['sleep', '600'], { labels: { 'ctop-t2-pipe': String(process.pid) } });
    try {
      const r = await throughHead(['--json', '--source', 'api', '-l', tag, '-i', '200ms']);
      assertNoTrace(r.stderr);
      assert.equal(r.stderr, '');
      assert.equal(r.code, 0);
      assert.equal(JSON.parse(r.stdout).id, id);
    } finally {
      await removeT2([id]);
    }
  });
});

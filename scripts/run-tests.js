#!/usr/bin/env node
// The project's test runner (`npm test` runs it after the build).
//
//   node scripts/run-tests.js [group|file ...] [--node-test-flag ...]
//
// Groups: unit (every test file that mirrors src/: test/core, test/ui, …),
// engine (real engines and servers), e2e (tmux, the real binary); `fast` =
// unit, `all` (the default) = every group. Flags starting with `-` go to
// `node --test` unchanged (e.g. --test-name-pattern=delta, --test-only).
//
// Everything runs in ONE `node --test` process so the output ends with Node's
// own summary (`# pass N`, `# fail N`) and one exit code. Engine and e2e tests
// share one dockerd and measure CPU on a 2-core machine, so a run that
// includes them uses one file at a time; a run of only the fast groups uses
// every core (about twice as fast: each file pays ~0.4 s of tsx start-up).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism, constants } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const groups = ['unit', 'engine', 'e2e'];
const aliases = { all: groups, fast: ['unit'] };
const serialGroups = new Set(['engine', 'e2e']);
const testFile = /\.test\.tsx?$/;

function usage(message) {
  console.error(`run-tests: ${message}`);
  console.error(`usage: node scripts/run-tests.js [${[...groups, ...Object.keys(aliases)].join('|')}|path/to/x.test.ts ...] [--node-test-flag ...]`);
  process.exit(2);
}

function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : testFile.test(e.name) ? [join(dir, e.name)] : [],
  );
}

// Tests mirror src/ (test/core/metrics/delta.test.ts tests src/core/metrics/delta.ts); engine/ and
// e2e/ hold the tests that need a real engine, server or terminal.
function filesOf(group) {
  const testDir = join(root, 'test');
  if (group !== 'unit') return walk(join(testDir, group)).sort();
  return walk(testDir)
    .filter((f) => !serialGroups.has(relative(testDir, f).split('/')[0]))
    .sort();
}

const selected = new Set();
const explicitFiles = [];
const nodeFlags = [];
for (const arg of process.argv.slice(2)) {
  if (arg.startsWith('-')) nodeFlags.push(arg);
  else if (arg in aliases) aliases[arg].forEach((g) => selected.add(g));
  else if (groups.includes(arg)) selected.add(arg);
  else if (existsSync(arg) && statSync(arg).isFile()) explicitFiles.push(resolve(arg));
  else usage(`unknown group or file: ${arg}`);
}
if (selected.size === 0 && explicitFiles.length === 0) groups.forEach((g) => selected.add(g));

// Group order is the run order: cheap, deterministic tests report first.
const chosenGroups = groups.filter((g) => selected.has(g));
const files = [...chosenGroups.flatMap(filesOf), ...explicitFiles];
const counts = chosenGroups.map((g) => `${g} ${filesOf(g).length}`).join(', ');

if (files.length === 0) {
  // Nothing to hand to `node --test` (which would then search the whole tree).
  console.log(`# run-tests: no test files in ${chosenGroups.join(', ')}`);
  console.log('0 passed, 0 failed');
  process.exit(0);
}

const serial =
  chosenGroups.some((g) => serialGroups.has(g)) ||
  explicitFiles.some((f) => [...serialGroups].some((g) => relative(join(root, 'test', g), f).split('/')[0] !== '..'));
const concurrency = process.env.CTOP_TEST_CONCURRENCY ?? String(serial ? 1 : Math.max(1, availableParallelism()));
// TAP when piped (CI, logs), spec on a terminal; stated explicitly because
// newer Node versions default to spec everywhere.
const reporter = process.env.CTOP_TEST_REPORTER ?? (process.stdout.isTTY ? 'spec' : 'tap');
// A hang guard, not a budget: Node 20 applies it to each whole file.
const timeoutMs = process.env.CTOP_TEST_TIMEOUT_MS ?? '600000';

// `npm test` on a machine whose engine lacks the test image would skip every engine and e2e test:
// build it first (scripts/test-image.sh, which engine-up.sh also runs). No engine: nothing to do,
// the tests say how to start one.
function prepareTestImage() {
  const image = process.env.CTOP_TEST_IMAGE ?? 'ctop-test/busybox:latest';
  const probe = (args) => spawnSync('docker', args, { stdio: 'ignore', timeout: 15_000 }).status === 0;
  if (!probe(['version', '--format', '{{.Server.Version}}']) || probe(['image', 'inspect', image])) return;
  console.error(`run-tests: test image ${image} is missing; building it (scripts/test-image.sh)`);
  const built = spawnSync('bash', [join(root, 'scripts', 'test-image.sh')], { stdio: ['ignore', 'inherit', 'inherit'], timeout: 300_000 });
  if (built.status !== 0) console.error('run-tests: could not build the test image; engine tests will say why');
}
if (serial && process.env.CTOP_TEST_PREPARE !== '0') prepareTestImage();

const args = [
  '--import',
  'tsx',
  '--test',
  `--test-concurrency=${concurrency}`,
  `--test-reporter=${reporter}`,
  `--test-timeout=${timeoutMs}`,
  ...nodeFlags,
  ...files.map((f) => relative(root, f)),
];
// On stderr, so stdout stays pure reporter output whose last lines are the summary.
console.error(
  `run-tests: ${files.length} file(s)${counts ? ` (${counts})` : ''}, concurrency ${concurrency}, reporter ${reporter}`,
);

const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  // Forward, so test files' cleanup (containers, tmux servers) still runs.
  process.on(signal, () => child.kill(signal));
}
child.on('error', (error) => {
  console.error(`run-tests: could not start node: ${error.message}`);
  process.exit(1);
});
child.on('close', (code, signal) => {
  process.exit(code ?? 128 + (signal ? constants.signals[signal] ?? 0 : 1));
});

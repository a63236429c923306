// Flag parsing and mode decisions, through the same commander program the binary uses.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CommanderError, InvalidArgumentError } from 'commander';
import { buildProgram, parseInterval, resolveOptions, type CliOptions } from '../src/cli-options.js';

describe('parseInterval', () => {
  const good: [string, number][] = [
    ['1', 1000],
    ['0.5', 500],
    ['2s', 2000],
    ['500ms', 500],
    ['100ms', 100],
    ['0.1', 100],
    [' 3 ', 3000],
    ['1.5 s', 1500],
    ['0.1234', 123], // whole milliseconds
    ['3600', 3_600_000],
    ['1m', 60_000],
    ['1h', 3_600_000],
  ];
  for (const [text, ms] of good) it(`${JSON.stringify(text)} → ${ms} ms`, () => assert.equal(parseInterval(text), ms));

  const bad: [string, RegExp][] = [
    ['abc', /expected seconds/],
    ['', /expected seconds/],
    ['-1', /expected seconds/],
    ['1d', /expected seconds/], // m and h are units (issue 11); days are not
    ['1e3', /expected seconds/],
    ['.5', /expected seconds/],
    ['99ms', /between 100ms and 1h/],
    ['0', /between 100ms and 1h/],
    ['0.05', /between 100ms and 1h/],
    ['3601', /between 100ms and 1h/],
  ];
  for (const [text, why] of bad) {
    it(`${JSON.stringify(text)} is rejected`, () =>
      assert.throws(() => parseInterval(text), (e: unknown) => e instanceof InvalidArgumentError && why.test(e.message)));
  }
});

interface Env {
  stdoutTTY?: boolean;
  stdinTTY?: boolean;
  env?: NodeJS.ProcessEnv;
}

function resolve(args: string[], { stdoutTTY = true, stdinTTY = true, env = {} }: Env = {}): CliOptions {
  const program = buildProgram('0.0.0')
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  program.parse(args, { from: 'user' });
  return resolveOptions(program.opts(), env, stdoutTTY, stdinTTY);
}

describe('resolveOptions: mode', () => {
  const cases: { args: string[]; env?: Env; mode: CliOptions['mode']; why: string }[] = [
    { args: [], mode: 'live', why: 'a terminal gets the live screen' },
    { args: [], env: { stdoutTTY: false }, mode: 'once', why: 'piped stdout behaves like --no-stream' },
    { args: [], env: { stdinTTY: false }, mode: 'once', why: 'no keyboard: no live screen' },
    { args: ['--no-stream'], mode: 'once', why: 'one table and exit' },
    { args: ['--no-stream'], env: { stdoutTTY: false }, mode: 'once', why: 'same when piped' },
    { args: ['--json'], mode: 'json-stream', why: 'NDJSON per tick' },
    { args: ['--json'], env: { stdoutTTY: false, stdinTTY: false }, mode: 'json-stream', why: 'NDJSON streams into pipes too' },
    { args: ['--json', '--no-stream'], mode: 'once', why: 'one NDJSON sample' },
    { args: ['--events'], mode: 'events', why: 'event stream' },
    { args: ['--events', '--json'], mode: 'events', why: '--events wins over --json' },
    { args: ['--events', '--no-stream'], env: { stdoutTTY: false }, mode: 'events', why: '--events wins over --no-stream' },
  ];
  for (const c of cases) {
    it(`${c.args.join(' ') || '(no flags)'}${c.env ? ` ${JSON.stringify(c.env)}` : ''} → ${c.mode}: ${c.why}`, () =>
      assert.equal(resolve(c.args, c.env).mode, c.mode));
  }
});

describe('resolveOptions: values', () => {
  it('defaults', () => {
    const o = resolve([]);
    assert.deepEqual(
      {
        all: o.all,
        stream: o.stream,
        trunc: o.trunc,
        json: o.json,
        intervalMs: o.intervalMs,
        source: o.source,
        selector: o.selector,
        color: o.color,
        theme: o.theme,
        mock: o.mock,
        host: o.host,
      },
      {
        all: false,
        stream: true,
        trunc: true,
        json: false,
        intervalMs: 1000,
        source: 'auto',
        selector: [],
        color: true,
        theme: 'dark',
        mock: undefined,
        host: undefined,
      },
    );
  });

  it('flags map to options', () => {
    const o = resolve(['-a', '--no-trunc', '-i', '500ms', '--source', 'api', '-l', 'app=web', '-l', 'env!=dev', '-H', 'tcp://h:1']);
    assert.deepEqual([o.all, o.trunc, o.intervalMs, o.source, o.selector, o.host], [true, false, 500, 'api', ['app=web', 'env!=dev'], 'tcp://h:1']);
  });

  it('--mock without a seed uses seed 1; with one, that seed', () => {
    assert.equal(resolve(['--mock']).mock, 1);
    assert.equal(resolve(['--mock', '7']).mock, 7);
  });

  const color: { args: string[]; env: NodeJS.ProcessEnv; want: boolean }[] = [
    { args: [], env: {}, want: true },
    { args: [], env: { NO_COLOR: '1' }, want: false },
    { args: [], env: { NO_COLOR: 'anything' }, want: false },
    { args: [], env: { NO_COLOR: '' }, want: true }, // no-color.org: only a non-empty value counts
    { args: ['--no-color'], env: {}, want: false },
  ];
  for (const c of color) {
    it(`color ${JSON.stringify(c.args)} NO_COLOR=${JSON.stringify(c.env.NO_COLOR)} → ${c.want}`, () =>
      assert.equal(resolve(c.args, { env: c.env }).color, c.want));
  }
});

describe('bad flags are rejected before any engine work', () => {
  const cases: [string[], string][] = [
    [['--bogus'], 'commander.unknownOption'],
    [['--interval', 'abc'], 'commander.invalidArgument'],
    [['--source', 'proc'], 'commander.invalidArgument'],
    [['--theme', 'pink'], 'commander.invalidArgument'],
    [['--mock', 'x'], 'commander.invalidArgument'],
    [['stray'], 'commander.excessArguments'],
  ];
  for (const [args, code] of cases) {
    it(`${args.join(' ')} → ${code}`, () =>
      assert.throws(() => resolve(args), (e: unknown) => e instanceof CommanderError && e.code === code));
  }
});

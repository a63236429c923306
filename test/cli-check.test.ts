// The check subcommand's flags: the shared source options plus the plugin's own, and a help text
// that lists every field and state rule (it is the reference people read).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildCheckCommand } from '../src/cli-check.js';
import { CHECK_FIELDS } from '../src/core/thresholds/fields.js';
import { STATE_RULES } from '../src/core/thresholds/rules.js';

describe('ctop-ts check flags', () => {
  const parse = (args: string[]) => buildCheckCommand('0').exitOverride().configureOutput({ writeErr: () => undefined, writeOut: () => undefined }).parse(args, { from: 'user' }).opts();

  it('repeatable -w/-c, --min-running, --window, -t, and the shared -H/-l/-f/-g/-a', () => {
    const o = parse(['-w', 'cpu=80', '-w', 'unhealthy', '-c', 'mem%=95', '--min-running', '2', '--window', '5s', '-t', '20s', '-H', 'unix:///x.sock', '-l', 'app=web', '-f', 'db', '-g', 'compose', '-a']);
    assert.deepEqual(o.warning, ['cpu=80', 'unhealthy']);
    assert.deepEqual(o.critical, ['mem%=95']);
    assert.equal(o.minRunning, 2);
    assert.equal(o.window, 5000);
    assert.equal(o.timeout, 20_000);
    assert.deepEqual(o.host, ['unix:///x.sock']);
    assert.deepEqual([o.selector, o.filter, o.groupBy, o.all], [['app=web'], 'db', 'compose', true]);
  });

  it('bad values are commander errors (the CLI turns them into UNKNOWN, exit 3)', () => {
    assert.throws(() => parse(['--window', 'soon']), /expected a duration/);
    assert.throws(() => parse(['--min-running', '-1']), /expected a whole number/);
    assert.throws(() => parse(['extra']), /too many arguments|unknown command/i);
  });

  it('help lists every field and state rule', () => {
    const help = buildCheckCommand('0').helpInformation() + '';
    let after = '';
    const cmd = buildCheckCommand('0').configureOutput({ writeOut: (s) => (after += s) });
    cmd.outputHelp();
    for (const f of CHECK_FIELDS) assert.ok(after.includes(`  ${f.name} `), f.name);
    for (const s of Object.keys(STATE_RULES)) assert.ok(after.includes(`  ${s} `), s);
    assert.match(help, /--min-running <n>/);
  });
});

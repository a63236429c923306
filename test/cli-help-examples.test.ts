// The examples at the end of `ctop-ts --help` are commands people copy: each one must parse with
// the same commander program the binary uses, and resolve to the mode its description promises.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildProgram, resolveOptions } from '../src/cli-options.js';

function helpText(): string {
  let out = '';
  const program = buildProgram('0.0.0-test').exitOverride().configureOutput({ writeOut: (s) => (out += s), writeErr: () => undefined });
  assert.throws(() => program.parse(['node', 'ctop-ts', '--help']), { code: 'commander.helpDisplayed' });
  return out;
}

/** Example command lines: the text after "Examples:", up to the description column, before any pipe. */
function examples(help: string): string[][] {
  const block = help.slice(help.indexOf('\nExamples:\n') + 11);
  return block
    .split('\n')
    .filter((l) => l.startsWith('  ctop-ts'))
    .map((l) => l.trim().split(/\s{2,}/)[0].split('|')[0].trim().split(/\s+/).slice(1));
}

describe('--help examples', () => {
  const help = helpText();
  const list = examples(help);

  it('ends the help with examples, within 80 columns', () => {
    assert.ok(list.length >= 6, help);
    for (const line of help.slice(help.indexOf('Examples:')).split('\n')) assert.ok(line.length <= 80, `too wide: ${line}`);
  });

  for (const args of list) {
    it(`${['ctop-ts', ...args].join(' ')} parses`, () => {
      const program = buildProgram('0.0.0-test').exitOverride().configureOutput({ writeErr: () => undefined });
      program.parse(['node', 'ctop-ts', ...args]);
      const o = resolveOptions(program.opts(), {}, true, true);
      if (args.includes('--no-stream')) assert.equal(o.mode, 'once');
      if (args.includes('--json')) assert.equal(o.mode, 'json-stream');
      if (args.includes('--events')) assert.equal(o.mode, 'events');
      if (args.length === 0) assert.equal(o.mode, 'live');
    });
  }
});

// A word among the main program's options: the error names it and says what to write instead,
// checked on the function and on the built binary (no engine needed: parsing fails first).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explainStrayArgs } from '../src/cli-stray-args.js';
import { runCtop } from './helpers/run-ctop.js';

const COMMANDER = 'error: too many arguments. Expected 0 arguments but got 1.\n';

describe('explainStrayArgs', () => {
  it('a command after options: says it comes first', () => {
    assert.equal(explainStrayArgs(COMMANDER, ['serve']), 'error: serve is a command and comes first: ctop-ts serve [options] (ctop-ts serve --help)\n');
    assert.match(explainStrayArgs(COMMANDER, ['x', 'check']), /^error: check is a command and comes first/);
  });
  it('any other word: names it and points at -f', () => {
    assert.equal(explainStrayArgs(COMMANDER, ['web']), "error: unexpected argument 'web': ctop-ts takes options only (text to match goes after -f)\n");
  });
  it('other errors pass through unchanged', () => {
    assert.equal(explainStrayArgs("error: unknown option '--x'\n", ['serve']), "error: unknown option '--x'\n");
  });
});

describe('the binary', () => {
  it('`ctop-ts -H URL serve` says serve comes first, exit 2, no stack trace', async () => {
    const r = await runCtop(['-H', 'unix:///nonexistent.sock', 'serve']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^ctop-ts: serve is a command and comes first: ctop-ts serve \[options\]/);
    assert.doesNotMatch(r.stderr, /too many arguments|\n\s+at /);
  });
  it('`ctop-ts web` names the word', async () => {
    const r = await runCtop(['--no-stream', 'web']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^ctop-ts: unexpected argument 'web'/);
  });
});

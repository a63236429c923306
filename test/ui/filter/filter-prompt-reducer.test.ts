import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Key } from 'ink';
import { compileFilter, NO_FILTER, openPrompt, promptKey, type FilterPrompt, type PromptStep } from '../../../src/ui/filter/filter-prompt-reducer.js';
import { promptLines } from '../../../src/ui/filter/filter-prompt-lines.js';
import { keysFromInput } from '../../../src/ui/keys/keymap.js';
import { lineText, lineWidth } from '../../../src/ui/shared/segments.js';
import { row } from '../../helpers/ui-fixtures.js';

const NO_KEY = { upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false } as Key;

/** Feeds keys one by one, as the input hook does; returns every step and the last prompt. */
function type(keys: string[], start: FilterPrompt = openPrompt()): { steps: PromptStep[]; prompt: FilterPrompt | null; last: PromptStep } {
  const steps: PromptStep[] = [];
  let prompt: FilterPrompt | null = start;
  for (const k of keys) {
    if (prompt === null) break;
    const step = promptKey(prompt, k);
    steps.push(step);
    prompt = step.prompt;
  }
  return { steps, prompt, last: steps[steps.length - 1] };
}

/** The filter in force after the steps: the last one any step set. */
function inForce(steps: PromptStep[], initial = NO_FILTER) {
  return steps.reduce((f, s) => s.filter ?? f, initial);
}

const chars = (text: string) => keysFromInput(text, NO_KEY);

describe('compileFilter', () => {
  const web = row('shop-web-1', {}, { labels: { 'com.docker.compose.service': 'web' } });
  const db = row('shop-db-1', {}, { labels: { 'com.docker.compose.service': 'db' } });
  const cases: [string, string, string[]][] = [
    ['free text matches names', 'web', ['shop-web-1']],
    ['a selector matches labels', 'com.docker.compose.service=db', ['shop-db-1']],
    ['an empty text is no filter', '', ['shop-web-1', 'shop-db-1']],
    ['blanks only: no filter', '   ', ['shop-web-1', 'shop-db-1']],
  ];
  for (const [name, text, expected] of cases) {
    test(name, () => {
      const { filter } = compileFilter(text);
      assert.ok(filter);
      assert.deepEqual([web, db].filter((r) => !filter.predicate || filter.predicate(r.info)).map((r) => r.info.name), expected);
    });
  }

  test('a bad selector gives the reason and the offending position', () => {
    assert.deepEqual(compileFilter('app in (web'), { error: { message: "expected ')'", position: 11 } });
    assert.deepEqual(compileFilter('app=web,,x').error?.position, 8);
    assert.deepEqual(compileFilter('tier~x').error, { message: "'~' applies only to name or image", position: 0 });
  });
});

describe('filter prompt reducer', () => {
  test('typed characters are text, one key at a time; each edit previews its filter', () => {
    const { prompt, steps } = type(chars('web'));
    assert.deepEqual(prompt, { text: 'web', cursor: 3, error: null });
    assert.deepEqual(
      steps.map((s) => s.filter?.text),
      ['w', 'we', 'web'],
    );
  });

  test('a chunk like "web" is three keys (keysFromInput) and ends the same as typing them', () => {
    assert.deepEqual(chars('web'), ['w', 'e', 'b']);
    assert.deepEqual(type(chars('web')).prompt, type(['w', 'e', 'b']).prompt);
  });

  test('keys the table binds are text here: q, j, /, digits, space', () => {
    const { prompt } = type(chars('q j/1'));
    assert.equal(prompt?.text, 'q j/1');
  });

  test('Backspace deletes before the cursor; at the start it does nothing', () => {
    assert.equal(type([...chars('webx'), 'backspace']).prompt?.text, 'web');
    assert.deepEqual(type(['backspace']).prompt, openPrompt());
  });

  test('Backspace removes a whole astral character', () => {
    assert.equal(type([...chars('a🐳'), 'backspace']).prompt?.text, 'a');
  });

  test('Ctrl-U clears the line, and with it the filter', () => {
    const { prompt, last } = type([...chars('web'), 'ctrl+u']);
    assert.deepEqual(prompt, { text: '', cursor: 0, error: null });
    assert.deepEqual(last.filter, NO_FILTER);
  });

  test('Ctrl-W deletes the word before the cursor', () => {
    assert.equal(type([...chars('name~api web'), 'ctrl+w']).prompt?.text, 'name~api ');
  });

  test('Left/Right/Home/End move the cursor; typing inserts there', () => {
    assert.equal(type([...chars('wb'), 'left', 'e']).prompt?.text, 'web');
    assert.equal(type([...chars('eb'), 'home', 'w', 'end', 's']).prompt?.text, 'webs');
    assert.equal(type([...chars('ab'), 'right', 'right', 'left', 'left', 'left', 'x']).prompt?.text, 'xab');
  });

  test('Enter applies the text and closes', () => {
    const { last } = type([...chars('web'), 'enter']);
    assert.equal(last.prompt, null);
    assert.equal(last.filter?.text, 'web');
  });

  test('Enter on an empty prompt closes with no filter', () => {
    const { last } = type(['enter']);
    assert.equal(last.prompt, null);
    assert.deepEqual(last.filter, NO_FILTER);
  });

  test('Esc clears the filter and closes', () => {
    const { last } = type([...chars('web'), 'escape'], openPrompt('old'));
    assert.equal(last.prompt, null);
    assert.deepEqual(last.filter, NO_FILTER);
  });

  test('an error is carried with its position; the last valid filter stays in force', () => {
    const { prompt, steps } = type(chars('app in (web'));
    assert.deepEqual(prompt?.error, { message: "expected ')'", position: 11 });
    // "app in " was free text, the last text that parsed: still the table's filter.
    assert.equal(inForce(steps).text, 'app in ');
    assert.equal(steps[steps.length - 1].filter, undefined);
  });

  test('fixing the error clears it and previews the fixed filter', () => {
    const { prompt, last } = type(chars('app in (web)'));
    assert.equal(prompt?.error, null);
    assert.equal(last.filter?.text, 'app in (web)');
  });

  test('Enter with an error keeps the prompt open and says why', () => {
    const bad = type(chars('app=web,')).prompt!;
    assert.ok(bad.error);
    const step = promptKey(bad, 'enter');
    assert.equal(step.prompt, bad);
    assert.equal(step.filter, undefined);
    assert.match(step.notice ?? '', /does not parse/);
  });

  test('opening on the filter in force puts the cursor at its end', () => {
    assert.deepEqual(openPrompt('web'), { text: 'web', cursor: 3, error: null });
    assert.equal(type(['x'], openPrompt('web')).prompt?.text, 'webx');
  });

  test('named keys the prompt does not use change nothing', () => {
    const p = openPrompt('web');
    for (const k of ['tab', 'pageup', 'up', 'down', 'ctrl+x']) assert.equal(promptKey(p, k).prompt, p, k);
  });
});

describe('filter prompt lines', () => {
  test('the text, then a hint with the count', () => {
    const [one, two] = promptLines({ prompt: openPrompt('web'), width: 100, matches: 3 }).map(lineText);
    assert.match(one, /^\/ web /);
    assert.match(two, /Enter keeps · Esc clears/);
    assert.match(two, /3 shown$/);
  });

  test('the caret sits under the offending character', () => {
    const text = 'app=web,,x';
    const prompt = { ...openPrompt(text), error: compileFilter(text).error! };
    const [one, two] = promptLines({ prompt, width: 80, matches: 0 }).map(lineText);
    assert.equal(two.indexOf('^'), one.indexOf(',,') + 1);
    assert.match(two, /\^ expected a label key/);
  });

  test('an error at the end puts the caret after the last character', () => {
    const text = 'app in (web';
    const prompt = { ...openPrompt(text), error: compileFilter(text).error! };
    const [one, two] = promptLines({ prompt, width: 80, matches: 0 }).map(lineText);
    assert.equal(two.indexOf('^'), one.indexOf('web') + 3);
  });

  test('long text scrolls to keep the cursor in view; the caret follows the scroll', () => {
    const text = `${'x'.repeat(100)}=a,,b`;
    const prompt = { ...openPrompt(text), error: compileFilter(text).error! };
    const [one, two] = promptLines({ prompt, width: 40, matches: 0 });
    assert.equal(lineWidth(one), 40);
    assert.equal(lineWidth(two), 40);
    const shown = lineText(one);
    assert.ok(shown.includes('=a,,b'), shown);
    assert.equal(lineText(two).indexOf('^'), shown.indexOf(',,') + 1);
  });

  test('a message too long for the right of the caret goes to its left', () => {
    const text = 'a'.repeat(60) + '~x';
    const prompt = { ...openPrompt(text), error: compileFilter(text).error! };
    const two = lineText(promptLines({ prompt, width: 64, matches: 0 })[1]);
    assert.equal(two.indexOf('^'), 2);
    const late = { ...openPrompt(`${'a'.repeat(50)},,`), error: compileFilter(`${'a'.repeat(50)},,`).error! };
    const line = lineText(promptLines({ prompt: late, width: 64, matches: 0 })[1]);
    assert.match(line, /expected a label key \^/);
    assert.equal(line.indexOf('^'), 2 + 51);
  });
});

// The one-line text field the `/` filter and the log search edit through: the prompt commands
// of the keymap, code-point aware, and typed text at the cursor.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { editField, insertText, typedText, type TextField } from '../../../src/ui/shared/text-field.js';
import type { CommandId } from '../../../src/ui/keys/keymap.js';

const f = (text: string, cursor = text.length): TextField => ({ text, cursor });

describe('editField', () => {
  const cases: [string, TextField, CommandId, TextField][] = [
    ['Backspace deletes before the cursor', f('abc'), 'deleteBack', f('ab')],
    ['Backspace at the start does nothing', f('abc', 0), 'deleteBack', f('abc', 0)],
    ['Backspace takes a whole emoji (surrogate pair)', f('a🐳'), 'deleteBack', f('a')],
    ['Ctrl-U clears the line', f('app=web'), 'clearLine', f('')],
    ['Ctrl-W deletes the word before the cursor, and the blanks before it', f('app=web  tier'), 'deleteWord', f('app=web  ')],
    ['Ctrl-W again', f('app=web  '), 'deleteWord', f('')],
    ['← moves one code point', f('a🐳'), 'cursorLeft', f('a🐳', 1)],
    ['→ at the end stays', f('ab'), 'cursorRight', f('ab')],
    ['Home / End', f('abc', 1), 'cursorHome', f('abc', 0)],
    ['End', f('abc', 1), 'cursorEnd', f('abc', 3)],
    ['a command that is no edit changes nothing', f('abc'), 'quit', f('abc')],
  ];
  for (const [name, start, command, want] of cases) test(name, () => assert.deepEqual(editField(start, command), want));
});

describe('typed text', () => {
  test('one character or Space is text; key names are not', () => {
    assert.equal(typedText('q'), 'q');
    assert.equal(typedText('space'), ' ');
    assert.equal(typedText('🐳'), '🐳');
    assert.equal(typedText('pagedown'), null);
    assert.equal(typedText('ctrl+x'), null);
  });

  test('inserted at the cursor', () => assert.deepEqual(insertText(f('ab', 1), 'X'), f('aXb', 2)));
});

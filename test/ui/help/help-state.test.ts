// Help's scroll (pure): it stops where the last line of the overlay, at the frame's width, shows.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { helpLineCount, HELP_LINE_COUNT } from '../../../src/ui/help/help-layout.js';
import { helpCommand, openHelp, type HelpState } from '../../../src/ui/help/help-state.js';

const step = (h: HelpState, ...args: Parameters<typeof helpCommand> extends [unknown, ...infer R] ? R : never) => helpCommand(h, ...args) as HelpState;

describe('helpCommand', () => {
  it('G stops at the last page of the lines there are, so k after G moves at once', () => {
    const bottom = step(openHelp('table'), 'bottom', 20, 45);
    assert.equal(bottom.scroll, 25);
    assert.equal(step(bottom, 'up', 20, 45).scroll, 24);
    assert.equal(step(bottom, 'down', 20, 45), bottom);
  });
  it('without a count, the one-column count', () => {
    assert.equal(step(openHelp('table'), 'bottom', 20).scroll, HELP_LINE_COUNT - 20);
  });
  it('two columns (wide terminals) have fewer lines than one', () => {
    assert.ok(helpLineCount(140) < helpLineCount(80), `${helpLineCount(140)} vs ${helpLineCount(80)}`);
    assert.equal(helpLineCount(80), HELP_LINE_COUNT);
  });
});

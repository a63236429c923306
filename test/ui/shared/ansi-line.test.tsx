import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import chalk from 'chalk';
import React from 'react';
import { renderToString, Text } from 'ink';
import { ansiLine, styleText } from '../../../src/ui/shared/ansi-line.js';
import type { Segment } from '../../../src/ui/shared/segments.js';
import { THEMES, type Tone } from '../../../src/ui/shared/theme.js';

// The line must put on screen exactly what Ink's nested <Text> elements put there, byte for byte:
// both are rendered by Ink's renderToString with colours forced on.
chalk.level = 3;

function nested(segments: Segment[], theme: (typeof THEMES)[keyof typeof THEMES], style?: object) {
  return (
    <Text wrap="truncate" {...style}>
      {segments.map((s, i) => {
        const tone = s.tone ? theme.tones[s.tone] : undefined;
        return tone ? (
          <Text key={i} {...tone}>
            {s.text}
          </Text>
        ) : (
          s.text
        );
      })}
    </Text>
  );
}

describe('ansiLine', () => {
  const tones = Object.keys(THEMES.dark.tones) as Tone[];
  for (const theme of Object.values(THEMES)) {
    for (const [label, style] of [
      ['plain', undefined],
      ['selected', theme.selected],
      ['column header', theme.columnHeader],
    ] as const) {
      test(`${theme.name} theme, ${label}: every tone as Ink draws it`, () => {
        for (const tone of tones) {
          const segments: Segment[] = [{ text: 'web-1 ' }, { text: '▂▅█ 12.5%', tone }, { text: ' ' }, { text: '‖ paused', tone: 'dim' }, { text: ' 3' }];
          const ours = renderToString(<Text wrap="truncate">{ansiLine(segments, theme, style)}</Text>, { columns: 80 });
          const ink = renderToString(nested(segments, theme, style), { columns: 80 });
          assert.equal(JSON.stringify(ours), JSON.stringify(ink), `${theme.name} ${label} ${tone}`);
          if (theme.name !== 'mono' || style || theme.tones[tone]) assert.match(ours, /\x1b\[/, 'styled at all');
        }
      });
    }
  }

  test('neighbours with one tone become one run; empty text adds nothing', () => {
    const a = ansiLine([{ text: 'a', tone: 'ok' }, { text: '', tone: 'warn' }, { text: 'b', tone: 'ok' }], THEMES.dark);
    assert.equal(a, chalk.green('ab'));
  });

  test('no style and no tone is the text itself', () => {
    assert.equal(ansiLine([{ text: 'plain ' }, { text: 'text' }], THEMES.mono), 'plain text');
    assert.equal(styleText('x', undefined), 'x');
    assert.equal(styleText('', { bold: true }), '');
  });

  test('a hex colour and a background, as the light theme uses them', () => {
    assert.equal(styleText('x', { color: '#1e7b34' }), chalk.hex('#1e7b34')('x'));
    assert.equal(styleText('x', { color: 'black', backgroundColor: 'yellow', bold: true }), chalk.bold(chalk.bgYellow(chalk.black('x'))));
  });
});

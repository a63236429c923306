// The `/` filter prompt under the table: the text with its cursor, then a hint or the parse
// error with a caret under the offending character (filter-prompt-lines.ts).
import { Box } from 'ink';
import type { FilterPrompt } from './filter-prompt-reducer.js';
import { promptLines } from './filter-prompt-lines.js';
import type { Theme } from '../shared/theme.js';
import { Line } from '../shared/line.js';

export interface FilterPromptProps {
  prompt: FilterPrompt;
  /** Containers shown with the text as it is. */
  matches: number;
  width: number;
  theme: Theme;
}

export function FilterPromptBar({ prompt, matches, width, theme }: FilterPromptProps) {
  const [text, below] = promptLines({ prompt, width, matches });
  return (
    <Box flexDirection="column">
      <Line segments={text} theme={theme} />
      <Line segments={below} theme={theme} />
    </Box>
  );
}

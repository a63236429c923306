// A screen line as one string with its styles as ANSI codes, built the way Ink's <Text> builds
// them (same chalk, same order: dim, colour, background, bold, inverse; a nested style inside the
// line's own). One <Text> per line then holds the whole row: Ink lays out, measures and squashes
// one node instead of one per coloured run, which is most of a tick's frame at 200 containers.
import chalk from 'chalk';
import { mergeSegments, type Segment } from './segments.js';
import type { TextStyle, Theme } from './theme.js';

function colorize(text: string, color: string, background: boolean): string {
  if (color.startsWith('#')) return background ? chalk.bgHex(color)(text) : chalk.hex(color)(text);
  const name = background ? `bg${color[0].toUpperCase()}${color.slice(1)}` : color;
  const paint = (chalk as unknown as Record<string, unknown>)[name];
  return typeof paint === 'function' ? (paint as (s: string) => string)(text) : text;
}

/** `text` styled as Ink's <Text {...style}> styles its children. */
export function styleText(text: string, style: TextStyle | undefined): string {
  if (!style || text === '') return text;
  let out = text;
  if (style.dimColor) out = chalk.dim(out);
  if (style.color) out = colorize(out, style.color, false);
  if (style.backgroundColor) out = colorize(out, style.backgroundColor, true);
  if (style.bold) out = chalk.bold(out);
  if (style.inverse) out = chalk.inverse(out);
  return out;
}

/** The segments as one string: each run in its tone, the whole in `style` (selection, header). */
export function ansiLine(segments: readonly Segment[], theme: Theme, style?: TextStyle): string {
  let text = '';
  for (const s of mergeSegments(segments)) text += styleText(s.text, s.tone ? theme.tones[s.tone] : undefined);
  return styleText(text, style);
}

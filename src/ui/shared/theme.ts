// Colours by meaning. Pure code (row cells, header, footer) tags text with a Tone; a Theme turns
// tones into Ink text styles. Every tone is backed by text or a glyph too, so the monochrome
// theme (NO_COLOR, --no-color) loses no information: it maps every tone to "no style".

export type Tone =
  | 'dim'
  | 'accent'
  | 'title'
  | 'ok'
  | 'warn'
  | 'danger'
  | 'graph'
  | 'running'
  | 'paused'
  | 'exited'
  | 'restarting'
  | 'created'
  | 'dead'
  | 'healthy'
  | 'unhealthy'
  | 'starting'
  | 'paused-banner'
  /** The text cursor of a prompt (the `/` filter). */
  | 'cursor';

export interface TextStyle {
  color?: string;
  backgroundColor?: string;
  bold?: boolean;
  dimColor?: boolean;
  inverse?: boolean;
}

export interface Theme {
  name: 'dark' | 'light' | 'mono';
  tones: Partial<Record<Tone, TextStyle>>;
  /** The selected row. */
  selected: TextStyle;
  /** The column header line. */
  columnHeader: TextStyle;
}

const dark: Theme = {
  name: 'dark',
  tones: {
    dim: { color: 'gray' },
    accent: { color: 'cyan' },
    title: { color: 'cyan', bold: true },
    ok: { color: 'green' },
    warn: { color: 'yellow' },
    danger: { color: 'red', bold: true },
    graph: { color: 'cyan' },
    running: { color: 'green' },
    paused: { color: 'yellow' },
    exited: { color: 'gray' },
    restarting: { color: 'yellow' },
    created: { color: 'blue' },
    dead: { color: 'red' },
    healthy: { color: 'green' },
    unhealthy: { color: 'red', bold: true },
    starting: { color: 'yellow' },
    'paused-banner': { color: 'black', backgroundColor: 'yellow', bold: true },
    cursor: { inverse: true },
  },
  selected: { inverse: true },
  columnHeader: { bold: true, color: 'white' },
};

// For white and pale backgrounds: no yellow or white text, darker greens and blues.
const light: Theme = {
  name: 'light',
  tones: {
    dim: { color: '#6e6e6e' },
    accent: { color: '#0b5cad' },
    title: { color: '#0b5cad', bold: true },
    ok: { color: '#1e7b34' },
    warn: { color: '#a35200' },
    danger: { color: '#c0182b', bold: true },
    graph: { color: '#0b5cad' },
    running: { color: '#1e7b34' },
    paused: { color: '#a35200' },
    exited: { color: '#6e6e6e' },
    restarting: { color: '#a35200' },
    created: { color: '#0b5cad' },
    dead: { color: '#c0182b' },
    healthy: { color: '#1e7b34' },
    unhealthy: { color: '#c0182b', bold: true },
    starting: { color: '#a35200' },
    'paused-banner': { color: 'white', backgroundColor: '#a35200', bold: true },
    cursor: { inverse: true },
  },
  selected: { inverse: true },
  columnHeader: { bold: true, color: 'black' },
};

// No colours at all; only the attributes NO_COLOR allows (bold, inverse). A terminal that
// drops those too still shows the selection marker and every value as text.
const mono: Theme = {
  name: 'mono',
  tones: { title: { bold: true }, danger: { bold: true }, unhealthy: { bold: true }, 'paused-banner': { inverse: true, bold: true }, cursor: { inverse: true } },
  selected: { inverse: true },
  columnHeader: { bold: true },
};

export function pickTheme(opts: { color: boolean; theme: 'dark' | 'light' }): Theme {
  if (!opts.color) return mono;
  return opts.theme === 'light' ? light : dark;
}

export const THEMES = { dark, light, mono } as const;

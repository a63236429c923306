// The footer line: sort, all/running, source, position, then key hints (or a notice).
import { footerLine } from './status-lines.js';
import type { Theme } from '../shared/theme.js';
import type { ViewState } from '../view-reducer.js';
import { Line } from '../shared/line.js';

export function Footer({ state, width, theme }: { state: ViewState; width: number; theme: Theme }) {
  return <Line segments={footerLine({ state, width })} theme={theme} />;
}

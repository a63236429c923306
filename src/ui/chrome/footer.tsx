// The footer line: sort, all/running, source, position, then the open scope's key hints (or a notice).
import { footerLine, type FooterInput } from './status-lines.js';
import type { Theme } from '../shared/theme.js';
import { Line } from '../shared/line.js';

export function Footer({ state, scope, width, theme }: { state: FooterInput['state']; scope: FooterInput['scope']; width: number; theme: Theme }) {
  return <Line segments={footerLine({ state, scope, width })} theme={theme} />;
}

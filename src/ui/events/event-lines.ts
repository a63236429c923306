// The events timeline as screen lines, newest first. Every line starts with a glyph that says
// what colour would say ('!' bad, '+' good, '·' other), so a monochrome terminal loses nothing.
import { describeAction, eventClass, eventName, formatClock, timeline, type EventClass } from '../../core/events/event-markers.js';
import type { EngineEvent } from '../../core/model/types.js';
import { fitLine, type Segment } from '../shared/segments.js';
import { displayWidth, fitCell, truncateMiddle } from '../shared/text-fit.js';
import type { Tone } from '../shared/theme.js';

export interface EventLinesOptions {
  width: number;
  height: number;
  /** Only this container's events (the detail view); all containers when absent. */
  containerId?: string;
  /** Name column (off in the detail view, where every event is the same container's). */
  showNames?: boolean;
  title?: string;
}

const GLYPH: Record<EventClass, string> = { bad: '!', good: '+', info: '·' };
const TONE: Record<EventClass, Tone | undefined> = { bad: 'danger', good: 'ok', info: undefined };
const MAX_NAME = 24;

function actionTone(e: EngineEvent, cls: EventClass): Tone | undefined {
  if (e.action === 'health_status') return e.detail === 'unhealthy' ? 'unhealthy' : e.detail === 'healthy' ? 'healthy' : 'starting';
  return TONE[cls];
}

/** Exactly `height` lines of exactly `width` columns: a title, then one event per line. */
export function eventLines(events: readonly EngineEvent[], opts: EventLinesOptions): Segment[][] {
  const { width, height } = opts;
  if (width <= 0 || height <= 0) return [];
  const entries = timeline(events, opts.containerId);
  const shown = entries.slice(0, height - 1);
  const title: Segment[] = [{ text: opts.title ?? 'Events', tone: 'title' }];
  title.push({ text: entries.length === 0 ? '  none yet' : `  ${entries.length} (newest first)`, tone: 'dim' });
  const out: Segment[][] = [fitLine(title, width)];
  const showNames = opts.showNames ?? true;
  const nameWidth = showNames ? Math.min(MAX_NAME, Math.max(0, ...shown.map((x) => displayWidth(eventName(x.event))))) : 0;
  for (const { event, count } of shown) {
    const cls = eventClass(event);
    const line: Segment[] = [
      { text: GLYPH[cls] + ' ', tone: TONE[cls] ?? 'dim' },
      { text: formatClock(event.time) + '  ', tone: 'dim' },
    ];
    if (showNames) line.push({ text: fitCell(eventName(event), nameWidth, 'left', truncateMiddle) + '  ' });
    line.push({ text: describeAction(event), tone: actionTone(event, cls) });
    if (count > 1) line.push({ text: ` ×${count}`, tone: 'dim' });
    out.push(fitLine(line, width));
  }
  while (out.length < height) out.push([{ text: ' '.repeat(width) }]);
  return out;
}

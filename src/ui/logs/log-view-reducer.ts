// State of the log view and the keys that drive it. Pure. Scrolling works in display rows,
// so the reducer takes the viewport (lines, width, height) as a third argument: the root reducer
// (live-reducer.ts) passes the one the app laid out for this frame.
import { findMatch, indexOfSeq, type LogLine } from '../../core/logs/log-buffer.js';
import type { LogStreamStatus } from '../../commands/engine-commands.js';
import { resolveKey } from '../keys/keymap.js';
import { editField, typedText } from '../shared/text-field.js';
import { bodyRows, computeWindow, moveRows, type RowPos } from './log-view-layout.js';

export interface LogViewState {
  containerId: string;
  containerName: string;
  /** null = FOLLOWING (the newest line stays in view); otherwise PAUSED at this row. */
  top: RowPos | null;
  timestamps: boolean;
  wrap: boolean;
  /** The committed search ('' = none); matches are highlighted. */
  query: string;
  /** The search prompt's text while it is open; null when closed. */
  draft: string | null;
  /** The line of the current match (n/N move from it). */
  matchSeq: number | null;
  /** One-shot message for the footer, e.g. "pattern not found: foo". */
  notice: string | null;
  stream: LogStreamStatus;
}

export type LogViewAction =
  | { type: 'scroll'; rows: number }
  | { type: 'page'; pages: number }
  | { type: 'top' }
  | { type: 'follow' }
  | { type: 'toggle-timestamps' }
  | { type: 'toggle-wrap' }
  | { type: 'search-open' }
  | { type: 'search-input'; text: string }
  | { type: 'search-backspace' }
  /** Ctrl-U, Ctrl-W (and Backspace) in the search prompt: the shared text field's edits. */
  | { type: 'search-edit'; command: 'deleteBack' | 'clearLine' | 'deleteWord' }
  | { type: 'search-commit' }
  | { type: 'search-cancel' }
  | { type: 'match'; dir: 1 | -1 }
  | { type: 'stream'; status: LogStreamStatus }
  /** For the app: close the log view (the reducer leaves the state alone). */
  | { type: 'close' };

export interface LogViewport {
  lines: readonly LogLine[];
  width: number;
  height: number;
}

export function initialLogViewState(containerId: string, containerName: string): LogViewState {
  return {
    containerId,
    containerName,
    top: null,
    timestamps: false,
    wrap: false,
    query: '',
    draft: null,
    matchSeq: null,
    notice: null,
    stream: { state: 'connecting' },
  };
}

function scrollBy(state: LogViewState, rows: number, vp: LogViewport): LogViewState {
  const win = computeWindow(vp.lines, state.top, vp.width, vp.height, state);
  if (!win.top) return state;
  // Scrolling down at the bottom while following changes nothing; anything else pauses.
  if (state.top === null && rows >= 0) return state;
  return { ...state, top: moveRows(vp.lines, win.top, rows, vp.width, state) };
}

/** Puts the match in view: where it is if it is already visible, else at the top. */
function jumpTo(state: LogViewState, index: number, vp: LogViewport): LogViewState {
  const seq = vp.lines[index].seq;
  const win = computeWindow(vp.lines, state.top, vp.width, vp.height, state);
  const visible = win.rows.some((r) => r.line.seq === seq && r.row === 0);
  return { ...state, matchSeq: seq, notice: null, top: visible ? win.top : { seq, row: 0 } };
}

function search(state: LogViewState, query: string, vp: LogViewport): LogViewState {
  const base = { ...state, query, draft: null, notice: null };
  if (query === '') return { ...base, matchSeq: null };
  const n = vp.lines.length;
  // Following: the newest match first. Paused: the first match from the top of the window.
  const from = state.top === null ? n - 1 : indexOfSeq(vp.lines, state.top.seq);
  const i = findMatch(vp.lines, query, from, state.top === null ? -1 : 1);
  if (i < 0) return { ...base, matchSeq: null, notice: `pattern not found: ${query}` };
  return jumpTo(base, i, vp);
}

function nextMatch(state: LogViewState, dir: 1 | -1, vp: LogViewport): LogViewState {
  if (state.query === '') return { ...state, notice: 'no search: press / first' };
  const n = vp.lines.length;
  let from: number;
  if (state.matchSeq !== null && n > 0 && state.matchSeq >= vp.lines[0].seq) from = indexOfSeq(vp.lines, state.matchSeq) + dir;
  else if (state.top === null) from = dir === 1 ? 0 : n - 1;
  else from = indexOfSeq(vp.lines, state.top.seq);
  const i = findMatch(vp.lines, state.query, from, dir);
  if (i < 0) return { ...state, notice: `pattern not found: ${state.query}` };
  return jumpTo(state, i, vp);
}

export function reduceLogView(state: LogViewState, action: LogViewAction, vp: LogViewport): LogViewState {
  const s = state.notice && action.type !== 'stream' ? { ...state, notice: null } : state;
  switch (action.type) {
    case 'scroll':
      return scrollBy(s, action.rows, vp);
    case 'page': {
      const rows = Math.max(1, Math.round(bodyRows(vp.height) * Math.abs(action.pages)));
      return scrollBy(s, Math.sign(action.pages) * rows, vp);
    }
    case 'top':
      return vp.lines.length ? { ...s, top: { seq: vp.lines[0].seq, row: 0 } } : s;
    case 'follow':
      return { ...s, top: null };
    case 'toggle-timestamps':
      return { ...s, timestamps: !s.timestamps, top: s.top && { seq: s.top.seq, row: 0 } };
    case 'toggle-wrap':
      return { ...s, wrap: !s.wrap, top: s.top && { seq: s.top.seq, row: 0 } };
    case 'search-open':
      return { ...s, draft: '' };
    case 'search-input':
      return s.draft === null ? s : { ...s, draft: s.draft + action.text };
    case 'search-backspace':
      return reduceLogView(s, { type: 'search-edit', command: 'deleteBack' }, vp);
    case 'search-edit':
      return s.draft === null ? s : { ...s, draft: editField({ text: s.draft, cursor: s.draft.length }, action.command).text };
    case 'search-cancel':
      return { ...s, draft: null };
    case 'search-commit':
      return s.draft === null ? s : search(s, s.draft, vp);
    case 'match':
      return nextMatch(s, action.dir, vp);
    case 'stream':
      return { ...s, stream: action.status };
    case 'close':
      return s;
  }
}

/**
 * One key name (keys/input-keys.ts) to an action, resolved through the keymap: the `logSearch`
 * scope while the search prompt is open (a key it does not bind is text), else `logs`. Null
 * when the log view does not bind the key, so the root reducer applies the rest (q, ?, Ctrl-C).
 */
export function logViewCommand(state: LogViewState, name: string): LogViewAction | null {
  if (state.draft !== null) {
    const command = resolveKey('logSearch', name)?.command;
    switch (command) {
      case 'accept':
        return { type: 'search-commit' };
      case 'cancel':
        return { type: 'search-cancel' };
      case 'deleteBack':
      case 'clearLine':
      case 'deleteWord':
        return { type: 'search-edit', command };
      case undefined: {
        const text = typedText(name);
        return text === null ? null : { type: 'search-input', text };
      }
      default:
        return null;
    }
  }
  switch (resolveKey('logs', name)?.command) {
    case 'back':
      return { type: 'close' };
    case 'down':
      return { type: 'scroll', rows: 1 };
    case 'up':
      return { type: 'scroll', rows: -1 };
    case 'pageDown':
      return { type: 'page', pages: 1 };
    case 'pageUp':
      return { type: 'page', pages: -1 };
    case 'halfPageDown':
      return { type: 'page', pages: 0.5 };
    case 'halfPageUp':
      return { type: 'page', pages: -0.5 };
    case 'top':
      return { type: 'top' };
    case 'bottom':
      return { type: 'follow' };
    case 'search':
      return { type: 'search-open' };
    case 'nextMatch':
      return { type: 'match', dir: 1 };
    case 'prevMatch':
      return { type: 'match', dir: -1 };
    case 'toggleTimestamps':
      return { type: 'toggle-timestamps' };
    case 'toggleWrap':
      return { type: 'toggle-wrap' };
    default:
      return null;
  }
}

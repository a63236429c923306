// State of the log view and the keys that drive it. Pure. Scrolling works in display rows,
// so the reducer takes the viewport (lines, width, height) as a third argument; the app
// binds it (see useLogView) or passes it in tests.
import type { Key } from 'ink';
import { findMatch, indexOfSeq, type LogLine } from '../../core/logs/log-buffer.js';
import type { LogStreamStatus } from '../../commands/docker/log-stream.js';
import { keysFromInput } from '../keys/keymap.js';
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
      return s.draft === null ? s : { ...s, draft: Array.from(s.draft).slice(0, -1).join('') };
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
 * Maps one key, named as keymap.ts's keysFromInput names it ('j', 'G', 'up', 'pagedown',
 * 'ctrl+d', 'enter', 'escape', 'space', 'backspace', …), to an action; null when the log
 * view does not use it, so the app applies its global keys (q, Ctrl-C).
 */
export function logViewCommand(state: LogViewState, name: string): LogViewAction | null {
  if (state.draft !== null) {
    // The search prompt: every printable key is text.
    if (name === 'escape') return { type: 'search-cancel' };
    if (name === 'enter') return { type: 'search-commit' };
    if (name === 'backspace') return { type: 'search-backspace' };
    if (name === 'space') return { type: 'search-input', text: ' ' };
    return Array.from(name).length === 1 ? { type: 'search-input', text: name } : null;
  }
  switch (name) {
    case 'escape':
    case 'left':
      return { type: 'close' };
    case 'j':
    case 'down':
      return { type: 'scroll', rows: 1 };
    case 'k':
    case 'up':
      return { type: 'scroll', rows: -1 };
    case 'pagedown':
    case 'ctrl+f':
      return { type: 'page', pages: 1 };
    case 'pageup':
    case 'ctrl+b':
      return { type: 'page', pages: -1 };
    case 'ctrl+d':
      return { type: 'page', pages: 0.5 };
    case 'ctrl+u':
      return { type: 'page', pages: -0.5 };
    case 'g':
    case 'home':
      return { type: 'top' };
    case 'G':
    case 'end':
      return { type: 'follow' };
    case '/':
      return { type: 'search-open' };
    case 'n':
      return { type: 'match', dir: 1 };
    case 'N':
      return { type: 'match', dir: -1 };
    case 't':
      return { type: 'toggle-timestamps' };
    case 'w':
      return { type: 'toggle-wrap' };
    default:
      return null;
  }
}

/** The same from Ink's (input, key), for one key at a time; a multi-key chunk gives null. */
export function logViewKey(state: LogViewState, input: string, key: Key): LogViewAction | null {
  const names = keysFromInput(input, key);
  return names.length === 1 ? logViewCommand(state, names[0]) : null;
}

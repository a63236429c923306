// Runs the live screen: the alternate screen and a boot line at once, the session opening and
// sampling (a second tick 250 ms after the first, for CPU %) while React and Ink load (one bundled
// file, see load-ui.ts), the first frame as soon as they have, with whatever the store holds. Every way out restores the terminal before
// anything is printed; errors are rethrown for cli.ts to report.
import type { Instance } from 'ink'; // types only: Ink itself loads in loadUi()
import type { CliOptions } from '../cli-options.js';
import { Store } from '../core/history/store.js';
import type { ContainerInfo } from '../core/model/types.js';
import { Sampler } from '../sampling/sampler.js';
import type { Session } from '../sources/session.js';
import { loadUi } from './load-ui.js';
import { enterFullscreen } from './shared/terminal.js';
import { HIDEABLE, type ColumnId } from './table/columns.js';
import type { SortField } from '../core/query/sort-rows.js';

export interface LiveScreenArgs {
  options: CliOptions;
  query: { predicate?: (c: ContainerInfo) => boolean; engineLabels: string[]; description: string };
  openSession: () => Promise<Session>;
}

const HISTORY_LENGTH = 600; // 10 minutes at 1 s, for sparklines now and the detail view's charts

/**
 * Ink draws at most this often; a change inside the window waits for its end. A held key repeats
 * every ~30 ms: at 20 fps most presses waited up to 50 ms for their frame, at 60 none waits (a
 * frame costs a few ms, bench/ui-render.js). Frames are drawn only on change, so idle costs nothing.
 */
export const MAX_FPS = 60;

/** The second tick's delay: CPU % on screen within a fraction of a second (see Sampler.firstGapMs). */
const FIRST_GAP_MS = 250;
/** The engine commands' module (dockerode) loads this long after start, off the first frame's path. */
const WARM_COMMANDS_MS = 2000;

/** Longest wait for the session and its first tick before loading the UI. */
const HEAD_START_MS = 300;

/** Resolves at the store's first publish, when opening fails, or after `ms`, whichever is first. */
function firstTick(store: Store, opening: Promise<unknown>, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    const unsubscribe = store.subscribe(done);
    opening.catch(done);
    function done() {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    }
  });
}

/** Loads what the engine commands need ahead of the first key that uses them. */
function warmLater(session: Session): void {
  const commands = (session as { commands?: { warm?: () => Promise<void> } }).commands;
  if (!commands?.warm) return;
  setTimeout(() => void commands.warm?.(), WARM_COMMANDS_MS).unref();
}

/** Shown while React, Ink and the layout engine load (about half a second on a busy machine). */
const BOOT_LINE = 'ctop-ts starting…';
/** Cleared right before Ink's first frame so nothing of the boot line is left beside it. */
const CLEAR = '\x1b[2J\x1b[H';

export async function runLiveScreen({ options, query, openSession }: LiveScreenArgs): Promise<void> {
  // The alternate screen and the exit hook come first, so a signal during loading restores too.
  const restore = enterFullscreen();
  process.stdout.write(BOOT_LINE);
  // The session opens while the UI loads; its failure is reported once the terminal is restored.
  const opening = openSession();
  opening.catch(() => undefined);
  let session: Session | null = null;
  let sampler: Sampler | null = null;
  let stopEvents: (() => void) | null = null;
  let app: Instance | null = null;
  let finished = false;
  const store = new Store({ historyLength: HISTORY_LENGTH });
  // Sampling starts the moment the session opens, while React and Ink still load (module loading
  // yields to timers and I/O between files), so the first frame already has numbers.
  // --record is applied once, by cli.ts's openSession: the session arrives here already recorded.
  const sampling = opening.then(async (opened) => {
    const s = opened;
    if (finished) {
      s.close(); // quit while connecting
      return s;
    }
    session = s;
    // Events reach the store between ticks, for the events pane and the detail view.
    stopEvents = s.onEvent((e) => store.addEvents([e]));
    if (options.prometheus) {
      // Prometheus holds the past: sparklines start full. Bounded: a slow server does not hold the first tick.
      const { prefillStore } = await import('../sources/prometheus/history-prefill.js');
      await Promise.race([prefillStore(s, store, options.intervalMs), new Promise((r) => setTimeout(r, 1000).unref())]);
      if (finished) return s; // quit meanwhile: the session is already closed
    }
    sampler = new Sampler({ session: s, store, intervalMs: options.intervalMs, firstGapMs: FIRST_GAP_MS });
    sampler.start();
    return s;
  });
  sampling.catch(() => undefined); // raced below; never unhandled
  try {
    // Loading Ink holds the event loop for a few hundred ms, which would stall the session's round
    // trips; so they and the first tick go first (bounded: a slow engine does not delay the screen).
    await firstTick(store, sampling, HEAD_START_MS);
    const { render, createElement, App } = await loadUi();
    process.stdout.write(CLEAR);
    // One settings object for every render: the app memoises on it.
    const props = {
      store,
      settings: { all: options.all, color: options.color, theme: options.theme, predicate: query.predicate, filter: query.description, groupBy: options.groupBy, ...viewSettings(options.view) },
      readOnly: options.readOnly,
      saveView,
      // Stopped while a shell from `x` has the terminal; started again after.
      sampling: { pause: () => sampler?.stop(), resume: () => sampler?.start() },
    };
    app = render(
      createElement(App, props),
      // exitOnCtrlC off: Ctrl-C is a key in our keymap, so quitting takes the same path as q.
      // No incrementalRendering: it leaves ghost lines on ink 6.8.
      { patchConsole: false, exitOnCtrlC: false, maxFps: MAX_FPS },
    );
    const exited = app.waitUntilExit().then(() => 'quit' as const);
    exited.catch(() => undefined); // awaited below; never unhandled
    const first = await Promise.race([exited, sampling]);
    if (first === 'quit') return;
    session = first;
    warmLater(first);
    // Inspect (detail view), actions, logs and exec; replay and mock refuse them, saying why.
    const { longHistoryOf } = await import('../sources/prometheus/history-prefill.js');
    app.rerender(createElement(App, { ...props, commands: session.commands, longHistory: longHistoryOf(session) }));
    await exited;
  } finally {
    finished = true;
    // Read through a cast: TypeScript narrows these to null, not seeing the callback that sets them.
    (sampler as Sampler | null)?.stop();
    (stopEvents as (() => void) | null)?.();
    (session as Session | null)?.close(); // or, still connecting, the sampling callback closes it
    app?.unmount();
    restore();
  }
}

/** The config file's `sort` and `columns` as the table's first state (validated when the file was read). */
function viewSettings(view: CliOptions['view']): { sort?: SortField; reverse?: boolean; hidden?: ColumnId[] } {
  if (!view) return {};
  const out: { sort?: SortField; reverse?: boolean; hidden?: ColumnId[] } = {};
  if (view.sort) {
    out.sort = view.sort.field as SortField;
    out.reverse = view.sort.reverse;
  }
  if (view.columns) out.hidden = HIDEABLE.filter((c) => !view.columns!.includes(c));
  return out;
}

/** `W` in the live screen: the view's columns, sort and grouping into the config file. */
async function saveView(view: { columns: string[]; sort: string; reverse: boolean; groupBy: string | null }): Promise<string> {
  const { configPath } = await import('../config/config-file.js');
  const { saveViewSettings } = await import('../config/config-save.js');
  const path = configPath(process.env);
  try {
    saveViewSettings(path, view);
    return `saved columns, sort and grouping to ${path}`;
  } catch (err) {
    return `could not save to ${path}: ${(err as Error).message}`;
  }
}

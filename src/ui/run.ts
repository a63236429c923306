// Runs the live screen: the alternate screen and a boot line at once, the session opening while
// React and Ink load, the first frame as soon as they have (an empty snapshot: "connecting…"),
// then sampling into the store the app subscribes to. Every way out restores the terminal before
// anything is printed; errors are rethrown for cli.ts to report.
import type { Instance } from 'ink'; // types only: Ink itself loads in loadUi()
import type { CliOptions } from '../cli-options.js';
import { Store } from '../core/history/store.js';
import type { ContainerInfo } from '../core/model/types.js';
import { Sampler } from '../sampling/sampler.js';
import type { Session } from '../sources/session.js';
import { enterFullscreen } from './shared/terminal.js';

export interface LiveScreenArgs {
  options: CliOptions;
  query: { predicate?: (c: ContainerInfo) => boolean; engineLabels: string[]; description: string };
  openSession: () => Promise<Session>;
}

const HISTORY_LENGTH = 600; // 10 minutes at 1 s, for sparklines now and the detail view's charts

/**
 * React picks its development or production build when first loaded, from NODE_ENV; the
 * development build re-validates every element and costs several times the CPU per frame.
 * So React and Ink load here, after NODE_ENV defaults to production (a user's own value wins).
 */
async function loadUi() {
  process.env.NODE_ENV ??= 'production';
  const [{ render }, { createElement }, { App }] = await Promise.all([import('ink'), import('react'), import('./app.js')]);
  return { render, createElement, App };
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
  try {
    const { render, createElement, App } = await loadUi();
    const store = new Store({ historyLength: HISTORY_LENGTH });
    process.stdout.write(CLEAR);
    // One settings object for every render: the app memoises on it.
    const props = {
      store,
      settings: { all: options.all, color: options.color, theme: options.theme, predicate: query.predicate, filter: query.description, groupBy: options.groupBy },
      readOnly: options.readOnly,
      host: options.host,
      // Stopped while a shell from `x` has the terminal; started again after.
      sampling: { pause: () => sampler?.stop(), resume: () => sampler?.start() },
    };
    app = render(
      createElement(App, props),
      // exitOnCtrlC off: Ctrl-C is a key in our keymap, so quitting takes the same path as q.
      // No incrementalRendering: it leaves ghost lines on ink 6.8.
      { patchConsole: false, exitOnCtrlC: false, maxFps: 20 },
    );
    const exited = app.waitUntilExit().then(() => 'quit' as const);
    exited.catch(() => undefined); // awaited below; never unhandled
    const first = await Promise.race([exited, opening]);
    if (first === 'quit') return;
    session = first;
    if (options.record !== undefined) {
      const { recordSession } = await import('../sources/replay/recorder.js');
      session = recordSession(session, options.record, options.intervalMs);
    }
    // Events reach the store between ticks, for the events pane and the detail view.
    stopEvents = session.onEvent((e) => store.addEvents([e]));
    sampler = new Sampler({ session, store, intervalMs: options.intervalMs });
    sampler.start();
    // The engine, for inspect (detail view), actions, logs and exec; null for replay and mock.
    app.rerender(createElement(App, { ...props, docker: session.docker }));
    await exited;
  } finally {
    sampler?.stop();
    stopEvents?.();
    if (session) session.close();
    // Quit (or failed) while still connecting: close the session whenever it arrives.
    else opening.then((s) => s.close(), () => undefined);
    app?.unmount();
    restore();
  }
}

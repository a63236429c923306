// Runs the live screen: alternate screen first, the first frame at once (with an empty snapshot
// while the session opens), then sampling into the store the app subscribes to. Every way out
// restores the terminal before anything is printed; errors are rethrown for cli.ts to report.
import type { CliOptions } from '../cli-options.js';
import { Store } from '../core/store.js';
import type { ContainerInfo } from '../core/types.js';
import { Sampler } from '../sources/sampler.js';
import type { Session } from '../sources/session.js';
import { enterFullscreen } from './terminal.js';

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

export async function runLiveScreen({ options, query, openSession }: LiveScreenArgs): Promise<void> {
  const { render, createElement, App } = await loadUi();
  const store = new Store({ historyLength: HISTORY_LENGTH });
  const restore = enterFullscreen();
  let session: Session | null = null;
  let sampler: Sampler | null = null;
  let stopEvents: (() => void) | null = null;
  const app = render(
    createElement(App, {
      store,
      settings: { all: options.all, color: options.color, theme: options.theme, predicate: query.predicate, filter: query.description },
    }),
    // exitOnCtrlC off: Ctrl-C is a key in our keymap, so quitting takes the same path as q.
    // No incrementalRendering: it leaves ghost lines on ink 6.8.
    { patchConsole: false, exitOnCtrlC: false, maxFps: 20 },
  );
  const exited = app.waitUntilExit().then(() => 'quit' as const);
  exited.catch(() => undefined); // rejections are awaited below; never unhandled
  const opening = openSession();
  try {
    const first = await Promise.race([exited, opening]);
    if (first === 'quit') {
      // Quit while still connecting: close the session whenever it arrives.
      opening.then((s) => s.close(), () => undefined);
      return;
    }
    session = first;
    if (options.record !== undefined) {
      const { recordSession } = await import('../sources/recorder.js');
      session = recordSession(session, options.record, options.intervalMs);
    }
    // Events reach the store between ticks, for the events pane and the detail view.
    stopEvents = session.onEvent((e) => store.addEvents([e]));
    sampler = new Sampler({ session, store, intervalMs: options.intervalMs });
    sampler.start();
    await exited;
  } finally {
    sampler?.stop();
    stopEvents?.();
    session?.close();
    app.unmount();
    restore();
  }
}

/** @jsxRuntime automatic */
// Renders the live screen's <App> with ink-testing-library against a real Store, and gives tests
// ticks, frames, key presses and predicate waits. Colour is pinned before Ink (chalk) loads, so
// frames are the same in a terminal and in CI; `frame()` strips SGR.
process.env.FORCE_COLOR ??= '1';

import { after } from 'node:test';
import type { ContainerRow } from '../../src/core/model/types.js';
import { HOST, plain, T0 } from './ui-fixtures.js';

const { render } = await import('ink-testing-library');
const { App } = await import('../../src/ui/app.js');
const { Store } = await import('../../src/core/history/store.js');

export { App };
export type AppProps = Parameters<typeof App>[0];
export type Size = { columns: number; rows: number };

const mounted: { unmount: () => void }[] = [];
after(() => mounted.forEach((m) => m.unmount()));

/** Lets Ink's input handling and render run before the next step. */
const settle = (ms: number) => new Promise((res) => setImmediate(() => setTimeout(res, ms)));

export function mountApp(props: Omit<AppProps, 'store'>) {
  const store = new Store({ historyLength: 60 });
  const r = render(<App {...props} store={store} />);
  mounted.push(r);
  let t = T0;
  const tick = (rows: ContainerRow[]) => {
    t += 1000;
    store.publishTick({ timestamp: t, rows, host: HOST, interval: 1000, sourceLabel: 'mock' });
  };
  const frame = () => plain(r.lastFrame());
  const waitFor = async (check: (f: string) => boolean, what: string) => {
    const deadline = Date.now() + 3000;
    while (!check(frame())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; frame:\n${frame()}`);
      await settle(2);
    }
    return frame();
  };
  // One write per key or chunk: Ink reads each write as one chunk ("web" at once when pasted).
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      r.stdin.write(k);
      await settle(5);
    }
  };
  return { r, store, tick, frame, waitFor, press, now: () => t };
}

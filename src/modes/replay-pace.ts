// Plain modes play a replay file once, at the pace it was recorded (or faster), then end: a
// replay piped into jq or a script must finish, and its lines come at the recorded spacing.
import type { ReplayControl } from '../sources/session.js';

/**
 * Calls `step` once per recorded tick (the step advances the replay, e.g. a sampler tick), waiting
 * the recorded time between ticks divided by `speed`; speed 0 means as fast as possible.
 */
export async function playOnce(replay: ReplayControl, step: () => Promise<unknown>, speed: number, signal?: AbortSignal): Promise<void> {
  while (!signal?.aborted) {
    await step();
    const wait = replay.untilNext();
    if (wait === null) return;
    if (speed > 0 && wait > 0) await sleep(wait / speed, signal);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

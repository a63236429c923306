// Preloaded into the binary by scripts/screenshots.mjs (`node --import`): the process's wall clock
// starts at $CTOP_PINNED_EPOCH (ms since 1970) instead of now, and runs at normal speed from there.
// Clock times, uptimes and "N ago" texts in the pictures then read the same on every run, in step
// with the demo replay's recorded times. Timers are untouched: the program runs as it always does.
const epoch = Number(process.env.CTOP_PINNED_EPOCH);
if (Number.isFinite(epoch) && epoch > 0) {
  const RealDate = Date;
  const started = performance.now();
  const now = () => epoch + Math.floor(performance.now() - started);
  class PinnedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(now());
      else super(...args);
    }
    static now() {
      return now();
    }
  }
  // Date() called as a function returns a string of the current time.
  globalThis.Date = new Proxy(PinnedDate, { apply: () => new PinnedDate().toString() });
}

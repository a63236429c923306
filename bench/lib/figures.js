// Figures a bench reports to bench/run.js: one JSON line each, appended to the file named by
// CTOP_BENCH_FIGURES (run.js sets it), so the summary and bench/RESULTS.md are built from what the
// benches measured, not re-typed. Without the variable, figures are only printed by the bench.
import { appendFileSync, readFileSync } from 'node:fs';

/**
 * @param {object} f
 * @param {string} f.id        stable key, e.g. "no-stream.n5"
 * @param {string} f.figure    what, for people
 * @param {number|null} f.ours
 * @param {number|null} f.anchor   the anchor's value (docker stats in the same run, or the previous release)
 * @param {string} f.anchorLabel   e.g. "docker stats (same run)" or "v0.1.0 (README)"
 * @param {string} f.unit      ms, %, MiB, s, ms/ctr/tick
 * @param {string} [f.target]  the target, in words
 * @param {boolean|null} [f.pass]
 * @param {string} [f.note]
 */
export function reportFigure(f) {
  const ratio = f.ours !== null && f.anchor ? f.ours / f.anchor : null;
  const line = JSON.stringify({ ...f, ratio });
  if (process.env.CTOP_BENCH_FIGURES) appendFileSync(process.env.CTOP_BENCH_FIGURES, line + '\n');
}

export function readFigures(file) {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
  } catch {
    return [];
  }
}

/**
 * The previous release's figures (README "Measurements", measured 2026-11-21 on this project's
 * test machine): the anchor where no peer applies (the live screen, memory, scale).
 */
export const PREVIOUS_RELEASE = {
  label: 'v0.1.0 (README, 2026-11-21)',
  tickToFrameMs200: 26, // "200 containers 26 ms (p95 36 ms)" mean Ink render, 1 Hz
  cpuPercent200: 7.6,
  firstFrameMs: 1500, // "the first full table appears ~1.5 s after start" (issue 12)
  noStreamRatio: 0.4, // 0.39–0.42 of docker stats --no-stream
  watchRatio30: 0.15, // 131 / 851 CPU ticks, 30 containers over 40 s
  watchRatio100: 0.099, // README, 2026-11-21: 100 containers over 60 s
  perCtrTickMs: 0.24, // "about 0.24 ms per container per tick"
};

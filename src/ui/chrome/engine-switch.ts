// `H` with several engines: one line listing every engine with its state, and the view moved on
// to the next engine (all → first → second → … → all). Showing one engine is the `/` filter
// `host=NAME`, so the header shows it, `/` edits it, and Esc or `/` + Ctrl-U clears it. Pure.
import type { EngineStatus } from '../../core/model/types.js';
import { compileFilter, NO_FILTER, type CompiledFilter } from '../filter/filter-prompt-reducer.js';

export interface EngineSwitch {
  filter: CompiledFilter;
  notice: string;
}

const ONE = /^host=([A-Za-z0-9_.-]+)$/;

function age(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 60 ? `${s}s` : s < 3600 ? `${Math.floor(s / 60)}m` : `${Math.floor(s / 3600)}h`;
}

/** What each engine is doing, e.g. `docker up · dock2 down 12s (refused the connection) · podman up`. */
export function engineList(engines: readonly EngineStatus[], now: number): string {
  return engines
    .map((e) => {
      if (e.state === 'up') return `${e.name} up`;
      const since = e.since === null ? '' : ` ${age(now - e.since)}`;
      return `${e.name} ${e.state}${since}${e.reason ? ` (${e.reason})` : ''}`;
    })
    .join(' · ');
}

/** The next view after `currentFilter`; null when there are not several engines to switch between. */
export function nextEngineView(engines: readonly EngineStatus[] | undefined, currentFilter: string, now: number): EngineSwitch | null {
  if (!engines || engines.length < 2) return null;
  const names = engines.map((e) => e.name);
  const current = ONE.exec(currentFilter.trim())?.[1];
  const at = current === undefined ? -1 : names.indexOf(current);
  const next = at + 1 < names.length ? names[at + 1] : null;
  const list = engineList(engines, now);
  if (next === null) return { filter: NO_FILTER, notice: `engines: ${list} — showing all (H: ${names[0]})` };
  const compiled = compileFilter(`host=${next}`);
  return { filter: compiled.filter ?? NO_FILTER, notice: `engines: ${list} — showing ${next} (H: ${names[at + 2] ?? 'all'})` };
}

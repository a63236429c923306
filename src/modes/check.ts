// `ctop-ts check`: sample the engine(s) once (or over --window), learn what only inspect and the
// engine's event buffer know (restart counts, exit codes, OOM kills), evaluate the rules and
// return the plugin's text and exit state. Rules were validated before we get here.
import { evaluateCheck, type CheckResult } from '../core/thresholds/evaluate.js';
import type { ContainerFacts } from '../core/thresholds/fields.js';
import type { RuleSet } from '../core/thresholds/rules.js';
import { visibleRows, type ContainerPredicate } from '../core/query/row-filter.js';
import { Store } from '../core/history/store.js';
import type { ContainerRow, Snapshot } from '../core/model/types.js';
import { Sampler } from '../sampling/sampler.js';
import type { Session } from '../sources/session.js';
import { sampleOnce } from './once.js';

export interface CheckOptions {
  rules: RuleSet;
  all: boolean;
  predicate?: ContainerPredicate;
  groupBy?: string;
  intervalMs: number;
  /** 0: one sample (as --no-stream); else every tick over this long must breach. */
  windowMs: number;
  now?: () => number;
}

export interface CheckRun {
  result: CheckResult;
  /** Engines that did not answer (the check is UNKNOWN at least). */
  downEngines: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Samples for the window: ticks `intervalMs` apart spanning `windowMs` (the first tick only primes CPU %). */
async function sampleWindow(session: Session, opts: CheckOptions): Promise<Snapshot[]> {
  if (opts.windowMs <= 0) return [await sampleOnce(session, { all: opts.all, predicate: opts.predicate })];
  const store = new Store({ historyLength: 2 });
  const sampler = new Sampler({ session, store, intervalMs: opts.intervalMs });
  const snaps: Snapshot[] = [];
  const ticks = Math.max(2, Math.round(opts.windowMs / opts.intervalMs) + 1);
  for (let i = 0; i < ticks; i++) {
    const started = Date.now();
    snaps.push(await sampler.tick());
    if (i < ticks - 1) await sleep(Math.max(0, opts.intervalMs - (Date.now() - started)));
  }
  // The first tick has no earlier sample: CPU % and rates start with the second.
  return snaps.length > 1 ? snaps.slice(1) : snaps;
}

/** Restart count, exit code and OOM kills from inspect and the engine's recent events. */
async function readFacts(session: Session, rows: readonly ContainerRow[], rules: RuleSet, now: number): Promise<Map<string, ContainerFacts>> {
  const facts = new Map<string, ContainerFacts>();
  const needsInspect = rules.thresholds.some((r) => r.field.name === 'restarts') || rules.states.some((s) => s.state === 'oom' || s.state === 'exited');
  if (!needsInspect || session.commands.unavailable !== null) return facts;
  const oomWindow = Math.max(0, ...rules.states.filter((s) => s.state === 'oom').map((s) => s.windowMs));
  const oomEvents = new Map<string, number>();
  if (oomWindow > 0 && session.recentEvents) {
    for (const e of await session.recentEvents().catch(() => [])) {
      if (e.action === 'oom' && now - e.time <= oomWindow) oomEvents.set(e.id, Math.max(oomEvents.get(e.id) ?? 0, e.time));
    }
  }
  await Promise.all(
    rows.map(async (row) => {
      const d = await session.commands.inspect(row.info).catch(() => null);
      const inspected = d?.oomKilled && d.finishedAt !== null ? d.finishedAt : null;
      const event = oomEvents.get(row.info.id) ?? oomEvents.get(row.info.engineId ?? '') ?? null;
      const lastOomKill = inspected === null ? event : event === null ? inspected : Math.max(inspected, event);
      facts.set(row.info.id, { restarts: d?.restartCount ?? null, exitCode: d?.exitCode ?? null, lastOomKill });
    }),
  );
  return facts;
}

export async function runCheck(session: Session, checkOpts: CheckOptions): Promise<CheckRun> {
  // An OOM kill usually ends the container: the oom rule looks at stopped containers too (only
  // kills inside its window count, so old exits do not linger).
  const opts = { ...checkOpts, all: checkOpts.all || checkOpts.rules.states.some((s) => s.state === 'oom') };
  const snaps = await sampleWindow(session, opts);
  const samples = snaps.map((s) => visibleRows(s.rows, opts.all, opts.predicate));
  const now = (opts.now ?? Date.now)();
  const facts = await readFacts(session, samples[samples.length - 1], opts.rules, now);
  const result = evaluateCheck(opts.rules, { samples, facts, now, groupBy: opts.groupBy, memTotal: snaps[snaps.length - 1].host?.memTotal ?? null });
  const downEngines = (session.engines?.() ?? []).filter((e) => e.state !== 'up').map((e) => `${e.name} did not answer (${e.reason ?? e.state})`);
  return { result, downEngines };
}

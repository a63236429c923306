// --json: one object per line (NDJSON) with raw numbers: bytes, percent as numbers, rates per
// second. Unknown values are null, never a made-up 0. The schema is documented in the README;
// bump JSON_SCHEMA_VERSION on any incompatible change.
import type { ContainerInfo, ContainerRow, EngineEvent, EngineStatus } from '../core/model/types.js';
import { sanitize } from '../core/model/sanitize.js';
import { STATE_NAMES } from '../core/thresholds/evaluate.js';
import { evaluateRows, rowResult } from '../core/thresholds/row-rules.js';
import type { RuleSet } from '../core/thresholds/rules.js';

export const JSON_SCHEMA_VERSION = 1;

export function containerJson(row: ContainerRow): Record<string, unknown> {
  return { ...identityJson(row.info), ...sampleJson(row) };
}

/**
 * One container line, as JSON.stringify(containerJson(row)) + '\n' writes it. The part that comes
 * from ContainerInfo (a new object whenever the container changes) is serialized once per object,
 * not every tick: names pass through sanitize() and labels can be dozens of keys.
 */
export function containerLine(row: ContainerRow): string {
  let head = identityText.get(row.info);
  if (head === undefined) identityText.set(row.info, (head = JSON.stringify(identityJson(row.info)).slice(0, -1)));
  return `${head},${JSON.stringify(sampleJson(row)).slice(1)}\n`;
}

const identityText = new WeakMap<ContainerInfo, string>();

function identityJson(info: ContainerInfo): Record<string, unknown> {
  return {
    type: 'container',
    schema: JSON_SCHEMA_VERSION,
    id: info.engineId ?? info.id, // the engine's own id; with several engines `id` inside ctop-ts is `<host>/<id>`
    // The engine or scrape target (fleet, Prometheus); null with one local engine.
    host: info.host === undefined ? null : sanitize(info.host),
    name: sanitize(info.name),
    image: sanitize(info.image),
    labels: info.labels,
    state: info.state,
    health: info.health,
  };
}

function sampleJson(row: ContainerRow): Record<string, unknown> {
  const { stats } = row;
  return {
    source: row.source,
    cpuPercent: stats.cpuPercent,
    cpuLimitPercent: stats.cpuLimitPercent,
    cpuLimitCores: stats.cpuLimitCores,
    memUsage: stats.memUsage,
    memLimit: stats.memLimit,
    memPercent: stats.memPercent,
    netRxBytes: stats.netRxBytes,
    netTxBytes: stats.netTxBytes,
    netRxRate: stats.netRxRate,
    netTxRate: stats.netTxRate,
    blockReadBytes: stats.blockReadBytes,
    blockWriteBytes: stats.blockWriteBytes,
    blockReadRate: stats.blockReadRate,
    blockWriteRate: stats.blockWriteRate,
    pids: stats.pids,
    pidsLimit: stats.pidsLimit,
    throttlePeriods: stats.throttlePeriods,
    throttledPeriods: stats.throttledPeriods,
    throttledTimeNs: stats.throttledTimeNs,
    oomKills: stats.oomKills,
    pressure: stats.pressure,
    timestamp: new Date(row.timestamp).toISOString(),
    ...ruleFields(row),
  };
}

// --warning/--critical given: each container line also carries `rules` (documented in the README).
let jsonRules: RuleSet | null = null;

/** Called once by the CLI when rules were given; lines carry no `rules` key otherwise. */
export function useJsonRules(rules: RuleSet | null): void {
  jsonRules = rules;
}

function ruleFields(row: ContainerRow): Record<string, unknown> {
  if (jsonRules === null) return {};
  const r = rowResult(evaluateRows(jsonRules, [row], row.timestamp), row.info.id);
  return { rules: { state: STATE_NAMES[r.state], problems: r.problems.map((f) => ({ state: STATE_NAMES[f.state], field: f.field ?? null, text: sanitize(f.text) })) } };
}

export function eventJson(e: EngineEvent, labels: Record<string, string> | null = null): Record<string, unknown> {
  return {
    type: 'event',
    schema: JSON_SCHEMA_VERSION,
    time: new Date(e.time).toISOString(),
    // With several engines an event's id is the fleet key `<host>/<id>` (engine ids have no '/'):
    // printed as the container lines are, the engine's own id plus `host`.
    id: e.id.includes('/') ? e.id.slice(e.id.indexOf('/') + 1) : e.id,
    ...(e.id.includes('/') && { host: sanitize(e.id.slice(0, e.id.indexOf('/'))) }),
    action: e.action,
    detail: e.detail,
    name: e.name === null ? null : sanitize(e.name),
    image: e.image === null ? null : sanitize(e.image),
    exitCode: e.exitCode,
    signal: e.signal,
    labels,
  };
}

/** An engine going down or coming back (streaming --json): `state` is "down" or "up". */
export function engineJson(s: EngineStatus): Record<string, unknown> {
  return {
    type: 'engine',
    schema: JSON_SCHEMA_VERSION,
    engine: sanitize(s.name),
    state: s.state === 'up' ? 'up' : 'down',
    reason: s.state === 'up' || s.reason === null ? null : sanitize(s.reason),
    since: s.since === null ? null : new Date(s.since).toISOString(),
  };
}

export function ndjson(objects: Iterable<Record<string, unknown>>): string {
  let out = '';
  for (const o of objects) out += JSON.stringify(o) + '\n';
  return out;
}

// The detail view's facts panel as key/value lines. Inspect details fill most of it; without them
// (replay, mock, or still loading) the row's own info and stats stand in. Every user string goes
// through sanitize: names, labels, commands, mounts and env values can hold escape sequences.
import { bytesAxis, percentAxis, rateAxis } from './chart-data.js';
import { orderedLabels, type ContainerDetails, type PortBinding } from '../../core/model/container-details.js';
import { formatClock, troubleBadge, troubleFor } from '../../core/events/event-markers.js';
import { displayName, sanitize, truncateId, escapeControls } from '../../core/model/sanitize.js';
import type { ContainerRow, EngineEvent } from '../../core/model/types.js';
import { formatUptime } from '../../core/model/uptime.js';
import { fitLine, type Segment } from '../shared/segments.js';
import type { Tone } from '../shared/theme.js';

export interface Fact {
  key: string; // '' on continuation lines
  value: Segment[];
  /** 1 = what you came to see (state, health, limits) … 4 = reference (labels, mounts). Cut 4 first. */
  tier?: number;
}

export interface FactsInput {
  row: ContainerRow;
  details: ContainerDetails | null;
  events: readonly EngineEvent[];
  showEnv: boolean;
  now: number;
  /** Why details are missing, e.g. "loading…" or the inspect error. */
  detailsNote?: string | null;
}

export const ENV_HINT = 'press v to reveal environment';
const KEY_WIDTH = 9;

const seg = (text: string, tone?: Tone): Segment[] => [{ text, tone }];
const fact = (key: string, text: string, tone?: Tone): Fact => ({ key, value: seg(text, tone) });
const many = (key: string, items: Segment[][]): Fact[] => (items.length === 0 ? [fact(key, 'none', 'dim')] : items.map((value, i) => ({ key: i === 0 ? key : '', value })));

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** "2026-11-21 12:17:08 (5m ago)" in local time. */
function when(ms: number | null, now: number): string {
  if (ms === null) return '--';
  const d = new Date(ms);
  const ago = now >= ms ? ` (${formatUptime((now - ms) / 1000)} ago)` : '';
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${formatClock(ms)}${ago}`;
}

/** argv as a shell would need it typed: words with blanks or quotes are single-quoted. */
export function shellJoin(argv: readonly string[]): string {
  return argv.map((a) => (a !== '' && /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

function portText(p: PortBinding): string {
  if (p.hostPort === null) return `${p.containerPort}/${p.protocol} (not published)`;
  const ip = p.hostIp !== null && p.hostIp.includes(':') ? `[${p.hostIp}]` : p.hostIp;
  return `${ip}:${p.hostPort} → ${p.containerPort}/${p.protocol}`;
}

const stateTone = (state: string): Tone | undefined =>
  ({ running: 'running', paused: 'paused', restarting: 'restarting', exited: 'exited', dead: 'dead', created: 'created' }) [state] as Tone | undefined;

/** Facts in reading order: identity, state, resources, network, environment, mounts, labels. */
export function detailFacts(input: FactsInput): Fact[] {
  const { row, details: d, events, now } = input;
  const s = row.stats;
  const out: Fact[] = [];
  out.push(fact('name', displayName(d?.name ?? row.info.name)));
  out.push(fact('id', d?.id || row.info.id));
  if (d === null && input.detailsNote) out.push(fact('details', sanitize(input.detailsNote), 'dim'));
  out.push({ key: 'image', value: [{ text: escapeControls(d?.image || row.info.image) }, ...(d?.imageId ? seg(`  ${truncateId(d.imageId)}`, 'dim') : [])] });
  if (d?.imageDigest) out.push(fact('digest', sanitize(d.imageDigest), 'dim'));
  if (d) out.push(fact('command', sanitize(shellJoin(d.command))));
  out.push(fact('created', when(d?.created ?? (row.info.created > 0 ? row.info.created * 1000 : null), now)));
  if (d?.startedAt) out.push(fact(d.state === 'running' || d.state === 'paused' ? 'started' : 'ran', `${when(d.startedAt, now)}${d.finishedAt && d.state !== 'running' ? `, until ${formatClock(d.finishedAt)}` : ''}`));

  const state = d?.state ?? row.info.state;
  const trouble = troubleFor(events, row.info.id, now);
  const stateLine: Segment[] = seg(state, stateTone(state));
  if (d?.exitCode && state !== 'running') stateLine.push({ text: ` (exit ${d.exitCode})`, tone: 'danger' });
  if (d?.oomKilled) stateLine.push({ text: ' · OOM-killed', tone: 'danger' });
  if (d?.error) stateLine.push({ text: ` · ${sanitize(d.error)}`, tone: 'danger' });
  if (troubleBadge(trouble)) stateLine.push({ text: ` · ${troubleBadge(trouble)} in 10m`, tone: 'warn' });
  out.push({ key: 'state', value: stateLine });

  const health = d ? d.health : row.info.health === null ? null : { status: row.info.health, failingStreak: 0, lastOutput: null, lastExitCode: null };
  if (health) {
    const tone: Tone = health.status === 'healthy' ? 'healthy' : health.status === 'unhealthy' ? 'unhealthy' : 'starting';
    const v: Segment[] = seg(health.status, tone);
    if (health.failingStreak > 0) v.push({ text: ` · ${health.failingStreak} failing`, tone });
    if (health.lastExitCode !== null) v.push({ text: ` · last exit ${health.lastExitCode}`, tone: 'dim' });
    const output = sanitize((health.lastOutput ?? '').replace(/\s+/g, ' ').trim());
    if (output) v.push({ text: `: ${output}` });
    out.push({ key: 'health', value: v });
  }
  if (d) out.push(fact('restarts', `${d.restartCount} · policy ${d.restartPolicy.name}${d.restartPolicy.maxRetries > 0 ? `:${d.restartPolicy.maxRetries}` : ''}`));

  const cores = d ? d.cpuLimitCores : s.cpuLimitCores; // inspect is authoritative; stats stand in
  const cpu: Segment[] = seg(cores === null ? 'no limit' : `limit ${+cores.toFixed(2)} cores`, cores === null ? 'dim' : undefined);
  if (d?.cpusetCpus) cpu.push({ text: ` · cpus ${sanitize(d.cpusetCpus)}` });
  // Without a quota the kernel counts no CFS periods: "throttled 0/0 periods (0%)" says nothing.
  if (s.throttlePeriods !== null && s.throttledPeriods !== null && (s.throttlePeriods > 0 || cores !== null)) {
    const pct = s.throttlePeriods > 0 ? (s.throttledPeriods / s.throttlePeriods) * 100 : 0;
    const time = s.throttledTimeNs === null ? '' : `, ${(s.throttledTimeNs / 1e9).toFixed(2)}s`;
    cpu.push({ text: ` · throttled ${s.throttledPeriods}/${s.throttlePeriods} periods (${percentAxis(pct)})${time}`, tone: s.throttledPeriods > 0 ? 'warn' : undefined });
  }
  out.push({ key: 'cpu', value: cpu });
  const mem: Segment[] = seg(d?.memoryLimit ? `limit ${bytesAxis(d.memoryLimit)}` : d ? 'no limit' : s.memLimit === null ? '--' : `limit ${bytesAxis(s.memLimit)}`);
  if (d?.memoryReservation) mem.push({ text: ` · reservation ${bytesAxis(d.memoryReservation)}` });
  if (s.memUsage !== null) mem.push({ text: ` · using ${bytesAxis(s.memUsage)}${s.memPercent === null ? '' : ` (${percentAxis(s.memPercent)})`}` });
  out.push({ key: 'memory', value: mem });
  const oomParts = [s.oomKills === null ? null : `${s.oomKills} (cgroup)`, d?.oomKilled ? 'last exit was OOM' : null, trouble.ooms > 0 ? `${trouble.ooms} in 10m` : null].filter(Boolean);
  out.push(fact('oom kills', oomParts.length > 0 ? oomParts.join(' · ') : '--', (s.oomKills ?? 0) > 0 || trouble.ooms > 0 || d?.oomKilled ? 'danger' : undefined));
  if (s.pressure) {
    const p = (v: number | null) => (v === null ? '--' : percentAxis(v));
    out.push(fact('pressure', `cpu ${p(s.pressure.cpu)}  mem ${p(s.pressure.memory)}  io ${p(s.pressure.io)}  (some, avg10)`));
  }
  const pidsLimit = d ? d.pidsLimit : s.pidsLimit;
  out.push(fact('pids', `${s.pids ?? '--'}${pidsLimit === null ? ' (no limit)' : ` / ${pidsLimit}`}`));
  const rate = (v: number | null) => (v === null ? '--' : rateAxis(v));
  out.push(fact('net', `rx ${rate(s.netRxRate)}  tx ${rate(s.netTxRate)}`));
  out.push(fact('block io', `read ${rate(s.blockReadRate)}  write ${rate(s.blockWriteRate)}`));

  if (d) {
    out.push(...many('ports', d.ports.map((p) => seg(sanitize(portText(p))))));
    const nets = d.networks.filter((n) => n.name !== 'none' || d.networks.length > 1);
    out.push(
      ...many(
        'networks',
        nets.map((n) => seg(sanitize([n.name, n.ipAddress && `${n.ipAddress}${n.prefixLen ? `/${n.prefixLen}` : ''}`, n.ipv6Address].filter(Boolean).join('  ')))),
      ),
    );
    if (d.env.length > 0 && input.showEnv) out.push(...many('env', d.env.map((e) => seg(sanitize(`${e.key}=${e.value}`)))));
    out.push(...many('mounts', d.mounts.map((m) => seg(sanitize(`${m.name ?? (m.source || m.type)} → ${m.destination} (${m.type}${m.readOnly ? ', ro' : ''})`)))));
  }
  const labels = orderedLabels(d?.labels ?? row.info.labels);
  out.push(...many('labels', labels.map(([k, v]) => seg(escapeControls(`${k}=${v}`)))));
  let key = '';
  for (const f of out) {
    key = f.key || key; // continuation lines share their fact's tier
    f.tier = TIER[key] ?? 3;
  }
  return out;
}

// The header already shows name, short ID and image, so those can go before the command does.
const TIER: Record<string, number> = {
  state: 1, health: 1, restarts: 1, cpu: 1, memory: 1, 'oom kills': 1, details: 1,
  command: 2, image: 2, started: 2, pids: 2,
  digest: 4, created: 4, mounts: 4, labels: 4, env: 4,
};

/** The hint that stays on screen while the environment is hidden; null when there is none to hide. */
export function envHint(details: ContainerDetails | null, showEnv: boolean): Fact | null {
  if (!details || details.env.length === 0 || showEnv) return null;
  return fact('env', `${details.env.length} hidden · ${ENV_HINT}`, 'dim');
}

/**
 * Exactly `height` lines of `width`. When the facts do not fit, the lower tiers go first (order
 * is kept) and a "… N more" line says so; `pinned` (the env hint) always stays, last.
 */
export function factLines(facts: readonly Fact[], pinned: Fact | null, width: number, height: number): Segment[][] {
  if (width <= 0 || height <= 0) return [];
  // In a sliver of a panel the facts themselves matter more than the hint and the "more" line.
  const pin = height >= 4 ? pinned : null;
  const room = height - (pin ? 1 : 0);
  let shown: readonly Fact[] = facts;
  if (facts.length > room) {
    const slots = room >= 3 ? room - 1 : room;
    const keep = new Set(
      facts
        .map((f, i) => ({ tier: f.tier ?? 2, i }))
        .sort((a, b) => a.tier - b.tier || a.i - b.i)
        .slice(0, slots)
        .map((x) => x.i),
    );
    shown = facts.filter((_, i) => keep.has(i));
  }
  const render = (f: Fact) => fitLine([{ text: f.key.padEnd(KEY_WIDTH).slice(0, KEY_WIDTH) + ' ', tone: 'dim' }, ...f.value], width);
  const out = shown.map(render);
  if (shown.length < facts.length && out.length < room) out.push(fitLine(seg(`… ${facts.length - shown.length} more lines (a taller terminal shows them)`, 'dim'), width));
  if (pin) out.push(render(pin));
  while (out.length < height) out.push([{ text: ' '.repeat(width) }]);
  return out.slice(0, height);
}

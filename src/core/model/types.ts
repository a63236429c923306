// The shapes that flow through ctop-ts: sources → sampler → delta → store → views.
// Everything here is plain data; nothing in src/core touches I/O or React.

export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';
export type HealthStatus = 'healthy' | 'unhealthy' | 'starting' | null;
export type SourceKind = 'api' | 'cgroup' | 'replay' | 'mock' | 'prometheus';

/** What the engine's container list says about a container; kept current by /events. */
export interface ContainerInfo {
  id: string; // full 64-hex id
  name: string; // without the leading '/'
  image: string;
  labels: Record<string, string>;
  state: ContainerState;
  status: string; // engine's human text, e.g. "Up 5 minutes (healthy)"
  health: HealthStatus;
  created: number; // unix seconds
  networkMode: string; // HostConfig.NetworkMode ('default', 'bridge', 'host', 'none', 'container:<id>', …)
  /** The engine's short name (context name or host) when several engines are watched; unset with one. */
  host?: string;
  /** With several engines `id` is the fleet key `<host>/<engine id>` and this is the engine's own id. */
  engineId?: string;
}

/** Pressure stall information, `some avg10` (percent of wall time over the last 10 s). */
export interface Pressure {
  cpu: number | null;
  memory: number | null;
  io: number | null;
}

/**
 * Raw cumulative counters for one container at one instant. Sources fill what they can;
 * null means "could not read", never "zero". Percentages and rates are computed later.
 */
export interface RawSample {
  id: string;
  source: SourceKind;
  timestamp: number; // ms since epoch when read
  cpuTotalNs: number | null; // container CPU time
  systemCpuNs: number | null; // host CPU time (docker's /proc/stat sum), read right after cpuTotalNs
  onlineCpus: number | null;
  /** The engine's own earlier sample (precpu_stats), when the record carries one. Used for docker parity. */
  pre?: { cpuTotalNs: number; systemCpuNs: number } | null;
  memUsage: number | null; // bytes, includes page cache
  memTotalInactiveFile: number | null; // cgroup v1 `total_inactive_file`
  memInactiveFile: number | null; // v1 `inactive_file` / v2 `inactive_file`
  memLimit: number | null; // bytes as the source reported it (may exceed host memory)
  netRxBytes: number | null;
  netTxBytes: number | null;
  blkReadBytes: number | null;
  blkWriteBytes: number | null;
  pids: number | null;
  pidsLimit: number | null; // null when unlimited or unknown
  // What docker stats hides:
  cpuLimitCores: number | null; // quota / period; null when unlimited
  throttlePeriods: number | null;
  throttledPeriods: number | null;
  throttledTimeNs: number | null;
  oomKills: number | null;
  pressure: Pressure | null;
  /**
   * Numbers a source computed itself (Prometheus answers rates, not counters): the delta
   * calculator passes them through instead of differencing. Counters above are then null.
   */
  computed?: ContainerStats | null;
  /** Finer counters for the exporters (serve, influx); sources fill it where they read them anyway. */
  detail?: SampleDetail | null;
}

/** Per-interface, per-device and split counters under cAdvisor's and Telegraf's metrics. Null: not read. */
export interface SampleDetail {
  cpuUserNs: number | null;
  cpuSystemNs: number | null;
  memRss: number | null; // v2 anon, v1 total_rss
  memCache: number | null; // v2 file, v1 total_cache
  memMappedFile: number | null;
  memSwap: number | null;
  networks: { name: string; rxBytes: number; rxPackets: number; rxErrors: number; rxDropped: number; txBytes: number; txPackets: number; txErrors: number; txDropped: number }[] | null;
  blkio: { major: number; minor: number; readBytes: number; writeBytes: number; reads: number; writes: number }[] | null;
}

/** Numbers people read, computed by the delta calculator from two raw samples. */
export interface ContainerStats {
  cpuPercent: number | null; // docker's: 100 % = one core
  cpuLimitPercent: number | null; // % of the container's CPU limit, when it has one
  memUsage: number | null; // usage minus inactive file
  memLimit: number | null; // clamped to host memory
  memPercent: number | null;
  netRxBytes: number | null;
  netTxBytes: number | null;
  netRxRate: number | null; // bytes/s
  netTxRate: number | null;
  blockReadBytes: number | null;
  blockWriteBytes: number | null;
  blockReadRate: number | null;
  blockWriteRate: number | null;
  pids: number | null;
  pidsLimit: number | null;
  cpuLimitCores: number | null;
  throttlePeriods: number | null;
  throttledPeriods: number | null;
  throttledTimeNs: number | null;
  oomKills: number | null;
  pressure: Pressure | null;
}

export interface ContainerRow {
  info: ContainerInfo;
  stats: ContainerStats;
  source: SourceKind | null; // which source produced this tick's numbers (null: none could)
  timestamp: number; // ms since epoch of the sample, or of the tick when there was none
  /** Set while the row's engine does not answer: the row keeps its last numbers, marked stale. */
  stale?: { since: number; reason: string } | null;
}

/** One engine's connection state, for the header, `H`, `--json` engine lines and exports. */
export interface EngineStatus {
  name: string; // short name: context name or host
  state: 'up' | 'down' | 'connecting';
  reason: string | null; // why it is down: "connection refused", "permission denied", the engine's error text
  since: number | null; // ms since epoch of the last state change
  sourceLabel: string; // e.g. "cgroup", "api"
}

export interface HostInfo {
  engine: string; // e.g. "Docker Engine 20.10.24" or "Podman Engine 4.3.1"
  apiVersion: string;
  hostname: string;
  ncpu: number;
  memTotal: number; // bytes
  cgroupVersion: '1' | '2' | null;
  cgroupDriver: string | null;
  local: boolean; // engine runs on this host (unix socket), so the cgroup fast path may work
}

/** A container lifecycle event, keyed on Action and Actor.ID (API ≥ 1.52 has no legacy fields). */
export interface EngineEvent {
  time: number; // ms since epoch
  id: string;
  action: string; // text before ':' (e.g. 'health_status', 'exec_start')
  detail: string | null; // text after ':' (e.g. 'healthy'), trimmed
  name: string | null;
  image: string | null;
  exitCode: number | null; // die
  signal: string | null; // kill
  attributes: Record<string, string>;
}

/** Ring-buffered history of one container's computed numbers (oldest first). */
export interface History {
  timestamps: readonly number[];
  cpuPercent: readonly (number | null)[];
  memUsage: readonly (number | null)[];
  netRxRate: readonly (number | null)[];
  netTxRate: readonly (number | null)[];
  blockReadRate: readonly (number | null)[];
  blockWriteRate: readonly (number | null)[];
}

export interface HistoryLookup {
  get(id: string): History | undefined;
}

/** One immutable view of everything, published once per tick. Views read nothing else. */
export interface Snapshot {
  seq: number;
  timestamp: number;
  host: HostInfo | null;
  interval: number; // ms
  sourceLabel: string; // e.g. "cgroup", "api", "auto (cgroup 9, api 1)"
  rows: readonly ContainerRow[];
  /** History per container id, copied out of the ring buffers on first request for this snapshot. */
  history: HistoryLookup;
  events: readonly EngineEvent[]; // newest last, bounded
  /** Every watched engine's state (one entry per engine); absent for sessions without engines. */
  engines?: readonly EngineStatus[];
  /** Set while playing a replay file: the recorded time of this tick and where the playback is. */
  replay?: ReplayPosition;
}

export interface ReplayPosition {
  recordedTime: number; // ms since epoch, as recorded
  tick: number; // 1-based
  ticks: number;
}

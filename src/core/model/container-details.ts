// The facts about one container that only `docker inspect` knows (limits, policy, health log,
// ports, networks, mounts, environment), as plain data. The mapper is pure and forgiving:
// Podman and old engines omit fields, and a missing field becomes null, never a made-up value.
// Strings are kept as the engine sent them; views sanitize when they draw.

export interface HealthDetails {
  status: string; // 'healthy' | 'unhealthy' | 'starting' | 'none' | …
  failingStreak: number;
  /** The command the engine runs, e.g. ['CMD-SHELL', 'curl -f localhost']. */
  test: string[] | null;
  lastOutput: string | null;
  lastExitCode: number | null;
  lastAt: number | null; // ms, when the last check ended
}

export interface PortBinding {
  containerPort: number;
  protocol: string; // 'tcp' | 'udp' | 'sctp'
  hostIp: string | null; // null when exposed but not published
  hostPort: number | null;
}

export interface NetworkDetails {
  name: string;
  ipAddress: string | null;
  prefixLen: number | null;
  ipv6Address: string | null;
  gateway: string | null;
  macAddress: string | null;
  aliases: string[];
}

export interface MountDetails {
  type: string; // 'bind' | 'volume' | 'tmpfs' | …
  name: string | null; // volume name
  source: string;
  destination: string;
  readOnly: boolean;
}

export interface ContainerDetails {
  id: string;
  name: string; // without the leading '/'
  image: string; // the reference the container was created from, e.g. 'nginx:1.27'
  imageId: string; // 'sha256:…'
  imageDigest: string | null; // manifest digest, when the engine reports it
  command: string[]; // entrypoint/path then args, as the engine runs it
  created: number | null; // ms
  startedAt: number | null;
  finishedAt: number | null;
  state: string;
  exitCode: number | null;
  error: string | null;
  oomKilled: boolean;
  pid: number | null;
  health: HealthDetails | null;
  restartCount: number;
  restartPolicy: { name: string; maxRetries: number };
  cpuLimitCores: number | null;
  cpusetCpus: string | null;
  memoryLimit: number | null; // bytes
  memoryReservation: number | null;
  pidsLimit: number | null;
  ports: PortBinding[];
  networkMode: string;
  networks: NetworkDetails[];
  mounts: MountDetails[];
  labels: Record<string, string>;
  env: { key: string; value: string }[];
}

type Json = Record<string, unknown>;

const obj = (v: unknown): Json => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const positive = (v: unknown): number | null => {
  const n = num(v);
  return n !== null && n > 0 ? n : null;
};
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);

/** Go's zero time ("0001-01-01T00:00:00Z") means "never". */
function time(v: unknown): number | null {
  const s = str(v);
  if (s === null || s.startsWith('0001-')) return null;
  const ms = Date.parse(s);
  return Number.isFinite(ms) ? ms : null;
}

/** Maps the JSON of `GET /containers/{id}/json` (docker inspect) to ContainerDetails. */
export function detailsFromInspect(inspect: unknown): ContainerDetails {
  const j = obj(inspect);
  const state = obj(j.State);
  const config = obj(j.Config);
  const host = obj(j.HostConfig);
  const net = obj(j.NetworkSettings);
  const policy = obj(host.RestartPolicy);
  const image = str(config.Image) ?? str(j.Image) ?? '';
  return {
    id: str(j.Id) ?? '',
    name: (str(j.Name) ?? '').replace(/^\//, ''),
    image,
    imageId: str(j.Image) ?? '',
    imageDigest: str(obj(j.ImageManifestDescriptor).digest) ?? /@(sha256:[0-9a-f]+)$/.exec(image)?.[1] ?? null,
    command: [...(str(j.Path) ? [j.Path as string] : []), ...strings(j.Args)],
    created: time(j.Created),
    startedAt: time(state.StartedAt),
    finishedAt: time(state.FinishedAt),
    state: str(state.Status) ?? 'unknown',
    exitCode: num(state.ExitCode),
    error: str(state.Error),
    oomKilled: state.OOMKilled === true,
    pid: positive(state.Pid),
    health: healthOf(state.Health, config.Healthcheck),
    restartCount: num(j.RestartCount) ?? 0,
    restartPolicy: { name: str(policy.Name) ?? 'no', maxRetries: num(policy.MaximumRetryCount) ?? 0 },
    cpuLimitCores: cpuLimit(host),
    cpusetCpus: str(host.CpusetCpus),
    memoryLimit: positive(host.Memory),
    memoryReservation: positive(host.MemoryReservation),
    pidsLimit: positive(host.PidsLimit), // 0 and -1 both mean unlimited
    ports: portsOf(net.Ports, host.PortBindings, config.ExposedPorts),
    networkMode: str(host.NetworkMode) ?? 'default',
    networks: Object.entries(obj(net.Networks)).map(([name, v]) => networkOf(name, obj(v))),
    mounts: (Array.isArray(j.Mounts) ? j.Mounts : []).map((m) => mountOf(obj(m))),
    labels: Object.fromEntries(Object.entries(obj(config.Labels)).filter((e): e is [string, string] => typeof e[1] === 'string')),
    env: strings(config.Env).map(envOf),
  };
}

function healthOf(health: unknown, check: unknown): HealthDetails | null {
  const h = obj(health);
  const status = str(h.Status);
  if (status === null) return null;
  const log = Array.isArray(h.Log) ? h.Log.map(obj) : [];
  const last = log[log.length - 1];
  const test = strings(obj(check).Test);
  return {
    status,
    failingStreak: num(h.FailingStreak) ?? 0,
    test: test.length > 0 ? test : null,
    lastOutput: last && typeof last.Output === 'string' ? last.Output : null,
    lastExitCode: last ? num(last.ExitCode) : null,
    lastAt: last ? time(last.End) ?? time(last.Start) : null,
  };
}

// --cpus sets NanoCpus; --cpu-quota/--cpu-period (and compose's cpus on old engines) set the pair.
function cpuLimit(host: Json): number | null {
  const nano = positive(host.NanoCpus);
  if (nano !== null) return nano / 1e9;
  const quota = positive(host.CpuQuota);
  if (quota === null) return null;
  return quota / (positive(host.CpuPeriod) ?? 100_000);
}

/** Live bindings from NetworkSettings (real host ports); exposed-only ports as unpublished. */
function portsOf(live: unknown, configured: unknown, exposed: unknown): PortBinding[] {
  const out: PortBinding[] = [];
  const seen = new Set<string>();
  const bindings = Object.keys(obj(live)).length > 0 ? obj(live) : obj(configured);
  for (const [spec, list] of Object.entries(bindings)) {
    const [port, protocol = 'tcp'] = spec.split('/');
    seen.add(spec);
    const entries = Array.isArray(list) ? list.map(obj) : [];
    if (entries.length === 0) out.push({ containerPort: Number(port), protocol, hostIp: null, hostPort: null });
    for (const b of entries)
      out.push({ containerPort: Number(port), protocol, hostIp: str(b.HostIp) ?? '0.0.0.0', hostPort: str(b.HostPort) ? Number(b.HostPort) : null });
  }
  for (const spec of Object.keys(obj(exposed))) {
    if (seen.has(spec)) continue;
    const [port, protocol = 'tcp'] = spec.split('/');
    out.push({ containerPort: Number(port), protocol, hostIp: null, hostPort: null });
  }
  // Published first, then by port, so "8080→80/tcp" lines lead.
  return out.sort((a, b) => Number(a.hostPort === null) - Number(b.hostPort === null) || a.containerPort - b.containerPort || a.protocol.localeCompare(b.protocol));
}

function networkOf(name: string, n: Json): NetworkDetails {
  return {
    name,
    ipAddress: str(n.IPAddress),
    prefixLen: positive(n.IPPrefixLen),
    ipv6Address: str(n.GlobalIPv6Address),
    gateway: str(n.Gateway),
    macAddress: str(n.MacAddress),
    aliases: strings(n.Aliases),
  };
}

function mountOf(m: Json): MountDetails {
  return {
    type: str(m.Type) ?? 'bind',
    name: str(m.Name),
    source: str(m.Source) ?? '',
    destination: str(m.Destination) ?? '',
    readOnly: m.RW === false,
  };
}

function envOf(entry: string): { key: string; value: string } {
  const eq = entry.indexOf('=');
  return eq < 0 ? { key: entry, value: '' } : { key: entry.slice(0, eq), value: entry.slice(eq + 1) };
}

const COMPOSE = 'com.docker.compose.';
// The compose labels people read first; the rest of them follow alphabetically.
const COMPOSE_ORDER = ['project', 'service', 'container-number', 'oneoff', 'project.working_dir', 'project.config_files'].map((k) => COMPOSE + k);

/** Labels in reading order: compose's (the useful ones first), then the rest alphabetically. */
export function orderedLabels(labels: Record<string, string>): [string, string][] {
  const rank = (k: string) => {
    const i = COMPOSE_ORDER.indexOf(k);
    return i >= 0 ? i : k.startsWith(COMPOSE) ? COMPOSE_ORDER.length : COMPOSE_ORDER.length + 1;
  };
  return Object.entries(labels).sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

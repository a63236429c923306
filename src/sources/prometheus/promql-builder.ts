// The PromQL one tick asks: a handful of instant queries that each return every selected container
// (never one query per container). Pure: text in, text out; tested without a server.
//
// Two kinds of series are container rows (the exclusions Kubernetes dashboards use):
//   kubelet  {container!="", container!="POD", image!=""}  — drops the pause sandbox (containerd:
//            container=""; CRI-O: "POD") and the pod/QoS cgroup hierarchy (no image);
//   docker   {container="", pod="", name!="", image!=""}   — standalone cAdvisor and `ctop-ts serve`;
//            drops raw cgroups such as /system.slice/* (no name, no image).
// Every column is `<kubelet expr> or <docker expr>`; their label sets never collide (container
// label set vs empty). Columns are tagged with a `ctop_q` label and OR-ed into a few queries.
import type { SelectorTerm } from '../../core/query/selector.js';

export const COLUMN_LABEL = 'ctop_q';

/** Labels that are Kubernetes' own on kubelet series; every other selector key is a container label. */
export const KUBE_KEYS = new Set(['namespace', 'pod', 'container']);

/** cAdvisor's label-name sanitising: anything but [a-zA-Z0-9_] becomes '_' (lossy: '.', '-', '/' all collapse). */
export function sanitizeLabelName(key: string): string {
  return key.replace(/[^a-zA-Z0-9_]/g, '_');
}

/** The Prometheus label a selector key lives in. */
export function promLabelFor(key: string): string {
  return KUBE_KEYS.has(key) ? key : `container_label_${sanitizeLabelName(key)}`;
}

/** A PromQL double-quoted string literal (Go escapes; JSON's are a subset PromQL accepts). */
export function promString(s: string): string {
  return JSON.stringify(s);
}

/** RE2 metacharacters escaped, for `in`/`notin` value lists. */
export function escapeRegex(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/**
 * A JS regex that means the same in RE2 (Prometheus's engine): no lookaround, named groups,
 * backreferences or JS-only escapes. Anything else is applied locally only.
 */
export function re2Compatible(source: string): boolean {
  return !/\(\?(?!:)|\\[1-9kcuxpP0]|\\[bB]/.test(source);
}

export interface Pushdown {
  /** Matchers for container series of both kinds. */
  common: string[];
  /** Extra matchers only for the docker-style branch (`name` is the container name only there). */
  dockerOnly: string[];
  /** Matchers that also hold for the kubelet's pod-level network series (no `container` label there). */
  podNetwork: string[];
  /** Terms left to the local predicate (free text, regexes RE2 would read differently). */
  localOnly: number;
}

/**
 * Selector terms as label matchers. A matcher may only narrow what comes back; the local predicate
 * still applies every term, so a term pushed down loosely (e.g. `key=` also matching an absent
 * label in PromQL) is corrected locally, and no term is ever pushed down more strictly.
 */
export function pushdown(terms: readonly SelectorTerm[]): Pushdown {
  const out: Pushdown = { common: [], dockerOnly: [], podNetwork: [], localOnly: 0 };
  for (const term of terms) {
    if (term.op === 'text') {
      out.localOnly++;
      continue;
    }
    if (term.op === 'match') {
      if (!re2Compatible(term.pattern.source)) {
        out.localOnly++;
        continue;
      }
      // JS test() searches; PromQL regexes are anchored at both ends: wrap in .*…*, case-insensitive like ours.
      const m = `${term.field}=~${promString(`(?i).*(?:${term.pattern.source}).*`)}`;
      // On kubelet series `name` is a runtime ID, not the name we show (pod/container): docker branch only.
      (term.field === 'name' ? out.dockerOnly : out.common).push(m);
      continue;
    }
    const label = promLabelFor(term.key);
    let m: string;
    switch (term.op) {
      case 'eq':
        m = `${label}=${promString(term.value)}`;
        break;
      case 'neq':
        m = `${label}!=${promString(term.value)}`;
        break;
      case 'exists':
        m = `${label}!=""`;
        break;
      case 'not-exists':
        m = `${label}=""`;
        break;
      case 'in':
        m = `${label}=~${promString(term.values.map(escapeRegex).join('|'))}`;
        break;
      case 'notin':
        m = `${label}!~${promString(term.values.map(escapeRegex).join('|'))}`;
        break;
    }
    out.common.push(m);
    if (term.key !== 'container') out.podNetwork.push(m);
  }
  return out;
}

const KUBE = ['container!=""', 'container!="POD"', 'image!=""'];
const DOCKER = ['container=""', 'pod=""', 'name!=""', 'image!=""'];

export interface BuildOptions {
  pushdown: Pushdown;
  /** Rate window, e.g. "1m": at least 2–4 scrape intervals, or rate() has too few points. */
  window: string;
}

interface Column {
  key: string;
  /** The PromQL for one branch, given its selector `{…}`. */
  expr: (sel: string) => string;
}

/**
 * The labels that tell containers apart. Value columns keep only these (`… by (…)`), so a tick's
 * answer is not every column times every label; the full label set comes once, with `start`.
 */
export const ID_LABELS = 'job, instance, id, engine';

const rate = (metric: string, w: string) => (sel: string) => `sum by (${ID_LABELS}) (rate(${metric}${sel}[${w}]))`;
const counter = (metric: string) => (sel: string) => `sum by (${ID_LABELS}) (${metric}${sel})`;
const gauge = (metric: string, scale = '') => (sel: string) => `${scale}max by (${ID_LABELS}) (${metric}${sel})`;
const withMatcher = (sel: string, m: string) => sel.replace(/\}$/, `, ${m}}`);

/** The columns, grouped into queries (one HTTP request each, run concurrently). */
function columnGroups(w: string): Column[][] {
  return [
    [
      { key: 'start', expr: (s) => `container_start_time_seconds${s}` }, // carries the full label set
      { key: 'cpu', expr: rate('container_cpu_usage_seconds_total', w) }, // sum folds cpu00…cpuNN (cgroup v1 percpu)
      { key: 'mem', expr: gauge('container_memory_working_set_bytes') },
      { key: 'limit', expr: gauge('container_spec_memory_limit_bytes') },
      { key: 'cpulimit', expr: (s) => `${gauge('container_spec_cpu_quota')(s)} / ${gauge('container_spec_cpu_period')(s)}` },
      { key: 'pids', expr: gauge('container_threads') },
      { key: 'pidslimit', expr: gauge('container_threads_max') },
      { key: 'seen', expr: gauge('container_last_seen') },
      { key: 'health', expr: gauge('container_health_state') },
    ],
    [
      { key: 'rx_rate', expr: rate('container_network_receive_bytes_total', w) },
      { key: 'tx_rate', expr: rate('container_network_transmit_bytes_total', w) },
      { key: 'rx', expr: counter('container_network_receive_bytes_total') },
      { key: 'tx', expr: counter('container_network_transmit_bytes_total') },
      { key: 'rd_rate', expr: rate('container_fs_reads_bytes_total', w) },
      { key: 'wr_rate', expr: rate('container_fs_writes_bytes_total', w) },
      { key: 'rd', expr: counter('container_fs_reads_bytes_total') },
      { key: 'wr', expr: counter('container_fs_writes_bytes_total') },
    ],
    [
      { key: 'periods', expr: counter('container_cpu_cfs_periods_total') },
      { key: 'throttled', expr: counter('container_cpu_cfs_throttled_periods_total') },
      { key: 'throttled_s', expr: counter('container_cpu_cfs_throttled_seconds_total') },
      { key: 'oom', expr: counter('container_oom_events_total') },
      // ctop-ts serve's extras (absent on cAdvisor: those columns just come back empty).
      { key: 'psi_cpu', expr: (s) => gauge('ctop_container_pressure_some_avg10_ratio', '100 * ')(withMatcher(s, 'resource="cpu"')) },
      { key: 'psi_mem', expr: (s) => gauge('ctop_container_pressure_some_avg10_ratio', '100 * ')(withMatcher(s, 'resource="memory"')) },
      { key: 'psi_io', expr: (s) => gauge('ctop_container_pressure_some_avg10_ratio', '100 * ')(withMatcher(s, 'resource="io"')) },
      { key: 'ctop_pids', expr: gauge('ctop_container_pids') },
      { key: 'ctop_pids_limit', expr: gauge('ctop_container_pids_limit') },
      { key: 'ctop_oom', expr: counter('ctop_container_oom_kills_total') },
      { key: 'ctop_cpulimit', expr: gauge('ctop_container_cpu_limit_cores') },
      { key: 'state', expr: (s) => `max by (${ID_LABELS}, state) (ctop_container_state${s})` }, // the state is in the `state` label
    ],
  ];
}

/** Kubelet network lives on the pod sandbox only: summed per pod, joined to the pod's containers. */
const POD_NET_COLUMNS: Column[] = [
  { key: 'pod_rx_rate', expr: (s) => `sum by (job, instance, namespace, pod) (rate(container_network_receive_bytes_total${s}[W]))` },
  { key: 'pod_tx_rate', expr: (s) => `sum by (job, instance, namespace, pod) (rate(container_network_transmit_bytes_total${s}[W]))` },
  { key: 'pod_rx', expr: (s) => `sum by (job, instance, namespace, pod) (container_network_receive_bytes_total${s})` },
  { key: 'pod_tx', expr: (s) => `sum by (job, instance, namespace, pod) (container_network_transmit_bytes_total${s})` },
];

const braces = (matchers: string[]) => `{${matchers.join(', ')}}`;
const tag = (expr: string, key: string) => `label_replace(${expr}, "${COLUMN_LABEL}", "${key}", "", "")`;

/** The tick's queries; each result series carries `ctop_q` = its column key. */
export function buildTickQueries(opts: BuildOptions): string[] {
  const { common, dockerOnly, podNetwork } = opts.pushdown;
  const kube = braces([...KUBE, ...common]);
  const docker = braces([...DOCKER, ...common, ...dockerOnly]);
  const queries = columnGroups(opts.window).map((cols) =>
    cols.map((c) => `${tag(c.expr(kube), c.key)} or ${tag(c.expr(docker), c.key)}`).join(' or\n'),
  );
  const podSel = braces(['pod!=""', 'image!=""', ...podNetwork]);
  queries[0] += ` or\n${tag('max by (job, instance) (machine_memory_bytes)', 'machine_mem')} or\n${tag('max by (job, instance) (machine_cpu_cores)', 'machine_cores')} or\n${tag('up', 'up')}`;
  queries[1] += ' or\n' + POD_NET_COLUMNS.map((c) => tag(c.expr(podSel).replace('[W]', `[${opts.window}]`), c.key)).join(' or\n');
  return queries;
}

/**
 * Every selected container's recent CPU % and memory, as two range queries (not one per
 * container), to pre-fill sparklines when the live screen opens.
 */
export function recentQueries(opts: BuildOptions): { cpuPercent: string; memUsage: string } {
  const { common, dockerOnly } = opts.pushdown;
  const kube = braces([...KUBE, ...common]);
  const docker = braces([...DOCKER, ...common, ...dockerOnly]);
  const both = (expr: (sel: string) => string) => `${expr(kube)} or ${expr(docker)}`;
  return {
    cpuPercent: `100 * (${both(rate('container_cpu_usage_seconds_total', opts.window))})`,
    memUsage: both(gauge('container_memory_working_set_bytes')),
  };
}

/** The per-container series the detail chart asks query_range for (CPU %, memory, net and block rates). */
export function historyQueries(labels: Record<string, string>, window: string): Record<string, string> {
  const sel = braces(
    ['job', 'instance', 'id', 'name', 'namespace', 'pod', 'container']
      .filter((k) => labels[k] !== undefined && labels[k] !== '')
      .map((k) => `${k}=${promString(labels[k])}`),
  );
  return {
    cpuPercent: `100 * sum(rate(container_cpu_usage_seconds_total${sel}[${window}]))`,
    memUsage: `max(container_memory_working_set_bytes${sel})`,
    netRxRate: `sum(rate(container_network_receive_bytes_total${sel}[${window}]))`,
    netTxRate: `sum(rate(container_network_transmit_bytes_total${sel}[${window}]))`,
    blockReadRate: `sum(rate(container_fs_reads_bytes_total${sel}[${window}]))`,
    blockWriteRate: `sum(rate(container_fs_writes_bytes_total${sel}[${window}]))`,
  };
}

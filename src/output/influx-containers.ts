// One tick of containers as line protocol under Telegraf's `inputs.docker` names (reference
// export-and-fleet §3.5), so dashboards built on Telegraf's measurements work unchanged.
// Cumulative counters are integers from the raw sample; percentages come from the delta
// calculator (docker's formulas, as Telegraf's are).
import type { HostInfo } from '../core/model/types.js';
import { formatPoint, type Point } from './influx-line.js';
import type { ExportContainer } from './prometheus-containers.js';

/** `registry:5000/app:1.2` → name `registry:5000/app`, version `1.2`; no tag → `unknown` (Telegraf's rule). */
export function splitImage(image: string): { name: string; version: string } {
  const at = image.indexOf('@');
  const ref = at === -1 ? image : image.slice(0, at);
  const colon = ref.lastIndexOf(':');
  if (colon > ref.lastIndexOf('/')) return { name: ref.slice(0, colon), version: ref.slice(colon + 1) };
  return { name: ref, version: 'unknown' };
}

/** "Docker Engine 20.10.24" → "20.10.24". */
function serverVersion(host: HostInfo | null): string {
  const m = host ? /(\d+\.\d+[\w.+~-]*)\s*$/.exec(host.engine) : null;
  return m ? m[1] : '';
}

const int = (v: number | null | undefined) => (v === null || v === undefined ? null : { int: v });

export function containerPoints(containers: readonly ExportContainer[], host: HostInfo | null, timeMs?: number): Point[] {
  const points: Point[] = [];
  const version = serverVersion(host);
  for (const c of containers) {
    const { info, raw, stats } = c;
    const image = splitImage(info.image);
    // Labels first, so the fixed tags win a clash (a label called container_name cannot spoof it).
    const tags: Record<string, string> = {
      ...info.labels,
      engine_host: info.host ?? host?.hostname ?? '',
      server_version: version,
      container_name: info.name,
      container_image: image.name,
      container_version: image.version,
      container_status: info.state,
    };
    const time = timeMs ?? (raw?.timestamp || Date.now());
    const id = info.engineId ?? info.id;
    const add = (measurement: string, extra: Record<string, string>, fields: Point['fields']) =>
      points.push({ measurement, tags: { ...tags, ...extra }, fields: { ...fields, container_id: id }, timeMs: time });
    if (raw) {
      const d = raw.detail;
      // memory.stat keys as Telegraf passes them through: v1's hierarchical total_*, v2's own names.
      const v1 = raw.memTotalInactiveFile !== null;
      add('docker_container_mem', {}, {
        usage: int(raw.memUsage),
        limit: int(stats.memLimit),
        usage_percent: stats.memPercent,
        total_inactive_file: int(raw.memTotalInactiveFile),
        inactive_file: int(raw.memInactiveFile),
        [v1 ? 'total_rss' : 'anon']: int(d?.memRss),
        [v1 ? 'total_cache' : 'file']: int(d?.memCache),
        [v1 ? 'total_mapped_file' : 'file_mapped']: int(d?.memMappedFile),
        ...(v1 ? { total_swap: int(d?.memSwap) } : {}),
      });
      add('docker_container_cpu', { cpu: 'cpu-total' }, {
        usage_total: int(raw.cpuTotalNs),
        usage_in_usermode: int(d?.cpuUserNs),
        usage_in_kernelmode: int(d?.cpuSystemNs),
        usage_system: int(raw.systemCpuNs),
        throttling_periods: int(raw.throttlePeriods),
        throttling_throttled_periods: int(raw.throttledPeriods),
        throttling_throttled_time: int(raw.throttledTimeNs),
        usage_percent: stats.cpuPercent,
      });
      for (const n of d?.networks ?? []) {
        add('docker_container_net', { network: n.name }, {
          rx_bytes: int(n.rxBytes), rx_packets: int(n.rxPackets), rx_errors: int(n.rxErrors), rx_dropped: int(n.rxDropped),
          tx_bytes: int(n.txBytes), tx_packets: int(n.txPackets), tx_errors: int(n.txErrors), tx_dropped: int(n.txDropped),
        });
      }
      add('docker_container_net', { network: 'total' }, { rx_bytes: int(raw.netRxBytes), tx_bytes: int(raw.netTxBytes) });
      for (const b of d?.blkio ?? []) {
        add('docker_container_blkio', { device: `${b.major}:${b.minor}` }, {
          io_service_bytes_recursive_read: int(b.readBytes), io_service_bytes_recursive_write: int(b.writeBytes),
          io_serviced_recursive_read: int(b.reads), io_serviced_recursive_write: int(b.writes),
        });
      }
      add('docker_container_blkio', { device: 'total' }, {
        io_service_bytes_recursive_read: int(raw.blkReadBytes),
        io_service_bytes_recursive_write: int(raw.blkWriteBytes),
      });
    }
    // Telegraf has no PIDs; `pids_current` follows its naming (and the reference's recommendation).
    add('docker_container_status', {}, { restart_count: int(c.restartCount), pids_current: int(raw?.pids), oom_kills: int(raw?.oomKills) });
    if (info.health) add('docker_container_health', {}, { health_status: info.health });
  }
  return points;
}

/** The tick's lines; `container_id`-only points (nothing else known) are kept, since they carry the status tags. */
export function containerLines(containers: readonly ExportContainer[], host: HostInfo | null, timeMs?: number): string {
  let out = '';
  for (const p of containerPoints(containers, host, timeMs)) out += formatPoint(p);
  return out;
}

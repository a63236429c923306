// The finer counters exporters need (cAdvisor's and Telegraf's names): CPU user/system, memory
// rss/cache/mapped_file/swap, each network interface, each block device. Parsed from texts the
// sources read anyway (memory.stat, cpu.stat, io.stat, /proc/<pid>/net/dev, the API record), so
// the only extra read is cgroup v1's cpuacct.stat. Pure functions; the readers call them.
import type { RawSample, SampleDetail } from '../core/model/types.js';
import { keyedNumber, numberAt } from './cgroup/procfs.js';

// cpuacct.stat counts in USER_HZ, which is 100 on every Linux architecture docker runs on.
const USER_HZ_NS = 1e9 / 100;

export function emptyDetail(): SampleDetail {
  return { cpuUserNs: null, cpuSystemNs: null, memRss: null, memCache: null, memMappedFile: null, memSwap: null, networks: null, blkio: null };
}

const detailOf = (out: RawSample): SampleDetail => (out.detail ??= emptyDetail());

/** cgroup v2 cpu.stat: user_usec, system_usec. */
export function cpuDetailV2(out: RawSample, cpuStat: string): void {
  const d = detailOf(out);
  const user = keyedNumber(cpuStat, 'user_usec');
  const system = keyedNumber(cpuStat, 'system_usec');
  d.cpuUserNs = user === null ? null : user * 1000;
  d.cpuSystemNs = system === null ? null : system * 1000;
}

/** cgroup v1 cpuacct.stat: `user N` / `system N` in USER_HZ ticks. */
export function cpuDetailV1(out: RawSample, cpuacctStat: string | null): void {
  const d = detailOf(out);
  const user = cpuacctStat === null ? null : keyedNumber(cpuacctStat, 'user');
  const system = cpuacctStat === null ? null : keyedNumber(cpuacctStat, 'system');
  d.cpuUserNs = user === null ? null : user * USER_HZ_NS;
  d.cpuSystemNs = system === null ? null : system * USER_HZ_NS;
}

/** memory.stat: v2 anon/file/file_mapped; v1 the hierarchical total_* keys (what cAdvisor reads). */
export function memDetail(out: RawSample, memStat: string | null, version: 1 | 2): void {
  const d = detailOf(out);
  if (memStat === null) return;
  const k = (v2: string, v1: string) => keyedNumber(memStat, version === 2 ? v2 : v1);
  d.memRss = k('anon', 'total_rss');
  d.memCache = k('file', 'total_cache');
  d.memMappedFile = k('file_mapped', 'total_mapped_file');
  d.memSwap = version === 1 ? keyedNumber(memStat, 'total_swap') : null;
}

/** io.stat: `MAJ:MIN rbytes=… wbytes=… rios=… wios=… …` per device. */
export function ioDetailV2(out: RawSample, ioStat: string | null): void {
  const d = detailOf(out);
  if (ioStat === null) return;
  d.blkio = [];
  for (const line of ioStat.split('\n')) {
    const m = /^(\d+):(\d+) /.exec(line);
    if (!m) continue;
    const v = (key: string) => {
      const i = line.indexOf(` ${key}=`);
      return i === -1 ? 0 : (numberAt(line, i + key.length + 2) ?? 0);
    };
    d.blkio.push({ major: Number(m[1]), minor: Number(m[2]), readBytes: v('rbytes'), writeBytes: v('wbytes'), reads: v('rios'), writes: v('wios') });
  }
}

// Interfaces cAdvisor leaves out (host-side ends and bridges; lo carries no container traffic).
const SKIPPED_IFACE = /^(lo|veth|docker|nerdctl)/;

/** /proc/<pid>/net/dev, one entry per interface (rx: bytes packets errs drop …; tx from the 9th column). */
export function netDetail(out: RawSample, netDev: string): void {
  const d = detailOf(out);
  d.networks = [];
  for (const line of netDev.split('\n').slice(2)) {
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const name = line.slice(0, colon).trim();
    if (SKIPPED_IFACE.test(name)) continue;
    const f = line.slice(colon + 1).trim().split(/\s+/).map(Number);
    if (f.length < 16) continue;
    d.networks.push({ name, rxBytes: f[0], rxPackets: f[1], rxErrors: f[2], rxDropped: f[3], txBytes: f[8], txPackets: f[9], txErrors: f[10], txDropped: f[11] });
  }
}

type Num = number | null | undefined;
interface ApiDetailRecord {
  cpu_stats?: { cpu_usage?: { usage_in_usermode?: Num; usage_in_kernelmode?: Num } };
  memory_stats?: { stats?: Record<string, number> | null };
  networks?: Record<string, Partial<Record<'rx_bytes' | 'rx_packets' | 'rx_errors' | 'rx_dropped' | 'tx_bytes' | 'tx_packets' | 'tx_errors' | 'tx_dropped', Num>>> | null;
  blkio_stats?: { io_service_bytes_recursive?: { major?: number; minor?: number; op?: string; value?: number }[] | null; io_serviced_recursive?: { major?: number; minor?: number; op?: string; value?: number }[] | null };
}

const n = (v: Num): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The same detail from an Engine API stats record. */
export function apiDetail(record: unknown): SampleDetail {
  const rec = record as ApiDetailRecord;
  const d = emptyDetail();
  d.cpuUserNs = n(rec.cpu_stats?.cpu_usage?.usage_in_usermode);
  d.cpuSystemNs = n(rec.cpu_stats?.cpu_usage?.usage_in_kernelmode);
  const stats = rec.memory_stats?.stats;
  if (stats) {
    const v1 = 'total_rss' in stats;
    d.memRss = n(v1 ? stats.total_rss : stats.anon);
    d.memCache = n(v1 ? stats.total_cache : stats.file);
    d.memMappedFile = n(v1 ? stats.total_mapped_file : stats.file_mapped);
    d.memSwap = v1 ? n(stats.total_swap) : null;
  }
  if (rec.networks) {
    d.networks = Object.entries(rec.networks).map(([name, s]) => ({
      name,
      rxBytes: n(s.rx_bytes) ?? 0, rxPackets: n(s.rx_packets) ?? 0, rxErrors: n(s.rx_errors) ?? 0, rxDropped: n(s.rx_dropped) ?? 0,
      txBytes: n(s.tx_bytes) ?? 0, txPackets: n(s.tx_packets) ?? 0, txErrors: n(s.tx_errors) ?? 0, txDropped: n(s.tx_dropped) ?? 0,
    }));
  }
  const bytes = rec.blkio_stats?.io_service_bytes_recursive;
  if (bytes) {
    const byDev = new Map<string, NonNullable<SampleDetail['blkio']>[number]>();
    const dev = (e: { major?: number; minor?: number }) => {
      const key = `${e.major ?? 0}:${e.minor ?? 0}`;
      let entry = byDev.get(key);
      if (!entry) byDev.set(key, (entry = { major: e.major ?? 0, minor: e.minor ?? 0, readBytes: 0, writeBytes: 0, reads: 0, writes: 0 }));
      return entry;
    };
    for (const e of bytes) {
      const op = e.op?.toLowerCase();
      if (op === 'read') dev(e).readBytes += e.value ?? 0;
      else if (op === 'write') dev(e).writeBytes += e.value ?? 0;
    }
    for (const e of rec.blkio_stats?.io_serviced_recursive ?? []) {
      const op = e.op?.toLowerCase();
      if (op === 'read') dev(e).reads += e.value ?? 0;
      else if (op === 'write') dev(e).writes += e.value ?? 0;
    }
    d.blkio = [...byDev.values()];
  }
  return d;
}

// cgroup v1 counters, read the way containerd's cgroup1 package reads them for docker
// (reference §2.3, §3.4). On hybrid hosts, pressure comes from the unified tree.
import { join } from 'node:path';
import type { RawSample } from '../../core/model/types.js';
import type { V1Dirs } from './cgroup-locate.js';
import { pressureFiles, readPressure, type PressureFiles } from './cgroup-v2-reader.js';
import { keyedNumber, numberAt, type FileSet, type KernelFile } from './procfs.js';
import { cpuDetailV1, memDetail } from '../sample-detail.js';

// containerd reads all eight when blkio.io_serviced_recursive exists; docker shows the first.
const CFQ_FILES = [
  'blkio.io_service_bytes_recursive',
  'blkio.sectors_recursive',
  'blkio.io_serviced_recursive',
  'blkio.io_queued_recursive',
  'blkio.io_service_time_recursive',
  'blkio.io_wait_time_recursive',
  'blkio.io_merged_recursive',
  'blkio.time_recursive',
];

export interface BlkioFiles {
  cfq: KernelFile[]; // CFQ_FILES in order
  throttle: KernelFile;
  shared: SharedFacts;
}

/**
 * What holds for every container on the host, learnt from the first: whether the CFQ files exist.
 * They come with the kernel's CFQ policy, in every cgroup of the blkio hierarchy or in none, so
 * one failed open per host, not per container start.
 */
export interface SharedFacts {
  hasCfq: boolean | null;
}

/** One container's files, opened once per container start and re-read each tick; null where the controller is missing. */
export interface V1Files {
  cpuacctUsage: KernelFile;
  cpuacctStat: KernelFile | null; // user/system split, for the exporters (null: not wanted)
  memUsage: KernelFile;
  memStat: KernelFile;
  memLimit: KernelFile;
  memOomControl: KernelFile;
  cpuStat: KernelFile | null;
  cfsQuota: KernelFile | null;
  cfsPeriod: KernelFile | null;
  blkio: BlkioFiles | null;
  pidsCurrent: KernelFile | null;
  pidsMax: KernelFile | null;
  pressure: PressureFiles | null;
  /** cpu.stat's throttling counters as last read (see readCpuPids). */
  throttle: { periods: number | null; throttled: number | null; timeNs: number | null; quota: boolean } | null;
}

export function v1Files(dirs: V1Dirs, set: FileSet, shared: SharedFacts = { hasCfq: null }, detail = true): V1Files {
  const { cpu, blkio, pids } = dirs;
  const f = (dir: string, name: string) => set.file(join(dir, name));
  return {
    cpuacctUsage: f(dirs.cpuacct, 'cpuacct.usage'),
    cpuacctStat: detail ? f(dirs.cpuacct, 'cpuacct.stat') : null,
    memUsage: f(dirs.memory, 'memory.usage_in_bytes'),
    memStat: f(dirs.memory, 'memory.stat'),
    memLimit: f(dirs.memory, 'memory.limit_in_bytes'),
    memOomControl: f(dirs.memory, 'memory.oom_control'),
    cpuStat: cpu ? f(cpu, 'cpu.stat') : null,
    cfsQuota: cpu ? f(cpu, 'cpu.cfs_quota_us') : null,
    cfsPeriod: cpu ? f(cpu, 'cpu.cfs_period_us') : null,
    blkio: blkio
      ? { cfq: CFQ_FILES.map((name) => f(blkio, name)), throttle: f(blkio, 'blkio.throttle.io_service_bytes'), shared }
      : null,
    pidsCurrent: pids ? f(pids, 'pids.current') : null,
    pidsMax: pids ? f(pids, 'pids.max') : null,
    pressure: dirs.unified ? pressureFiles(dirs.unified, set) : null,
    throttle: null,
  };
}

export interface BlkioTotals {
  read: number;
  write: number;
  entries: number; // device lines, as containerd counts them to choose CFQ or throttle files
}

/**
 * `MAJ:MIN Op value` lines (or `MAJ:MIN value` in sectors/time files); the closing `Total N` line
 * is skipped. docker/cli sums ops starting with r/R as reads and w/W as writes.
 */
export function parseBlkio(text: string): BlkioTotals {
  let read = 0;
  let write = 0;
  let entries = 0;
  let pos = 0;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl === -1 ? text.length : nl;
    const sp = text.indexOf(' ', pos);
    const colon = text.indexOf(':', pos);
    if (sp !== -1 && sp < end && colon !== -1 && colon < sp) {
      entries++;
      const op = text.charCodeAt(sp + 1);
      if (op === 82 || op === 114) read += numberAt(text, text.indexOf(' ', sp + 1)) ?? 0;
      else if (op === 87 || op === 119) write += numberAt(text, text.indexOf(' ', sp + 1)) ?? 0;
    }
    pos = end + 1;
  }
  return { read, write, entries };
}

/** cpuacct.usage: container CPU time in ns. The caller reads /proc/stat right after, with nothing in between. */
export function readV1CpuUsage(files: V1Files, out: RawSample): void {
  out.cpuTotalNs = numberAt(files.cpuacctUsage.readSync(), 0);
}

/**
 * Everything but CPU time, synchronously (see KernelFile). A missing memory.usage_in_bytes means
 * the cgroup is gone and throws; other missing files give docker's 0 for its columns and null for
 * the extras. Limits (memory, CPU quota, pids.max) are read only when `limits` is set (they change
 * only through `docker update`); otherwise those fields stay untouched. So is oomKills without
 * `oom`. `detail`: RawSample.detail for the exporters.
 */
export function readV1Counters(files: V1Files, out: RawSample, hostMemBytes: number | null, limits = true, detail = true, oom = true): void {
  readMemory(files, out, hostMemBytes, limits, detail, oom);
  readCpuPids(files, out, limits);
  const totals = files.blkio && readBlkio(files.blkio);
  out.blkReadBytes = totals && totals.read;
  out.blkWriteBytes = totals && totals.write;
  out.pressure = files.pressure && readPressure(files.pressure);
  // After /proc/stat: keeps the CPU window tight.
  if (detail && files.cpuacctStat) cpuDetailV1(out, files.cpuacctStat.readOptionalSync());
}

function readMemory(files: V1Files, out: RawSample, hostMemBytes: number | null, limits: boolean, detail: boolean, oom: boolean): void {
  out.memUsage = numberAt(files.memUsage.readSync(), 0);
  const stat = files.memStat.readOptionalSync();
  out.memTotalInactiveFile = stat === null ? null : keyedNumber(stat, 'total_inactive_file');
  out.memInactiveFile = stat === null ? null : keyedNumber(stat, 'inactive_file');
  if (detail) memDetail(out, stat, 1);
  if (limits) {
    const text = files.memLimit.readOptionalSync();
    const limit = text === null ? null : numberAt(text, 0);
    // The daemon clamps the limit to host memory (an unlimited v1 cgroup says 9223372036854771712).
    out.memLimit = limit !== null && hostMemBytes !== null ? Math.min(limit, hostMemBytes) : limit;
  }
  if (!oom) return;
  const control = files.memOomControl.readOptionalSync();
  out.oomKills = control === null ? null : keyedNumber(control, 'oom_kill'); // the line arrived in Linux 4.13
}

function readCpuPids(files: V1Files, out: RawSample, limits: boolean): void {
  if (limits) out.cpuLimitCores = readCfsLimit(files);
  // Without a CPU quota the kernel's bandwidth timer is off and cpu.stat (only throttling counters
  // on v1) cannot move: read it with the limits, and every tick only while a quota is set.
  const quota = limits ? out.cpuLimitCores !== null : (files.throttle?.quota ?? true);
  if (!files.throttle || limits || quota) {
    const stat = files.cpuStat && files.cpuStat.readOptionalSync();
    files.throttle = {
      periods: stat ? keyedNumber(stat, 'nr_periods') : null,
      throttled: stat ? keyedNumber(stat, 'nr_throttled') : null,
      timeNs: stat ? keyedNumber(stat, 'throttled_time') : null,
      quota,
    };
  }
  out.throttlePeriods = files.throttle.periods;
  out.throttledPeriods = files.throttle.throttled;
  out.throttledTimeNs = files.throttle.timeNs;
  if (!files.pidsCurrent || !files.pidsMax) {
    out.pids = null;
    return;
  }
  const current = files.pidsCurrent.readOptionalSync();
  out.pids = current === null ? 0 : (numberAt(current, 0) ?? 0);
  if (limits) {
    const max = files.pidsMax.readOptionalSync();
    out.pidsLimit = max === null || max.startsWith('max') ? null : numberAt(max, 0);
  }
}

/** cpu.cfs_quota_us ÷ cpu.cfs_period_us in cores; a quota of -1 means none. */
function readCfsLimit(files: V1Files): number | null {
  const quota = files.cfsQuota && files.cfsQuota.readOptionalSync();
  const q = quota ? numberAt(quota, 0) : null;
  if (q === null || q <= 0 || !files.cfsPeriod) return null;
  const period = files.cfsPeriod.readOptionalSync();
  const p = period ? numberAt(period, 0) : null;
  return p && p > 0 ? q / p : null;
}

/**
 * containerd's algorithm: when blkio.io_serviced_recursive exists, read the CFQ recursive files and
 * use them if any produced an entry (docker then shows io_service_bytes_recursive, possibly empty);
 * otherwise the non-recursive blkio.throttle.io_service_bytes.
 */
function readBlkio(files: BlkioFiles): BlkioTotals {
  const { cfq, throttle, shared } = files;
  shared.hasCfq ??= cfq[2].readOptionalSync() !== null; // blkio.io_serviced_recursive
  if (shared.hasCfq) {
    const bytes = parseBlkio(cfq[0].readOptionalSync() ?? '');
    if (bytes.entries > 0) return bytes;
    for (let i = 1; i < cfq.length; i++) {
      const text = cfq[i].readOptionalSync();
      if (text !== null && parseBlkio(text).entries > 0) return { read: 0, write: 0, entries: 0 };
    }
  }
  const text = throttle.readOptionalSync();
  return text === null ? { read: 0, write: 0, entries: 0 } : parseBlkio(text);
}

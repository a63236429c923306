// cgroup v2 counters (kernel cgroup-v2.rst; containerd cgroup2 as docker uses it). Every file
// lives in one directory. The pressure reader is shared with hybrid v1 hosts, whose unified tree
// carries PSI even though the counters come from the v1 controllers.
import { join } from 'node:path';
import type { Pressure, RawSample } from '../../core/model/types.js';
import { keyedNumber, numberAt, type FileSet, type KernelFile } from './procfs.js';
import { cpuDetailV2, ioDetailV2, memDetail } from '../sample-detail.js';

/** One container's files, opened once per container start and re-read each tick. */
export interface V2Files {
  cpuStat: KernelFile;
  cpuMax: KernelFile;
  memCurrent: KernelFile;
  memStat: KernelFile;
  memMax: KernelFile;
  memEvents: KernelFile;
  ioStat: KernelFile;
  pidsCurrent: KernelFile;
  pidsMax: KernelFile;
  pressure: PressureFiles;
}

export interface PressureFiles {
  cpu: KernelFile;
  memory: KernelFile;
  io: KernelFile;
  /** The last reading and when it was taken (performance.now() ms): see readPressure. */
  last: { at: number; value: Pressure | null } | null;
}

// The kernel recomputes the PSI averages at most every 2 s (PSI_FREQ in kernel/sched/psi.c): a
// read sooner returns the same figures. Three cold reads per container cost more than its memory
// files, so within this time the last reading stands (at 1 Hz: read every other tick).
export const PRESSURE_REREAD_MS = 1500;

export function pressureFiles(dir: string, set: FileSet): PressureFiles {
  return {
    cpu: set.file(join(dir, 'cpu.pressure')),
    memory: set.file(join(dir, 'memory.pressure')),
    io: set.file(join(dir, 'io.pressure')),
    last: null,
  };
}

export function v2Files(dir: string, set: FileSet): V2Files {
  const f = (name: string) => set.file(join(dir, name));
  return {
    cpuStat: f('cpu.stat'),
    cpuMax: f('cpu.max'),
    memCurrent: f('memory.current'),
    memStat: f('memory.stat'),
    memMax: f('memory.max'),
    memEvents: f('memory.events'),
    ioStat: f('io.stat'),
    pidsCurrent: f('pids.current'),
    pidsMax: f('pids.max'),
    pressure: pressureFiles(dir, set),
  };
}

/** `some avg10=N`: the share of wall time, over the last 10 s, some task stalled on the resource. */
export function parsePressureSome(text: string): number | null {
  const key = 'some avg10=';
  const i = text.indexOf(key);
  if (i === -1) return null;
  let end = i + key.length;
  while (end < text.length && text.charCodeAt(end) !== 32 && text.charCodeAt(end) !== 10) end++;
  const v = Number(text.slice(i + key.length, end));
  return Number.isFinite(v) ? v : null;
}

/** Σ rbytes and Σ wbytes over every device line of io.stat; unknown keys are ignored. */
export function parseIoStat(text: string): { read: number; write: number } {
  return { read: sumKey(text, ' rbytes='), write: sumKey(text, ' wbytes=') };
}

function sumKey(text: string, key: string): number {
  let sum = 0;
  for (let i = text.indexOf(key); i !== -1; i = text.indexOf(key, i + key.length)) {
    sum += numberAt(text, i + key.length) ?? 0;
  }
  return sum;
}

/** `max` (unlimited) → null, else the number. */
export function parseMaxOrNumber(text: string): number | null {
  return text.startsWith('max') ? null : numberAt(text, 0);
}

/** cpu.max `$QUOTA $PERIOD` in µs → cores; `max …` (unlimited) → null. */
export function parseCpuMax(text: string): number | null {
  const quota = parseMaxOrNumber(text);
  if (quota === null || quota <= 0) return null;
  const period = numberAt(text, text.indexOf(' ') + 1);
  return period && period > 0 ? quota / period : null;
}

/** Pressure of the three resources, re-read only once the kernel can have new figures (see PRESSURE_REREAD_MS). */
export function readPressure(files: PressureFiles, now = performance.now()): Pressure | null {
  if (files.last && now - files.last.at < PRESSURE_REREAD_MS) return files.last.value;
  const value = readPressureNow(files);
  files.last = { at: now, value };
  return value;
}

function readPressureNow(files: PressureFiles): Pressure | null {
  const cpu = files.cpu.readOptionalSync();
  const memory = files.memory.readOptionalSync();
  const io = files.io.readOptionalSync();
  if (cpu === null && memory === null && io === null) return null;
  return {
    cpu: cpu === null ? null : parsePressureSome(cpu),
    memory: memory === null ? null : parsePressureSome(memory),
    io: io === null ? null : parsePressureSome(io),
  };
}

/**
 * Container CPU time and throttling from cpu.stat (µs → ns, as containerd converts). The caller
 * reads /proc/stat right after, with nothing in between, as the engine does. Errors propagate.
 */
export function readV2CpuUsage(files: V2Files, out: RawSample, detail = true): void {
  const text = files.cpuStat.readSync();
  const usec = keyedNumber(text, 'usage_usec');
  out.cpuTotalNs = usec === null ? null : usec * 1000;
  // The throttling lines exist only when the cpu controller is enabled for this cgroup.
  out.throttlePeriods = keyedNumber(text, 'nr_periods');
  out.throttledPeriods = keyedNumber(text, 'nr_throttled');
  const throttledUsec = keyedNumber(text, 'throttled_usec');
  out.throttledTimeNs = throttledUsec === null ? null : throttledUsec * 1000;
  if (detail) cpuDetailV2(out, text); // user/system for the exporters, from the same text
}

/**
 * Everything but CPU time, synchronously (see KernelFile). A missing memory.current means the
 * cgroup is gone and throws; other missing files mean a controller that is not enabled: docker
 * reports 0 for io and pids, we report null for the extras. Limits (memory.max, cpu.max, pids.max)
 * are read only when `limits` is set, and oomKills (memory.events) only with `oom`; otherwise left untouched.
 */
export function readV2Counters(files: V2Files, out: RawSample, hostMemBytes: number | null, limits = true, detail = true, oom = true): void {
  readMemory(files, out, hostMemBytes, limits, detail, oom);
  readPids(files, out, limits);
  const io = files.ioStat.readOptionalSync();
  const totals = io === null ? { read: 0, write: 0 } : parseIoStat(io);
  if (detail) ioDetailV2(out, io);
  out.blkReadBytes = totals.read;
  out.blkWriteBytes = totals.write;
  out.pressure = readPressure(files.pressure);
}

function readMemory(files: V2Files, out: RawSample, hostMemBytes: number | null, limits: boolean, detail: boolean, oom: boolean): void {
  out.memUsage = numberAt(files.memCurrent.readSync(), 0);
  const stat = files.memStat.readOptionalSync();
  out.memTotalInactiveFile = null; // a v1-only key
  out.memInactiveFile = stat === null ? null : keyedNumber(stat, 'inactive_file');
  if (detail) memDetail(out, stat, 2);
  if (limits) {
    const max = files.memMax.readOptionalSync();
    const limit = max === null ? null : parseMaxOrNumber(max);
    // The daemon reports an unlimited container's limit as host memory, and clamps larger limits.
    out.memLimit = limit === null ? hostMemBytes : hostMemBytes !== null ? Math.min(limit, hostMemBytes) : limit;
  }
  if (!oom) return;
  const events = files.memEvents.readOptionalSync();
  out.oomKills = events === null ? null : keyedNumber(events, 'oom_kill');
}

function readPids(files: V2Files, out: RawSample, limits: boolean): void {
  const current = files.pidsCurrent.readOptionalSync();
  out.pids = current === null ? 0 : (numberAt(current, 0) ?? 0);
  if (!limits) return;
  const max = files.pidsMax.readOptionalSync();
  out.pidsLimit = max === null ? null : parseMaxOrNumber(max);
  const cpuMax = files.cpuMax.readOptionalSync();
  out.cpuLimitCores = cpuMax === null ? null : parseCpuMax(cpuMax);
}

// Kernel pseudo-files (/proc and cgroupfs): cheap async readers (one-shot, and kept open for files
// read every tick), allocation-light number scanners, and the /proc parsers the cgroup fast path
// needs (/proc/stat, /proc/meminfo, /proc/<pid>/net/dev). Parsers are pure so tests drive them directly.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

const BUF_SIZE = 8192;
const pool: Buffer[] = [];
const POOL_MAX = 64;

/** Reads `fh` from offset 0 into a pooled buffer, growing it when a read fills it whole. */
async function readAll(fh: FileHandle, hint: number): Promise<{ text: string; size: number }> {
  let size = hint;
  for (;;) {
    const buf = size === BUF_SIZE ? (pool.pop() ?? Buffer.allocUnsafe(BUF_SIZE)) : Buffer.allocUnsafe(size);
    try {
      // Positional read at 0: seq_file regenerates the content, so an open handle can be re-read.
      // The kernel fills the buffer when it has that much, so a short read is the whole file.
      const { bytesRead } = await fh.read(buf, 0, size, 0);
      if (bytesRead < size) return { text: buf.toString('latin1', 0, bytesRead), size };
    } finally {
      if (size === BUF_SIZE && pool.length < POOL_MAX) pool.push(buf);
    }
    size *= 2; // re-read from 0 rather than continue: a shared handle may have been re-read meanwhile
  }
}

/** Reads a whole pseudo-file once: open, one read, close (no fstat or second read, as readFile does). */
export async function readKernelFile(path: string): Promise<string> {
  const fh = await open(path, 'r');
  try {
    return (await readAll(fh, BUF_SIZE)).text;
  } finally {
    fh.close().catch(() => undefined); // nothing useful to do with a failed close of a read-only fd
  }
}

const GONE = new Set(['ENOENT', 'ESRCH', 'ENODEV']);

/** The file's cgroup or process went away (container stopped, removed or restarted). */
export function isGone(err: unknown): boolean {
  return GONE.has((err as NodeJS.ErrnoException)?.code ?? '');
}

const codeOf = (err: unknown) => (err as NodeJS.ErrnoException)?.code ?? '';
// Absent or unsupported: a controller not enabled, an old kernel, PSI switched off.
const ABSENT = new Set(['ENOENT', 'EOPNOTSUPP', 'ENOTSUP']);

// Kept-open handles across every KernelFile; past this, files are opened per read instead, so a
// host with thousands of containers cannot run us out of descriptors.
const HANDLE_BUDGET = 4096;
let handlesHeld = 0;

/**
 * A cgroup or /proc file kept open and re-read from offset 0 each tick: one syscall per read
 * instead of open + read + close, which halves the cost of the fast path. A removed cgroup's
 * handle reads ENODEV (isGone), so a stale handle is noticed, never silently read.
 */
export class KernelFile {
  private fh: FileHandle | null = null;
  private syncFd: number | null = null; // files read only with readSync keep this one open instead
  private opening: Promise<FileHandle | null> | null = null;
  private absent = false;
  private closed = false;
  private size = BUF_SIZE;

  constructor(readonly path: string) {}

  /** The file's text; a missing file throws (ENOENT: isGone). */
  async read(): Promise<string> {
    const fh = this.fh ?? (await this.open());
    if (!fh) return readKernelFile(this.path); // over the handle budget
    try {
      const r = await readAll(fh, this.size);
      this.size = r.size;
      return r.text;
    } catch (err) {
      this.close();
      throw err;
    }
  }

  /**
   * The same read, synchronously: for the container's CPU counter and /proc/stat, which must be
   * read back to back. An await between them lets a busy event loop or thread pool put tens of ms
   * between the two, skewing CPU % the more the shorter the window. Kernel-generated files never
   * wait on a disk, so this costs microseconds.
   */
  readSync(): string {
    const fd = this.fh?.fd ?? this.openSync();
    if (fd === null) return readFileSync(this.path, 'latin1'); // over the handle budget
    try {
      for (let size = this.size; ; size *= 2) {
        const buf = Buffer.allocUnsafe(size);
        const n = readSync(fd, buf, 0, size, 0);
        if (n < size) {
          this.size = size;
          return buf.toString('latin1', 0, n);
        }
      }
    } catch (err) {
      this.close();
      throw err;
    }
  }

  /** Null when the file does not exist or is unsupported; remembered, so no syscall next time. */
  async readOptional(): Promise<string | null> {
    if (this.absent) return null;
    try {
      return await this.read();
    } catch (err) {
      if (!ABSENT.has(codeOf(err))) throw err;
      this.absent = true;
      return null;
    }
  }

  close(): void {
    this.closed = true;
    if (this.syncFd !== null) {
      handlesHeld--;
      try {
        closeSync(this.syncFd);
      } catch {
        // nothing useful to do with a failed close of a read-only fd
      }
      this.syncFd = null;
    }
    const fh = this.fh;
    this.fh = null;
    if (fh) {
      handlesHeld--;
      fh.close().catch(() => undefined);
    }
  }

  private openSync(): number | null {
    if (this.syncFd === null && !this.closed && handlesHeld < HANDLE_BUDGET) {
      this.syncFd = openSync(this.path, 'r');
      handlesHeld++;
    }
    return this.syncFd;
  }

  private open(): Promise<FileHandle | null> {
    if (this.closed || handlesHeld >= HANDLE_BUDGET) return Promise.resolve(null);
    this.opening ??= open(this.path, 'r')
      .then((fh) => {
        if (this.closed) {
          fh.close().catch(() => undefined);
          return null;
        }
        handlesHeld++;
        this.fh = fh;
        return fh;
      })
      .finally(() => {
        this.opening = null;
      });
    return this.opening;
  }
}

/** The KernelFiles of one container's cgroup, closed together when it stops or restarts. */
export class FileSet {
  private readonly files: KernelFile[] = [];

  file(path: string): KernelFile {
    const f = new KernelFile(path);
    this.files.push(f);
    return f;
  }

  close(): void {
    for (const f of this.files) f.close();
  }
}

const MAX_EXACT = Number.MAX_SAFE_INTEGER;

/**
 * The decimal integer at `i` (leading spaces skipped, optional '-'); null when there is none.
 * Exact below 2^53; above, one correctly rounded conversion, like Go's float64(uint64).
 */
export function numberAt(text: string, i: number): number | null {
  const n = text.length;
  while (i < n && text.charCodeAt(i) === 32) i++;
  const neg = text.charCodeAt(i) === 45;
  if (neg) i++;
  const start = i;
  let v = 0;
  for (; i < n; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    v = v * 10 + d;
  }
  if (i === start) return null;
  if (v > MAX_EXACT) v = Number(text.slice(start, i));
  return neg ? -v : v;
}

/** Value of the `key value` line in flat-keyed files (memory.stat, cpu.stat, memory.events). */
export function keyedNumber(text: string, key: string): number | null {
  let i = text.indexOf(key);
  while (i !== -1) {
    const end = i + key.length;
    // Whole-key match at a line start: `inactive_file` must not match `total_inactive_file`.
    if ((i === 0 || text.charCodeAt(i - 1) === 10) && text.charCodeAt(end) === 32) return numberAt(text, end + 1);
    i = text.indexOf(key, end);
  }
  return null;
}

/** Skips one whitespace-separated token starting at or after `i`; returns the index after it. */
function skipToken(text: string, i: number): number {
  const n = text.length;
  while (i < n && text.charCodeAt(i) === 32) i++;
  while (i < n && text.charCodeAt(i) !== 32 && text.charCodeAt(i) !== 10) i++;
  return i;
}

export interface ProcStat {
  systemCpuNs: number; // docker's system_cpu_usage
  onlineCpus: number; // docker's online_cpus
}

/**
 * docker's readSystemCPUUsage: the first 7 fields of the `cpu ` line (user … softirq; steal and
 * guest excluded) in USER_HZ=100 ticks × 10^7 ns, and the number of `cpuN` lines. Stops at the
 * first line that is not a cpu line.
 */
export function parseProcStat(text: string): ProcStat | null {
  let systemCpuNs: number | null = null;
  let onlineCpus = 0;
  let pos = 0;
  while (pos < text.length && text.startsWith('cpu', pos)) {
    const c = text.charCodeAt(pos + 3);
    if (c === 32) {
      let ticks = 0;
      let i = pos + 3;
      for (let f = 0; f < 7; f++) {
        const v = numberAt(text, i);
        if (v === null) return null; // fewer than 7 fields: docker errors out too
        ticks += v;
        i = skipToken(text, i);
      }
      systemCpuNs = ticks * 10_000_000;
    } else if (c >= 48 && c <= 57) {
      onlineCpus++;
    }
    const nl = text.indexOf('\n', pos);
    if (nl === -1) break;
    pos = nl + 1;
  }
  return systemCpuNs === null ? null : { systemCpuNs, onlineCpus };
}

/** Host memory in bytes from /proc/meminfo `MemTotal: N kB` (the daemon's machineMemory). */
export function parseMemTotal(text: string): number | null {
  const i = text.indexOf('MemTotal:');
  if (i === -1) return null;
  const kb = numberAt(text, i + 'MemTotal:'.length);
  return kb === null ? null : kb * 1024;
}

export interface NetTotals {
  rxBytes: number;
  txBytes: number;
}

/**
 * Σ rx/tx bytes over every interface but `lo` in /proc/<pid>/net/dev (docker counts only the
 * sandbox's interfaces, never loopback). The name ends at the first ':' because big counters
 * abut it; after it come 8 receive fields, then transmit bytes.
 */
export function parseNetDev(text: string): NetTotals {
  let rxBytes = 0;
  let txBytes = 0;
  let pos = text.indexOf('\n', text.indexOf('\n') + 1) + 1; // two header lines
  while (pos > 0 && pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl === -1 ? text.length : nl;
    const colon = text.indexOf(':', pos);
    if (colon !== -1 && colon < end) {
      let s = pos;
      while (text.charCodeAt(s) === 32) s++;
      const isLo = colon - s === 2 && text.startsWith('lo', s);
      if (!isLo) {
        rxBytes += numberAt(text, colon + 1) ?? 0;
        let i = colon + 1;
        for (let f = 0; f < 8; f++) i = skipToken(text, i);
        txBytes += numberAt(text, i) ?? 0;
      }
    }
    pos = end + 1;
  }
  return { rxBytes, txBytes };
}

export async function readMemTotal(root: string): Promise<number | null> {
  return parseMemTotal(await readKernelFile(join(root, 'proc/meminfo')));
}

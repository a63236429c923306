// CPU time of processes from /proc/<pid>/stat (utime + stime, in clock ticks) or, precisely, from
// each thread's /proc/<pid>/task/<tid>/schedstat (ns on CPU); and the engine's processes: the
// dockerd that serves our socket, its containerd, and that containerd's shims.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import path from 'node:path';

let clkTck = null;
/** Clock ticks per second (USER_HZ), from `getconf CLK_TCK`; 100 on every Linux we know of. */
export function clockTicks() {
  if (clkTck === null) {
    try {
      clkTck = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clkTck = 100;
    }
  }
  return clkTck;
}

/** { pid, comm, ppid, ticks (utime+stime), startTime } or null when the process is gone. */
export function readStat(pid) {
  let text;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // comm may contain spaces and parentheses: it ends at the last ')'.
  const close = text.lastIndexOf(')');
  const comm = text.slice(text.indexOf('(') + 1, close);
  const f = text.slice(close + 2).split(' '); // f[0] is field 3 (state)
  return { pid, comm, ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]), startTime: Number(f[19]) };
}

export function cpuSeconds(pid) {
  const s = readStat(pid);
  return s ? s.ticks / clockTicks() : null;
}

/**
 * Nanoseconds on CPU of each thread of `pid` (first field of /proc/<pid>/task/<tid>/schedstat):
 * Map tid → ns, or null when the process is gone or the kernel has no schedstat. Ticks are 10 ms
 * steps, too coarse for a shim that spends a few ms a minute.
 */
export function readTaskNs(pid) {
  let tids;
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return null;
  }
  const ns = new Map();
  for (const tid of tids) {
    try {
      ns.set(tid, Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]));
    } catch {
      /* thread gone, or no schedstat */
    }
  }
  return ns.size > 0 ? ns : null;
}

function readCmdline(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return [];
  }
}

function allPids() {
  return readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
}

function commOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

function argValue(argv, ...names) {
  for (let i = 0; i < argv.length; i++) {
    for (const n of names) {
      if (argv[i] === n && i + 1 < argv.length) return argv[i + 1];
      if (argv[i].startsWith(`${n}=`)) return argv[i].slice(n.length + 1);
    }
  }
  return null;
}

/** The pid of the process listening on a unix socket path (via /proc/net/unix inode → fd). */
function listenerOf(socketPath, candidates) {
  let inode = null;
  try {
    for (const line of readFileSync('/proc/net/unix', 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f[7] === socketPath && f[5] === '01') inode = f[6];
    }
  } catch {
    return null;
  }
  if (!inode) return null;
  for (const pid of candidates) {
    let fds = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`) === `socket:[${inode}]`) return pid;
      } catch {
        /* fd closed meanwhile */
      }
    }
  }
  return null;
}

/**
 * Finds the engine behind `socketPath`. Several engines may run on one host (colleagues' test
 * daemons), so we only count the dockerd listening on our socket, the containerd it manages
 * (or the system one), and the shims that talk to that containerd.
 */
export function findEngine(socketPath) {
  const procs = allPids().map((pid) => ({ pid, comm: commOf(pid) }));
  const dockerds = procs.filter((p) => p.comm === 'dockerd').map((p) => p.pid);
  if (dockerds.length === 0) throw new Error('no dockerd process found (is the engine local?)');
  let dockerd = listenerOf(socketPath, dockerds);
  if (dockerd === null) {
    try {
      const pid = Number(readFileSync('/var/run/docker.pid', 'utf8').trim());
      if (dockerds.includes(pid)) dockerd = pid;
    } catch {
      /* no pidfile */
    }
  }
  if (dockerd === null && dockerds.length === 1) dockerd = dockerds[0];
  if (dockerd === null) throw new Error(`cannot tell which of dockerd ${dockerds.join(', ')} serves ${socketPath}`);

  const containerds = procs.filter((p) => p.comm === 'containerd').map((p) => ({ pid: p.pid, stat: readStat(p.pid) }));
  const managed = containerds.filter((c) => c.stat?.ppid === dockerd);
  let containerd = managed[0]?.pid ?? null;
  let address = null;
  if (containerd !== null) {
    const argv = readCmdline(containerd);
    address = argValue(argv, '--address', '-a');
    const config = argValue(argv, '--config', '-c');
    if (!address && config) address = path.join(path.dirname(config), 'containerd.sock');
  } else {
    // System containerd (docker-ce packages): the one on the default socket.
    const sys = containerds.find((c) => c.stat?.ppid === 1) ?? containerds[0];
    containerd = sys?.pid ?? null;
    address = (containerd !== null && argValue(readCmdline(containerd), '--address', '-a')) || '/run/containerd/containerd.sock';
  }
  return { socketPath, dockerd, containerd, containerdAddress: address };
}

/** Every shim of this engine's containerd: [{ pid, containerId }]. */
export function engineShims(engine) {
  const shims = [];
  for (const pid of allPids()) {
    const comm = commOf(pid);
    if (!comm.startsWith('containerd-shim')) continue;
    const argv = readCmdline(pid);
    const addr = argValue(argv, '-address', '--address');
    if (engine.containerdAddress && addr && addr !== engine.containerdAddress) continue;
    shims.push({ pid, containerId: argValue(argv, '-id', '--id') });
  }
  return shims;
}

/**
 * Per-process CPU for the engine right now: Map pid → { role, containerId, ticks, startTime, tasks }.
 * `precise` also reads every thread's ns (`tasks`), which engineDelta then prefers.
 */
export function snapshotEngine(engine, { precise = false } = {}) {
  const snap = new Map();
  const add = (pid, role, containerId = null) => {
    const s = pid === null ? null : readStat(pid);
    if (s) snap.set(pid, { role, containerId, ticks: s.ticks, startTime: s.startTime, tasks: precise ? readTaskNs(pid) : null });
  };
  add(engine.dockerd, 'dockerd');
  add(engine.containerd, 'containerd');
  for (const s of engineShims(engine)) add(s.pid, 'shim', s.containerId);
  return snap;
}

/**
 * CPU seconds of one process between two snapshot entries (`b` missing: it started in between).
 * Per-thread ns when both have them and no thread vanished (a dead thread's time leaves
 * /proc/<pid>/task with it); else ticks, whose process total keeps dead threads. `precise` says which.
 */
function processSeconds(b, a, hz) {
  const same = b !== undefined && b.startTime === a.startTime;
  if (same && a.tasks && b.tasks) {
    let ns = 0;
    let whole = true;
    for (const [tid, v] of b.tasks) {
      const now = a.tasks.get(tid);
      if (now === undefined || now < v) whole = false; // gone, or its tid reused
      else ns += now - v;
    }
    for (const [tid, v] of a.tasks) if (!b.tasks.has(tid)) ns += v; // new thread: from zero
    if (whole) return { sec: ns / 1e9, precise: true };
  }
  return { sec: (a.ticks - (same ? b.ticks : 0)) / hz, precise: false };
}

/**
 * CPU seconds spent between two snapshots, by role. Shims are split into those of the bench
 * containers (`benchIds`), of the control containers (`controlIds`: same image and command, not
 * watched; see engine-cost.js) and the rest (other people's containers on the same engine). A
 * process that started in between counts from zero; one that ended in between is lost (and counted).
 */
export function engineDelta(before, after, benchIds, controlIds = new Set()) {
  const hz = clockTicks();
  const out = { dockerd: 0, containerd: 0, shimsBench: 0, shimsControl: 0, shimsOther: 0, shimsBenchCount: 0, shimsControlCount: 0, shimsOtherCount: 0, processesGone: 0, tickFallbacks: 0 };
  for (const [pid, a] of after) {
    const { sec, precise } = processSeconds(before.get(pid), a, hz);
    if (a.tasks && !precise) out.tickFallbacks++;
    if (a.role === 'shim') {
      const kind = a.containerId === null ? 'Other' : benchIds.has(a.containerId) ? 'Bench' : controlIds.has(a.containerId) ? 'Control' : 'Other';
      out[`shims${kind}`] += sec;
      out[`shims${kind}Count`]++;
    } else out[a.role] += sec;
  }
  for (const [pid, b] of before) if (!after.has(pid) || after.get(pid).startTime !== b.startTime) out.processesGone++;
  // What the bench counts as "engine": dockerd + containerd + the watched containers' shims.
  out.engine = out.dockerd + out.containerd + out.shimsBench;
  return out;
}

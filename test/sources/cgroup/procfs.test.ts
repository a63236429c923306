// /proc parsers and the number scanners the cgroup readers share. Inputs are copies of real files
// (this host's /proc/stat, net/dev of a busy container) and the edge cases docker's code handles.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  cpuLinesEnd,
  FileSet,
  isGone,
  KernelFile,
  keyedNumber,
  numberAt,
  parseMemTotal,
  parseNetDev,
  parseProcStat,
  readKernelFile,
  readKernelFileSync,
} from '../../../src/sources/cgroup/procfs.js';

describe('numberAt', () => {
  const cases: [string, number, number | null][] = [
    ['42\n', 0, 42],
    ['   7 rest', 0, 7],
    ['-1\n', 0, -1],
    ['max\n', 0, null],
    ['', 0, null],
    ['key 123456789012', 3, 123456789012],
    // Exact up to 2^53 - 1, then one correct rounding (what Go's float64(uint64) gives).
    ['9007199254740991', 0, 9007199254740991],
    ['9223372036854771712', 0, 9223372036854771712],
    ['18446744073709551615', 0, 18446744073709551615],
  ];
  for (const [text, at, want] of cases) {
    it(`${JSON.stringify(text)} at ${at} → ${want}`, () => assert.equal(numberAt(text, at), want));
  }
});

describe('keyedNumber', () => {
  const memStat = 'cache 0\ninactive_file 4096\ntotal_inactive_file 8192\nactive_file 1\n';
  const cases: [string, string, number | null][] = [
    [memStat, 'inactive_file', 4096],
    [memStat, 'total_inactive_file', 8192],
    [memStat, 'cache', 0],
    [memStat, 'active_file', 1], // not fooled by `inactive_file`
    [memStat, 'file', null],
    ['total_inactive_file 8192\n', 'inactive_file', null], // only a whole key at a line start
    ['nr_periods 5\nnr_periods_x 9\n', 'nr_periods', 5],
    ['nr_periods_x 9\nnr_periods 5\n', 'nr_periods', 5],
  ];
  for (const [text, key, want] of cases) {
    it(`${key} in ${JSON.stringify(text.slice(0, 24))}… → ${want}`, () => assert.equal(keyedNumber(text, key), want));
  }
});

describe('parseProcStat', () => {
  const host = [
    'cpu  15795 0 3797 41731 498 0 78 232 0 0',
    'cpu0 11229 0 1593 18326 66 0 7 109 0 0',
    'cpu1 4566 0 2204 23404 431 0 70 122 0 0',
    'intr 291253 0 0 0',
    'ctxt 772702',
    '',
  ].join('\n');
  const cases: [string, string, { systemCpuNs: number; onlineCpus: number } | null][] = [
    // (15795+0+3797+41731+498+0+78) ticks × 10^7 ns; steal (232) and guest are left out.
    ['this host, 2 CPUs', host, { systemCpuNs: 61899 * 10_000_000, onlineCpus: 2 }],
    [
      'steal, guest and guest_nice are excluded',
      'cpu  1 2 3 4 5 6 7 800 900 1000\ncpu0 1 2 3 4 5 6 7 800 900 1000\n',
      { systemCpuNs: 28 * 10_000_000, onlineCpus: 1 },
    ],
    [
      'an old kernel with exactly 7 fields',
      'cpu  10 20 30 40 50 60 70\ncpu0 10 20 30 40 50 60 70\ncpu1 0 0 0 0 0 0 0\ncpu2 0 0 0 0 0 0 0\n',
      { systemCpuNs: 280 * 10_000_000, onlineCpus: 3 },
    ],
    [
      'counting stops at the first non-cpu line',
      'cpu  1 1 1 1 1 1 1 0\ncpu0 1 1 1 1 1 1 1 0\nintr 5\ncpu1 1 1 1 1 1 1 1 0\n',
      { systemCpuNs: 7 * 10_000_000, onlineCpus: 1 },
    ],
    ['offline CPUs are simply absent (cpu0, cpu3)', 'cpu  0 0 0 9 0 0 0\ncpu0 0 0 0 4 0 0 0\ncpu3 0 0 0 5 0 0 0\n', { systemCpuNs: 9e7, onlineCpus: 2 }],
    ['fewer than 7 fields is an error, as in docker', 'cpu  1 2 3 4 5 6\ncpu0 1 2 3 4 5 6\n', null],
    ['no aggregate line', 'intr 1\n', null],
    ['empty', '', null],
  ];
  for (const [name, text, want] of cases) {
    it(name, () => assert.deepEqual(parseProcStat(text), want));
  }

  // The per-tick read decodes only the leading cpu lines; the parse must not see a difference.
  for (const [name, text, want] of cases) {
    it(`${name}: decoded up to cpuLinesEnd`, () => {
      const buf = Buffer.from(text + 'stale bytes past the end\ncpu9 9\n', 'latin1');
      const end = cpuLinesEnd(buf, text.length);
      assert.ok(end <= text.length);
      assert.deepEqual(parseProcStat(buf.toString('latin1', 0, end)), want);
    });
  }

  it('cpuLinesEnd stops after the last cpu line, or at the first line that is not one', () => {
    const end = (text: string) => cpuLinesEnd(Buffer.from(text, 'latin1'), text.length);
    assert.equal(end(host), host.indexOf('intr'));
    assert.equal(end('intr 1\ncpu  1 1 1 1 1 1 1\n'), 0);
    assert.equal(end('cpu  1 2 3 4 5 6 7'), 'cpu  1 2 3 4 5 6 7'.length); // no final newline
    assert.equal(end(''), 0);
  });
});

describe('parseMemTotal', () => {
  const cases: [string, number | null][] = [
    ['MemTotal:       24684096 kB\nMemFree:        23693240 kB\n', 24684096 * 1024],
    ['MemTotal: 1 kB\n', 1024],
    ['MemFree: 5 kB\n', null],
  ];
  for (const [text, want] of cases) {
    it(`${JSON.stringify(text.slice(0, 30))} → ${want}`, () => assert.equal(parseMemTotal(text), want));
  }
});

describe('parseNetDev', () => {
  const header =
    'Inter-|   Receive                                                |  Transmit\n' +
    ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n';
  const cases: [string, string, { rxBytes: number; txBytes: number }][] = [
    ['--network none: only lo', header + '    lo:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0\n', { rxBytes: 0, txBytes: 0 }],
    [
      'lo is excluded, every other interface summed',
      header +
        '    lo:    3193      29    0    0    0     0          0         0     3193      29    0    0    0     0       0          0\n' +
        '  eth0: 218620179    6352    0    0    0     0          0         0   547271    4103    0    0    0     0       0          0\n' +
        '  eth1:    1000      10    0    0    0     0          0         0      500       5    0    0    0     0       0          0\n',
      { rxBytes: 218621179, txBytes: 547771 },
    ],
    [
      'a counter abutting the colon',
      header + '  eth0:123456789012 91234201    0    0    0     0          0         0 9876543210 70331122    0    0    0     0       0          0\n',
      { rxBytes: 123456789012, txBytes: 9876543210 },
    ],
    [
      'names that merely start with lo still count',
      header + 'lo0123:     100       1    0    0    0     0          0         0      200       2    0    0    0     0       0          0\n',
      { rxBytes: 100, txBytes: 200 },
    ],
    ['headers only', header, { rxBytes: 0, txBytes: 0 }],
    ['no trailing newline', header + '  eth0:       5       1    0    0    0     0          0         0        7       1    0    0    0     0       0          0', { rxBytes: 5, txBytes: 7 }],
  ];
  for (const [name, text, want] of cases) {
    it(name, () => assert.deepEqual(parseNetDev(text), want));
  }
});

describe('readKernelFile / KernelFile', () => {
  it('reads small and large files whole', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ctop-procfs-'));
    try {
      const small = join(dir, 'small');
      const big = join(dir, 'big');
      const bigText = 'cpu  1 2 3 4 5 6 7\n' + 'x'.repeat(40_000) + '\n';
      await writeFile(small, '123\n');
      await writeFile(big, bigText);
      assert.equal(await readKernelFile(small), '123\n');
      assert.equal(await readKernelFile(big), bigText);
      // Exactly the pooled buffer's size, then one byte more: the grow path.
      for (const size of [8192, 8193, 16384]) {
        const p = join(dir, `s${size}`);
        await writeFile(p, 'y'.repeat(size));
        assert.equal((await readKernelFile(p)).length, size);
      }
      await assert.rejects(readKernelFile(join(dir, 'absent')), (err) => isGone(err));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('KernelFile: kept open, re-read from offset 0; absence remembered; FileSet closes all', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ctop-procfs-'));
    const set = new FileSet();
    try {
      const p = join(dir, 'memory.max');
      await writeFile(p, 'max\n');
      const f = set.file(p);
      assert.equal(await f.read(), 'max\n');
      await writeFile(p, '536870912\n'); // same inode, new content: what a cgroup file does
      assert.equal(await f.read(), '536870912\n');
      const big = set.file(join(dir, 'big'));
      await writeFile(big.path, 'z'.repeat(20_000));
      assert.equal((await big.read()).length, 20_000);
      assert.equal((await big.read()).length, 20_000); // the learned size is reused
      const missing = set.file(join(dir, 'io.stat'));
      assert.equal(await missing.readOptional(), null);
      await writeFile(missing.path, '8:0 rbytes=1\n');
      assert.equal(await missing.readOptional(), null); // a controller does not appear mid-life
      await assert.rejects(set.file(join(dir, 'absent')).read(), (err) => isGone(err));
      set.close();
      assert.equal(await f.read(), '536870912\n'); // after close: still correct, opened per read
      const real = new KernelFile('/proc/stat');
      const a = parseProcStat(await real.read());
      const b = parseProcStat(await real.read());
      real.close();
      assert.ok(a && b && b.systemCpuNs >= a.systemCpuNs);
    } finally {
      set.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('KernelFile.readSync: kept open, re-read from 0, any size, through one shared buffer', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ctop-procfs-'));
    const set = new FileSet();
    try {
      const small = set.file(join(dir, 'memory.current'));
      const big = set.file(join(dir, 'memory.stat'));
      await writeFile(small.path, '4096\n');
      const bigText = 'anon 1\n' + 'x'.repeat(100_000) + '\n';
      await writeFile(big.path, bigText);
      assert.equal(small.readSync(), '4096\n');
      assert.equal(big.readSync(), bigText); // grows the buffer past every size seen so far
      assert.equal(small.readSync(), '4096\n'); // nothing of the big file's bytes leaks into a short read
      await writeFile(small.path, '536870912\n'); // same inode, new content: what a cgroup file does
      assert.equal(small.readSync(), '536870912\n');
      for (const size of [8191, 8192, 8193, 16384, 16385]) {
        const f = set.file(join(dir, `s${size}`));
        await writeFile(f.path, 'y'.repeat(size));
        assert.equal(f.readSync().length, size);
      }
      const upTo = (_buf: Buffer, n: number) => Math.min(n, 3);
      assert.equal(small.readSync(upTo), '536');
      const missing = set.file(join(dir, 'io.stat'));
      assert.equal(missing.readOptionalSync(), null);
      await writeFile(missing.path, '8:0 rbytes=1\n');
      assert.equal(missing.readOptionalSync(), null); // a controller does not appear mid-life
      assert.throws(() => set.file(join(dir, 'absent')).readSync(), (err) => isGone(err));
      set.close();
      assert.equal(small.readSync(), '536870912\n'); // after close: still correct, opened per read
      const real = new KernelFile('/proc/stat');
      const a = parseProcStat(real.readSync(cpuLinesEnd));
      const b = parseProcStat(real.readSync(cpuLinesEnd));
      real.close();
      assert.ok(a && b && b.systemCpuNs >= a.systemCpuNs && a.onlineCpus === parseProcStat(await readKernelFile('/proc/stat'))?.onlineCpus);
    } finally {
      set.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('readKernelFileSync: open, read whole, close', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ctop-procfs-'));
    try {
      const p = join(dir, 'dev');
      await writeFile(p, 'z'.repeat(70_000));
      assert.equal(readKernelFileSync(p).length, 70_000);
      await writeFile(p, 'h1\nh2\n');
      assert.equal(readKernelFileSync(p), 'h1\nh2\n');
      assert.throws(() => readKernelFileSync(join(dir, 'absent')), (err) => isGone(err));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads a real /proc file', async () => {
    const stat = parseProcStat(await readKernelFile('/proc/stat'));
    assert.ok(stat && stat.onlineCpus >= 1 && stat.systemCpuNs > 0);
  });

  it('isGone: ENOENT, ESRCH, ENODEV only', () => {
    for (const code of ['ENOENT', 'ESRCH', 'ENODEV']) assert.equal(isGone({ code }), true, code);
    for (const code of ['EACCES', 'EPERM', 'EIO', undefined]) assert.equal(isGone({ code }), false, String(code));
    assert.equal(isGone(null), false);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RawSample } from '../../src/core/model/types.js';
import { apiDetail, cpuDetailV1, cpuDetailV2, ioDetailV2, memDetail, netDetail } from '../../src/sources/sample-detail.js';

const out = () => ({}) as RawSample;

describe('sample detail from kernel files', () => {
  it('v2 cpu.stat user/system µs → ns', () => {
    const s = out();
    cpuDetailV2(s, 'usage_usec 300\nuser_usec 200\nsystem_usec 100\nnr_periods 0\n');
    assert.deepEqual([s.detail!.cpuUserNs, s.detail!.cpuSystemNs], [200_000, 100_000]);
  });
  it('v1 cpuacct.stat ticks (USER_HZ 100) → ns; a missing file stays null', () => {
    const s = out();
    cpuDetailV1(s, 'user 68143\nsystem 4212\n');
    assert.deepEqual([s.detail!.cpuUserNs, s.detail!.cpuSystemNs], [681_430_000_000, 42_120_000_000]);
    const none = out();
    cpuDetailV1(none, null);
    assert.equal(none.detail!.cpuUserNs, null);
  });
  it('memory.stat: v1 hierarchical totals, v2 anon/file', () => {
    const v1 = out();
    memDetail(v1, 'cache 1\nrss 2\nmapped_file 3\nswap 4\ntotal_cache 10\ntotal_rss 20\ntotal_mapped_file 30\ntotal_swap 40\n', 1);
    assert.deepEqual([v1.detail!.memCache, v1.detail!.memRss, v1.detail!.memMappedFile, v1.detail!.memSwap], [10, 20, 30, 40]);
    const v2 = out();
    memDetail(v2, 'anon 5\nfile 6\nkernel 7\nfile_mapped 8\n', 2);
    assert.deepEqual([v2.detail!.memRss, v2.detail!.memCache, v2.detail!.memMappedFile, v2.detail!.memSwap], [5, 6, 8, null]);
  });
  it('io.stat per device', () => {
    const s = out();
    ioDetailV2(s, '8:0 rbytes=4096 wbytes=8192 rios=1 wios=2 dbytes=0 dios=0\n253:1 rbytes=10 wbytes=0 rios=3 wios=0\n');
    assert.deepEqual(s.detail!.blkio, [
      { major: 8, minor: 0, readBytes: 4096, writeBytes: 8192, reads: 1, writes: 2 },
      { major: 253, minor: 1, readBytes: 10, writeBytes: 0, reads: 3, writes: 0 },
    ]);
  });
  it('/proc/<pid>/net/dev per interface, lo and veth left out', () => {
    const s = out();
    netDetail(
      s,
      'Inter-|   Receive                                                |  Transmit\n' +
        ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n' +
        '    lo:     100       1    0    0    0     0          0         0      100       1    0    0    0     0       0          0\n' +
        '  eth0: 1843200    1311    2    3    0     0          0         0    93402     800    4    5    0     0       0          0\n' +
        'veth12:       7       7    0    0    0     0          0         0        7       7    0    0    0     0       0          0\n',
    );
    assert.deepEqual(s.detail!.networks, [{ name: 'eth0', rxBytes: 1843200, rxPackets: 1311, rxErrors: 2, rxDropped: 3, txBytes: 93402, txPackets: 800, txErrors: 4, txDropped: 5 }]);
  });
});

describe('sample detail from an Engine API record', () => {
  it('cpu split, memory, networks and blkio per device', () => {
    const d = apiDetail({
      cpu_stats: { cpu_usage: { total_usage: 9, usage_in_usermode: 6, usage_in_kernelmode: 3 } },
      memory_stats: { stats: { anon: 100, file: 50, file_mapped: 5, inactive_file: 20 } },
      networks: { eth0: { rx_bytes: 1, rx_packets: 2, rx_errors: 3, rx_dropped: 4, tx_bytes: 5, tx_packets: 6, tx_errors: 7, tx_dropped: 8 } },
      blkio_stats: {
        io_service_bytes_recursive: [{ major: 8, minor: 0, op: 'read', value: 4096 }, { major: 8, minor: 0, op: 'write', value: 1 }, { major: 8, minor: 0, op: 'Total', value: 4097 }],
        io_serviced_recursive: [{ major: 8, minor: 0, op: 'Read', value: 2 }],
      },
    });
    assert.deepEqual(d, {
      cpuUserNs: 6, cpuSystemNs: 3, memRss: 100, memCache: 50, memMappedFile: 5, memSwap: null,
      networks: [{ name: 'eth0', rxBytes: 1, rxPackets: 2, rxErrors: 3, rxDropped: 4, txBytes: 5, txPackets: 6, txErrors: 7, txDropped: 8 }],
      blkio: [{ major: 8, minor: 0, readBytes: 4096, writeBytes: 1, reads: 2, writes: 0 }],
    });
  });
  it('an empty record gives nulls, not zeros', () => {
    assert.deepEqual(apiDetail({}), { cpuUserNs: null, cpuSystemNs: null, memRss: null, memCache: null, memMappedFile: null, memSwap: null, networks: null, blkio: null });
  });
});

/** @jsxRuntime automatic @jsxImportSource react */
// <DetailView>: exact size at many terminal sizes, graceful degradation, the facts from the
// inspect fixtures, environment hidden until asked, markers, and sanitized user data.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { render } from 'ink-testing-library';
import { detailsFromInspect, type ContainerDetails } from '../../../src/core/model/container-details.js';
import type { ContainerRow, EngineEvent, History } from '../../../src/core/model/types.js';
import { DetailView, type DetailViewProps } from '../../../src/ui/detail/detail-view.js';
import { detailLines, type DetailInput } from '../../../src/ui/detail/detail-lines.js';
import { lineText } from '../../../src/ui/shared/segments.js';
import { THEMES } from '../../../src/ui/shared/theme.js';

process.env.TZ = 'UTC';
const ANSI = /\u001b\[[0-9;]*m/g;
const load = (name: string): ContainerDetails => detailsFromInspect(JSON.parse(readFileSync(new URL(`../../../fixtures/inspect/${name}`, import.meta.url), 'utf8')));
const nginx = load('nginx-ports-two-networks-handwritten.json');
const busybox = load('busybox-limits-health-docker-20.10.json');
const NOW = Date.parse('2026-11-21T12:17:30Z');

function history(n: number): History {
  const timestamps = Array.from({ length: n }, (_, i) => NOW - (n - 1 - i) * 1000);
  return {
    timestamps,
    cpuPercent: timestamps.map((_, i) => (i === n - 30 ? 48 : 3 + (i % 5))),
    memUsage: timestamps.map((_, i) => 20e6 + i * 1e4),
    netRxRate: timestamps.map(() => null),
    netTxRate: timestamps.map(() => null),
    blockReadRate: timestamps.map((_, i) => (i % 20) * 1000),
    blockWriteRate: timestamps.map(() => 0),
  };
}

function row(d: ContainerDetails, name = d.name): ContainerRow {
  return {
    info: { id: d.id, name, image: d.image, labels: d.labels, state: 'running', status: 'Up 1 minute', health: 'healthy', created: 0, networkMode: d.networkMode },
    stats: {
      cpuPercent: 4, cpuLimitPercent: 8, memUsage: 22e6, memLimit: 67108864, memPercent: 32.8, netRxBytes: null, netTxBytes: null, netRxRate: null, netTxRate: null,
      blockReadBytes: 0, blockWriteBytes: 0, blockReadRate: 0, blockWriteRate: 0, pids: 5, pidsLimit: 100, cpuLimitCores: 0.5,
      throttlePeriods: 200, throttledPeriods: 10, throttledTimeNs: 2.5e9, oomKills: 1, pressure: { cpu: 2.5, memory: 0, io: null },
    },
    source: 'cgroup',
    timestamp: NOW,
  };
}

const ev = (id: string, action: string, time: number, extra: Partial<EngineEvent> = {}): EngineEvent => ({
  time, id, action, detail: null, name: 'ctop-ev-inspect', image: 'busybox', exitCode: null, signal: null, attributes: {}, ...extra,
});
const events = [ev(busybox.id, 'oom', NOW - 29_500), ev(busybox.id, 'die', NOW - 29_400, { exitCode: 137 }), ev(busybox.id, 'start', NOW - 28_000), ev('other', 'die', NOW - 1000, { exitCode: 1 })];

function input(over: Partial<DetailInput> = {}): DetailInput {
  return { row: row(busybox), history: history(300), details: busybox, events, width: 80, height: 24, showEnv: false, now: NOW, ...over };
}
const text = (i: DetailInput) => detailLines(i).map(lineText);

function frame(props: Omit<DetailViewProps, 'theme'>): string[] {
  const r = render(<DetailView theme={THEMES.mono} {...props} />);
  const lines = (r.lastFrame() ?? '').replace(ANSI, '').split('\n');
  r.unmount();
  return lines;
}

describe('DetailView size', () => {
  const sizes: [number, number][] = [[240, 70], [160, 45], [120, 30], [120, 12], [100, 40], [80, 24], [64, 20], [63, 20], [50, 16], [40, 10], [80, 3], [80, 2], [80, 1], [12, 5], [1, 1]];
  const variants: [string, Partial<DetailInput>][] = [
    ['full', {}],
    ['nginx with env', { row: row(nginx), details: nginx, showEnv: true }],
    ['no details', { details: null, detailsNote: 'loading…' }],
    ['no history', { history: undefined }],
    ['no events', { events: [] }],
  ];
  for (const [name, over] of variants)
    test(`${name}: exactly width × height at every size`, () => {
      for (const [width, height] of sizes) {
        const lines = text(input({ ...over, width, height }));
        assert.equal(lines.length, height, `${width}×${height}`);
        for (const l of lines) assert.equal(l.length, width, `${width}×${height}: "${l}"`);
      }
    });

  test('no row: a notice, still exactly the size', () => {
    const lines = text(input({ row: undefined, width: 50, height: 4 }));
    assert.deepEqual(lines.map((l) => l.trimEnd()), ['no container selected · esc back to the table', '', '', '']);
  });

  test('Ink frame at 80×24 never exceeds 24 lines or 80 columns', () => {
    const lines = frame(input());
    assert.equal(lines.length, 24);
    for (const l of lines) assert.ok(l.length <= 80);
  });
});

describe('DetailView layout', () => {
  test('80×24: CPU and MEM side by side, no NET/BLK charts, facts and events below', () => {
    const lines = frame(input());
    assert.match(lines[0], /healthy {2}ctop-ev-inspect {2}↻1 OOM {2}9a09d8f174d9/);
    assert.match(lines[1], /^CPU .*╌ limit 50% +MEM .*╌ limit/);
    assert.ok(!lines.some((l) => /^NET |^BLK /.test(l)));
    assert.ok(lines.some((l) => l.startsWith('state     running')));
    assert.ok(lines.some((l) => l.startsWith('Recent events')));
  });

  test('100×40: all four charts', () => {
    const lines = text(input({ width: 100, height: 40 }));
    assert.ok(lines.some((l) => /^NET .* +BLK /.test(l)));
  });

  test('160×45: charts on the left, facts on the right', () => {
    const lines = text(input({ width: 160, height: 45 }));
    assert.match(lines[1], /^CPU .* name +ctop-ev-inspect/);
    assert.ok(lines.some((l) => /^BLK /.test(l)));
  });

  test('markers: the OOM and the restart under the CPU chart', () => {
    const lines = frame(input());
    const markerRow = lines.find((l) => l.includes('!'))!;
    assert.match(markerRow, /!.*!/, 'under CPU and MEM');
  });
});

describe('DetailView facts', () => {
  const all = text(input({ width: 119, height: 80, row: row(nginx), details: nginx }));
  const tall = all.join('\n');

  test('state, health with the last output, restarts and policy', () => {
    assert.match(tall, /health +unhealthy · 4 failing · last exit 1: curl: \(7\) Failed to connect/);
    assert.match(tall, /restarts +2 · policy unless-stopped/);
    assert.match(text(input({ height: 60 })).join('\n'), /restarts +0 · policy on-failure:3/);
  });

  test('limits, throttling, OOM kills, pressure, pids', () => {
    assert.match(tall, /cpu +limit 1.5 cores · cpus 0-1 · throttled 10\/200 periods \(5\.0%\), 2\.50s/);
    assert.match(tall, /memory +limit 512MiB · reservation 256MiB · using 21MiB \(33%\)/);
    assert.match(tall, /oom kills 1 \(cgroup\)/);
    assert.match(tall, /pressure +cpu 2\.5% {2}mem 0% {2}io --/);
    assert.match(tall, /pids +5 \(no limit\)/);
    assert.match(text(input({ height: 60 })).join('\n'), /pids +5 \/ 100/);
  });

  test('no CPU quota: no CFS periods, so no "throttled 0/0 periods (0%)"', () => {
    const r = row(nginx);
    const unlimited = { ...r, stats: { ...r.stats, cpuLimitCores: null, throttlePeriods: 0, throttledPeriods: 0, throttledTimeNs: 0 } };
    const facts = text(input({ width: 119, height: 80, row: unlimited, details: { ...nginx, cpuLimitCores: null, cpusetCpus: '' } })).join('\n');
    assert.match(facts, /cpu +no limit *\n/);
    assert.doesNotMatch(facts, /throttled/);
  });

  test('ports, networks with IPs, mounts, command', () => {
    assert.match(tall, /ports +0\.0\.0\.0:5353 → 53\/udp/);
    assert.match(tall, /\[::\]:8080 → 80\/tcp/);
    assert.match(tall, /443\/tcp \(not published\)/);
    assert.match(tall, /networks +shop_frontend {2}172\.20\.0\.3\/16 {2}fd00:20::3/);
    assert.match(tall, / +shop_backend {2}172\.21\.0\.5\/16/);
    assert.match(tall, /mounts +shop_static → \/usr\/share\/nginx\/html \(volume\)/);
    assert.match(tall, /\/srv\/shop\/nginx\.conf → \/etc\/nginx\/nginx\.conf \(bind, ro\)/);
    assert.match(tall, /command +\/docker-entrypoint\.sh nginx -g 'daemon off;'/);
  });

  test('labels: compose first', () => {
    const labels = all.filter((l) => /^(labels| {9}) +\S+=/.test(l) && !l.includes('→')).map((l) => l.trim().replace(/^labels +/, ''));
    assert.equal(labels[0], 'com.docker.compose.project=shop');
    assert.equal(labels[1], 'com.docker.compose.service=web');
    assert.equal(labels.at(-1), 'maintainer=NGINX Docker Maintainers <docker-maint@nginx.com>');
  });

  test('environment hidden with a hint; shown with showEnv', () => {
    assert.ok(!tall.includes('API_TOKEN'));
    assert.match(tall, /env +5 hidden · press v to reveal environment/);
    const shown = text(input({ width: 119, height: 80, row: row(nginx), details: nginx, showEnv: true })).join('\n');
    assert.match(shown, /env +NGINX_PORT=80/);
    assert.match(shown, /API_TOKEN=s3cr3t=with=equals/);
    assert.ok(!shown.includes('press v'));
  });

  test('the env hint stays on screen at 80×24', () => {
    assert.ok(frame(input()).some((l) => l.includes('press v to reveal environment')));
  });

  test('without details: the row stands in, with the note', () => {
    const lines = text(input({ details: null, detailsNote: 'loading…', height: 60 })).join('\n');
    assert.match(lines, /details +loading…/);
    assert.match(lines, /labels +com\.docker\.compose\.project=shop/);
    assert.match(lines, /cpu +limit 0\.5 cores/);
    assert.ok(!lines.includes('press v'));
  });

  test('user data is sanitized everywhere', () => {
    const evil: ContainerDetails = { ...busybox, name: 'x\u001b]0;owned\u0007y', labels: { 'a\u001b[2J': 'b\nc' }, command: ['sh', '-c', 'echo \u001b[31mred'], env: [{ key: 'K', value: 'v\u0007' }] };
    const lines = text(input({ row: row(evil, 'x\u001b[31my'), details: evil, showEnv: true, width: 120, height: 60 }));
    for (const l of lines) assert.ok(!/[\u0000-\u001f\u007f]/.test(l), JSON.stringify(l));
    // Labels show what they hide, escaped (issue 11: `evil=` must not look empty).
    assert.ok(lines.some((l) => l.includes('a\\e[2J=b\\nc')), lines.join('\n'));
  });
});

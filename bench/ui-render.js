#!/usr/bin/env node
// What the live screen costs: Ink frame render time (onRender's renderTime), tick-to-frame time
// (store publish → frame written), the whole process's CPU at 1 Hz, and key-to-frame latency,
// with N mock containers (sampler + store + UI, as `ctop-ts --mock` runs them). Each N runs in a
// fresh child process so JIT warm-up and heap do not carry over. Needs a build (dist/).
//
// Usage: node bench/ui-render.js [--n 50,200] [--duration 20] [--cols 120] [--rows 40]
// Targets: under 20 ms per frame and under 5 % of one core with 200 containers at 1 Hz.
import { spawn } from 'node:child_process';
import { PassThrough, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};

const pct = (xs, p) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '--');

async function child(n, durationS, cols, rows) {
  process.env.CI = 'false'; // is-in-ci is read when Ink loads: a CI=true bench would draw nothing
  process.env.NODE_ENV ??= 'production'; // as src/ui/run.ts sets it before loading React
  const [{ render }, { createElement }, { App }, { Store }, { Sampler }, { createMockSession }] = await Promise.all([
    import('ink'),
    import('react'),
    import('../dist/ui/app.js'),
    import('../dist/core/history/store.js'),
    import('../dist/sampling/sampler.js'),
    import('../dist/sources/mock/mock-session.js'),
  ]);
  // A terminal that discards output but looks real to Ink (TTY, size).
  let lastWrite = 0;
  let bytes = 0;
  const stdout = Object.assign(
    new Writable({
      write(chunk, _enc, cb) {
        lastWrite = performance.now();
        bytes += chunk.length;
        onWrite?.();
        cb();
      },
    }),
    { isTTY: true, columns: cols, rows },
  );
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => stdin, ref: () => stdin, unref: () => stdin });
  let onWrite = null;
  const renderTimes = [];
  let measuring = false;
  const store = new Store({ historyLength: 600 });
  const session = createMockSession({ seed: 1, count: n });
  const sampler = new Sampler({ session, store, intervalMs: 1000 });
  const tickToFrame = [];
  const cpuPerFrame = []; // CPU time from publish to frame written: robust to a busy machine, unlike wall time
  store.subscribe(() => {
    if (!measuring) return;
    const t = performance.now();
    const c = process.cpuUsage();
    onWrite = () => {
      onWrite = null;
      tickToFrame.push(lastWrite - t);
      const d = process.cpuUsage(c);
      cpuPerFrame.push((d.user + d.system) / 1000);
    };
  });
  const app = render(createElement(App, { store, settings: { all: true, color: true, theme: 'dark', filter: '' } }), {
    stdout,
    stdin,
    patchConsole: false,
    exitOnCtrlC: false,
    maxFps: 20,
    onRender: ({ renderTime }) => measuring && renderTimes.push(renderTime),
  });
  sampler.start();
  await new Promise((r) => setTimeout(r, 3000)); // warm-up: JIT, first deltas, some history
  measuring = true;
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const bytes0 = bytes;
  await new Promise((r) => setTimeout(r, durationS * 1000));
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - wall0;
  const framesBytes = bytes - bytes0;
  measuring = false;

  // Key latency: one 'j' at a time, time until the frame showing it is written.
  const keyLatency = [];
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 120));
    const t = performance.now();
    const written = new Promise((r) => (onWrite = () => ((onWrite = null), r(lastWrite - t))));
    stdin.write('j');
    keyLatency.push(await written);
  }
  sampler.stop();
  app.unmount();
  session.close();
  const cpuMs = (cpu.user + cpu.system) / 1000;
  process.stdout.write(
    JSON.stringify({
      n,
      frames: renderTimes.length,
      renderMean: mean(renderTimes),
      renderP95: pct(renderTimes, 95),
      tickFrameMean: mean(tickToFrame),
      tickFrameP95: pct(tickToFrame, 95),
      cpuFrameMean: mean(cpuPerFrame),
      cpuFrameP95: pct(cpuPerFrame, 95),
      cpuPercent: (cpuMs / wall) * 100,
      cpuSecondsPerMinute: (cpuMs / wall) * 60,
      bytesPerFrame: renderTimes.length ? framesBytes / renderTimes.length : NaN,
      keyMean: mean(keyLatency),
      keyP95: pct(keyLatency, 95),
      rssMiB: process.memoryUsage().rss / 1024 ** 2,
    }) + '\n',
  );
  process.exit(0);
}

/**
 * A reference frame to scale the numbers by: the 40-row, 120-column table of one <Text> per row
 * from shared/reference/ink-and-tui-notes.md §3.3, measured there at 8–10 ms on an idle 2-core
 * machine. When this machine is busy with other work, this number grows by the same factor.
 */
async function calibrate() {
  process.env.CI = 'false';
  process.env.NODE_ENV ??= 'production';
  const [{ render, Text, Box }, { createElement: h }] = await Promise.all([import('ink'), import('react')]);
  const stdout = Object.assign(new Writable({ write: (_c, _e, cb) => cb() }), { isTTY: true, columns: 120, rows: 45 });
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => stdin, ref: () => stdin, unref: () => stdin });
  let k = 0;
  const row = (i) => h(Text, { key: i, wrap: 'truncate' }, Array.from({ length: 8 }, (_, j) => String((i * 31 + j * 7 + k * 13) % 100000).padStart(14)).join(' '));
  const tree = () => h(Box, { flexDirection: 'column' }, ...Array.from({ length: 40 }, (_, i) => row(i)));
  const times = [];
  const app = render(tree(), { stdout, stdin, patchConsole: false, exitOnCtrlC: false, maxFps: 1000, onRender: ({ renderTime }) => times.push(renderTime) });
  for (k = 0; k < 42; k++) {
    app.rerender(tree());
    await new Promise((r) => setTimeout(r, 20));
  }
  app.unmount();
  process.stdout.write(JSON.stringify({ reference: pct(times.slice(2), 50) }) + '\n');
  process.exit(0);
}

function runChild(childArgs) {
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, [fileURLToPath(import.meta.url), ...childArgs], { stdio: ['ignore', 'pipe', 'inherit'] });
    let buf = '';
    c.stdout.on('data', (d) => (buf += d));
    c.on('close', (code) => (code === 0 ? resolve(JSON.parse(buf.trim().split('\n').pop())) : reject(new Error(`${childArgs.join(' ')} exited ${code}`))));
  });
}

async function main() {
  const ns = opt('n', '50,200').split(',').map(Number);
  const duration = Number(opt('duration', '20'));
  const cols = Number(opt('cols', '120'));
  const rows = Number(opt('rows', '40'));
  const results = [];
  for (const n of ns) {
    process.stderr.write(`ui-render: ${n} containers, ${duration} s at 1 Hz, ${cols}×${rows}…\n`);
    results.push(await runChild(['--child', String(n), '--duration', String(duration), '--cols', String(cols), '--rows', String(rows)]));
  }
  const { reference } = await runChild(['--calibrate']);
  const head = ['containers', 'frames', 'Ink render ms (mean/p95)', 'tick→frame ms (mean/p95)', 'tick→frame CPU ms', 'key→frame ms (mean/p95)', 'CPU % of a core', 'CPU s/min', 'KB/frame', 'RSS MiB'];
  const rowsOut = results.map((r) => [
    String(r.n),
    String(r.frames),
    `${f1(r.renderMean)} / ${f1(r.renderP95)}`,
    `${f1(r.tickFrameMean)} / ${f1(r.tickFrameP95)}`,
    `${f1(r.cpuFrameMean)} / ${f1(r.cpuFrameP95)}`,
    `${f1(r.keyMean)} / ${f1(r.keyP95)}`,
    f1(r.cpuPercent),
    f1(r.cpuSecondsPerMinute),
    f1(r.bytesPerFrame / 1024),
    f1(r.rssMiB),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rowsOut.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(line(head));
  for (const r of rowsOut) console.log(line(r));
  console.log(`(${cols}×${rows} terminal, all containers shown, sampling at 1 Hz for ${duration} s after 3 s of warm-up; CPU is the whole process: mock session, sampler, store and UI.`);
  console.log(' Wall times stretch when other processes share the CPU; "tick→frame CPU ms" is the CPU the process spent from publish to frame.)');
  console.log(`Reference frame (notes §3.3: 40 rows × 120 columns, 8–10 ms on an idle 2-core machine): ${f1(reference)} ms here now.`);
}

if (args[0] === '--calibrate') await calibrate();
else if (args[0] === '--child') await child(Number(args[1]), Number(opt('duration', '20')), Number(opt('cols', '120')), Number(opt('rows', '40')));
else await main();

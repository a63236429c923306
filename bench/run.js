#!/usr/bin/env node
// Runs the benches one after the other (they must not overlap: each measures the engine's CPU).
// Usage: node bench/run.js [--quick] [engine-cost|api-sampling|no-stream-latency ...]
//   --quick  short settings for a smoke run (~3 min) instead of the full run (~27 min)
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const FULL = {
  'engine-cost': [],
  'api-sampling': [],
  'no-stream-latency': [],
};
const QUICK = {
  'engine-cost': ['--n', '5,20', '--duration', '10'],
  'api-sampling': ['--n', '5', '--duration', '10'],
  'no-stream-latency': ['--n', '5', '--runs', '3'],
};

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const picked = argv.filter((a) => a !== '--quick');
for (const p of picked) if (!(p in FULL)) {
  console.error(`unknown bench "${p}"; choose from ${Object.keys(FULL).join(', ')}`);
  process.exit(2);
}
const benches = picked.length ? picked : Object.keys(FULL);

let current = null;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    // The child cleans up its containers on the signal; we wait for it, then stop.
    if (current) current.kill(sig);
    else process.exit(130);
    stopping = true;
  });
}
let stopping = false;

let failed = 0;
for (const b of benches) {
  if (stopping) break;
  const args = [path.join(here, `${b}.js`), ...(quick ? QUICK[b] : FULL[b])];
  console.log(`\n=== ${b} ${args.slice(1).join(' ')}`);
  const code = await new Promise((resolve) => {
    current = spawn(process.execPath, args, { stdio: 'inherit' });
    current.on('close', (c) => resolve(c ?? 1));
  });
  current = null;
  if (code !== 0) failed++;
}
process.exit(stopping ? 130 : failed ? 1 : 0);

#!/usr/bin/env node
// Launcher: the compiled CLI lives in dist/ (built by `npm install` via the prepare script).
import { setFlagsFromString } from 'node:v8';

// V8 doubles the young generation under allocation pressure (each frame of the live screen
// allocates a few MB of short-lived strings), up to 16 MB × 3, and keeps it: ~30 MB of RSS for
// nothing. Pinned at its initial size, scavenges stay cheap (what they copy is the little that
// survives) and RSS stays under 100 MB with 200 containers (bench/ui-render.js: no measurable
// CPU change). Read when the heap grows, so setting it here, before any work, takes effect.
setFlagsFromString('--semi-space-growth-factor=1');

// V8's memory reducer for small heaps runs full collections ~8 s after start and again whenever
// allocation slows, to hand memory back from an idle heap. A monitor's heap is small and in steady
// use: each round cost ~25 ms of CPU (a fifteenth of a 40 s watch of 30 containers) to free a few
// hundred KB. Read when the reducer would start, so it is set here, before any work.
setFlagsFromString('--no-memory-reducer-for-small-heaps');

// The CLI bundle (scripts/bundle-ui.mjs) starts with ~15 ms less CPU than the ~75 modules it was
// built from, and runs only while it matches them (src/bundle-check.ts); otherwise (a plain `tsc`
// after an edit, say) the modules run.
const bundled = await import('../dist/bundle-check.js').then((m) => m.cliBundleIsCurrent(), () => false);

import(bundled ? '../dist/cli-bundle.js' : '../dist/cli.js')
  .catch((err) => {
    // A chunk missing fails before any of the bundle runs: the modules are the same code.
    if (bundled && err?.code === 'ERR_MODULE_NOT_FOUND') return import('../dist/cli.js');
    throw err;
  })
  .catch((err) => {
    if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/cli.js')) {
      process.stderr.write('ctop-ts: not built yet: run `npm install` (or `npm run build`) in the ctop-ts folder\n');
      process.exit(1);
    }
    throw err;
  });

#!/usr/bin/env node
// Launcher: the compiled CLI lives in dist/ (built by `npm install` via the prepare script).
import { setFlagsFromString } from 'node:v8';

// V8 doubles the young generation under allocation pressure (each frame of the live screen
// allocates a few MB of short-lived strings), up to 16 MB × 3, and keeps it: ~30 MB of RSS for
// nothing. Pinned at its initial size, scavenges stay cheap (what they copy is the little that
// survives) and RSS stays under 100 MB with 200 containers (bench/ui-render.js: no measurable
// CPU change). Read when the heap grows, so setting it here, before any work, takes effect.
setFlagsFromString('--semi-space-growth-factor=1');

import('../dist/cli.js').catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/cli.js')) {
    process.stderr.write('ctop-ts: not built yet: run `npm install` (or `npm run build`) in the ctop-ts folder\n');
    process.exit(1);
  }
  throw err;
});

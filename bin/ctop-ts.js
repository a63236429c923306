#!/usr/bin/env node
// Launcher: the compiled CLI lives in dist/ (built by `npm install` via the prepare script).
// V8's settings first: some are read only once, when the heap grows or a collector starts.
import './v8-flags.js';

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

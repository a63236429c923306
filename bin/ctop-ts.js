#!/usr/bin/env node
// Launcher: the compiled CLI lives in dist/ (built by `npm install` via the prepare script).
import('../dist/cli.js').catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/cli.js')) {
    process.stderr.write('ctop-ts: not built yet: run `npm install` (or `npm run build`) in the ctop-ts folder\n');
    process.exit(1);
  }
  throw err;
});

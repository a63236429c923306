#!/usr/bin/env node
// Bundles the live screen (dist/ui/app.js with Ink, React and their dependencies) into one file,
// dist/ui-bundle.js, after `tsc`. Why: loading Ink as ~150 separate modules costs 0.35 s on an
// idle 2-core machine and 1–2 s on a busy one (resolution, a file open per module, and Node's
// CommonJS export scan of react-reconciler), most of the time to the first frame; one file loads
// 3–4× faster (bench/first-frame.js). src/ui/load-ui.ts uses the bundle only when it is newer than
// every file it was built from, so a later plain `tsc` never runs a stale screen.
//
// Ink's frame composition gets a fast path for the common frame (scripts/ink-fast-output.js).
//
// Also bounds Ink 6.8's two module-level text caches (measure-text.js, wrap-text.js), which keep
// every string ever measured: a live table with changing numbers grows them by tens of MB an hour.
// They are private to their modules, so the bound is applied here, in the bundled copy.
//
// Our own modules outside dist/ui (core, commands, sources) stay external: one copy of each, so
// classes checked with instanceof (CommandRefused, UserFacingError) stay the same class.
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { NARROW_TEXT_SOURCE } from './narrow-text.js';

const repo = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dist = path.join(repo, 'dist');
const uiDir = path.join(dist, 'ui');
const outfile = path.join(dist, 'ui-bundle.js');
/** Entries per text cache before it is emptied: a screenful of rows many times over. */
const CACHE_LIMIT = 4096;

// Patches to Ink's sources, each checked: a changed Ink fails the build instead of leaking.
const PATCHES = {
  'ink/build/measure-text.js': [
    [
      'const cache = new Map();',
      `const cache = new (class extends Map { set(k, v) { if (this.size >= ${CACHE_LIMIT}) this.clear(); return super.set(k, v); } })();`,
    ],
  ],
  'ink/build/output.js': [
    // The per-frame fast path (scripts/ink-fast-output.js); Ink's grid runs when it returns null.
    ["import sliceAnsi from 'slice-ansi';", `import sliceAnsi from 'slice-ansi';\nimport { fastOutput as ctopFastOutput } from ${JSON.stringify(path.join(repo, 'scripts', 'ink-fast-output.js'))};`],
    ['    get() {\n', '    get() {\n        const fast = ctopFastOutput(this);\n        if (fast) return fast;\n'],
  ],
  // The narrow-text fast path (scripts/narrow-text.js), before string-width's ASCII one.
  'string-width/index.js': [
    [
      '\t// Fast path: printable ASCII',
      `\tif (ambiguousIsNarrow && /${NARROW_TEXT_SOURCE}/.test(string)) {\n\t\treturn string.length;\n\t}\n\n\t// Fast path: printable ASCII`,
    ],
  ],
  'ink/build/wrap-text.js': [
    ['const cache = {};', 'let cache = {};\nlet cacheSize = 0;'],
    ['cache[cacheKey] = wrappedText;', `if (++cacheSize > ${CACHE_LIMIT}) { cache = {}; cacheSize = 1; }\n    cache[cacheKey] = wrappedText;`],
  ],
};

const patchInk = {
  name: 'bound-ink-caches',
  setup(b) {
    b.onLoad({ filter: /[\\/](ink[\\/]build[\\/](measure-text|wrap-text|output)|string-width[\\/]index)\.js$/ }, async (args) => {
      const key = Object.keys(PATCHES).find((k) => args.path.replaceAll('\\', '/').endsWith(`/${k}`));
      // Only the top-level string-width (8.x, Ink's and ours); older copies nested under other packages are left alone.
      if (key === 'string-width/index.js' && !args.path.replaceAll('\\', '/').endsWith('/node_modules/string-width/index.js')) return undefined;
      if (key === 'string-width/index.js' && args.path.replaceAll('\\', '/').split('/node_modules/').length > 2) return undefined;
      const { readFile } = await import('node:fs/promises');
      let text = await readFile(args.path, 'utf8');
      for (const [from, to] of PATCHES[key]) {
        if (!text.includes(from)) throw new Error(`${key}: expected "${from}" (Ink changed: review the cache bound)`);
        text = text.replace(from, to);
      }
      return { contents: text, loader: 'js' };
    });
  },
};

/** Our compiled modules outside dist/ui stay separate files, imported relative to the bundle. */
const keepOwnModulesExternal = {
  name: 'own-modules-external',
  setup(b) {
    b.onResolve({ filter: /^\./ }, (args) => {
      const target = path.resolve(args.resolveDir, args.path);
      if (!target.startsWith(dist + path.sep) || target.startsWith(uiDir + path.sep)) return undefined;
      return { path: `./${path.relative(dist, target).replaceAll('\\', '/')}`, external: true };
    });
    // The devtools client loads only with DEV=true; it is not installed, so stub it.
    b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export default { initialize() {}, connectToDevTools() {} };', loader: 'js' }));
  },
};

const result = await build({
  stdin: {
    contents: "export { render } from 'ink';\nexport { createElement } from 'react';\nexport { App } from './ui/app.js';\n",
    resolveDir: dist,
    sourcefile: 'ui-bundle-entry.js',
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile,
  // React's production build (run.ts defaults NODE_ENV to production too): no development checks.
  define: { 'process.env.NODE_ENV': '"production"' },
  minifySyntax: true,
  minifyWhitespace: true, // names kept, so CPU profiles stay readable
  // Bundled CommonJS (react, react-reconciler) calls require() for Node built-ins.
  banner: { js: "import { createRequire as __ctopCreateRequire } from 'node:module';\nconst require = __ctopCreateRequire(import.meta.url);" },
  plugins: [patchInk, keepOwnModulesExternal],
  metafile: true,
  logLevel: 'warning',
  // An import that resolves to nothing means a half-written tree: fail rather than ship it.
  logOverride: { 'import-is-undefined': 'error' },
});

// The files the bundle was built from (ours only: node_modules change with installs, which
// rebuild), for load-ui.ts's freshness check.
const { fingerprint } = await import(pathToFileURL(path.join(uiDir, 'load-ui.js')).href);
const inputs = Object.fromEntries(
  Object.keys(result.metafile.inputs)
    .map((p) => path.resolve(repo, p))
    .filter((p) => p.startsWith(uiDir + path.sep))
    .map((p) => [path.relative(dist, p).replaceAll('\\', '/'), fingerprint(readFileSync(p))]),
);
writeFileSync(path.join(dist, 'ui-bundle.json'), JSON.stringify({ inputs }, null, 1) + '\n');
const ours = Object.keys(inputs).length;
process.stdout.write(`bundle-ui: ${path.relative(repo, outfile)} from ${ours} of our modules and ${Object.keys(result.metafile.inputs).length - ours} others\n`);

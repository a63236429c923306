#!/usr/bin/env node
// Bundles what `tsc` compiled into dist/, two ways; each runs only while every module it was built
// from is unchanged (src/bundle-check.ts), so a later plain `tsc` never runs stale code.
//
// 1. dist/cli-bundle.js: the CLI with every module it may load, ours and the packages' (dockerode
//    and yaml stay outside: they load through createRequire, which esbuild does not follow), split
//    into chunks (dist/cli-bundle-*.js) that load as the CLI reaches them. bin/ctop-ts.js runs it.
//    Why: ~75 modules (commander's CommonJS among them) cost ~15 ms more start-up CPU than the ~40
//    chunks of a `--json` start. The live screen is chunks of the same build, so there is one copy
//    of each module: classes checked with instanceof (CommandRefused, UserFacingError) stay one
//    class. The chunks sit in dist/ itself, beside cli.js: modules find files from import.meta.url
//    (cli.ts reads ../package.json), which must keep pointing where it did.
// 2. dist/ui-bundle.js: the live screen alone (dist/ui with Ink, React and their dependencies), for
//    a CLI run from the modules (after an edit, the CLI bundle is stale) and for bench/ui-render.js.
//    Our modules outside dist/ui stay external there, imported from dist/: one copy of each again.
//
// Why the live screen is bundled at all: loading Ink as ~150 separate modules costs 0.35 s on an
// idle 2-core machine and 1–2 s on a busy one (resolution, a file open per module, and Node's
// CommonJS export scan of react-reconciler), most of the time to the first frame; bundled, it
// loads 3–4× faster (bench/first-frame.js).
//
// Ink's frame composition gets a fast path for the common frame (scripts/ink-fast-output.js).
//
// Also bounds Ink 6.8's two module-level text caches (measure-text.js, wrap-text.js), which keep
// every string ever measured: a live table with changing numbers grows them by tens of MB an hour.
// They are private to their modules, so the bound is applied here, in the bundled copies.
import { build } from 'esbuild';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { NARROW_TEXT_SOURCE } from './narrow-text.js';

const repo = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dist = path.join(repo, 'dist');
const uiDir = path.join(dist, 'ui');
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

/** The devtools client loads only with DEV=true; it is not installed, so stub it. */
const stubDevtools = {
  name: 'stub-devtools',
  setup(b) {
    b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export default { initialize() {}, connectToDevTools() {} };', loader: 'js' }));
  },
};

/** For the live screen alone: our compiled modules outside dist/ui stay separate files, imported relative to the bundle. */
const keepOwnModulesExternal = {
  name: 'own-modules-external',
  setup(b) {
    b.onResolve({ filter: /^\./ }, (args) => {
      const target = path.resolve(args.resolveDir, args.path);
      if (!target.startsWith(dist + path.sep) || target.startsWith(uiDir + path.sep)) return undefined;
      return { path: `./${path.relative(dist, target).replaceAll('\\', '/')}`, external: true };
    });
  },
};

const common = {
  absWorkingDir: repo, // metafile paths are relative to it
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // React's production build (load-ui.ts defaults NODE_ENV to production too): no development checks.
  define: { 'process.env.NODE_ENV': '"production"' },
  minifySyntax: true,
  minifyWhitespace: true, // names kept, so CPU profiles stay readable
  // Bundled CommonJS (react, react-reconciler, commander) calls require() for Node built-ins.
  banner: { js: "import { createRequire as __ctopCreateRequire } from 'node:module';\nconst require = __ctopCreateRequire(import.meta.url);" },
  metafile: true,
  logLevel: 'warning',
  // An import that resolves to nothing means a half-written tree: fail rather than ship it.
  logOverride: { 'import-is-undefined': 'error' },
};

/**
 * `{ inputs }` for src/bundle-check.ts: the compiled modules under `root` a build read (ours only:
 * node_modules change with installs, which rebuild).
 */
const { fingerprint } = await import(pathToFileURL(path.join(dist, 'bundle-check.js')).href);
function manifest(metafile, root, extra = {}) {
  const inputs = Object.fromEntries(
    Object.keys(metafile.inputs)
      .map((p) => path.resolve(repo, p))
      .filter((p) => p.startsWith(root + path.sep))
      .map((p) => [path.relative(dist, p).replaceAll('\\', '/'), fingerprint(readFileSync(p))]),
  );
  return JSON.stringify({ inputs, ...extra }, null, 1) + '\n';
}

// 1. The CLI, split. Chunks of the build before stay (a running ctop-ts may still load one); older ones go.
const CLI_PREFIX = 'cli-bundle';
const cliManifest = path.join(dist, `${CLI_PREFIX}.json`);
let previous = [];
try {
  previous = JSON.parse(readFileSync(cliManifest, 'utf8')).outputs ?? [];
} catch {
  // first build
}
const cli = await build({
  ...common,
  entryPoints: { [CLI_PREFIX]: path.join(dist, 'cli.js') },
  outdir: dist,
  splitting: true,
  chunkNames: `${CLI_PREFIX}-[name]-[hash]`,
  // load-ui.ts takes the live screen from this build's own chunks (never dist/ui-bundle.js).
  define: { ...common.define, CTOP_CLI_BUNDLE: 'true' },
  // load-ui.ts's run-time NODE_ENV default stays for the modules; React here is production already.
  logOverride: { ...common.logOverride, 'assign-to-define': 'silent' },
  plugins: [patchInk, stubDevtools],
});
const outputs = Object.keys(cli.metafile.outputs).map((p) => path.relative(dist, path.resolve(repo, p)));
for (const f of readdirSync(dist)) {
  if (f.startsWith(`${CLI_PREFIX}-`) && f.endsWith('.js') && !outputs.includes(f) && !previous.includes(f)) rmSync(path.join(dist, f));
}
writeFileSync(cliManifest, manifest(cli.metafile, dist, { outputs }));

// 2. The live screen alone, for the CLI run from the modules.
const ui = await build({
  ...common,
  entryPoints: [path.join(uiDir, 'ui-entry.js')],
  outfile: path.join(dist, 'ui-bundle.js'),
  plugins: [patchInk, stubDevtools, keepOwnModulesExternal],
});
writeFileSync(path.join(dist, 'ui-bundle.json'), manifest(ui.metafile, uiDir));

const count = (m, root) => {
  const ours = Object.keys(m.inputs).filter((p) => path.resolve(repo, p).startsWith(root + path.sep)).length;
  return `${ours} of our modules and ${Object.keys(m.inputs).length - ours} others`;
};
process.stdout.write(`bundle-ui: dist/${CLI_PREFIX}.js (${outputs.length} files) from ${count(cli.metafile, dist)}; dist/ui-bundle.js from ${count(ui.metafile, uiDir)}\n`);

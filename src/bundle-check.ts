// Whether a bundle built by scripts/bundle-ui.mjs may run instead of the compiled modules: it
// exists and each module it was built from is older than it or still has the bytes it was built
// from. A plain `tsc` rewrites every file (new mtimes, mostly the same bytes), so the bytes decide
// after one; an edit makes the bundle stale and the modules run, never stale code.
// Imports nothing of ours: bin/ctop-ts.js loads it alone, to choose between the CLI bundle and dist/cli.js.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The CLI with every module it can load (the live screen too), split into chunks beside it. */
export const CLI_BUNDLE = new URL('./cli-bundle.js', import.meta.url);
export const CLI_MANIFEST = new URL('./cli-bundle.json', import.meta.url);

/** FNV-1a over a file's bytes: the manifest's fingerprint of each input. */
export function fingerprint(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return `${bytes.length}:${(h >>> 0).toString(16)}`;
}

/**
 * `manifest` ({ inputs: { path relative to the manifest's folder: fingerprint } }) describes
 * `bundle`. A stat per input (~1 ms for the CLI's ~200); reads only after a rebuild.
 * CTOP_UI_BUNDLE=0 turns every bundle off (the modules run, e.g. for readable stack traces).
 */
export function isCurrent(bundle: URL, manifest: URL): boolean {
  if (process.env.CTOP_UI_BUNDLE === '0') return false;
  try {
    const built = statSync(fileURLToPath(bundle)).mtimeMs;
    const { inputs } = JSON.parse(readFileSync(fileURLToPath(manifest), 'utf8')) as { inputs: Record<string, string> };
    const dir = fileURLToPath(new URL('./', manifest)); // joined by hand: a URL per input costs more than its stat
    for (const [rel, print] of Object.entries(inputs)) {
      const file = dir + rel;
      if (statSync(file).mtimeMs > built && fingerprint(readFileSync(file)) !== print) return false;
    }
    return true;
  } catch {
    return false; // no bundle (tsc-only build, or running from src/), an input removed, an old manifest
  }
}

export const cliBundleIsCurrent = (): boolean => isCurrent(CLI_BUNDLE, CLI_MANIFEST);

// Loads React, Ink and the app for the live screen: from dist/ui-bundle.js (scripts/bundle-ui.mjs)
// when it is current, which loads 3–4× faster than ~600 separate modules and carries Ink with its
// text caches bounded; otherwise, from the modules themselves (a plain `tsc` build, tests under tsx).
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { render as InkRender } from 'ink';
import type { createElement as ReactCreateElement } from 'react';
import type { App as AppComponent } from './app.js';

export interface UiModules {
  render: typeof InkRender;
  createElement: typeof ReactCreateElement;
  App: typeof AppComponent;
  /** 'bundle' or 'modules': which path loaded (for benchmarks and --verbose). */
  via: 'bundle' | 'modules';
}

const BUNDLE = new URL('../ui-bundle.js', import.meta.url);
const MANIFEST = new URL('../ui-bundle.json', import.meta.url);

/**
 * FNV-1a over a file's bytes: the manifest's fingerprint of each input. A plain `tsc` rewrites
 * every file (new mtimes, often the same bytes); the fingerprint tells a real change apart.
 */
export function fingerprint(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return `${bytes.length}:${(h >>> 0).toString(16)}`;
}

/**
 * The bundle exists and was built from the modules as they are now: each input is older than the
 * bundle or has the bytes it was built from (a few dozen stats; reads only after a rebuild, ~2 ms).
 */
export function bundleIsCurrent(): boolean {
  if (process.env.CTOP_UI_BUNDLE === '0') return false;
  try {
    const built = statSync(fileURLToPath(BUNDLE)).mtimeMs;
    const { inputs } = JSON.parse(readFileSync(fileURLToPath(MANIFEST), 'utf8')) as { inputs: Record<string, string> };
    const dist = new URL('../', import.meta.url);
    return Object.entries(inputs).every(([rel, print]) => {
      const file = fileURLToPath(new URL(rel, dist));
      return statSync(file).mtimeMs <= built || fingerprint(readFileSync(file)) === print;
    });
  } catch {
    return false; // no bundle (tsc-only build, or running from src/), an input removed, an old manifest
  }
}

/**
 * React picks its development or production build when first loaded, from NODE_ENV; the
 * development build re-validates every element and costs several times the CPU per frame.
 * So NODE_ENV defaults to production before anything loads (a user's own value wins; the
 * bundle is always the production build).
 */
export async function loadUi(): Promise<UiModules> {
  process.env.NODE_ENV ??= 'production';
  if (bundleIsCurrent()) {
    try {
      const m = (await import(BUNDLE.href)) as Omit<UiModules, 'via'>;
      return { render: m.render, createElement: m.createElement, App: m.App, via: 'bundle' };
    } catch {
      // A broken bundle must not stop the screen: the modules below are the same code.
    }
  }
  const [{ render }, { createElement }, { App }] = await Promise.all([import('ink'), import('react'), import('./app.js')]);
  return { render, createElement, App, via: 'modules' };
}

// Loads React, Ink and the app for the live screen, the fastest way that runs current code
// (scripts/bundle-ui.mjs builds both bundles):
// - inside the CLI bundle (bin/ctop-ts.js runs it when current): chunks of that bundle;
// - from the compiled modules: dist/ui-bundle.js when current, which loads 3–4× faster than ~600
//   separate modules and carries Ink with its text caches bounded; otherwise the modules
//   themselves (a plain `tsc` after an edit, tests under tsx).
import type { render as InkRender } from 'ink';
import type { createElement as ReactCreateElement } from 'react';
import { cliBundleIsCurrent, isCurrent } from '../bundle-check.js';
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

/** Defined (true) by scripts/bundle-ui.mjs inside the CLI bundle; undefined in the compiled modules. */
declare const CTOP_CLI_BUNDLE: true | undefined;

/** Both bundles are current: what `npm run build` leaves and users run (bench/lib/harness.js rebuilds otherwise). */
export function bundleIsCurrent(): boolean {
  return isCurrent(BUNDLE, MANIFEST) && cliBundleIsCurrent();
}

/**
 * React picks its development or production build when first loaded, from NODE_ENV; the
 * development build re-validates every element and costs several times the CPU per frame.
 * So NODE_ENV defaults to production before anything loads (a user's own value wins; the
 * bundle is always the production build).
 */
export async function loadUi(): Promise<UiModules> {
  process.env.NODE_ENV ??= 'production';
  // Never from inside the CLI bundle (the build drops this branch): dist/ui-bundle.js would load
  // second copies of our modules outside dist/ui, and classes checked with instanceof must stay one.
  if (typeof CTOP_CLI_BUNDLE === 'undefined' && isCurrent(BUNDLE, MANIFEST)) {
    try {
      const m = (await import(BUNDLE.href)) as Omit<UiModules, 'via'>;
      return { render: m.render, createElement: m.createElement, App: m.App, via: 'bundle' };
    } catch {
      // A broken bundle must not stop the screen: the modules below are the same code.
    }
  }
  const { render, createElement, App } = await import('./ui-entry.js');
  return { render, createElement, App, via: typeof CTOP_CLI_BUNDLE === 'undefined' ? 'modules' : 'bundle' };
}

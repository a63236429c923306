// The live screen's three entry points in one module: what load-ui.ts imports, and the entry of
// dist/ui-bundle.js (scripts/bundle-ui.mjs). Re-exported statically so that a bundle sees React's
// named export through its CommonJS (a bundled `import('react')` has only a default).
export { render } from 'ink';
export { createElement } from 'react';
export { App } from './app.js';

// load-ui: run from src/ (no bundle beside it), the live screen loads from the modules.
// (The bundles' freshness check is test/bundle-check.test.ts.)
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bundleIsCurrent, loadUi } from '../../src/ui/load-ui.js';

describe('load-ui', () => {
  it('without a bundle next to it (running from src/), loads the modules', async () => {
    assert.equal(bundleIsCurrent(), false);
    const ui = await loadUi();
    assert.equal(ui.via, 'modules');
    assert.equal(typeof ui.render, 'function');
    assert.equal(typeof ui.App, 'function');
  });
});

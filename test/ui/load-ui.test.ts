// load-ui: the bundle's inputs are fingerprinted by content, so a rebuild that writes the same
// bytes keeps the bundle, and any change to a module (or no bundle at all) means the modules load.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fingerprint, loadUi } from '../../src/ui/load-ui.js';

describe('load-ui', () => {
  it('fingerprints by length and content', () => {
    const a = fingerprint(Buffer.from('export const a = 1;\n'));
    assert.equal(fingerprint(Buffer.from('export const a = 1;\n')), a);
    assert.notEqual(fingerprint(Buffer.from('export const a = 2;\n')), a);
    assert.notEqual(fingerprint(Buffer.from('export const a = 1;\n\n')), a);
    assert.match(a, /^20:[0-9a-f]+$/);
  });

  it('without a bundle next to it (running from src/), loads the modules', async () => {
    const ui = await loadUi();
    assert.equal(ui.via, 'modules');
    assert.equal(typeof ui.render, 'function');
    assert.equal(typeof ui.App, 'function');
  });
});

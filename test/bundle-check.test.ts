// bundle-check: a bundle runs only while every module it was built from has the bytes it had;
// a rebuild that writes the same bytes keeps it, an edit or a missing file does not.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cliBundleIsCurrent, fingerprint, isCurrent } from '../src/bundle-check.js';

describe('bundle-check', () => {
  it('fingerprints by length and content', () => {
    const a = fingerprint(Buffer.from('export const a = 1;\n'));
    assert.equal(fingerprint(Buffer.from('export const a = 1;\n')), a);
    assert.notEqual(fingerprint(Buffer.from('export const a = 2;\n')), a);
    assert.notEqual(fingerprint(Buffer.from('export const a = 1;\n\n')), a);
    assert.match(a, /^20:[0-9a-f]+$/);
  });

  describe('isCurrent', () => {
    let dir = '';
    const url = (f: string) => pathToFileURL(join(dir, f));
    const at = (f: string, seconds: number) => utimesSync(join(dir, f), seconds, seconds);
    const current = () => isCurrent(url('bundle.js'), url('bundle.json'));

    after(() => rmSync(dir, { recursive: true, force: true }));

    /** A fresh folder with the inputs (t = 1000 s), the bundle (t = 2000 s) and its manifest. */
    function build(files: Record<string, string>): void {
      if (dir) rmSync(dir, { recursive: true, force: true });
      dir = mkdtempSync(join(tmpdir(), 'ctop-bundle-check-'));
      const inputs: Record<string, string> = {};
      for (const [f, text] of Object.entries(files)) {
        writeFileSync(join(dir, f), text);
        at(f, 1_000);
        inputs[f] = fingerprint(Buffer.from(text));
      }
      writeFileSync(join(dir, 'bundle.js'), '');
      at('bundle.js', 2_000);
      writeFileSync(join(dir, 'bundle.json'), JSON.stringify({ inputs }));
    }

    it('holds while the inputs are older than the bundle', () => {
      build({ 'a.js': 'a', 'b.js': 'b' });
      assert.equal(current(), true);
    });

    it('holds when a rebuild wrote the same bytes (newer files)', () => {
      build({ 'a.js': 'a', 'b.js': 'b' });
      writeFileSync(join(dir, 'b.js'), 'b');
      at('b.js', 3_000);
      assert.equal(current(), true);
    });

    it('fails after an edit, a removed input, or without the bundle or its manifest', () => {
      build({ 'a.js': 'a', 'b.js': 'b' });
      writeFileSync(join(dir, 'b.js'), 'B');
      at('b.js', 3_000);
      assert.equal(current(), false);
      build({ 'a.js': 'a', 'b.js': 'b' });
      rmSync(join(dir, 'a.js'));
      assert.equal(current(), false);
      build({ 'a.js': 'a' });
      rmSync(join(dir, 'bundle.js'));
      assert.equal(current(), false);
      build({ 'a.js': 'a' });
      writeFileSync(join(dir, 'bundle.json'), '{');
      assert.equal(current(), false);
    });

    it('CTOP_UI_BUNDLE=0 turns it off', () => {
      build({ 'a.js': 'a' });
      process.env.CTOP_UI_BUNDLE = '0';
      try {
        assert.equal(current(), false);
      } finally {
        delete process.env.CTOP_UI_BUNDLE;
      }
      assert.equal(current(), true);
    });
  });

  it('run from src/ (tests), there is no CLI bundle', () => {
    assert.equal(cliBundleIsCurrent(), false);
  });
});

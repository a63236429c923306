import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveViewSettings } from '../../src/config/config-save.js';
import { parseConfig } from '../../src/config/config-file.js';

describe('saving the view to the config file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ctop-config-save-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the file (and its folder) with settings the loader reads back', () => {
    const path = join(dir, 'new', 'ctop-ts', 'config.yaml');
    saveViewSettings(path, { columns: ['name', 'cpu'], sort: 'mem', reverse: true, groupBy: 'compose' });
    assert.deepEqual(parseConfig(readFileSync(path, 'utf8'), path), { columns: ['name', 'cpu'], sort: { field: 'mem', reverse: true }, groupBy: 'compose' });
  });

  it('keeps comments, engines and other settings; no grouping removes the key', () => {
    const path = join(dir, 'config.yaml');
    writeFileSync(path, '# my engines\nengines:\n  prod: { context: prod } # the big one\ninterval: 2s\ngroup-by: image\nsort: cpu\n');
    saveViewSettings(path, { columns: ['name'], sort: 'name', reverse: false, groupBy: null });
    const text = readFileSync(path, 'utf8');
    assert.match(text, /^# my engines\n/);
    assert.match(text, /# the big one/);
    assert.deepEqual(parseConfig(text, path), { engines: [{ name: 'prod', host: undefined, context: 'prod' }], intervalMs: 2000, sort: { field: 'name', reverse: false }, columns: ['name'] });
  });

  it('refuses to overwrite a file that is not valid YAML', () => {
    const path = join(dir, 'broken.yaml');
    writeFileSync(path, 'a: [\n');
    assert.throws(() => saveViewSettings(path, { columns: [], sort: 'cpu', reverse: false, groupBy: null }), /not valid YAML; not overwritten/);
    assert.equal(readFileSync(path, 'utf8'), 'a: [\n');
  });
});

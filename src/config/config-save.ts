// Writes the live screen's columns, sort and grouping into the config file, keeping everything
// else in it (comments, engines, other settings) as it was: the file is edited as a YAML document,
// not regenerated. A missing file (and its folder) is created.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

export interface ViewSettings {
  columns: readonly string[];
  sort: string;
  reverse: boolean;
  /** null: no grouping (the key is removed). */
  groupBy: string | null;
}

export function saveViewSettings(path: string, view: ViewSettings): void {
  const { isMap, parseDocument } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  // An empty file parses to no contents: start from an empty mapping.
  const doc = parseDocument(text.trim() === '' ? '{}' : text);
  if (doc.errors.length > 0) throw new Error(`${path} is not valid YAML; not overwritten`);
  if (isMap(doc.contents)) doc.contents.flow = false; // a new file: block style, like a hand-written one
  doc.set('columns', doc.createNode([...view.columns], { flow: true }));
  doc.set('sort', `${view.reverse ? '-' : ''}${view.sort}`);
  if (view.groupBy === null) doc.delete('group-by');
  else doc.set('group-by', view.groupBy);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, doc.toString({ lineWidth: 0, flowCollectionPadding: false }));
}

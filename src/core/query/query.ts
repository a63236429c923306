// The user's query from -l (repeatable) and -f: one predicate for every view, the part the engine
// can filter itself, and a short description for headers. A bad selector becomes a clear error.
import { UserFacingError } from '../model/errors.js';
import { groupKeyOf } from './grouping.js';
import { combineSelectors, engineFilters, parseFilter, parseSelector, SelectorError, type Selector } from './selector.js';
import type { ContainerInfo } from '../model/types.js';

export interface Query {
  predicate?: (c: ContainerInfo) => boolean;
  engineLabels: string[];
  description: string; // '' when nothing is selected
}

/** `flag` names where the text came from, for the error message. */
export function parseQueryText(text: string, flag: '-l' | '-f' | '/'): Selector {
  try {
    return flag === '-l' ? parseSelector(text) : parseFilter(text);
  } catch (err) {
    if (err instanceof SelectorError) throw new UserFacingError(`${flag}: ${err.format()}`, 'see "Selectors" in the README', 2);
    throw err;
  }
}

/** -g/--group-by: a key groupKeyOf accepts, else a clear error (the live screen and --no-stream alike). */
export function checkGroupBy(spec: string | undefined): void {
  if (spec === undefined) return;
  const hint = 'group by compose, image, state, a label key, or label:KEY';
  if (spec.trim() === '') throw new UserFacingError('-g needs a key to group by', hint, 2);
  try {
    groupKeyOf(spec);
  } catch (err) {
    if (err instanceof SelectorError) throw new UserFacingError(`-g: ${err.format('group key')}`, hint, 2);
    throw err;
  }
}

export function buildPredicate(selectors: readonly string[], filter?: string): Query {
  const parsed = selectors.map((s) => parseQueryText(s, '-l'));
  const local = filter !== undefined && filter !== '' ? [...parsed, parseQueryText(filter, '-f')] : parsed;
  if (local.length === 0) return { engineLabels: [], description: '' };
  const combined = combineSelectors(local);
  return {
    predicate: (c) => combined.matches(c),
    // Only -l goes to the engine: -f free text is matched locally.
    engineLabels: engineFilters(parsed).label ?? [],
    description: combined.source,
  };
}

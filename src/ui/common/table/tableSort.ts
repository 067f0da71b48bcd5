import { searchKey } from '../../../domain/text';

/**
 * The table screens' shared rules (inventory, survey waves, response rates): sort orders a column header toggles,
 * Polish alphabetical order, and a name search that forgives missing Polish letters.
 */

export type SortDirection = 'ascending' | 'descending';
export interface SortOrder<K extends string> { key: K; direction: SortDirection }

/** Polish alphabetical order; numbers inside names compare as numbers ("Szkoła nr 2" < "Szkoła nr 10"). */
export const polishCollator = new Intl.Collator('pl', { numeric: true, sensitivity: 'base' });

/** True when every word of `query` occurs in `name` (case and Polish letters ignored: "swietlica" finds "Świetlica"). */
export function nameMatches(name: string, query: string): boolean {
  const words = searchKey(query).split(' ').filter(Boolean);
  if (words.length === 0) return true;
  const key = searchKey(name);
  return words.every((w) => key.includes(w));
}

/** The next order when a column header is pressed: a new column starts ascending, the same column flips. */
export function nextSortOrder<K extends string>(current: SortOrder<K>, key: K): SortOrder<K> {
  if (current.key !== key) return { key, direction: 'ascending' };
  return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
}

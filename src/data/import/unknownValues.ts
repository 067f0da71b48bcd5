import type { ValueMappingField } from '../../domain/importing';
import { foldLabel, suggestValueCategories } from './vocabulary';

/**
 * One distinct value of a need / nuisance / offer list column that the taxonomy does not know: not mapped yet
 * (an error in every row holding it), or mapped by the user (`mapped`: listed so the decision stays visible).
 */
export interface UnknownValue {
  field: ValueMappingField;
  /** The value as first written in the file ("Samotność_seniorów"); show it as text. */
  value: string;
  /** Its folded form: the key of the user's decision in `ValueMapping`. */
  folded: string;
  /** Rows (cells) in which it occurs. */
  count: number;
  /** The first spreadsheet row holding it (header = 1). */
  firstDisplayRow: number;
  /** Likely categories, best first (by folded words; may be empty). */
  suggestions: string[];
  /** True when the user's value mapping decided it (no error); false when it still needs a decision. */
  mapped: boolean;
}

const MAX_DISTINCT = 2000;

/**
 * Counts each distinct unknown value once per field (folded), so a file with 692 cells of "samotnosc_seniorow" asks
 * ONE question. At most 2,000 distinct values are kept (a column of free text is not a code list); `overflow` says so.
 */
export class UnknownValueCounter {
  private readonly byKey = new Map<string, Omit<UnknownValue, 'suggestions'>>();
  overflow = 0;

  add(field: ValueMappingField, value: string, displayRow: number, mapped = false): void {
    const folded = foldLabel(value);
    if (folded === '') return;
    const key = `${field}\u0000${folded}`;
    const known = this.byKey.get(key);
    if (known) known.count++;
    else if (this.byKey.size < MAX_DISTINCT) this.byKey.set(key, { field, value: value.trim(), folded, count: 1, firstDisplayRow: displayRow, mapped });
    else this.overflow++;
  }

  /** Values still to decide first, then most frequent first (ties: file order), each with its suggestions. O(distinct · vocabulary). */
  finish(): UnknownValue[] {
    return [...this.byKey.values()]
      .sort((a, b) => Number(a.mapped) - Number(b.mapped) || b.count - a.count || a.firstDisplayRow - b.firstDisplayRow)
      .map((v) => ({ ...v, suggestions: suggestValueCategories(v.field, v.value) }));
  }
}

/**
 * Class breaks for a 5-class choropleth legend: quantile breaks over the values that are shown (finite, i.e. not
 * suppressed), so each class holds about a fifth of the coloured units.
 *
 * Edges e₀ … e₅: e₀ = min, e₅ = max, eᵢ = the i/5 quantile with linear interpolation between order statistics
 * (Hyndman & Fan 1996, definition 7 — R's default and numpy's 'linear'): h = (n − 1)·p, q = x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎).
 * A value v is in class c, the smallest c with v ≤ e₍c+1₎ — so a class is (eᶜ, eᶜ⁺¹], the first one closed.
 * Many equal values (rates of 0 are common) make equal edges; the classes between them are then empty, never
 * split arbitrarily: equal values always share a class. Cost: O(n log n) for the sort.
 */

export const CLASS_COUNT = 5;
/** Class of a unit with no value (suppressed, or nothing to show). */
export const NO_CLASS = 255;

export interface ClassBreaks {
  /** CLASS_COUNT + 1 edges, ascending; empty when no unit has a value. */
  edges: number[];
  /** Class 0 … CLASS_COUNT − 1 per unit, NO_CLASS where the value is not finite. */
  classOfUnit: Uint8Array;
}

/**
 * Quantile class breaks of `values` (read only; NaN = not shown).
 * @example quantileClassBreaks(Float64Array.of(0, 0.1, 0.2, 0.3, 0.4, 0.5, NaN))
 *   // edges [0, 0.1, 0.2, 0.3, 0.4, 0.5]  (h = 5·p: exact order statistics), classOfUnit [0, 0, 1, 2, 3, 4, 255]
 */
export function quantileClassBreaks(values: ArrayLike<number>): ClassBreaks {
  const n = values.length;
  const shown: number[] = [];
  for (let i = 0; i < n; i++) if (Number.isFinite(values[i]!)) shown.push(values[i]!);
  const classOfUnit = new Uint8Array(n).fill(NO_CLASS);
  if (shown.length === 0) return { edges: [], classOfUnit };
  const sorted = Float64Array.from(shown).sort();
  const edges: number[] = [];
  for (let c = 0; c <= CLASS_COUNT; c++) edges.push(quantileSorted(sorted, c / CLASS_COUNT));
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    let c = 0;
    while (c < CLASS_COUNT - 1 && v > edges[c + 1]!) c++;
    classOfUnit[i] = c;
  }
  return { edges, classOfUnit };
}

/** Quantile p of an ascending array, Hyndman & Fan definition 7. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

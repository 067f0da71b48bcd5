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

export interface DistinctClassBreaks extends ClassBreaks {
  /** Number of classes actually used, 0 … maxClasses (fewer when the values have few distinct levels). */
  classCount: number;
  /** Smallest and largest value in each class (what a legend row should print: rows never overlap or repeat). */
  classMin: number[];
  classMax: number[];
  /** Units per class. */
  classSizes: number[];
}

/**
 * Classes that never repeat: at most `maxClasses`, every class non-empty and distinct values never split. Rules:
 * with at most `maxClasses` distinct values, one class per value ("0 %" is a class of its own); otherwise the
 * quantile edges above (Hyndman & Fan 7) are snapped down to the largest value at or below them, and equal edges are
 * merged — so many zeros make one "0 %" class instead of three "0,0–0,0 %" ones. Class c holds the values in
 * (edge_c, edge_c+1], the first class also its lower edge; edges are actual values, strictly increasing.
 * NaN (suppressed) → NO_CLASS: the legend draws them as their own hatched class. O(n log n).
 * @example distinctClassBreaks([0, 0, 0.1, 0.2, 0.5, 0.5, NaN])
 *   // 4 distinct values ≤ 5: one class each → edges [0, 0, 0.1, 0.2, 0.5], classOfUnit [0, 0, 1, 2, 3, 3, 255]
 */
export function distinctClassBreaks(values: ArrayLike<number>, maxClasses = CLASS_COUNT): DistinctClassBreaks {
  const n = values.length;
  const shown: number[] = [];
  for (let i = 0; i < n; i++) if (Number.isFinite(values[i]!)) shown.push(values[i]!);
  const classOfUnit = new Uint8Array(n).fill(NO_CLASS);
  if (shown.length === 0) return { edges: [], classOfUnit, classCount: 0, classMin: [], classMax: [], classSizes: [] };
  const sorted = Float64Array.from(shown).sort();
  const distinct: number[] = [];
  for (const v of sorted) if (distinct.length === 0 || v !== distinct[distinct.length - 1]) distinct.push(v);
  let uppers: number[];
  if (distinct.length <= maxClasses) uppers = distinct;
  else {
    uppers = [];
    for (let c = 1; c < maxClasses; c++) {
      const snapped = largestAtOrBelow(sorted, quantileSorted(sorted, c / maxClasses));
      if (uppers.length === 0 || snapped > uppers[uppers.length - 1]!) uppers.push(snapped);
    }
    const max = sorted[sorted.length - 1]!;
    if (uppers[uppers.length - 1] !== max) uppers.push(max);
  }
  const classCount = uppers.length;
  const classMin = new Array<number>(classCount).fill(Infinity);
  const classMax = new Array<number>(classCount).fill(-Infinity);
  const classSizes = new Array<number>(classCount).fill(0);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    let c = 0;
    while (c < classCount - 1 && v > uppers[c]!) c++;
    classOfUnit[i] = c;
    classMin[c] = Math.min(classMin[c]!, v);
    classMax[c] = Math.max(classMax[c]!, v);
    classSizes[c]!++;
  }
  return { edges: [sorted[0]!, ...uppers], classOfUnit, classCount, classMin, classMax, classSizes };
}

/** The largest element of ascending `sorted` that is ≤ v (v ≥ sorted[0]). */
function largestAtOrBelow(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (sorted[mid]! <= v) lo = mid;
    else hi = mid - 1;
  }
  return sorted[lo]!;
}

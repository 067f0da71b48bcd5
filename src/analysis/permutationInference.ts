import { createSeededStream, DEFAULT_PERMUTATION_SEED } from './seededStream';
import type { SpatialWeights } from './spatialWeights';

/**
 * Conditional permutation inference for local statistics (Anselin 1995, "Local indicators of spatial
 * association — LISA", Geographical Analysis 27(2), §4; as GeoDa and PySAL's esda compute it).
 *
 * For unit i the value xᵢ is held fixed and the values at its |N(i)| neighbours are replaced by a draw without
 * replacement from the other n − 1 values, R times. Gi* and local Moran's I are, for a fixed i, increasing
 * functions of the neighbour lag Lᵢ = Σⱼ wᵢⱼ xⱼ (j ≠ i), because the mean, the variance and xᵢ do not change under
 * the permutation; so the test compares lag sums, never the standardised statistics.
 *
 *   above = #{r : Lᵢ⁽ʳ⁾ ≥ Lᵢ},  below = #{r : Lᵢ⁽ʳ⁾ ≤ Lᵢ}     (ties within 1e−10 of the scale count as equal, so
 *                                                            a float rounding in the sum never decides a count)
 *   folded p  = (min(above, below) + 1) / (R + 1)            (GeoDa's and esda's pseudo p-value: one-sided, in
 *                                                            the direction the observed value lies)
 *   two-sided = (#{r : |Lᵢ⁽ʳ⁾ − Eᵢ| ≥ |Lᵢ − Eᵢ|} + 1) / (R + 1),  Eᵢ = Σⱼ wᵢⱼ · (Σₖ xₖ − xᵢ) / (n − 1)
 *                                                            (the exact mean of the permuted lag): what FDR and the
 *                                                            hot-spot classes use. Under the null P(two-sided ≤ t) ≤ t,
 *                                                            while P(folded ≤ t) ≈ 2t; its smallest value is
 *                                                            1 / (R + 1), half of 2 · folded's, which matters under BH.
 *
 * One table of R random subsets (size = the largest neighbourhood) of {0 … n − 2} is drawn from the seed and
 * shared by every unit (esda's `crand` does the same). The indices point into the values sorted ascending with one
 * copy of xᵢ taken out (index k is sorted[k] below xᵢ's first rank, sorted[k + 1] from it on), not into the units:
 * so a unit's p-value depends only on its value, its neighbours' values, the multiset of all values and the seed —
 * never on the order the units come in. Each unit's permutation distribution is exact; units' p-values are
 * dependent, which BH tolerates for this positive dependence. Cost: O(n log n) to sort, O(R · kmax) to draw,
 * O(R · Σ|N(i)|) to test.
 */

export const DEFAULT_PERMUTATIONS = 999;

export interface PermutationOptions {
  /** R, the number of permutations (999 default; 9,999 for a finer p-value). */
  permutations?: number;
  /** Seed of the random stream (seededStream.ts): the same seed gives the same p-values. */
  seed?: number;
}

export interface PermutationTest {
  /** GeoDa's pseudo p-value (folded, one-sided in the observed direction); 1 for units without neighbours. */
  foldedPValues: Float64Array;
  /** The two-sided pseudo p-value, by distance from the permutation mean. */
  pValues: Float64Array;
  /** +1 when the observed lag lies in the upper part of its permutation distribution, −1 lower, 0 neither / no neighbours. */
  direction: Int8Array;
  /** Observed neighbour lag Σ wᵢⱼ xⱼ (j ≠ i). */
  lags: Float64Array;
  permutations: number;
  seed: number;
}

/**
 * Permutation test of every unit's neighbour lag over `weights` (CSR; a self entry, as Gi* has, is skipped).
 * `values` is read only; n ≥ 2.
 * @example
 *   const t = conditionalPermutationTest(rates, contiguity, { permutations: 999, seed: 1 });
 *   t.pValues[i] < 0.05 && t.direction[i] === 1 // neighbours of i higher than chance would give
 */
export function conditionalPermutationTest(values: Float64Array, weights: SpatialWeights, options: PermutationOptions = {}): PermutationTest {
  const n = values.length;
  if (weights.size !== n) throw new RangeError('conditionalPermutationTest: one weights row per value expected');
  const permutations = options.permutations ?? DEFAULT_PERMUTATIONS;
  if (!Number.isInteger(permutations) || permutations < 1) throw new RangeError(`permutations must be a positive integer, got ${permutations}`);
  const seed = options.seed ?? DEFAULT_PERMUTATION_SEED;
  const { offsets, neighbours, weights: w } = weights;

  let maxAbs = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    maxAbs = Math.max(maxAbs, Math.abs(values[i]!));
    total += values[i]!;
  }
  let kMax = 0;
  for (let i = 0; i < n; i++) {
    let k = 0;
    for (let e = offsets[i]!; e < offsets[i + 1]!; e++) if (neighbours[e] !== i) k++;
    kMax = Math.max(kMax, k);
  }
  kMax = Math.min(kMax, Math.max(0, n - 1));
  const table = drawSubsetTable(n - 1, kMax, permutations, seed);

  const sorted = Float64Array.from(values).sort();
  const foldedPValues = new Float64Array(n).fill(1);
  const pValues = new Float64Array(n).fill(1);
  const direction = new Int8Array(n);
  const lags = new Float64Array(n);
  const slotWeights = new Float64Array(Math.max(1, kMax));
  for (let i = 0; i < n; i++) {
    let k = 0;
    let lag = 0;
    let sumAbsW = 0;
    for (let e = offsets[i]!; e < offsets[i + 1]!; e++) {
      const j = neighbours[e]!;
      if (j === i) continue;
      slotWeights[k++] = w[e]!;
      lag += w[e]! * values[j]!;
      sumAbsW += Math.abs(w[e]!);
    }
    lags[i] = lag;
    if (k === 0) continue;
    const tolerance = 1e-10 * (sumAbsW * maxAbs + Number.MIN_VALUE);
    const removed = firstRank(sorted, values[i]!);
    let sumW = 0;
    for (let t = 0; t < k; t++) sumW += slotWeights[t]!;
    const expected = (sumW * (total - values[i]!)) / (n - 1);
    const observedDistance = Math.abs(lag - expected);
    let above = 0;
    let below = 0;
    let asFar = 0;
    const lagLow = lag - tolerance;
    const lagHigh = lag + tolerance;
    const distance = observedDistance - tolerance;
    // Equal weights in the row (binary, or row-standardised): sum the values and scale once.
    let equal = true;
    for (let t = 1; t < k; t++) if (slotWeights[t] !== slotWeights[0]) equal = false;
    const scale = slotWeights[0]!;
    for (let r = 0; r < permutations; r++) {
      const base = r * kMax;
      let permuted = 0;
      if (equal) {
        // drawn + (drawn ≥ removed ? 1 : 0) without a branch: the comparison is a coin flip the CPU cannot predict.
        // Four partial sums break the chain of dependent additions (the loop is bound by add latency, not loads).
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        let t = 0;
        for (; t + 3 < k; t += 4) {
          const d0 = table[base + t]!;
          const d1 = table[base + t + 1]!;
          const d2 = table[base + t + 2]!;
          const d3 = table[base + t + 3]!;
          s0 += sorted[d0 + ((removed - 1 - d0) >>> 31)]!;
          s1 += sorted[d1 + ((removed - 1 - d1) >>> 31)]!;
          s2 += sorted[d2 + ((removed - 1 - d2) >>> 31)]!;
          s3 += sorted[d3 + ((removed - 1 - d3) >>> 31)]!;
        }
        for (; t < k; t++) {
          const d = table[base + t]!;
          s0 += sorted[d + ((removed - 1 - d) >>> 31)]!;
        }
        permuted = (s0 + s1 + (s2 + s3)) * scale;
      } else {
        for (let t = 0; t < k; t++) permuted += slotWeights[t]! * sorted[table[base + t]! + ((removed - 1 - table[base + t]!) >>> 31)]!;
      }
      above += permuted >= lagLow ? 1 : 0;
      below += permuted <= lagHigh ? 1 : 0;
      asFar += Math.abs(permuted - expected) >= distance ? 1 : 0;
    }
    foldedPValues[i] = (Math.min(above, below) + 1) / (permutations + 1);
    pValues[i] = (asFar + 1) / (permutations + 1);
    direction[i] = above < below ? 1 : above > below ? -1 : 0;
  }
  return { foldedPValues, pValues, direction, lags, permutations, seed };
}

/** The first index of `v` in the ascending `sorted` (binary search; v is present). */
function firstRank(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `rows` random k-subsets of {0 … m − 1}, row-major (rows × k), by a partial Fisher–Yates shuffle over one
 * scratch array whose swaps are undone after each row: O(rows · k) time, O(m) memory.
 */
export function drawSubsetTable(m: number, k: number, rows: number, seed: number): Uint32Array {
  const table = new Uint32Array(rows * k);
  if (k === 0 || m === 0) return table;
  const stream = createSeededStream(seed);
  const scratch = new Uint32Array(m);
  for (let v = 0; v < m; v++) scratch[v] = v;
  const swappedWith = new Uint32Array(k);
  for (let r = 0; r < rows; r++) {
    for (let t = 0; t < k; t++) {
      const s = t + stream.nextBelow(m - t);
      swappedWith[t] = s;
      const tmp = scratch[t]!;
      scratch[t] = scratch[s]!;
      scratch[s] = tmp;
      table[r * k + t] = scratch[t]!;
    }
    for (let t = k - 1; t >= 0; t--) {
      const s = swappedWith[t]!;
      const tmp = scratch[t]!;
      scratch[t] = scratch[s]!;
      scratch[s] = tmp;
    }
  }
  return table;
}

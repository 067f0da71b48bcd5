import { restrictWeights } from './contiguityWeights';
import { createSeededStream, DEFAULT_PERMUTATION_SEED } from './seededStream';
import type { SpatialWeights } from './spatialWeights';

/**
 * Which hexagon size shows the need's pattern best? Incremental spatial autocorrelation in the spirit of ArcGIS's
 * "Incremental Spatial Autocorrelation": global Moran's I (Moran 1950; Anselin 1995's Σ Iᵢ form) at each candidate
 * scale, with a permutation test, next to the share of answers that fall in units shown (not suppressed) at that
 * scale. A sparse survey (~3 answers per 250 m hexagon) hides most of its answers at 250 m and finds nothing; at
 * 500 m the same answers may show the cluster.
 *
 * Rule (deterministic): scales keeping at least MIN_SHARE_SHOWN (50 %, a majority) of the answers in shown units are eligible
 * (if none is, the one keeping most). Among the eligible: (1) the one with the largest share of answers inside
 * significant hot or cold spots (Gi* at the facade's defaults, after FDR) — a local pattern the map will show;
 * else (2) the one whose global Moran's I is significant (permutation p ≤ 0.05) with the largest pseudo
 * z = (I − mean of permuted I) / sd — a town-wide tendency without a local cluster; else (3) the one keeping most
 * answers ("no pattern at any scale"). Exact ties go to the finer scale (more detail). Moran's I runs on the
 * Assunção–Reis EB index (rateInput.ts 'standardised'), the rate form that does not mistake small-unit noise for
 * pattern. A single cluster in a large town barely moves the global I, hence (1) first.
 */

export const MIN_SHARE_SHOWN = 0.5;

export interface GlobalMoranTest {
  /** Moran's I with row-standardised weights: Σ zᵢ lagᵢ / Σ zᵢ² over units with a value and a neighbour. */
  moranI: number;
  /** E[I] = −1/(n − 1) under no pattern; the permutation mean and sd; pseudo z; one-sided p for I above chance. */
  expected: number;
  permutationMean: number;
  permutationSd: number;
  z: number;
  pValue: number;
  unitsTested: number;
}

/**
 * Global Moran's I of `values` (NaN = left out) over `weights` (all units; rows restricted and row-standardised here),
 * with `permutations` seeded total randomisations (all values shuffled). O(R · Σ neighbours). Values are read only.
 * @example globalMoranTest(standardisedRates, hexContiguityWeights(keys, 1), 999, 1).z
 */
export function globalMoranTest(values: Float64Array, weights: SpatialWeights, permutations = 999, seed = DEFAULT_PERMUTATION_SEED): GlobalMoranTest {
  const keep: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) keep.push(i);
  const w = restrictWeights(weights, Uint32Array.from(keep), { rowStandardise: true });
  const n = keep.length;
  const none: GlobalMoranTest = { moranI: NaN, expected: NaN, permutationMean: NaN, permutationSd: NaN, z: NaN, pValue: 1, unitsTested: n };
  if (n < 3) return none;
  let mean = 0;
  for (const i of keep) mean += values[i]!;
  mean /= n;
  const z = Float64Array.from(keep, (i) => values[i]! - mean);
  let denominator = 0;
  for (let j = 0; j < n; j++) denominator += z[j]! * z[j]!;
  if (!(denominator > 0)) return none;
  const moranOf = (x: Float64Array): number => {
    let numerator = 0;
    for (let j = 0; j < n; j++) {
      let lag = 0;
      for (let e = w.offsets[j]!; e < w.offsets[j + 1]!; e++) lag += w.weights[e]! * x[w.neighbours[e]!]!;
      numerator += x[j]! * lag;
    }
    return numerator / denominator;
  };
  const moranI = moranOf(z);
  const stream = createSeededStream(seed);
  const shuffled = z.slice();
  let sum = 0;
  let sumSquares = 0;
  let asLarge = 0;
  const tolerance = 1e-12 * Math.abs(moranI);
  for (let r = 0; r < permutations; r++) {
    for (let a = n - 1; a > 0; a--) {
      const b = stream.nextBelow(a + 1);
      const t = shuffled[a]!;
      shuffled[a] = shuffled[b]!;
      shuffled[b] = t;
    }
    const value = moranOf(shuffled);
    sum += value;
    sumSquares += value * value;
    if (value >= moranI - tolerance) asLarge++;
  }
  const permutationMean = sum / permutations;
  const permutationSd = Math.sqrt(Math.max(0, sumSquares / permutations - permutationMean * permutationMean));
  return {
    moranI,
    expected: -1 / (n - 1),
    permutationMean,
    permutationSd,
    z: permutationSd > 0 ? (moranI - permutationMean) / permutationSd : 0,
    pValue: (asLarge + 1) / (permutations + 1),
    unitsTested: n,
  };
}

export interface ScaleCandidate {
  hexSizeMeters: number;
  units: number;
  /** Units not suppressed (at least k answers). */
  unitsShown: number;
  /** Answers in units of the layer, and in shown units. */
  answers: number;
  answersShown: number;
  shareShown: number;
  /** Answers in hexagons that are significant hot or cold spots (|Gi_Bin| ≥ 2 after FDR), and their share of all. */
  answersInSpots: number;
  shareInSpots: number;
  moran: GlobalMoranTest;
}

export type ScaleReason = 'hot_spots_found' | 'clearest_autocorrelation' | 'no_pattern_most_answers';

export interface ScaleChoice {
  /** Index into the candidates of the advised scale, −1 when there is none. */
  chosen: number;
  reason: ScaleReason | null;
}

/** Applies the rule above to measured candidates (in the order given, finest first). */
export function chooseScale(candidates: readonly ScaleCandidate[]): ScaleChoice {
  if (candidates.length === 0) return { chosen: -1, reason: null };
  let eligible = candidates.map((_, c) => c).filter((c) => candidates[c]!.shareShown >= MIN_SHARE_SHOWN);
  if (eligible.length === 0) {
    const best = Math.max(...candidates.map((c) => c.shareShown));
    eligible = [candidates.findIndex((c) => c.shareShown === best)];
  }
  let chosen = -1;
  for (const c of eligible) {
    if (!(candidates[c]!.shareInSpots > 0)) continue;
    if (chosen < 0 || candidates[c]!.shareInSpots > candidates[chosen]!.shareInSpots) chosen = c;
  }
  if (chosen >= 0) return { chosen, reason: 'hot_spots_found' };
  for (const c of eligible) {
    const m = candidates[c]!.moran;
    if (!(m.pValue <= 0.05) || !Number.isFinite(m.z)) continue;
    if (chosen < 0 || m.z > candidates[chosen]!.moran.z) chosen = c;
  }
  if (chosen >= 0) return { chosen, reason: 'clearest_autocorrelation' };
  for (const c of eligible) if (chosen < 0 || candidates[c]!.shareShown > candidates[chosen]!.shareShown) chosen = c;
  return { chosen, reason: 'no_pattern_most_answers' };
}

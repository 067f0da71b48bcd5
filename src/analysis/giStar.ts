import { restrictWeights } from './contiguityWeights';
import { benjaminiHochberg } from './falseDiscoveryRate';
import { normalTwoSidedP } from './normal';
import { conditionalPermutationTest, DEFAULT_PERMUTATIONS } from './permutationInference';
import { buildSpatialWeights, type SpatialWeights, type SpatialWeightsSpec } from './spatialWeights';
import { UNIT_SUPPRESSED, type UnitAggregates } from './unitAggregates';

/**
 * Getis-Ord Gi* hot-spot statistic (Getis & Ord 1992; Ord & Getis 1995), as ArcGIS's Hot Spot Analysis
 * computes it: the focal unit is its own neighbour and the statistic is reported directly as a z-score.
 * With n units, values x, mean X̄ = Σx_j / n, S = √(Σx_j² / n − X̄²) and weights w_ij (w_ii included):
 *
 *   Gi*(i) = (Σ_j w_ij x_j − X̄ Σ_j w_ij) / ( S · √( (n Σ_j w_ij² − (Σ_j w_ij)²) / (n − 1) ) )
 *
 * The p-value is, by default, the two-sided pseudo p-value of a conditional permutation test (999 permutations,
 * seeded; permutationInference.ts, Anselin 1995), because the normal approximation is far too liberal for rates
 * from a handful of answers (skewed, discrete, unequal variances); `permutations: 0` gives the normal two-sided p
 * (normal.ts) as ArcGIS reports it. Benjamini–Hochberg is applied over all computed units (falseDiscoveryRate.ts).
 * Cost: O(n log n) for the weights, O(Σ neighbours) for Gi*, O(R · Σ neighbours) for R permutations.
 */

/** Gi_Bin as ArcGIS reports it: ±3 = 99 %, ±2 = 95 %, ±1 = 90 % confidence; 0 = not significant. */
export type GiBin = -3 | -2 | -1 | 0 | 1 | 2 | 3;

/**
 * Confidence bin from a raw two-sided p-value: |bin| = 3 if p < 0.01, 2 if p < 0.05, 1 if p < 0.10 (the
 * "critical p-value" column of ArcGIS's "What is a z-score? What is a p-value?"), signed as z.
 * @example giBinFromPValue(2.0, 0.0455) === 2;  giBinFromPValue(-1.7, 0.089) === -1
 */
export function giBinFromPValue(z: number, p: number): GiBin {
  if (!(p < 0.1) || z === 0 || Number.isNaN(z)) return 0;
  const level = p < 0.01 ? 3 : p < 0.05 ? 2 : 1;
  return (z > 0 ? level : -level) as GiBin;
}

/**
 * Confidence bin with the FDR correction: |bin| = 3 if the BH q-value ≤ 0.01, 2 if ≤ 0.05, 1 if ≤ 0.10.
 * q ≤ α is exactly "rejected by the BH step-up at α", i.e. ArcGIS's lowered critical p-value per level.
 * @example giBinFromQValue(3.1, 0.004) === 3
 */
export function giBinFromQValue(z: number, q: number): GiBin {
  if (!(q <= 0.1) || z === 0 || Number.isNaN(z)) return 0;
  const level = q <= 0.01 ? 3 : q <= 0.05 ? 2 : 1;
  return (z > 0 ? level : -level) as GiBin;
}

export interface GiStarOptions {
  /**
   * Distance band (binary) or k nearest neighbours built over the computed units; or prebuilt weights over all
   * units (one row per value, e.g. hexagon or street contiguity, contiguityWeights.ts), restricted to the computed
   * units with w_ii = 1 added. Row standardisation optional (off, as ArcGIS advises for Gi*).
   */
  weights: SpatialWeightsSpec | SpatialWeights;
  /** Conditional permutations for the p-values (default 999); 0 = normal approximation. */
  permutations?: number;
  /** Seed of the permutations (default DEFAULT_PERMUTATION_SEED). */
  seed?: number;
  /** FDR level for `significantFdr` (default 0.05). Bins use 0.10/0.05/0.01 whatever this is. */
  alpha?: number;
  /** Neighbour search: kdbush (default) or the O(n²) brute-force reference. */
  search?: 'index' | 'bruteForce';
}

export interface GiStarDiagnostic {
  code: 'units_not_computed' | 'too_few_units' | 'no_variation' | 'isolated_units';
  /** How many units it concerns. */
  count: number;
  message: string;
}

export interface GiStarResult {
  /** Gi* z-score per unit; 0 where not computed (see `computed`). Never NaN. */
  zScores: Float64Array;
  /** Two-sided p-value; 1 where not computed. */
  pValues: Float64Array;
  /** BH q-value over the computed units; 1 where not computed. */
  qValues: Float64Array;
  /** Gi_Bin from raw p-values (−3..3). */
  giBin: Int8Array;
  /** Gi_Bin with FDR correction (−3..3). */
  giBinFdr: Int8Array;
  /** 1 where q ≤ alpha. */
  significantFdr: Uint8Array;
  /** 1 where the statistic was computed; 0 for NaN values (suppressed) or when no test is possible. */
  computed: Uint8Array;
  /** Neighbours used per unit, the unit itself included; 0 where not computed. */
  neighbourCounts: Uint32Array;
  /** n: units that took part. */
  unitsComputed: number;
  /** How the p-values were obtained, and with how many permutations (0 for 'normal'). */
  inference: 'permutation' | 'normal';
  permutations: number;
  diagnostics: GiStarDiagnostic[];
}

/**
 * Gi* hot spots over units with planar centroids `xs`, `ys` (metres) and `values` (e.g. a need rate).
 * Units whose value is NaN (suppressed) or whose centroid is not finite are left out of the statistic
 * entirely — not counted in n, X̄, S, nor as anyone's neighbour — and reported with computed = 0.
 * Inputs are read only. Never throws on data; problems are listed in `diagnostics`.
 * @example
 *   const hot = getisOrdGiStar(agg.centerXs, agg.centerYs, rates, { weights: { kind: 'kNearest', k: 8 } });
 *   hot.giBinFdr[u] === 3 // hot spot at 99 % confidence after FDR correction
 */
export function getisOrdGiStar(xs: Float64Array, ys: Float64Array, values: Float64Array, options: GiStarOptions): GiStarResult {
  const total = values.length;
  if (xs.length !== total || ys.length !== total) throw new RangeError('getisOrdGiStar: xs, ys and values differ in length');
  const alpha = options.alpha ?? 0.05;
  const result: GiStarResult = {
    zScores: new Float64Array(total),
    pValues: new Float64Array(total).fill(1),
    qValues: new Float64Array(total).fill(1),
    giBin: new Int8Array(total),
    giBinFdr: new Int8Array(total),
    significantFdr: new Uint8Array(total),
    computed: new Uint8Array(total),
    neighbourCounts: new Uint32Array(total),
    unitsComputed: 0,
    inference: (options.permutations ?? DEFAULT_PERMUTATIONS) > 0 ? 'permutation' : 'normal',
    permutations: options.permutations ?? DEFAULT_PERMUTATIONS,
    diagnostics: [],
  };
  const prebuilt = 'offsets' in options.weights ? options.weights : null;
  if (prebuilt && prebuilt.size !== total) throw new RangeError('getisOrdGiStar: prebuilt weights need one row per value');

  // Compact the valid units: weights are built over them only, so a suppressed unit is nobody's neighbour.
  const valid = new Uint32Array(total);
  let n = 0;
  for (let i = 0; i < total; i++) {
    if (Number.isFinite(values[i]!) && Number.isFinite(xs[i]!) && Number.isFinite(ys[i]!)) valid[n++] = i;
  }
  if (n < total) {
    result.diagnostics.push({ code: 'units_not_computed', count: total - n, message: `${total - n} unit(s) have no value (suppressed or no data) or no location and were left out of the hot-spot test` });
  }
  if (n < 3) {
    result.diagnostics.push({ code: 'too_few_units', count: n, message: `the hot-spot test needs at least 3 units with values, found ${n}` });
    return result;
  }
  const cx = new Float64Array(n);
  const cy = new Float64Array(n);
  const cv = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const i = valid[j]!;
    cx[j] = xs[i]!;
    cy[j] = ys[i]!;
    cv[j] = values[i]!;
  }

  let sum = 0;
  let sumSquares = 0;
  for (let j = 0; j < n; j++) {
    sum += cv[j]!;
    sumSquares += cv[j]! * cv[j]!;
  }
  const mean = sum / n;
  // Two-pass variance (Σ(x − X̄)² / n) equals Σx²/n − X̄² exactly in reals and does not cancel in floats.
  let squaredDeviations = 0;
  for (let j = 0; j < n; j++) squaredDeviations += (cv[j]! - mean) * (cv[j]! - mean);
  const s = Math.sqrt(squaredDeviations / n);
  if (!(s > 1e-12 * Math.sqrt(sumSquares / n))) {
    result.diagnostics.push({ code: 'no_variation', count: n, message: 'all units have the same value, so there is nothing to test for hot or cold spots' });
    return result;
  }

  const spec = options.weights as SpatialWeightsSpec;
  const weights = prebuilt
    ? restrictWeights(prebuilt, valid.subarray(0, n), { includeSelf: true, rowStandardise: false })
    : buildSpatialWeights(cx, cy, spec, { includeSelf: true, search: options.search ?? 'index' });
  const z = new Float64Array(n);
  let p: Float64Array = new Float64Array(n);
  computeGiStarZ(cv, mean, s, weights, z);
  // The class sign: z's sign for the normal approximation, the side of the permutation distribution otherwise.
  const sign = new Float64Array(z);
  if (result.permutations > 0) {
    const test = conditionalPermutationTest(cv, weights, { permutations: result.permutations, ...(options.seed !== undefined ? { seed: options.seed } : {}) });
    p = test.pValues;
    for (let j = 0; j < n; j++) sign[j] = test.direction[j]!;
  } else {
    for (let j = 0; j < n; j++) p[j] = normalTwoSidedP(z[j]!);
  }
  let isolated = 0;
  for (let j = 0; j < n; j++) if (weights.offsets[j + 1]! - weights.offsets[j]! <= 1) isolated++;
  if (isolated > 0) {
    result.diagnostics.push({ code: 'isolated_units', count: isolated, message: `${isolated} unit(s) have no neighbour with a value in their neighbourhood; their Gi* reflects only their own value and is not tested` });
  }
  const fdr = benjaminiHochberg(p, alpha);
  for (let j = 0; j < n; j++) {
    const i = valid[j]!;
    result.zScores[i] = z[j]!;
    result.pValues[i] = p[j]!;
    result.qValues[i] = fdr.qValues[j]!;
    result.giBin[i] = giBinFromPValue(sign[j]!, p[j]!);
    result.giBinFdr[i] = giBinFromQValue(sign[j]!, fdr.qValues[j]!);
    result.significantFdr[i] = sign[j] !== 0 ? fdr.significant[j]! : 0;
    result.computed[i] = 1;
    result.neighbourCounts[i] = weights.offsets[j + 1]! - weights.offsets[j]!;
  }
  result.unitsComputed = n;
  return result;
}

/**
 * The Gi* z-scores for values over given weights (self included in `weights`), written into `out`.
 * A row whose variance term n Σw² − (Σw)² is 0 (it covers all n units with equal weights) has z = 0.
 */
export function computeGiStarZ(values: Float64Array, mean: number, s: number, weights: SpatialWeights, out: Float64Array): Float64Array {
  const n = values.length;
  const { offsets, neighbours, weights: w } = weights;
  for (let i = 0; i < n; i++) {
    let sumW = 0;
    let sumW2 = 0;
    let sumWX = 0;
    for (let e = offsets[i]!; e < offsets[i + 1]!; e++) {
      const wij = w[e]!;
      sumW += wij;
      sumW2 += wij * wij;
      sumWX += wij * values[neighbours[e]!]!;
    }
    const variance = (n * sumW2 - sumW * sumW) / (n - 1);
    out[i] = variance > 1e-12 * sumW2 ? (sumWX - mean * sumW) / (s * Math.sqrt(variance)) : 0;
  }
  return out;
}

/**
 * Gi* over aggregation units: centres from `agg`, `values` per unit (a need rate column, the composite index),
 * suppressed units (UNIT_SUPPRESSED) left out as not computed. `values` is read only.
 * @example hotSpotsForUnits(byHex, compositeNeedIndex(byHex, weights).index, { weights: { kind: 'kNearest', k: 8 } })
 */
export function hotSpotsForUnits(agg: Pick<UnitAggregates, 'unitCount' | 'centerXs' | 'centerYs' | 'flags'>, values: ArrayLike<number>, options: GiStarOptions): GiStarResult {
  if (values.length !== agg.unitCount) throw new RangeError('hotSpotsForUnits: one value per unit expected');
  const masked = new Float64Array(agg.unitCount);
  for (let u = 0; u < agg.unitCount; u++) masked[u] = agg.flags[u]! & UNIT_SUPPRESSED ? Number.NaN : values[u]!;
  return getisOrdGiStar(agg.centerXs, agg.centerYs, masked, options);
}

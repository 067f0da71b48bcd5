import { restrictWeights } from './contiguityWeights';
import { benjaminiHochberg } from './falseDiscoveryRate';
import { conditionalPermutationTest, DEFAULT_PERMUTATIONS } from './permutationInference';
import type { SpatialWeights } from './spatialWeights';

/**
 * Local Moran's I — LISA (Anselin 1995, "Local indicators of spatial association — LISA", Geographical Analysis
 * 27(2): 93–115), as GeoDa computes it, so the two can be cross-checked (tests/analysis/localMoran.test.ts):
 *   zᵢ = (xᵢ − x̄) / s   (s with n − 1, GeoDa's standardisation),   lagᵢ = Σⱼ wᵢⱼ zⱼ / |N(i)|   (row-standardised)
 *   Iᵢ = zᵢ · lagᵢ
 * Quadrants of a significant unit: High-High (zᵢ > 0, lag > 0: a hot cluster), Low-Low, High-Low (a needy unit among
 * well-off neighbours: a spatial outlier), Low-High. Significance: conditional permutations (permutationInference.ts,
 * 999 by default, seeded), the two-sided pseudo p-value, Benjamini–Hochberg over the units tested (falseDiscoveryRate.ts);
 * GeoDa's folded pseudo p-value is reported too. Global Moran's I = Σ zᵢ lagᵢ / Σ zᵢ² (row-standardised weights).
 * Units with NaN values (suppressed) are left out of everything; units with no neighbour among the rest are
 * 'isolated' and not tested; a unit exactly at the mean (zᵢ = 0) has Iᵢ = 0 and no quadrant.
 * Cost: O(n + Σ neighbours) for the statistic, O(R · Σ neighbours) for the test.
 */

export const LISA_NOT_SIGNIFICANT = 0;
export const LISA_HIGH_HIGH = 1;
export const LISA_LOW_LOW = 2;
export const LISA_LOW_HIGH = 3;
export const LISA_HIGH_LOW = 4;
/** GeoDa's codes 0–4 (and 6 = isolated); 255 = not computed (suppressed). */
export const LISA_ISOLATED = 6;
export const LISA_NOT_COMPUTED = 255;

export interface LocalMoranOptions {
  /** Permutations (default 999) and seed. */
  permutations?: number;
  seed?: number;
  /** FDR level for `quadrant` (default 0.05). */
  alpha?: number;
}

export interface LocalMoranResult {
  /** Iᵢ per unit; 0 where not computed. */
  lisaValues: Float64Array;
  /** zᵢ and the row-standardised lag of z; 0 where not computed. */
  zValues: Float64Array;
  lagValues: Float64Array;
  /** Two-sided pseudo p (used for FDR), GeoDa's folded pseudo p, BH q; 1 where not tested. */
  pValues: Float64Array;
  foldedPValues: Float64Array;
  qValues: Float64Array;
  /** LISA_* code of each unit after FDR: a quadrant only where q ≤ alpha. */
  quadrant: Uint8Array;
  /** Quadrant whatever the significance (for "weak" displays); 0 where zᵢ = 0 or lag = 0. */
  rawQuadrant: Uint8Array;
  neighbourCounts: Uint32Array;
  unitsComputed: number;
  /** Global Moran's I over the computed units (NaN when fewer than 3 or no variation). */
  globalMoranI: number;
  permutations: number;
}

/**
 * LISA over `values` (NaN = left out) with prebuilt `weights` over all units (binary, no self entries needed: they are
 * dropped). Inputs are read only.
 * @example const lisa = localMoran(ebRates, hexContiguityWeights(agg.hexKeys!, 1)); lisa.quadrant[u] === LISA_HIGH_LOW
 */
export function localMoran(values: Float64Array, weights: SpatialWeights, options: LocalMoranOptions = {}): LocalMoranResult {
  const total = values.length;
  if (weights.size !== total) throw new RangeError('localMoran: one weights row per value expected');
  const permutations = options.permutations ?? DEFAULT_PERMUTATIONS;
  const alpha = options.alpha ?? 0.05;
  const result: LocalMoranResult = {
    lisaValues: new Float64Array(total),
    zValues: new Float64Array(total),
    lagValues: new Float64Array(total),
    pValues: new Float64Array(total).fill(1),
    foldedPValues: new Float64Array(total).fill(1),
    qValues: new Float64Array(total).fill(1),
    quadrant: new Uint8Array(total).fill(LISA_NOT_COMPUTED),
    rawQuadrant: new Uint8Array(total),
    neighbourCounts: new Uint32Array(total),
    unitsComputed: 0,
    globalMoranI: NaN,
    permutations,
  };
  const valid: number[] = [];
  for (let i = 0; i < total; i++) if (Number.isFinite(values[i]!)) valid.push(i);
  const n = valid.length;
  const keep = Uint32Array.from(valid);
  const w = restrictWeights(weights, keep, { rowStandardise: true });
  let mean = 0;
  for (const i of valid) mean += values[i]!;
  mean /= Math.max(1, n);
  let squares = 0;
  for (const i of valid) squares += (values[i]! - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
  for (const i of valid) result.quadrant[i] = LISA_NOT_SIGNIFICANT;
  if (n < 3 || !(sd > 1e-12 * (Math.abs(mean) + 1e-300))) {
    result.unitsComputed = n;
    return result;
  }
  const z = Float64Array.from(valid, (i) => (values[i]! - mean) / sd);
  const test = conditionalPermutationTest(z, w, { permutations, ...(options.seed !== undefined ? { seed: options.seed } : {}) });
  const p = new Float64Array(n).fill(Number.NaN);
  let numerator = 0;
  let denominator = 0;
  for (let j = 0; j < n; j++) {
    const count = w.offsets[j + 1]! - w.offsets[j]!;
    const lag = test.lags[j]!; // row-standardised weights: the lag is already the mean of the neighbours' z
    numerator += z[j]! * lag;
    denominator += z[j]! * z[j]!;
    const i = valid[j]!;
    result.zValues[i] = z[j]!;
    result.lagValues[i] = lag;
    result.lisaValues[i] = z[j]! * lag;
    result.neighbourCounts[i] = count;
    result.rawQuadrant[i] = quadrantOf(z[j]!, lag);
    if (count === 0) {
      result.quadrant[i] = LISA_ISOLATED;
      continue;
    }
    p[j] = test.pValues[j]!;
    result.pValues[i] = test.pValues[j]!;
    result.foldedPValues[i] = test.foldedPValues[j]!;
  }
  const fdr = benjaminiHochberg(p, alpha);
  for (let j = 0; j < n; j++) {
    const i = valid[j]!;
    if (!Number.isFinite(p[j]!)) continue;
    result.qValues[i] = fdr.qValues[j]!;
    if (fdr.significant[j]) result.quadrant[i] = result.rawQuadrant[i]!;
  }
  result.unitsComputed = n;
  result.globalMoranI = denominator > 0 ? numerator / denominator : NaN;
  return result;
}

/** GeoDa's quadrant code for a standardised value and its lag; 0 when either is exactly 0 (no side). */
export function quadrantOf(z: number, lag: number): number {
  if (z > 0 && lag > 0) return LISA_HIGH_HIGH;
  if (z < 0 && lag < 0) return LISA_LOW_LOW;
  if (z < 0 && lag > 0) return LISA_LOW_HIGH;
  if (z > 0 && lag < 0) return LISA_HIGH_LOW;
  return LISA_NOT_SIGNIFICANT;
}

import type { SmoothedRates } from './empiricalBayes';
import type { UnitAggregates } from './unitAggregates';

/**
 * What a local statistic is computed on when units rest on very different numbers of answers. A raw rate from 5
 * answers swings ±20 points by chance, one from 200 by ±3: fed raw into Gi* or Moran's I, the small units make
 * "hot spots" out of noise (11 % of null maps at k = 5 on the demo town's hexagons, 37 % at k = 1).
 *
 * - 'empiricalBayes': Marshall's (1991) EB rates (empiricalBayes.ts): each rate shrunk toward the town mean by
 *   Cᵢ = A / (A + m(1 − m)/nᵢ); small units move most. Keeps the scale of a rate (the map can show it).
 * - 'standardised': the EB index of Assunção & Reis (1999, Statistics in Medicine 18, "A new proposal to adjust
 *   Moran's I for population density") with the binomial variance: zᵢ = (rᵢ − m) / √(A + m(1 − m)/nᵢ). Each unit
 *   then has about unit variance whatever its nᵢ, so the values are exchangeable under "no pattern" — what a
 *   permutation test assumes. For a composite index Σⱼ wⱼ rᵢⱼ the numerator is Σⱼ wⱼ (rᵢⱼ − mⱼ) and the variance
 *   Σⱼ wⱼ² (Aⱼ + mⱼ(1 − mⱼ)/nᵢ) (needs treated as independent within a household).
 * - 'raw': the rates as they are (for comparison with other tools).
 * O(units × needs).
 */
export const RATE_INPUTS = ['empiricalBayes', 'standardised', 'raw'] as const;
export type RateInput = (typeof RATE_INPUTS)[number];

/**
 * The variance-stabilised value of each unit for need-column weights `needWeights` (one per column of agg, summing
 * to 1 for an index, a single 1 for one need), from a global smoothing of the same aggregate. Units with no answers
 * get 0 (the mean). Inputs are read only.
 * @example standardisedRates(byHex, smoothRatesEmpiricalBayes(byHex), Float64Array.of(1, 0, 0, …))
 */
export function standardisedRates(agg: Pick<UnitAggregates, 'unitCount' | 'needCount' | 'responses' | 'needRates'>, smoothing: Pick<SmoothedRates, 'groupMeans' | 'groupVariances' | 'groupCount'>, needWeights: Float64Array): Float64Array {
  const { unitCount, needCount, responses, needRates } = agg;
  if (smoothing.groupCount !== 1) throw new RangeError('standardisedRates needs a global smoothing (one group)');
  if (needWeights.length !== needCount) throw new RangeError('standardisedRates: one weight per need column expected');
  const out = new Float64Array(unitCount);
  for (let u = 0; u < unitCount; u++) {
    const n = responses[u]!;
    if (n === 0) continue;
    let numerator = 0;
    let variance = 0;
    for (let j = 0; j < needCount; j++) {
      const w = needWeights[j]!;
      if (w === 0) continue;
      const m = smoothing.groupMeans[j]!;
      numerator += w * (needRates[u * needCount + j]! - m);
      variance += w * w * (smoothing.groupVariances[j]! + (m * (1 - m)) / n);
    }
    out[u] = variance > 0 ? numerator / Math.sqrt(variance) : 0;
  }
  return out;
}

import type { UnitAggregates } from './unitAggregates';

/**
 * Empirical-Bayes smoothing of unit rates (small-number stabilisation).
 *
 * Marshall's global empirical-Bayes estimator (R. J. Marshall, "Mapping disease and mortality rates using
 * empirical Bayes estimators", Applied Statistics 40(2), 1991, pp. 283–294), method of moments, per need and
 * per group of units (one group = the "global" estimator; groups = units' parent areas gives Marshall's local
 * variant). Within a group of units i with counts xᵢ out of nᵢ responses, rᵢ = xᵢ / nᵢ:
 *   m  = Σxᵢ / Σnᵢ                                  (group mean rate)
 *   s² = Σnᵢ (rᵢ − m)² / Σnᵢ                        (weighted variance of the rates)
 *   n̄  = Σnᵢ / N                                    (mean responses per unit, units with nᵢ > 0)
 *   A  = max(0, s² − m(1 − m) / n̄)                  (between-unit variance of the true rates)
 *   Cᵢ = A / (A + m(1 − m) / nᵢ)                    (shrinkage weight: → 1 for large nᵢ, → 0 for small)
 *   r̃ᵢ = m + Cᵢ (rᵢ − m)
 * Marshall models Poisson counts and uses m/n for the sampling variance; our rates are proportions of answering
 * households, so the binomial m(1 − m)/n takes its place (the beta-binomial method-of-moments form). A unit with
 * no responses gets the group mean; a group whose mean is 0 or 1 has no sampling variance and keeps its rates.
 * O(units × needs).
 */

export interface SmoothingOptions {
  /** Group of each unit (e.g. the unit's district), -1 = the ungrouped rest. Absent = one global group. */
  groupOfUnit?: Int32Array;
}

export interface SmoothedRates {
  /** Smoothed rate per unit and need (units × needs), in [0, 1]. */
  rates: Float64Array;
  /** Shrinkage weight Cᵢ per unit and need (1 = own rate kept, 0 = group mean). */
  weights: Float64Array;
  /** Per group and need: mean m and between-unit variance A (groups × needs); group g = index in groupIds order. */
  groupMeans: Float64Array;
  groupVariances: Float64Array;
  groupCount: number;
}

/**
 * Smooths every need column of `agg`.
 * @example const { rates } = smoothRatesEmpiricalBayes(byStreet); compositeNeedIndex(byStreet, weights, { rates })
 */
export function smoothRatesEmpiricalBayes(agg: Pick<UnitAggregates<string>, 'unitCount' | 'needCount' | 'responses' | 'needCounts'>, options: SmoothingOptions = {}): SmoothedRates {
  const { unitCount, needCount, responses, needCounts } = agg;
  const groupOfUnit = options.groupOfUnit;
  if (groupOfUnit && groupOfUnit.length !== unitCount) throw new RangeError('groupOfUnit must have one entry per unit');
  // Group -1 (no parent) is pooled into an extra last group so that every unit is smoothed toward something.
  let groupCount = 1;
  if (groupOfUnit) {
    let max = -1;
    for (let u = 0; u < unitCount; u++) max = Math.max(max, groupOfUnit[u]!);
    groupCount = max + 2;
  }
  const groupOf = (u: number): number => (groupOfUnit ? (groupOfUnit[u]! >= 0 ? groupOfUnit[u]! : groupCount - 1) : 0);

  const sumN = new Float64Array(groupCount);
  const unitsWithResponses = new Float64Array(groupCount);
  const sumX = new Float64Array(groupCount * needCount);
  for (let u = 0; u < unitCount; u++) {
    const nu = responses[u]!;
    if (nu === 0) continue;
    const g = groupOf(u);
    sumN[g]! += nu;
    unitsWithResponses[g]!++;
    for (let j = 0; j < needCount; j++) sumX[g * needCount + j]! += needCounts[u * needCount + j]!;
  }
  const groupMeans = new Float64Array(groupCount * needCount);
  for (let g = 0; g < groupCount; g++) for (let j = 0; j < needCount; j++) groupMeans[g * needCount + j] = sumN[g]! > 0 ? sumX[g * needCount + j]! / sumN[g]! : 0;
  const weightedSq = new Float64Array(groupCount * needCount);
  for (let u = 0; u < unitCount; u++) {
    const nu = responses[u]!;
    if (nu === 0) continue;
    const g = groupOf(u);
    for (let j = 0; j < needCount; j++) {
      const d = needCounts[u * needCount + j]! / nu - groupMeans[g * needCount + j]!;
      weightedSq[g * needCount + j]! += nu * d * d;
    }
  }
  const groupVariances = new Float64Array(groupCount * needCount);
  for (let g = 0; g < groupCount; g++) {
    if (sumN[g] === 0) continue;
    const meanN = sumN[g]! / unitsWithResponses[g]!;
    for (let j = 0; j < needCount; j++) {
      const m = groupMeans[g * needCount + j]!;
      const s2 = weightedSq[g * needCount + j]! / sumN[g]!;
      groupVariances[g * needCount + j] = Math.max(0, s2 - (m * (1 - m)) / meanN);
    }
  }
  const rates = new Float64Array(unitCount * needCount);
  const weights = new Float64Array(unitCount * needCount);
  for (let u = 0; u < unitCount; u++) {
    const nu = responses[u]!;
    const g = groupOf(u);
    for (let j = 0; j < needCount; j++) {
      const m = groupMeans[g * needCount + j]!;
      const at = u * needCount + j;
      if (nu === 0) {
        rates[at] = m;
        weights[at] = 0;
        continue;
      }
      const raw = needCounts[at]! / nu;
      const sampling = (m * (1 - m)) / nu;
      if (sampling === 0) {
        // m is 0 or 1: every unit in the group has exactly that rate; nothing to shrink.
        rates[at] = raw;
        weights[at] = 1;
        continue;
      }
      const A = groupVariances[g * needCount + j]!;
      const c = A / (A + sampling);
      weights[at] = c;
      rates[at] = Math.min(1, Math.max(0, m + c * (raw - m)));
    }
  }
  return { rates, weights, groupMeans, groupVariances, groupCount };
}

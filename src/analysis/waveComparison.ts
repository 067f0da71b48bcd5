import { normalTwoSidedP } from './normal';
import type { UnitAggregates } from './unitAggregates';

/**
 * Change between two survey waves, per unit and need: Δ = p₂ − p₁ with the pooled two-proportion z-test
 *   p = (x₁ + x₂) / (n₁ + n₂),  SE = √(p(1 − p)(1/n₁ + 1/n₂)),  z = (p₂ − p₁) / SE,  P = 2(1 − Φ(|z|))
 * (e.g. Agresti, "Categorical Data Analysis", 3rd ed., 2013, §3.1; equivalent to the uncorrected χ² test of the
 * 2 × 2 table). Units with fewer than k responses in either wave are suppressed: their z is 0 and P is 1, as are
 * cells where SE = 0 (both waves 0 % or both 100 %). O(units × needs).
 */

export interface WaveComparison {
  unitIds: readonly string[];
  needIds: UnitAggregates['needIds'];
  unitCount: number;
  needCount: number;
  /** after − before rate (units × needs). */
  change: Float64Array;
  z: Float64Array;
  pValue: Float64Array;
  /** 1 when either wave has fewer than `minResponses` responses in the unit. */
  suppressed: Uint8Array;
  minResponses: number;
}

/**
 * Compares two aggregates of the same layer (the same units in the same order, as `aggregateDataset` gives for one
 * unit spec), the second minus the first.
 * @example compareWaves(aggregateDataset(ds, spec, { campaignIds: ['w1'] }), aggregateDataset(ds, spec, { campaignIds: ['w2'] }))
 */
export function compareWaves(before: UnitAggregates, after: UnitAggregates, options: { minResponses?: number } = {}): WaveComparison {
  if (before.unitCount !== after.unitCount || before.unitIds.some((id, u) => after.unitIds[u] !== id)) {
    throw new RangeError('compareWaves needs two aggregates over the same units (aggregate both waves with the same unit spec)');
  }
  if (before.needCount !== after.needCount || before.needIds.some((id, j) => after.needIds[j] !== id)) {
    throw new RangeError('compareWaves needs two aggregates with the same need columns');
  }
  const minResponses = options.minResponses ?? Math.max(before.minResponses, after.minResponses);
  const { unitCount, needCount } = before;
  const change = new Float64Array(unitCount * needCount);
  const z = new Float64Array(unitCount * needCount);
  const pValue = new Float64Array(unitCount * needCount).fill(1);
  const suppressed = new Uint8Array(unitCount);
  for (let u = 0; u < unitCount; u++) {
    const n1 = before.responses[u]!;
    const n2 = after.responses[u]!;
    const small = n1 < minResponses || n2 < minResponses || n1 === 0 || n2 === 0;
    suppressed[u] = small ? 1 : 0;
    for (let j = 0; j < needCount; j++) {
      const at = u * needCount + j;
      const x1 = before.needCounts[at]!;
      const x2 = after.needCounts[at]!;
      const p1 = n1 > 0 ? x1 / n1 : 0;
      const p2 = n2 > 0 ? x2 / n2 : 0;
      change[at] = p2 - p1;
      if (small) continue;
      const test = twoProportionZTest(x1, n1, x2, n2);
      z[at] = test.z;
      pValue[at] = test.pValue;
    }
  }
  return { unitIds: before.unitIds, needIds: before.needIds, unitCount, needCount, change, z, pValue, suppressed, minResponses };
}

/**
 * Pooled two-proportion z-test of x₁/n₁ against x₂/n₂; z > 0 when the second proportion is larger.
 * @example twoProportionZTest(40, 100, 60, 100) → { z: 2.828…, pValue: 0.00468 }
 */
export function twoProportionZTest(x1: number, n1: number, x2: number, n2: number): { z: number; pValue: number } {
  if (!(n1 > 0 && n2 > 0)) return { z: 0, pValue: 1 };
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (!(se > 0)) return { z: 0, pValue: 1 };
  const z = (x2 / n2 - x1 / n1) / se;
  return { z, pValue: normalTwoSidedP(z) };
}

import { describe, expect, it } from 'vitest';
import { RATE_INPUTS, standardisedRates } from '../../src/analysis/rateInput';

// Three units, two needs. Unit 0: 4 answers, rates 0.5 and 0.25; unit 1: no answers; unit 2: 100 answers, 0.2 and 0.2.
const agg = { unitCount: 3, needCount: 2, responses: Uint32Array.of(4, 0, 100), needRates: Float64Array.of(0.5, 0.25, 0, 0, 0.2, 0.2) };
// Town means 0.3 and 0.2; between-unit variances A = 0.01 and 0.
const smoothing = { groupCount: 1, groupMeans: Float64Array.of(0.3, 0.2), groupVariances: Float64Array.of(0.01, 0) };

describe('standardisedRates (Assunção & Reis 1999, binomial variance)', () => {
  it('one need: z = (r − m) / √(A + m(1 − m)/n)', () => {
    const z = standardisedRates(agg, smoothing, Float64Array.of(1, 0));
    // Unit 0: (0.5 − 0.3) / √(0.01 + 0.21/4) = 0.2 / √0.0625 = 0.2 / 0.25 = 0.8.
    expect(z[0]).toBeCloseTo(0.8, 12);
    // Unit 1 has no answers: 0, the mean.
    expect(z[1]).toBe(0);
    // Unit 2: (0.2 − 0.3) / √(0.01 + 0.21/100) = −0.1 / 0.11 = −0.90909…
    expect(z[2]).toBeCloseTo(-0.1 / 0.11, 12);
  });

  it('an index: numerator Σ w (r − m), variance Σ w² (A + m(1 − m)/n)', () => {
    const z = standardisedRates(agg, smoothing, Float64Array.of(0.5, 0.5));
    // Unit 0: 0.5·0.2 + 0.5·0.05 = 0.125; 0.25·0.0625 + 0.25·(0 + 0.16/4) = 0.015625 + 0.01 = 0.025625.
    expect(z[0]).toBeCloseTo(0.125 / Math.sqrt(0.025625), 12);
    expect(z[0]).toBeCloseTo(0.78087, 5);
    // Unit 2: 0.5·(−0.1) + 0.5·0 = −0.05; 0.25·0.0121 + 0.25·0.0016 = 0.003425.
    expect(z[2]).toBeCloseTo(-0.05 / Math.sqrt(0.003425), 12);
  });

  it('a need with no variance at all gives 0, not NaN; wrong inputs are refused', () => {
    const flat = { groupCount: 1, groupMeans: Float64Array.of(0, 0), groupVariances: Float64Array.of(0, 0) };
    expect(Array.from(standardisedRates(agg, flat, Float64Array.of(0, 1)))).toEqual([0, 0, 0]);
    expect(() => standardisedRates(agg, { ...smoothing, groupCount: 2 }, Float64Array.of(1, 0))).toThrow(RangeError);
    expect(() => standardisedRates(agg, smoothing, Float64Array.of(1))).toThrow(/one weight per need column/);
    expect(RATE_INPUTS).toEqual(['empiricalBayes', 'standardised', 'raw']);
  });
});

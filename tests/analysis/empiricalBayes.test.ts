import { describe, expect, it } from 'vitest';
import { smoothRatesEmpiricalBayes } from '../../src/analysis/empiricalBayes';
import { aggregatesFromCounts } from './aggregatesFixture';

describe('smoothRatesEmpiricalBayes (Marshall 1991, binomial variance)', () => {
  it('shrinks by hand: units 0/2, 5/10, 30/40', () => {
    const agg = aggregatesFromCounts([{ n: 2, x: { housing: 0 } }, { n: 10, x: { housing: 5 } }, { n: 40, x: { housing: 30 } }], { needIds: ['housing'] });
    // m = 35/52 = 0.673077; s² = (2·0.673077² + 10·0.173077² + 40·0.076923²)/52 = 1.442308/52 = 0.027737
    // n̄ = 52/3 = 17.333; m(1 − m) = 0.220044; A = 0.027737 − 0.220044/17.333 = 0.015042
    // C₁ = A / (A + 0.220044/2) = 0.120274 → r̃₁ = 0.673077 − 0.120274·0.673077 = 0.592123
    // C₂ = A / (A + 0.220044/10) = 0.406057 → r̃₂ = 0.673077 + 0.406057·(0.5 − 0.673077) = 0.602799
    // C₃ = A / (A + 0.220044/40) = 0.732220 → r̃₃ = 0.673077 + 0.732220·0.076923 = 0.729401
    const m = 35 / 52;
    const s2 = (2 * m * m + 10 * (0.5 - m) ** 2 + 40 * (0.75 - m) ** 2) / 52;
    const A = s2 - (m * (1 - m)) / (52 / 3);
    const C = [2, 10, 40].map((n) => A / (A + (m * (1 - m)) / n));
    const { rates, weights, groupMeans, groupVariances } = smoothRatesEmpiricalBayes(agg);
    expect(groupMeans[0]).toBeCloseTo(0.673077, 6);
    expect(groupVariances[0]).toBeCloseTo(A, 12);
    expect(A).toBeCloseTo(0.015042, 5);
    expect(Array.from(weights)).toEqual(C.map((c) => expect.closeTo(c, 12)));
    expect(rates[0]).toBeCloseTo(0.592123, 5);
    expect(rates[1]).toBeCloseTo(0.602799, 5);
    expect(rates[2]).toBeCloseTo(0.729401, 5);
    // The small unit moves most: |r̃ − r| largest for n = 2.
    expect(Math.abs(rates[0]! - 0)).toBeGreaterThan(Math.abs(rates[2]! - 0.75));
  });

  it('pulls everything to the mean when rates vary no more than sampling noise (A = 0)', () => {
    const agg = aggregatesFromCounts([{ n: 10, x: { health: 5 } }, { n: 10, x: { health: 5 } }, { n: 10, x: { health: 6 } }], { needIds: ['health'] });
    const { rates, weights } = smoothRatesEmpiricalBayes(agg);
    for (let u = 0; u < 3; u++) {
      expect(weights[u]).toBe(0);
      expect(rates[u]).toBeCloseTo(16 / 30, 12);
    }
  });

  it('smooths toward each group mean, gives empty units the mean and keeps 0 % groups at 0', () => {
    const agg = aggregatesFromCounts(
      [{ n: 20, x: { safety: 10 } }, { n: 0, x: {} }, { n: 20, x: { safety: 0 } }, { n: 30, x: { safety: 0 } }],
      { needIds: ['safety'] },
    );
    const { rates } = smoothRatesEmpiricalBayes(agg, { groupOfUnit: Int32Array.of(0, 0, 1, 1) });
    expect(rates[1]).toBeCloseTo(0.5, 12); // no responses: group 0's mean 10/20
    expect(rates[2]).toBe(0);
    expect(rates[3]).toBe(0);
    expect(rates.every(Number.isFinite)).toBe(true);
  });
});

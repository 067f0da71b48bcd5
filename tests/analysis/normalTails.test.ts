import { describe, expect, it } from 'vitest';
import { erfc, normalCdf, normalTwoSidedP, normalUpperTail, Z_95 } from '../../src/analysis/normal';

// Accuracy of normal.ts's erfc (series A&S 7.1.6 below 2, continued fraction A&S 7.1.14 above), which
// Gi* p-values and Benjamini–Hochberg rely on. (normal.test.ts holds the table checks of its API.)
// Reference values from scipy.stats.norm 1.17 (cdf / 2·sf, Cephes ndtr: full double precision).
const CDF_REFERENCE: [z: number, phi: number][] = [
  [0, 0.5],
  [0.1, 0.539827837277029],
  [0.5, 0.6914624612740131],
  [1, 0.8413447460685429],
  [1.96, 0.9750021048517795],
  [2.2, 0.9860965524865014],
  [3, 0.9986501019683699],
  [3.9, 0.9999519036559824],
  [-3, 0.0013498980316300933],
  [-5, 2.866515718791933e-7],
  [-8, 6.22096057427174e-16],
  [-10, 7.61985302416047e-24],
  [-20, 2.7536241186061556e-89],
];

describe('normalCdf accuracy', () => {
  it('gives Φ(1.96) = 0.9750021048517795 and Φ(1.959963984540054) = 0.975, both to 1e-15', () => {
    // "1.96 → 0.975" is a rounding: Φ(1.96) exceeds 0.975 by 2.1e−6; the exact 97.5 % point is Z_95.
    expect(Math.abs(normalCdf(1.96) - 0.9750021048517795)).toBeLessThan(1e-15);
    expect(Math.abs(normalCdf(Z_95) - 0.975)).toBeLessThan(1e-15);
    expect(Math.abs(normalCdf(1.96) - 0.975)).toBeLessThan(3e-6);
  });

  it.each(CDF_REFERENCE)('Φ(%d) matches scipy to relative 1e-13', (z, phi) => {
    expect(Math.abs(normalCdf(z) - phi) / phi).toBeLessThan(1e-13);
  });

  it('is monotone and symmetric: Φ(−z) + Φ(z) = 1', () => {
    let previous = 0;
    for (let z = -8; z <= 8; z += 0.01) {
      const phi = normalCdf(z);
      expect(phi).toBeGreaterThanOrEqual(previous);
      previous = phi;
      expect(normalCdf(-z) + phi).toBeCloseTo(1, 14);
    }
  });

  it('joins the series (x < 2) and the continued fraction (x ≥ 2) without a step', () => {
    expect(erfc(2)).toBeCloseTo(0.004677734981047266, 16); // scipy.special.erfc(2)
    expect(erfc(2 - 1e-12)).toBeGreaterThan(erfc(2));
    expect(Math.abs(erfc(2 - 1e-12) - erfc(2)) / erfc(2)).toBeLessThan(1e-10);
  });
});

describe('two-sided p-values in the tail', () => {
  it('p(1.96) = 2·(1 − 0.9750021048517795) = 0.04999579029644087; p(2.5758293035489) = 0.01', () => {
    expect(normalTwoSidedP(1.96)).toBeCloseTo(0.04999579029644087, 14);
    expect(normalTwoSidedP(-1.96)).toBe(normalTwoSidedP(1.96));
    expect(normalTwoSidedP(2.5758293035489)).toBeCloseTo(0.01, 12);
    expect(normalTwoSidedP(6) / 1.973175290075389e-9).toBeCloseTo(1, 12);
    expect(normalUpperTail(3)).toBeCloseTo(0.0013498980316300933, 16);
    expect(normalTwoSidedP(0)).toBe(1);
  });

  it('treats NaN and infinity sensibly', () => {
    expect(erfc(Number.NaN)).toBeNaN();
    expect(erfc(Infinity)).toBe(0);
    expect(erfc(-Infinity)).toBe(2);
  });
});

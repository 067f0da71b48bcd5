import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile, normalTwoSidedP, normalUpperTail, Z_95 } from '../../src/analysis/normal';

describe('standard normal', () => {
  it('matches table values', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(Z_95)).toBeCloseTo(0.975, 7);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 6);
    expect(normalTwoSidedP(1.644854)).toBeCloseTo(0.1, 6);
    expect(normalTwoSidedP(2.575829)).toBeCloseTo(0.01, 6);
    expect(normalUpperTail(6) / 9.865876e-10).toBeCloseTo(1, 5); // relative accuracy holds in the far tail
    expect(normalTwoSidedP(NaN)).toBe(1);
  });

  it('quantile inverts the CDF', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.995)).toBeCloseTo(2.575829, 5);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 7);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { NO_CLASS, quantileClassBreaks, quantileSorted } from '../../src/analysis/exploreClassBreaks';

describe('quantile class breaks (Hyndman & Fan type 7)', () => {
  it('six values 0 … 0.5: h = 5p lands on order statistics, edges are the values', () => {
    const { edges, classOfUnit } = quantileClassBreaks(Float64Array.of(0.5, 0, 0.1, 0.2, 0.3, 0.4, NaN));
    expect(edges).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5]);
    // classes (e_c, e_c+1], the first closed: 0 and 0.1 → 0; 0.2 → 1; 0.3 → 2; 0.4 → 3; 0.5 → 4
    expect(Array.from(classOfUnit)).toEqual([4, 0, 0, 1, 2, 3, NO_CLASS]);
  });

  it('interpolates between order statistics: 1, 2, 3, 4 → 20 % quantile at h = 0.6 → 1.6', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.2)).toBeCloseTo(1.6, 12);
    expect(quantileClassBreaks([4, 3, 2, 1]).edges.map((e) => Math.round(e * 10) / 10)).toEqual([1, 1.6, 2.2, 2.8, 3.4, 4]);
  });

  it('ties stay together: seven zeros and three positive values', () => {
    const { edges, classOfUnit } = quantileClassBreaks([0, 0, 0, 0, 0, 0, 0, 0.1, 0.2, 0.3]);
    // h = 9p: 20 % → x(1.8) = 0, 40 % → x(3.6) = 0, 60 % → x(5.4) = 0, 80 % → x(7.2) = 0.1 + 0.2·0.1 = 0.12
    expect(edges.slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(edges[4]).toBeCloseTo(0.12, 12);
    expect(Array.from(classOfUnit)).toEqual([0, 0, 0, 0, 0, 0, 0, 3, 4, 4]);
  });

  it('nothing shown: no edges, every unit without a class', () => {
    expect(quantileClassBreaks([NaN, NaN])).toEqual({ edges: [], classOfUnit: Uint8Array.of(NO_CLASS, NO_CLASS) });
  });
});

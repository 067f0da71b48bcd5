import { describe, expect, it } from 'vitest';
import { distinctClassBreaks, NO_CLASS, quantileClassBreaks, quantileSorted } from '../../src/analysis/exploreClassBreaks';
import { seededRandom } from './seededRandom';

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

describe('distinctClassBreaks: legend classes that never repeat', () => {
  it('many zeros make one "0 %" class, not three "0–0 %" ones (the issue-13 hexagon case)', () => {
    // 12 zeros and 8 positive rates (n = 20, h = 19p): quantiles at 20/40/60/80 % are x₃.₈ = 0, x₇.₆ = 0,
    // x₁₁.₄ = 0 + 0.4 · 0.04 = 0.016 and x₁₅.₂ = 0.2; snapped down to values: 0, 0, 0, 0.2 → uppers 0, 0.2, then the
    // maximum 0.5. Three classes: {0}, (0, 0.2], (0.2, 0.5] — the old rule gave edges 0, 0, 0, 0.016, 0.2, 0.5.
    const values = [...new Array(12).fill(0), 0.04, 0.05, 0.1, 0.2, 0.2, 0.25, 0.5, 0.5, NaN];
    expect(quantileClassBreaks(values).edges.map((e) => Math.round(e * 1000) / 1000)).toEqual([0, 0, 0, 0.016, 0.2, 0.5]);
    const b = distinctClassBreaks(values);
    expect(b.edges).toEqual([0, 0, 0.2, 0.5]);
    expect(b.classCount).toBe(3);
    expect(b.classSizes).toEqual([12, 5, 3]);
    expect(b.classMin).toEqual([0, 0.04, 0.25]);
    expect(b.classMax).toEqual([0, 0.2, 0.5]);
    expect(b.classOfUnit[20]).toBe(NO_CLASS);
  });

  it('few distinct values: one class each; one value: one class; none: no class', () => {
    const b = distinctClassBreaks([0.2, 0, 0.2, 0.4]);
    expect(b.classCount).toBe(3);
    expect(Array.from(b.classOfUnit)).toEqual([1, 0, 1, 2]);
    expect(distinctClassBreaks([0.3, 0.3]).classCount).toBe(1);
    expect(distinctClassBreaks([NaN]).classCount).toBe(0);
  });

  it('property: classes are non-empty, ordered, never overlap, equal values share a class', () => {
    const random = seededRandom(8);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(random() * 60);
      const levels = 1 + Math.floor(random() * 12);
      const values = Array.from({ length: n }, () => (random() < 0.1 ? NaN : Math.floor(random() * levels) / levels));
      const b = distinctClassBreaks(values);
      for (let c = 0; c < b.classCount; c++) {
        expect(b.classSizes[c]).toBeGreaterThan(0);
        if (c > 0) expect(b.classMin[c]!).toBeGreaterThan(b.classMax[c - 1]!);
      }
      values.forEach((v, i) => values.forEach((w, j) => {
        if (v === w && Number.isFinite(v)) expect(b.classOfUnit[i]).toBe(b.classOfUnit[j]);
      }));
      expect(b.classCount).toBeLessThanOrEqual(5);
    }
  });
});

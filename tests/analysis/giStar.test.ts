import { describe, expect, it } from 'vitest';
import { getisOrdGiStar, giBinFromPValue, giBinFromQValue, hotSpotsForUnits } from '../../src/analysis/giStar';
import { UNIT_SUPPRESSED } from '../../src/analysis/unitAggregates';
import { seededRandom } from './seededRandom';

/**
 * 3 × 3 grid, 100 m apart, unit i = row · 3 + col, row 0 at the top:
 *     1 6 2
 *     7 9 8
 *     3 5 4
 * n = 9, X̄ = 45/9 = 5, Σx² = 285, S² = 285/9 − 25 = 20/3, S = 2.58199.
 */
const XS = Float64Array.of(0, 100, 200, 0, 100, 200, 0, 100, 200);
const YS = Float64Array.of(200, 200, 200, 100, 100, 100, 0, 0, 0);
const VALUES = Float64Array.of(1, 6, 2, 7, 9, 8, 3, 5, 4);
const S = Math.sqrt(20 / 3);

describe('getisOrdGiStar on the 3 × 3 grid, computed by hand', () => {
  // permutations: 0 — these check the z formula and its normal p-value (ArcGIS's); permutation p-values are tested
  // in permutationInference.test.ts.
  it('rook weights (distance band 100 m, self included), normal approximation', () => {
    const r = getisOrdGiStar(XS, YS, VALUES, { weights: { kind: 'distanceBand', thresholdMeters: 100 }, permutations: 0 });
    // Centre: neighbours 6, 7, 8, 5 and itself 9 → Σwx = 35, Σw = Σw² = 5.
    //   numerator = 35 − 5·5 = 10;  denominator = S·√((9·5 − 5²)/8) = √(20/3)·√2.5 = √(50/3) = 4.08248
    //   z = 10 / √(50/3) = √6 = 2.449490;  p = erfc(√6/√2) = erfc(√3) = 0.014305878435429648 (scipy)
    expect(r.zScores[4]).toBeCloseTo(Math.sqrt(6), 12);
    expect(r.pValues[4]).toBeCloseTo(0.014305878435429648, 12);
    expect(r.giBin[4]).toBe(2); // 0.01 ≤ p < 0.05 → 95 % hot spot
    // Corner (top left, value 1): neighbours 6, 7 and itself → Σwx = 14, Σw = Σw² = 3.
    //   numerator = 14 − 3·5 = −1;  denominator = S·√((27 − 9)/8) = 2.58199·1.5 = 3.87298;  z = −1/√15 = −0.258199
    expect(r.zScores[0]).toBeCloseTo(-1 / Math.sqrt(15), 12);
    expect(r.pValues[0]).toBeCloseTo(0.7962534147376392, 12);
    expect(r.giBin[0]).toBe(0);
    expect(Array.from(r.neighbourCounts)).toEqual([3, 4, 3, 4, 5, 4, 3, 4, 3]);
    expect(r.unitsComputed).toBe(9);
    expect(r.diagnostics).toEqual([]);
  });

  it('queen weights (distance band 150 m): the centre sees everyone, so its z is 0', () => {
    const r = getisOrdGiStar(XS, YS, VALUES, { weights: { kind: 'distanceBand', thresholdMeters: 150 }, permutations: 0 });
    // Centre: Σw = Σw² = 9 → n Σw² − (Σw)² = 81 − 81 = 0: no test possible, z = 0 by definition here.
    expect(r.zScores[4]).toBe(0);
    expect(r.pValues[4]).toBe(1);
    // Corner 0: 1 + 6 + 7 + 9 = 23, Σw = 4 → numerator 23 − 20 = 3; denominator S·√((36 − 16)/8) = √(50/3)
    //   z = 3/√(50/3) = 3√6/10 = 0.734847;  p = 0.4624327264504764
    expect(r.zScores[0]).toBeCloseTo((3 * Math.sqrt(6)) / 10, 12);
    expect(r.pValues[0]).toBeCloseTo(0.4624327264504764, 12);
  });

  it('k = 4 nearest gives the centre the rook answer; row standardisation does not change z for equal-size rows', () => {
    const knn = getisOrdGiStar(XS, YS, VALUES, { weights: { kind: 'kNearest', k: 4 } });
    expect(knn.zScores[4]).toBeCloseTo(Math.sqrt(6), 12);
    // Row-standardised: w = 1/5 each → Σwx = 7, Σw = 1, Σw² = 1/5:
    //   (7 − 5) / (S·√((9/5 − 1)/8)) = 2 / (2.58199·0.316228) = 2/0.816497 = √6 — the statistic is scale-free per row.
    const standardised = getisOrdGiStar(XS, YS, VALUES, { weights: { kind: 'kNearest', k: 4, rowStandardise: true } });
    expect(standardised.zScores[4]).toBeCloseTo(Math.sqrt(6), 12);
  });

  it('excludes NaN (suppressed) units from n, X̄, S and from every neighbourhood', () => {
    const withGap = VALUES.slice();
    withGap[8] = Number.NaN; // bottom-right cell suppressed
    const r = getisOrdGiStar(XS, YS, withGap, { weights: { kind: 'distanceBand', thresholdMeters: 100 } });
    expect(r.computed[8]).toBe(0);
    expect(r.zScores[8]).toBe(0);
    expect(r.pValues[8]).toBe(1);
    expect(r.giBin[8]).toBe(0);
    expect(r.unitsComputed).toBe(8);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['units_not_computed']);
    // Now n = 8, values 1 6 2 7 9 8 3 5: X̄ = 41/8 = 5.125, Σx² = 269, S² = 269/8 − 5.125² = 33.625 − 26.265625 = 7.359375.
    // Centre: 6 + 7 + 8 + 5 + 9 = 35, Σw = Σw² = 5 (its neighbour 4 at the bottom right was not a rook neighbour anyway).
    //   numerator = 35 − 5·5.125 = 9.375; denominator = √7.359375 · √((8·5 − 25)/7) = 2.712817 · 1.463850 = 3.971128 → z = 2.360773
    const expected = 9.375 / (Math.sqrt(7.359375) * Math.sqrt(15 / 7));
    expect(r.zScores[4]).toBeCloseTo(expected, 12);
    expect(expected).toBeCloseTo(2.360773, 5);
    // Unit 5 (value 8) lost its neighbour below: 2, 9, 8 → 19, Σw = 3 → (19 − 15.375) / (2.712817·√((24 − 9)/7))
    expect(r.neighbourCounts[5]).toBe(3);
    expect(r.zScores[5]).toBeCloseTo(3.625 / (Math.sqrt(7.359375) * Math.sqrt(15 / 7)), 12);
  });

  it('reports, never throws or emits NaN, for degenerate input', () => {
    const flat = getisOrdGiStar(XS, YS, new Float64Array(9).fill(0.3), { weights: { kind: 'kNearest', k: 4 } });
    expect(flat.diagnostics.map((d) => d.code)).toEqual(['no_variation']);
    expect(Array.from(flat.zScores)).toEqual(new Array(9).fill(0));
    const tiny = getisOrdGiStar(Float64Array.of(0, 1), Float64Array.of(0, 1), Float64Array.of(1, 2), { weights: { kind: 'kNearest', k: 4 } });
    expect(tiny.diagnostics.map((d) => d.code)).toEqual(['too_few_units']);
    const empty = getisOrdGiStar(new Float64Array(0), new Float64Array(0), new Float64Array(0), { weights: { kind: 'kNearest', k: 4 } });
    expect(empty.unitsComputed).toBe(0);
    const lonely = getisOrdGiStar(XS, YS, VALUES, { weights: { kind: 'distanceBand', thresholdMeters: 50 } });
    expect(lonely.diagnostics.map((d) => d.code)).toEqual(['isolated_units']);
    // Alone: z = (x − X̄) / (S·√((9 − 1)/8)) = (x − 5)/S; centre (9 − 5)/2.58199 = 1.549193
    expect(lonely.zScores[4]).toBeCloseTo(4 / S, 12);
    for (const r of [flat, tiny, empty, lonely]) expect(r.zScores.some(Number.isNaN)).toBe(false);
  });
});

describe('Gi_Bin classes as ArcGIS reports them', () => {
  it('raw p-value thresholds 0.01 / 0.05 / 0.10, signed by z', () => {
    expect(giBinFromPValue(2.6, 0.0093)).toBe(3);
    expect(giBinFromPValue(2.0, 0.0455)).toBe(2);
    expect(giBinFromPValue(1.7, 0.0891)).toBe(1);
    expect(giBinFromPValue(1.6, 0.1096)).toBe(0);
    expect(giBinFromPValue(-2.6, 0.0093)).toBe(-3);
    expect(giBinFromPValue(-1.96, 0.04999579)).toBe(-2);
    expect(giBinFromPValue(1.0, 0.1)).toBe(0); // p = 0.10 exactly is not < 0.10
  });

  it('FDR bins use q ≤ 0.01 / 0.05 / 0.10', () => {
    expect(giBinFromQValue(3, 0.01)).toBe(3);
    expect(giBinFromQValue(3, 0.0100001)).toBe(2);
    expect(giBinFromQValue(-3, 0.05)).toBe(-2);
    expect(giBinFromQValue(2, 0.1)).toBe(1);
    expect(giBinFromQValue(2, 0.11)).toBe(0);
  });

  it('with FDR no unit is more significant than without, and q ≥ p (property on random fields)', () => {
    const random = seededRandom(9);
    for (let trial = 0; trial < 10; trial++) {
      const n = 50 + Math.floor(random() * 400);
      const xs = Float64Array.from({ length: n }, () => random() * 3000);
      const ys = Float64Array.from({ length: n }, () => random() * 3000);
      // a smooth trend plus noise makes real hot and cold spots
      const values = Float64Array.from({ length: n }, (_, i) => (random() < 0.05 ? Number.NaN : xs[i]! / 3000 + random() * 0.5));
      const before = values.slice();
      const r = getisOrdGiStar(xs, ys, values, { weights: { kind: 'kNearest', k: 8 } });
      const brute = getisOrdGiStar(xs, ys, values, { weights: { kind: 'kNearest', k: 8 }, search: 'bruteForce' });
      expect(brute.zScores).toEqual(r.zScores);
      expect(values).toEqual(before);
      for (let i = 0; i < n; i++) {
        expect(Math.abs(r.giBinFdr[i]!)).toBeLessThanOrEqual(Math.abs(r.giBin[i]!));
        expect(r.qValues[i]).toBeGreaterThanOrEqual(r.pValues[i]!);
        expect(Number.isNaN(r.zScores[i]!)).toBe(false);
        expect(r.computed[i]).toBe(Number.isNaN(values[i]!) ? 0 : 1);
      }
    }
  });
});

describe('hotSpotsForUnits', () => {
  it('leaves suppressed units out, exactly as NaN values would', () => {
    const flags = new Uint8Array(9);
    flags[8] = UNIT_SUPPRESSED;
    const agg = { unitCount: 9, centerXs: XS, centerYs: YS, flags };
    const viaFlags = hotSpotsForUnits(agg, VALUES, { weights: { kind: 'distanceBand', thresholdMeters: 100 } });
    const withNaN = VALUES.slice();
    withNaN[8] = Number.NaN;
    const viaNaN = getisOrdGiStar(XS, YS, withNaN, { weights: { kind: 'distanceBand', thresholdMeters: 100 } });
    expect(viaFlags.zScores).toEqual(viaNaN.zScores);
    expect(viaFlags.computed[8]).toBe(0);
    expect(VALUES[8]).toBe(4); // input untouched
  });
});

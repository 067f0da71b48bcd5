import { describe, expect, it } from 'vitest';
import { getisOrdGiStar } from '../../src/analysis/giStar';
import { conditionalPermutationTest, drawSubsetTable } from '../../src/analysis/permutationInference';
import { createSeededStream } from '../../src/analysis/seededStream';
import { buildSpatialWeights } from '../../src/analysis/spatialWeights';
import { seededRandom, shuffled } from './seededRandom';

/** The 3 × 3 grid of giStar.test.ts: values 1 6 2 / 7 9 8 / 3 5 4, 100 m apart. */
const XS = Float64Array.of(0, 100, 200, 0, 100, 200, 0, 100, 200);
const YS = Float64Array.of(200, 200, 200, 100, 100, 100, 0, 0, 0);
const VALUES = Float64Array.of(1, 6, 2, 7, 9, 8, 3, 5, 4);

describe('seededStream (xoshiro128**)', () => {
  it('is deterministic per seed and nextBelow covers [0, bound) evenly', () => {
    const a = createSeededStream(42);
    const b = createSeededStream(42);
    const c = createSeededStream(43);
    const first = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(first);
    const s = createSeededStream(7);
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[s.nextBelow(6)]++;
    // 10,000 expected per face, sd = √(60000 · 1/6 · 5/6) = 91: within 5 sd.
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(460);
  });
});

describe('drawSubsetTable', () => {
  it('every row is a subset of distinct indices in range; each index is drawn equally often', () => {
    const m = 10;
    const k = 3;
    const rows = 20_000;
    const table = drawSubsetTable(m, k, rows, 5);
    const counts = new Array(m).fill(0);
    let badRows = 0;
    for (let r = 0; r < rows; r++) {
      const row = Array.from(table.subarray(r * k, r * k + k));
      if (new Set(row).size !== k || row.some((v) => v < 0 || v >= m)) badRows++;
      for (const v of row) counts[v]++;
    }
    expect(badRows).toBe(0);
    // each index in a row with probability k/m = 0.3: 6,000 expected, sd = √(20000 · 0.3 · 0.7) = 65
    for (const count of counts) expect(Math.abs(count - 6000)).toBeLessThan(330);
  });
});

describe('conditional permutation test', () => {
  it('centre of the grid, rook neighbours: the exact permutation p is 1/70, the estimate is within Monte Carlo error', () => {
    // Neighbours of the centre (value 9) hold 6, 7, 8, 5: lag 26. The other 8 values are 1 … 8; of the C(8,4) = 70
    // ways to draw 4 of them only {5, 6, 7, 8} reaches 26, so P(L ≥ 26) = 1/70 = 0.0142857.
    const w = buildSpatialWeights(XS, YS, { kind: 'distanceBand', thresholdMeters: 100 }, { includeSelf: false });
    const R = 9999;
    const t = conditionalPermutationTest(VALUES, w, { permutations: R, seed: 3 });
    const expected = ((1 / 70) * R + 1) / (R + 1);
    const sd = Math.sqrt((1 / 70) * (69 / 70) / R);
    expect(t.lags[4]).toBe(26);
    expect(Math.abs(t.foldedPValues[4]! - expected)).toBeLessThan(4 * sd);
    // Two-sided, by distance from the permutation mean E = 4 · 36/8 = 18: |L − 18| ≥ 8 is a sum ≥ 26 or ≤ 10,
    // i.e. {5, 6, 7, 8} or {1, 2, 3, 4}: 2 of 70.
    const twoSided = ((2 / 70) * R + 1) / (R + 1);
    expect(Math.abs(t.pValues[4]! - twoSided)).toBeLessThan(4 * Math.sqrt(((2 / 70) * (68 / 70)) / R));
    expect(t.direction[4]).toBe(1);
    // Corner 0 (value 1), neighbours 6 and 7: lag 13 among 2-subsets of {2, …, 9}: sums ≥ 13 are
    // {4,9},{5,8},{5,9},{6,7},{6,8},{6,9},{7,8},{7,9},{8,9} = 9 of 28; ≤ 13 are 28 − 6 (those above 13) = 22.
    // The observed value sits in the upper part: folded p = P(L ≥ 13) = 9/28 = 0.321.
    expect(t.direction[0]).toBe(1);
    expect(Math.abs(t.foldedPValues[0]! - 9 / 28)).toBeLessThan(4 * Math.sqrt(((9 / 28) * (19 / 28)) / R));
  });

  it('the same seed gives the same p-values; a value tied with every draw is never significant', () => {
    const w = buildSpatialWeights(XS, YS, { kind: 'distanceBand', thresholdMeters: 100 }, { includeSelf: false });
    const a = conditionalPermutationTest(VALUES, w, { permutations: 499, seed: 11 });
    const b = conditionalPermutationTest(VALUES, w, { permutations: 499, seed: 11 });
    expect(b.foldedPValues).toEqual(a.foldedPValues);
    // All values 0.1 + 0.2 (= 0.30000000000000004) or 0.3: sums differ only by rounding, which must count as a tie.
    const flat = Float64Array.from({ length: 9 }, (_, i) => (i % 2 ? 0.1 + 0.2 : 0.3));
    const f = conditionalPermutationTest(flat, w, { permutations: 199, seed: 1 });
    for (let i = 0; i < 9; i++) {
      expect(f.pValues[i]).toBe(1);
      expect(f.direction[i]).toBe(0);
    }
  });

  it('Gi* p-values do not depend on the order of the units (property: shuffled input, same p per unit)', () => {
    const random = seededRandom(21);
    for (let trial = 0; trial < 5; trial++) {
      const side = 12;
      const n = side * side;
      const xs = Float64Array.from({ length: n }, (_, i) => (i % side) * 100);
      const ys = Float64Array.from({ length: n }, (_, i) => Math.floor(i / side) * 100);
      const values = Float64Array.from({ length: n }, (_, i) => Math.round((xs[i]! / 1200 + random()) * 10) / 10);
      const base = getisOrdGiStar(xs, ys, values, { weights: { kind: 'distanceBand', thresholdMeters: 150 }, permutations: 199, seed: 5 });
      const order = shuffled(Array.from({ length: n }, (_, i) => i), random);
      const pick = (a: Float64Array) => Float64Array.from(order, (i) => a[i]!);
      const moved = getisOrdGiStar(pick(xs), pick(ys), pick(values), { weights: { kind: 'distanceBand', thresholdMeters: 150 }, permutations: 199, seed: 5 });
      order.forEach((i, j) => {
        expect(moved.pValues[j]).toBe(base.pValues[i]);
        expect(moved.giBinFdr[j]).toBe(base.giBinFdr[i]);
      });
    }
  });
});

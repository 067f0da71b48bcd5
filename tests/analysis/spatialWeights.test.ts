import { describe, expect, it } from 'vitest';
import { buildSpatialWeights, type SpatialWeights } from '../../src/analysis/spatialWeights';
import { seededRandom } from './seededRandom';

/** 3 × 3 grid, 100 m apart, unit i = row · 3 + col, row 0 at the top (y = 200). */
const GRID_X = Float64Array.of(0, 100, 200, 0, 100, 200, 0, 100, 200);
const GRID_Y = Float64Array.of(200, 200, 200, 100, 100, 100, 0, 0, 0);

const row = (w: SpatialWeights, i: number) => Array.from(w.neighbours.subarray(w.offsets[i]!, w.offsets[i + 1]!));

describe('buildSpatialWeights', () => {
  it('distance band 100 m = rook contiguity plus self; 150 m = queen plus self', () => {
    const rook = buildSpatialWeights(GRID_X, GRID_Y, { kind: 'distanceBand', thresholdMeters: 100 });
    expect(row(rook, 4)).toEqual([1, 3, 4, 5, 7]);
    expect(row(rook, 0)).toEqual([0, 1, 3]);
    const queen = buildSpatialWeights(GRID_X, GRID_Y, { kind: 'distanceBand', thresholdMeters: 150 });
    expect(row(queen, 4)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(row(queen, 0)).toEqual([0, 1, 3, 4]); // the diagonal is √2 · 100 = 141.4 m
    const noSelf = buildSpatialWeights(GRID_X, GRID_Y, { kind: 'distanceBand', thresholdMeters: 100 }, { includeSelf: false });
    expect(row(noSelf, 4)).toEqual([1, 3, 5, 7]);
  });

  // Issue 13: a tie at the k-th distance is no longer cut by index (an arbitrary choice the planner never made):
  // every unit tied with the k-th is in, so corner 0 gets both 2 and 6 at 200 m.
  it('k nearest: centre → its 4 rook neighbours; corner 0 with k = 4 → 1, 3 (100 m), 4 (141 m), then both 2 and 6 (tied at 200 m)', () => {
    const knn = buildSpatialWeights(GRID_X, GRID_Y, { kind: 'kNearest', k: 4 });
    expect(row(knn, 4)).toEqual([1, 3, 4, 5, 7]);
    expect(row(knn, 0)).toEqual([0, 1, 2, 3, 4, 6]);
  });

  it('row standardisation makes every row sum to 1', () => {
    const w = buildSpatialWeights(GRID_X, GRID_Y, { kind: 'distanceBand', thresholdMeters: 100, rowStandardise: true });
    for (let i = 0; i < 9; i++) {
      let sum = 0;
      for (let e = w.offsets[i]!; e < w.offsets[i + 1]!; e++) sum += w.weights[e]!;
      expect(sum).toBeCloseTo(1, 15);
    }
    expect(w.weights[w.offsets[4]!]).toBeCloseTo(1 / 5, 15);
  });

  it('index and brute force build identical weights on random points (property), inputs untouched', () => {
    const random = seededRandom(5);
    for (let trial = 0; trial < 20; trial++) {
      const n = Math.floor(random() * 400);
      const xs = Float64Array.from({ length: n }, () => Math.round(random() * 40) * 25);
      const ys = Float64Array.from({ length: n }, () => Math.round(random() * 40) * 25);
      const copyX = xs.slice();
      const spec = trial % 2 ? ({ kind: 'kNearest', k: 1 + (trial % 9) } as const) : ({ kind: 'distanceBand', thresholdMeters: 30 + trial * 10 } as const);
      const a = buildSpatialWeights(xs, ys, spec);
      const b = buildSpatialWeights(xs, ys, spec, { search: 'bruteForce' });
      expect(a.offsets).toEqual(b.offsets);
      expect(a.neighbours).toEqual(b.neighbours);
      expect(xs).toEqual(copyX);
    }
  });

  it('rejects nonsense parameters (a caller bug)', () => {
    expect(() => buildSpatialWeights(GRID_X, GRID_Y, { kind: 'kNearest', k: 0 })).toThrow(RangeError);
    expect(() => buildSpatialWeights(GRID_X, GRID_Y, { kind: 'distanceBand', thresholdMeters: Number.NaN })).toThrow(RangeError);
  });
});

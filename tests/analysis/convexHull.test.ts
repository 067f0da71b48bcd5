import { describe, expect, it } from 'vitest';
import { convexHullIndices } from '../../src/analysis/convexHull';
import { seededRandom } from './seededRandom';

const cross = (ox: number, oy: number, ax: number, ay: number, bx: number, by: number) => (ax - ox) * (by - oy) - (ay - oy) * (bx - ox);

describe('convexHullIndices (monotone chain)', () => {
  it('a 2 m square with its centre and an edge midpoint → the 4 corners, counter-clockwise from (0, 0)', () => {
    // ids: 0 (0,0), 1 (2,0), 2 (2,2), 3 (0,2), 4 (1,1) inside, 5 (1,0) on the bottom edge (collinear, dropped)
    const xs = Float64Array.of(0, 2, 2, 0, 1, 1);
    const ys = Float64Array.of(0, 0, 2, 2, 1, 0);
    expect(Array.from(convexHullIndices(xs, ys))).toEqual([0, 1, 2, 3]);
    expect(Array.from(convexHullIndices(xs, ys, [4, 2, 5, 0]))).toEqual([0, 5, 2]); // a subset: triangle
  });

  it('degenerate input: one point, duplicates, collinear points', () => {
    expect(Array.from(convexHullIndices(Float64Array.of(3), Float64Array.of(4)))).toEqual([0]);
    expect(Array.from(convexHullIndices(Float64Array.of(3, 3), Float64Array.of(4, 4)))).toEqual([0]);
    expect(Array.from(convexHullIndices(Float64Array.of(5, 5, 5), Float64Array.of(1, 1, 1)))).toHaveLength(1);
    expect(Array.from(convexHullIndices(Float64Array.of(0, 1, 2, 3), Float64Array.of(0, 1, 2, 3)))).toEqual([0, 3]);
  });

  it('contains every point, turns left at every corner (property, random clouds)', () => {
    const random = seededRandom(21);
    for (let trial = 0; trial < 100; trial++) {
      const n = 3 + Math.floor(random() * 200);
      const grid = trial % 3 === 0; // many collinear and duplicate points
      const xs = Float64Array.from({ length: n }, () => (grid ? Math.floor(random() * 6) : random() * 100));
      const ys = Float64Array.from({ length: n }, () => (grid ? Math.floor(random() * 6) : random() * 100));
      const hull = convexHullIndices(xs, ys);
      const h = hull.length;
      if (h < 3) continue;
      for (let a = 0; a < h; a++) {
        const i = hull[a]!;
        const j = hull[(a + 1) % h]!;
        const k = hull[(a + 2) % h]!;
        expect(cross(xs[i]!, ys[i]!, xs[j]!, ys[j]!, xs[k]!, ys[k]!)).toBeGreaterThan(0); // strictly convex corner
        for (let p = 0; p < n; p++) expect(cross(xs[i]!, ys[i]!, xs[j]!, ys[j]!, xs[p]!, ys[p]!)).toBeGreaterThanOrEqual(0);
      }
    }
  });
});

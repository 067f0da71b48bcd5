import { describe, expect, it } from 'vitest';
import { dbscan, DBSCAN_NOISE, summariseDbscanClusters } from '../../src/analysis/dbscan';
import { createLocalProjection } from '../../src/analysis/localProjection';
import { seededRandom } from './seededRandom';

/**
 * Textbook DBSCAN (Ester et al. 1996, as in the usual pseudocode): O(n²) region queries by full scan, a seed
 * list, noise turned into border when reached. Written independently of src/analysis/dbscan.ts on purpose.
 */
function textbookDbscan(xs: number[], ys: number[], eps: number, minPts: number): number[] {
  const n = xs.length;
  const label: (number | undefined)[] = new Array(n).fill(undefined);
  const regionOf = (p: number) => xs.map((_, q) => q).filter((q) => (xs[q]! - xs[p]!) ** 2 + (ys[q]! - ys[p]!) ** 2 <= eps * eps);
  let c = 0;
  for (let p = 0; p < n; p++) {
    if (label[p] !== undefined) continue;
    const neighbours = regionOf(p);
    if (neighbours.length < minPts) {
      label[p] = -1;
      continue;
    }
    label[p] = c;
    const seeds = neighbours.filter((q) => q !== p);
    for (let s = 0; s < seeds.length; s++) {
      const q = seeds[s]!;
      if (label[q] === -1) label[q] = c;
      if (label[q] !== undefined) continue;
      label[q] = c;
      const qn = regionOf(q);
      if (qn.length >= minPts) seeds.push(...qn);
    }
    c++;
  }
  return label.map((l) => l!);
}

describe('dbscan', () => {
  it('finds two clusters, a border point and noise in a hand-made set (ε = 1.5 m, minPts = 3)', () => {
    // A: unit square (0,0) (1,0) (0,1) (1,1); every corner has ≥ 3 points within 1.5 m (itself, 2 at 1 m, 1 at 1.41 m) → core.
    // (2.5, 0): only (1, 0) at exactly 1.5 m and itself → 2 < 3, not core, but within ε of core (1, 0) → border of A.
    // B: (10,10) (11,10) (10,11): each sees the other two (1 m, 1 m or 1.41 m) → 3 → core. (50, 50): noise.
    const xs = Float64Array.of(0, 1, 0, 1, 2.5, 10, 11, 10, 50);
    const ys = Float64Array.of(0, 0, 1, 1, 0, 10, 10, 11, 50);
    const r = dbscan(xs, ys, 1.5, 3);
    expect(Array.from(r.labels)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, DBSCAN_NOISE]);
    expect(Array.from(r.core)).toEqual([1, 1, 1, 1, 0, 1, 1, 1, 0]);
    expect(r.clusterCount).toBe(2);

    const projection = createLocalProjection(19, 50);
    const [a, b] = summariseDbscanClusters(xs, ys, r, projection);
    expect(a!.count).toBe(5);
    expect(a!.coreCount).toBe(4);
    // centroid of A: x = (0+1+0+1+2.5)/5 = 0.9, y = 2/5 = 0.4
    const [cx, cy] = projection.forward(...a!.centroid);
    expect(cx).toBeCloseTo(0.9, 9);
    expect(cy).toBeCloseTo(0.4, 9);
    // hull of A: (0,0) → (2.5,0) → (1,1) → (0,1), closed; (1,0) is on the bottom edge and dropped
    const ring = a!.hull!.coordinates[0]!.map(([lng, lat]) => projection.forward(lng!, lat!).map((v) => Math.round(v * 1e6) / 1e6));
    expect(ring).toEqual([[0, 0], [2.5, 0], [1, 1], [0, 1], [0, 0]]);
    expect(b!.count).toBe(3);
  });

  it('gives the same labels as the O(n²) textbook version on random data (property)', () => {
    const random = seededRandom(17);
    for (let trial = 0; trial < 30; trial++) {
      const n = Math.floor(random() * 250);
      const xs: number[] = [];
      const ys: number[] = [];
      // a few dense blobs plus scatter
      const blobs = Array.from({ length: 3 }, () => [random() * 500, random() * 500] as const);
      for (let i = 0; i < n; i++) {
        const blob = blobs[Math.floor(random() * 3)]!;
        const spread = random() < 0.7 ? 25 : 500;
        xs.push(Math.round((random() < 0.7 ? blob[0] : 0) + random() * spread));
        ys.push(Math.round((random() < 0.7 ? blob[1] : 0) + random() * spread));
      }
      const eps = 5 + random() * 20;
      const minPts = 1 + Math.floor(random() * 6);
      const fx = Float64Array.from(xs);
      const fy = Float64Array.from(ys);
      const fast = dbscan(fx, fy, eps, minPts);
      const brute = dbscan(fx, fy, eps, minPts, { search: 'bruteForce' });
      expect(Array.from(fast.labels)).toEqual(textbookDbscan(xs, ys, eps, minPts));
      expect(brute.labels).toEqual(fast.labels);
      expect(fx).toEqual(Float64Array.from(xs)); // input untouched
    }
  });

  it('treats NaN points as noise and survives empty input', () => {
    const r = dbscan(Float64Array.of(0, Number.NaN, 0), Float64Array.of(0, 0, 0.5), 1, 2);
    expect(Array.from(r.labels)).toEqual([0, DBSCAN_NOISE, 0]);
    expect(dbscan(new Float64Array(0), new Float64Array(0), 10, 3).clusterCount).toBe(0);
    expect(() => dbscan(new Float64Array(0), new Float64Array(0), -1, 3)).toThrow(RangeError);
  });
});

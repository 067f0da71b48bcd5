import { describe, expect, it } from 'vitest';
import { bruteForceNearest, buildPointIndex, NearestNeighbourSearch } from '../../src/analysis/nearestNeighbours';
import { seededRandom } from './seededRandom';

describe('NearestNeighbourSearch (kNN on kdbush)', () => {
  it('finds the 3 nearest on a hand-made line, ties by id', () => {
    // Points on the x axis at 0, 10, 20, 30, −10 (ids 0..4). From x = 0 excluding id 0:
    // distances 10 (id 1), 20 (id 2), 30 (id 3), 10 (id 4) → order (100, 1), (100, 4), (400, 2).
    const xs = Float64Array.of(0, 10, 20, 30, -10);
    const ys = new Float64Array(5);
    const search = new NearestNeighbourSearch(buildPointIndex(xs, ys, 2), 3);
    expect(search.query(0, 0, 0)).toBe(3);
    expect(Array.from(search.ids)).toEqual([1, 4, 2]);
    expect(Array.from(search.distancesSquared)).toEqual([100, 100, 400]);
    // maxDistance 15 m keeps only the two at 10 m
    expect(search.query(0, 0, 0, 15)).toBe(2);
  });

  it('equals the brute-force scan on random data, with duplicates and grid ties (property)', () => {
    const random = seededRandom(42);
    for (let trial = 0; trial < 40; trial++) {
      const n = 1 + Math.floor(random() * 300);
      const onGrid = trial % 2 === 0; // integer grid: many equal distances
      const xs = Float64Array.from({ length: n }, () => (onGrid ? Math.floor(random() * 12) * 50 : random() * 1000));
      const ys = Float64Array.from({ length: n }, () => (onGrid ? Math.floor(random() * 12) * 50 : random() * 1000));
      const k = 1 + Math.floor(random() * 12);
      const search = new NearestNeighbourSearch(buildPointIndex(xs, ys, 1 + Math.floor(random() * 8)), k);
      const ids = new Uint32Array(k);
      const d2 = new Float64Array(k);
      for (let q = 0; q < 30; q++) {
        const self = Math.floor(random() * n);
        const qx = q % 2 ? xs[self]! : random() * 1000;
        const qy = q % 2 ? ys[self]! : random() * 1000;
        const exclude = q % 2 ? self : -1;
        const found = search.query(qx, qy, exclude);
        const expected = bruteForceNearest(xs, ys, qx, qy, k, exclude, ids, d2);
        expect(found).toBe(expected);
        expect(Array.from(search.ids.subarray(0, found))).toEqual(Array.from(ids.subarray(0, expected)));
        expect(Array.from(search.distancesSquared.subarray(0, found))).toEqual(Array.from(d2.subarray(0, expected)));
      }
    }
  });

  it('returns nothing on an empty index and rejects k < 1', () => {
    const search = new NearestNeighbourSearch(buildPointIndex(new Float64Array(0), new Float64Array(0)), 4);
    expect(search.query(0, 0)).toBe(0);
    expect(() => new NearestNeighbourSearch(buildPointIndex(Float64Array.of(0), Float64Array.of(0)), 0)).toThrow(RangeError);
  });
});

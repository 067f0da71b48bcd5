import { area, featureCollection, intersect, polygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { overlappingAreas } from '../../src/analysis/areaOverlaps';
import type { SelectionGeometry } from '../../src/analysis/pointInArea';
import { seededRandom } from './seededRandom';

// Square metres per square degree at latitude 50° (the planar rule of areaOverlaps: a degree of latitude 111,320 m).
const M2_PER_DEG2 = 111_320 * 111_320 * Math.cos((50 * Math.PI) / 180);
const ring = (points: Array<[number, number]>): Array<[number, number]> => [...points, points[0]!];
const poly = (...rings: Array<Array<[number, number]>>): SelectionGeometry => ({ type: 'Polygon', coordinates: rings.map(ring) });
const box = (x: number, y: number, w: number, h = w): Array<[number, number]> => [[x, y], [x + w, y], [x + w, y + h], [x, y + h]];

describe('overlappingAreas: the shared ground of areas of one kind, exact along each scanline', () => {
  it('a triangle over a square: the analytic area of the shared part', () => {
    // Square 20–20.01 × 49.995–50.005; the triangle's right angle at (20.005, 49.995), legs 0.01. At height h above
    // the base the triangle spans 20.005 … 20.015 − h, of which the square keeps min(0.005, 0.01 − h): 0.005 × 0.005
    // below h = 0.005, then a triangle of 0.005² / 2 above, 3.75e-5 square degrees in all.
    const found = overlappingAreas([poly(box(20, 49.995, 0.01)), poly([[20.005, 49.995], [20.015, 49.995], [20.005, 50.005]])], { rows: 256 });
    expect(found).toHaveLength(1);
    const expected = 0.005 * 0.005 + (0.005 * 0.005) / 2;
    // Rows sample the triangle's slanted side only in y: within half a row's strip.
    expect(found[0]!.overlapSquareMeters / M2_PER_DEG2).toBeCloseTo(expected, 7);
  });

  it("respects holes: an estate in another's courtyard shares nothing; one over the courtyard's edge shares its part outside it", () => {
    const donut = poly(box(20, 49.99, 0.02), box(20.005, 49.995, 0.01));
    expect(overlappingAreas([donut, poly(box(20.006, 49.996, 0.004))])).toEqual([]);
    const [over] = overlappingAreas([donut, poly(box(20.012, 49.996, 0.006))], { rows: 128 });
    // 20.012–20.018 × 49.996–50.002, of which x < 20.015 lies in the hole: 0.003 × 0.006 shared.
    expect(over!.overlapSquareMeters / M2_PER_DEG2).toBeCloseTo(0.003 * 0.006, 8);
  });

  it('agrees with Turf (intersection polygon, then its area) on 60 random pentagons, within 2 % of each shared area', () => {
    const random = seededRandom(20261205);
    const shapes = Array.from({ length: 60 }, () => {
      const [cx, cy, r] = [20 + random() * 0.05, 50 + random() * 0.03, 0.003 + random() * 0.006];
      const angles = Array.from({ length: 5 }, (_, k) => ((k + random() * 0.8) / 5) * 2 * Math.PI);
      return ring(angles.map((a) => [cx + r * Math.cos(a) * (0.6 + random() * 0.4), cy + r * Math.sin(a) * (0.6 + random() * 0.4)] as [number, number]));
    });
    const found = overlappingAreas(shapes.map((s) => ({ type: 'Polygon', coordinates: [s] })), { rows: 256, minShare: 0 });
    const turfPairs: Array<[number, number, number]> = [];
    for (let i = 0; i < shapes.length; i++) {
      for (let j = i + 1; j < shapes.length; j++) {
        const shared = intersect(featureCollection([polygon([shapes[i]!]), polygon([shapes[j]!])]));
        if (shared) turfPairs.push([i, j, area(shared)]);
      }
    }
    expect(turfPairs.length).toBeGreaterThan(20); // not vacuous
    // Turf measures on the sphere, this on the plane at the pair's latitude; both agree for town-sized shapes.
    const ours = new Map(found.map((o) => [`${o.first}-${o.second}`, o.overlapSquareMeters]));
    for (const [i, j, m2] of turfPairs.filter(([, , m2]) => m2 > 1000)) {
      const value = ours.get(`${i}-${j}`);
      expect(value, `${i}-${j}`).toBeDefined();
      expect(Math.abs(value! - m2) / m2, `${i}-${j}`).toBeLessThan(0.02);
    }
    // And nothing Turf finds disjoint.
    const turfKeys = new Set(turfPairs.map(([i, j]) => `${i}-${j}`));
    for (const key of ours.keys()) expect(turfKeys.has(key), key).toBe(true);
  });
});

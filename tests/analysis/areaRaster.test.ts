import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon, multiPolygon, polygon } from '@turf/turf';
import { buildAreaRaster, countOverlappingPoints, locateArea, locateAreas, OUTSIDE_ALL_AREAS, overlapMemberships, pointInArea } from '../../src/analysis/areaRaster';
import { seededRandom } from './seededRandom';

type Ring = [number, number][];
const flat = (ring: Ring) => Float64Array.from(ring.flat());

/** A jagged star-like polygon around (cx, cy) with radius varying in [0.5, 1]·r. */
function jaggedRing(random: () => number, cx: number, cy: number, r: number, vertices: number): Ring {
  const ring: Ring = [];
  for (let k = 0; k < vertices; k++) {
    const angle = (2 * Math.PI * k) / vertices;
    const radius = r * (0.5 + 0.5 * random());
    ring.push([cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)]);
  }
  ring.push(ring[0]!);
  return ring;
}

describe('buildAreaRaster + locateArea', () => {
  it('places points in a square, its hole, and outside (hand case)', () => {
    const outer: Ring = [[0, 0], [100, 0], [100, 100], [0, 100], [0, 0]];
    const hole: Ring = [[40, 40], [40, 60], [60, 60], [60, 40], [40, 40]];
    const raster = buildAreaRaster([[flat(outer), flat(hole)], [flat([[200, 0], [300, 0], [300, 100], [200, 100], [200, 0]])]], { cellSizeMeters: 7 });
    expect(locateArea(raster, 10, 10)).toBe(0);
    expect(locateArea(raster, 50, 50)).toBe(OUTSIDE_ALL_AREAS); // in the hole
    expect(locateArea(raster, 250, 50)).toBe(1);
    expect(locateArea(raster, 150, 50)).toBe(OUTSIDE_ALL_AREAS); // between
    expect(locateArea(raster, -1e6, 50)).toBe(OUTSIDE_ALL_AREAS);
    expect(locateArea(raster, NaN, 50)).toBe(OUTSIDE_ALL_AREAS);
  });

  it('agrees with turf booleanPointInPolygon on random points, near-boundary points included', () => {
    const random = seededRandom(5);
    // 30 non-overlapping jagged polygons on a 6 × 5 lattice, some multipolygons with two parts, some with holes.
    const areas: Ring[][][] = [];
    for (let i = 0; i < 6; i++) {
      for (let j = 0; j < 5; j++) {
        const cx = i * 1000 + 500;
        const cy = j * 1000 + 500;
        const parts: Ring[][] = [[jaggedRing(random, cx, cy, 450, 20 + Math.floor(random() * 60))]];
        if ((i + j) % 4 === 0) parts[0]!.push([[cx - 50, cy - 50], [cx - 50, cy + 50], [cx + 50, cy + 50], [cx + 50, cy - 50], [cx - 50, cy - 50]]);
        if ((i + j) % 5 === 1) parts.push([jaggedRing(random, i * 1000 + 30, j * 1000 + 30, 20, 7)]);
        areas.push(parts);
      }
    }
    const raster = buildAreaRaster(areas.map((parts) => parts.flat().map(flat)), { cellSizeMeters: 25 });
    const turfShapes = areas.map((parts) => (parts.length === 1 ? polygon(parts[0]!) : multiPolygon(parts)).geometry);
    const bboxes = areas.map((parts) => {
      const xs = parts.flat(2).map((p) => p[0]);
      const ys = parts.flat(2).map((p) => p[1]);
      return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
    });
    const expected = (x: number, y: number) => {
      for (let a = 0; a < areas.length; a++) {
        const [x0, y0, x1, y1] = bboxes[a]!;
        if (x < x0! || x > x1! || y < y0! || y > y1!) continue;
        if (booleanPointInPolygon([x, y], turfShapes[a]!)) return a;
      }
      return OUTSIDE_ALL_AREAS;
    };
    const points: [number, number][] = [];
    for (let k = 0; k < 20_000; k++) points.push([random() * 6200 - 100, random() * 5200 - 100]);
    // Points within a centimetre of an edge, on both sides.
    for (const parts of areas) {
      for (const ring of parts.flat()) {
        for (let v = 0; v + 1 < ring.length; v++) {
          const [ax, ay] = ring[v]!;
          const [bx, by] = ring[v + 1]!;
          const t = random();
          const len = Math.hypot(bx - ax, by - ay);
          for (const offset of [-0.01, 0.01, -1e-5, 1e-5]) points.push([ax + t * (bx - ax) + (offset * -(by - ay)) / len, ay + t * (by - ay) + (offset * (bx - ax)) / len]);
        }
      }
    }
    const xs = Float64Array.from(points, (p) => p[0]);
    const ys = Float64Array.from(points, (p) => p[1]);
    const out = new Int32Array(points.length);
    locateAreas(raster, xs, ys, out);
    let mismatches = 0;
    for (let k = 0; k < points.length; k++) if (out[k] !== expected(xs[k]!, ys[k]!)) mismatches++;
    expect(points.length).toBeGreaterThan(25_000);
    expect(mismatches).toBe(0);
    expect(countOverlappingPoints(raster, xs, ys)).toBe(0);
  });

  it('gives a point where areas overlap the lower index first and every other area holding it as an overlap', () => {
    const a = flat([[0, 0], [100, 0], [100, 100], [0, 100], [0, 0]]);
    const b = flat([[50, 50], [150, 50], [150, 150], [50, 150], [50, 50]]);
    const c = flat([[60, 60], [90, 60], [90, 90], [60, 90], [60, 60]]);
    const raster = buildAreaRaster([[b], [a], [c]], { cellSizeMeters: 10 });
    expect(locateArea(raster, 75, 75)).toBe(0);
    expect(locateArea(raster, 25, 25)).toBe(1);
    const xs = Float64Array.of(75, 25, 120, 55, -5);
    const ys = Float64Array.of(75, 25, 120, 95, -5);
    expect(countOverlappingPoints(raster, xs, ys)).toBe(2);
    const first = new Int32Array(xs.length);
    locateAreas(raster, xs, ys, first);
    expect([...first]).toEqual([0, 1, 0, 0, OUTSIDE_ALL_AREAS]);
    const also = overlapMemberships(raster, xs, ys, first);
    // (75, 75) lies in b, a and c; (55, 95) in b and a; (25, 25) only in a, (120, 120) only in b.
    expect({ point: [...also.point], area: [...also.area] }).toEqual({ point: [0, 0, 3], area: [1, 2, 1] });
    // Areas that do not overlap give none.
    const apart = buildAreaRaster([[a], [flat([[200, 0], [300, 0], [300, 100], [200, 100], [200, 0]])]], { cellSizeMeters: 10 });
    const firstApart = new Int32Array(2);
    locateAreas(apart, Float64Array.of(50, 250), Float64Array.of(50, 50), firstApart);
    expect(overlapMemberships(apart, Float64Array.of(50, 250), Float64Array.of(50, 50), firstApart).point.length).toBe(0);
  });

  it('survives degenerate and self-intersecting rings without throwing (even-odd answer)', () => {
    const bowtie = flat([[0, 0], [100, 100], [100, 0], [0, 100], [0, 0]]);
    const line = flat([[0, 0], [10, 10], [0, 0]]); // fewer than 3 distinct vertices: ignored
    const withNaN = flat([[0, 0], [NaN, 5], [10, 0], [10, 10], [0, 10], [0, 0]]);
    const raster = buildAreaRaster([[bowtie], [line], [withNaN]], { cellSizeMeters: 5 });
    expect(locateArea(raster, 90, 50)).toBe(0); // right lobe of the bow tie
    expect(locateArea(raster, 50, 10)).toBe(OUTSIDE_ALL_AREAS); // between the lobes
    expect(pointInArea(raster, 1, 5, 4)).toBe(false);
    // The NaN vertex is dropped, leaving the square (0,0) (10,0) (10,10) (0,10); (5, 3) is below the bow tie's diagonal.
    expect(locateArea(raster, 5, 3)).toBe(2);
    const empty = buildAreaRaster([]);
    expect(locateArea(empty, 0, 0)).toBe(OUTSIDE_ALL_AREAS);
  });
});

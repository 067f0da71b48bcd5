import { pointInGeometry, polygonsOf, type SelectionGeometry } from './pointInArea';
import { geometryAreaSquareMeters } from './revitalisationLimits';

/**
 * Areas of one kind that share ground, not only a boundary: two estates drawn over each other, a district twice. Such
 * an overlap puts the households living there in two areas of one layer, which the map and the server must then
 * agree on; the area import names both (issue 14). Estimated by sampling: a grid of `samplesPerSide`² points over the
 * intersection of the two bounding boxes, each point tested against both areas (the product's one point-in-area rule,
 * pointInArea.ts). A pair is reported when the shared part is at least `minShare` of the smaller area, so slivers
 * between neighbours digitised a little apart (a fraction of a metre along a shared street) are not.
 * O(pairs with touching boxes × samplesPerSide² × vertices). Pure; geometries are read, never modified.
 */

export interface AreaOverlap {
  /** Indexes into the geometries given, first < second. */
  first: number;
  second: number;
  /** The shared part, estimated, m². */
  overlapSquareMeters: number;
}

const METERS_PER_DEGREE = 111_320;

function bounds(geometry: SelectionGeometry): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const rings of polygonsOf(geometry)) {
    for (const p of rings[0] ?? []) {
      const [x, y] = [p[0]!, p[1]!];
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  return [minX, minY, maxX, maxY];
}

/**
 * @example overlappingAreas([square(0, 0, 100 m), square(50 m, 0, 100 m)]) → [{ first: 0, second: 1, overlapSquareMeters: ≈5000 }]
 */
export function overlappingAreas(geometries: readonly SelectionGeometry[], options: { minShare?: number; samplesPerSide?: number } = {}): AreaOverlap[] {
  const minShare = options.minShare ?? 0.01;
  const n = options.samplesPerSide ?? 64;
  const boxes = geometries.map(bounds);
  const areas = geometries.map((g) => geometryAreaSquareMeters(g));
  const found: AreaOverlap[] = [];
  for (let i = 0; i < geometries.length; i++) {
    const [ax0, ay0, ax1, ay1] = boxes[i]!;
    for (let j = i + 1; j < geometries.length; j++) {
      const [bx0, by0, bx1, by1] = boxes[j]!;
      const x0 = Math.max(ax0, bx0);
      const y0 = Math.max(ay0, by0);
      const x1 = Math.min(ax1, bx1);
      const y1 = Math.min(ay1, by1);
      if (!(x1 > x0 && y1 > y0)) continue;
      const dx = (x1 - x0) / n;
      const dy = (y1 - y0) / n;
      let hits = 0;
      for (let r = 0; r < n; r++) {
        const lat = y0 + (r + 0.5) * dy;
        for (let c = 0; c < n; c++) {
          const lng = x0 + (c + 0.5) * dx;
          if (pointInGeometry(lng, lat, geometries[i]!) && pointInGeometry(lng, lat, geometries[j]!)) hits++;
        }
      }
      if (hits === 0) continue;
      const cellSquareMeters = dx * METERS_PER_DEGREE * Math.cos(((y0 + y1) / 2) * (Math.PI / 180)) * dy * METERS_PER_DEGREE;
      const overlapSquareMeters = hits * cellSquareMeters;
      if (overlapSquareMeters >= minShare * Math.min(areas[i]!, areas[j]!)) found.push({ first: i, second: j, overlapSquareMeters });
    }
  }
  return found;
}

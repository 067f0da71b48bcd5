import type { Position } from '../../src/domain/geometry';

/** Test helpers: point in a [lng, lat] ring or polygon, even–odd ray casting (the rings are small: planar is exact enough). */
export function ringContains(ring: readonly Position[] | readonly number[][], [x, y]: readonly number[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi! > y! !== yj! > y! && x! < ((xj! - xi!) * (y! - yi!)) / (yj! - yi!) + xi!) inside = !inside;
  }
  return inside;
}

export const polygonContains = (g: { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] }, p: readonly number[]): boolean =>
  (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).some((poly) => ringContains(poly[0]!, p) && !poly.slice(1).some((hole) => ringContains(hole, p)));

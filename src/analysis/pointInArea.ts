import type { MultiPolygonGeometry, PolygonGeometry } from '../domain/geometry';

/**
 * The one point-in-area rule of the product: even–odd ray casting, a point is in an area when it lies inside an outer
 * ring and in none of that polygon's holes. Area aggregation (areaRaster.ts), the panels' household tallies
 * (workspaceIndex.ts), wave targets, revitalisation limits and the area import's parent districts all use it, so a
 * point is in the same areas on every screen. Planar in degrees: fine at a town's scale. Pure, O(vertices).
 */

export type Ring = readonly (readonly number[])[];
export type SelectionGeometry = PolygonGeometry | MultiPolygonGeometry;

export const polygonsOf = (g: SelectionGeometry): readonly (readonly Ring[])[] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);

/** Even–odd ray casting on one ring (planar in degrees: fine at a town's scale). */
function inRing(lng: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = [ring[i]![0]!, ring[i]![1]!];
    const [xj, yj] = [ring[j]![0]!, ring[j]![1]!];
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** True when [lng, lat] lies inside the geometry (inside an outer ring and in none of its holes). */
export function pointInGeometry(lng: number, lat: number, geometry: SelectionGeometry): boolean {
  for (const rings of polygonsOf(geometry)) {
    if (rings.length === 0 || !inRing(lng, lat, rings[0]!)) continue;
    if (!rings.slice(1).some((hole) => inRing(lng, lat, hole))) return true;
  }
  return false;
}


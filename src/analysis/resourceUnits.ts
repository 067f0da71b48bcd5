import { locateArea, overlapMemberships, type AreaRaster, type OverlapMemberships } from './areaRaster';
import { DEFAULT_HEX_SIZE_METERS, hexCellOf, hexKey } from './hexGrid';
import type { ResourcePoints } from './resourceCoverage';
import { nearestSegment, type SegmentIndex } from './segmentIndex';
import { DEFAULT_MAX_SNAP_DISTANCE_METERS } from './streetAssignment';
import type { UnitAggregates } from './unitAggregates';

/**
 * The further areas each resource stands in where areas of the layer overlap (resourceCoverage's `alsoInUnits`: at
 * 0 m from each of them too), beside unitOfEachResource's first. Null for other kinds of unit.
 */
export function furtherAreasOfEachResource(points: ResourcePoints, unitOfResource: Int32Array, raster: AreaRaster | undefined): OverlapMemberships | null {
  return raster ? overlapMemberships(raster, points.xs, points.ys, unitOfResource) : null;
}

/**
 * The unit each resource stands in, for resourceCoverage's `unitOfResource` (a resource in a unit is at 0 m from
 * it): the area containing it (the lowest index where areas overlap: furtherAreasOfEachResource gives the others),
 * the hexagon containing it, or the street it stands on (nearest segment within the 60 m an answer snaps over,
 * streetAssignment.ts). −1 where none. O(resources) lookups.
 */
export function unitOfEachResource(
  points: ResourcePoints,
  agg: Pick<UnitAggregates, 'kind' | 'unitCount' | 'hexKeys' | 'hexSizeMeters'>,
  where: { raster?: AreaRaster; segmentIndex: SegmentIndex; segmentUnit: Uint32Array },
): Int32Array {
  const n = points.xs.length;
  const out = new Int32Array(n).fill(-1);
  if (agg.kind === 'area' && where.raster) {
    for (let r = 0; r < n; r++) out[r] = locateArea(where.raster, points.xs[r]!, points.ys[r]!);
  } else if (agg.kind === 'hex' && agg.hexKeys) {
    const unitOfKey = new Map<number, number>();
    agg.hexKeys.forEach((key, u) => unitOfKey.set(key, u));
    const size = agg.hexSizeMeters ?? DEFAULT_HEX_SIZE_METERS;
    for (let r = 0; r < n; r++) {
      const [q, rr] = hexCellOf(points.xs[r]!, points.ys[r]!, size);
      if (Number.isFinite(q) && Number.isFinite(rr)) out[r] = unitOfKey.get(hexKey(q, rr)) ?? -1;
    }
  } else if (agg.kind === 'street') {
    for (let r = 0; r < n; r++) {
      const s = nearestSegment(where.segmentIndex, points.xs[r]!, points.ys[r]!, DEFAULT_MAX_SNAP_DISTANCE_METERS);
      if (s >= 0) out[r] = where.segmentUnit[s]!;
    }
  }
  for (let r = 0; r < n; r++) if (out[r]! >= agg.unitCount) out[r] = -1;
  return out;
}

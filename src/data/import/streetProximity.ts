import type { Street } from '../../domain';

/**
 * How far a point is from the town's streets, for the coordinate / name cross-check of survey rows (issue 12).
 * Street lines are projected once to local metres (equirectangular about the town's mean latitude: over a town of
 * 20 km the error is well under 1 %), stored as flat Float64Arrays of segments, and bucketed in a uniform grid.
 * Build O(segments); `nearestStreets` O(segments in the 3×3 cells around the point); `distanceToStreet` O(segments of
 * that street). Does not mutate its inputs.
 */
export interface StreetProximity {
  /** Streets with a segment within `radiusMeters` of [lng, lat], nearest first, one entry per street id. */
  nearestStreets(lng: number, lat: number, radiusMeters: number): { streetId: string; distanceMeters: number }[];
  /** Distance in metres from [lng, lat] to the street's line; Infinity for an unknown id or a street with no segment. */
  distanceToStreet(streetId: string, lng: number, lat: number): number;
}

const METERS_PER_DEGREE = 111_320;

/**
 * @example
 * const near = buildStreetProximity(workspace.streets, 200);
 * near.nearestStreets(23.4712, 51.1302, 80) → [{ streetId: 'street-lubelska', distanceMeters: 21.4 }, …]
 */
export function buildStreetProximity(streets: readonly Street[], cellMeters = 200): StreetProximity {
  let latSum = 0;
  let latCount = 0;
  for (const street of streets) for (const line of street.geometry.coordinates) for (const p of line) { latSum += p[1]!; latCount++; }
  const lat0 = latCount ? latSum / latCount : 52;
  const kx = METERS_PER_DEGREE * Math.cos((lat0 * Math.PI) / 180);
  const ky = METERS_PER_DEGREE;

  let segmentCount = 0;
  for (const street of streets) for (const line of street.geometry.coordinates) segmentCount += Math.max(0, line.length - 1);
  const ax = new Float64Array(segmentCount);
  const ay = new Float64Array(segmentCount);
  const bx = new Float64Array(segmentCount);
  const by = new Float64Array(segmentCount);
  const owner = new Uint32Array(segmentCount);
  const ids: string[] = [];
  const segmentsOf = new Map<string, number[]>();
  const grid = new Map<string, number[]>();
  const cellKey = (cx: number, cy: number) => `${cx},${cy}`;
  let s = 0;
  streets.forEach((street, streetIndex) => {
    ids.push(street.id);
    const own = segmentsOf.get(street.id) ?? [];
    segmentsOf.set(street.id, own);
    for (const line of street.geometry.coordinates) {
      for (let j = 0; j + 1 < line.length; j++) {
        ax[s] = line[j]![0]! * kx;
        ay[s] = line[j]![1]! * ky;
        bx[s] = line[j + 1]![0]! * kx;
        by[s] = line[j + 1]![1]! * ky;
        owner[s] = streetIndex;
        own.push(s);
        // Every cell the segment's bounding box touches (segments of town streets are short, so few cells).
        const minCx = Math.floor(Math.min(ax[s]!, bx[s]!) / cellMeters);
        const maxCx = Math.floor(Math.max(ax[s]!, bx[s]!) / cellMeters);
        const minCy = Math.floor(Math.min(ay[s]!, by[s]!) / cellMeters);
        const maxCy = Math.floor(Math.max(ay[s]!, by[s]!) / cellMeters);
        if ((maxCx - minCx + 1) * (maxCy - minCy + 1) <= 10_000) {
          for (let cx = minCx; cx <= maxCx; cx++) {
            for (let cy = minCy; cy <= maxCy; cy++) {
              const k = cellKey(cx, cy);
              const list = grid.get(k);
              if (list) list.push(s);
              else grid.set(k, [s]);
            }
          }
        }
        s++;
      }
    }
  });

  /** Distance from (px, py) to segment i, metres. */
  function segmentDistance(i: number, px: number, py: number): number {
    const dx = bx[i]! - ax[i]!;
    const dy = by[i]! - ay[i]!;
    const length2 = dx * dx + dy * dy;
    let t = length2 === 0 ? 0 : ((px - ax[i]!) * dx + (py - ay[i]!) * dy) / length2;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    const qx = ax[i]! + t * dx - px;
    const qy = ay[i]! + t * dy - py;
    return Math.sqrt(qx * qx + qy * qy);
  }

  return {
    nearestStreets(lng, lat, radiusMeters) {
      const px = lng * kx;
      const py = lat * ky;
      const reach = Math.ceil(radiusMeters / cellMeters);
      const cx0 = Math.floor(px / cellMeters);
      const cy0 = Math.floor(py / cellMeters);
      const best = new Map<number, number>();
      for (let cx = cx0 - reach; cx <= cx0 + reach; cx++) {
        for (let cy = cy0 - reach; cy <= cy0 + reach; cy++) {
          for (const i of grid.get(cellKey(cx, cy)) ?? []) {
            const d = segmentDistance(i, px, py);
            if (d > radiusMeters) continue;
            const street = owner[i]!;
            const known = best.get(street);
            if (known === undefined || d < known) best.set(street, d);
          }
        }
      }
      return [...best.entries()].sort((a, b) => a[1] - b[1]).map(([street, d]) => ({ streetId: ids[street]!, distanceMeters: d }));
    },
    distanceToStreet(streetId, lng, lat) {
      const px = lng * kx;
      const py = lat * ky;
      let best = Infinity;
      for (const i of segmentsOf.get(streetId) ?? []) best = Math.min(best, segmentDistance(i, px, py));
      return best;
    },
  };
}

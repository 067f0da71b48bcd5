import type { Workspace } from '../../domain';
import { collectPositions } from './geojsonFile';

/**
 * How far a file's records lie from the town the workspace is about: a file of another town (a neighbouring gmina's
 * register, a national list of NGOs, an export in the wrong workspace) is stopped with a question, never merged
 * silently (area import, tabular import: `far_from_town`). Positions are [lng, lat] in degrees.
 */

/** Beyond this distance between the file's centre and the town's, the import asks first. */
export const FAR_FROM_TOWN_KM = 30;

/** The mean position, or null for none. */
export function centre(points: ReadonlyArray<readonly [number, number]>): [number, number] | null {
  if (points.length === 0) return null;
  let lng = 0;
  let lat = 0;
  for (const [x, y] of points) {
    lng += x;
    lat += y;
  }
  return [lng / points.length, lat / points.length];
}

/**
 * The median longitude and the median latitude: a file of the town with a few points read wrongly (another country,
 * 0,0) still has its centre in the town. Null for none. O(n log n).
 */
export function medianCentre(points: ReadonlyArray<readonly [number, number]>): [number, number] | null {
  if (points.length === 0) return null;
  const middle = (values: number[]): number => {
    values.sort((a, b) => a - b);
    const mid = values.length >> 1;
    return values.length % 2 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
  };
  return [middle(points.map((p) => p[0])), middle(points.map((p) => p[1]))];
}

/** Great-circle distance in km (haversine, R = 6371 km). */
export function distanceKm(a: readonly [number, number], b: readonly [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLng = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Where the workspace's town is: the mean of its address points, or of its street vertices, or of its areas' corners; null for an empty workspace. */
export function townCentre(workspace: Pick<Workspace, 'addresses' | 'streets' | 'areas'>): [number, number] | null {
  if (workspace.addresses.length) return centre(workspace.addresses.map((a) => [a.location.coordinates[0], a.location.coordinates[1]] as const));
  const streetPoints = workspace.streets.flatMap((s) => s.geometry.coordinates.flatMap((line) => line));
  if (streetPoints.length) return centre(streetPoints as Array<[number, number]>);
  return centre(collectPositions(workspace.areas.map((a, index) => ({ index, geometry: a.geometry, properties: {} }))));
}

/** The distance in whole km from the town to the file's points when it exceeds FAR_FROM_TOWN_KM, else null (also when either has no position). */
export function farFromTownKm(workspace: Pick<Workspace, 'addresses' | 'streets' | 'areas'>, fileCentre: readonly [number, number] | null): number | null {
  const here = townCentre(workspace);
  if (!here || !fileCentre) return null;
  const km = distanceKm(here, fileCentre);
  return km > FAR_FROM_TOWN_KM ? Math.round(km) : null;
}

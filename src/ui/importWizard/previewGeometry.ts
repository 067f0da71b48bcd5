import type { FeatureCollection, LineString, MultiLineString, Point } from 'geojson';

/** [west, south, east, north] in degrees. */
export type Bounds = [number, number, number, number];

/** About 2 km around the town in degrees at Polish latitudes: points on the edge of town still count as in it. */
const TOWN_MARGIN_DEG = 0.03;

export interface PreviewFit {
  /** Points drawn (finite positions). */
  total: number;
  /** Of them, inside the town's bounds (with a small margin). */
  inTown: number;
  /** Where the points are: [west, south, east, north], or undefined when there are none. */
  bounds: Bounds | undefined;
}

/**
 * How many planned points land in the town: the number that makes a wrong coordinate system obvious in words
 * (UX.md: the map has a text summary). `points` is [lng, lat] pairs. Pure; O(points).
 * @example previewFit(Float64Array.of(19.3, 50.15, 12.1, 47.8), [19.28, 50.13, 19.33, 50.17]) → { total: 2, inTown: 1, … }
 */
export function previewFit(points: Float64Array, town: Bounds | undefined): PreviewFit {
  let inTown = 0;
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const total = points.length / 2;
  for (let i = 0; i < points.length; i += 2) {
    const lng = points[i]!;
    const lat = points[i + 1]!;
    if (lng < w) w = lng;
    if (lng > e) e = lng;
    if (lat < s) s = lat;
    if (lat > n) n = lat;
    if (town && lng >= town[0] - TOWN_MARGIN_DEG && lng <= town[2] + TOWN_MARGIN_DEG && lat >= town[1] - TOWN_MARGIN_DEG && lat <= town[3] + TOWN_MARGIN_DEG) inTown++;
  }
  return { total, inTown, bounds: total > 0 ? [w, s, e, n] : undefined };
}

/** The smallest box holding both (either may be absent). */
export function unionBounds(a: Bounds | undefined, b: Bounds | undefined): Bounds | undefined {
  if (!a) return b;
  if (!b) return a;
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

/** The preview's points as GeoJSON for the map source. Coordinates outside the valid range are dropped (MapLibre refuses them). */
export function pointsCollection(points: Float64Array): FeatureCollection<Point> {
  const features: FeatureCollection<Point>['features'] = [];
  for (let i = 0; i < points.length; i += 2) {
    const lng = points[i]!;
    const lat = points[i + 1]!;
    if (Math.abs(lng) > 180 || Math.abs(lat) > 85) continue;
    features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [lng, lat] }, properties: {} });
  }
  return { type: 'FeatureCollection', features };
}

export function linesCollection(lines: ReadonlyArray<ReadonlyArray<[number, number]>>): FeatureCollection<LineString | MultiLineString> {
  return { type: 'FeatureCollection', features: lines.map((line) => ({ type: 'Feature', geometry: { type: 'LineString', coordinates: line.map(([x, y]) => [x, y]) }, properties: {} })) };
}

/**
 * The town is drawn in a local metric frame (x east, y north, metres) centred on the main crossroads,
 * then converted to WGS84 [lng, lat] rounded to 6 decimals (~0.1 m). Over 6 km the equirectangular
 * approximation errs by well under a metre, far below what a demo town needs.
 */
export type XY = [number, number];
export type LngLat = [number, number];

/** The main crossroads of Dębowo (al. Wolności × ul. Jana Pawła II). */
export const ORIGIN_LNG = 19.3;
export const ORIGIN_LAT = 50.15;

const phi = (ORIGIN_LAT * Math.PI) / 180;
/** Metres per degree at the origin latitude (series expansion of the WGS84 ellipsoid). */
export const METERS_PER_DEG_LAT = 111132.92 - 559.82 * Math.cos(2 * phi) + 1.175 * Math.cos(4 * phi);
export const METERS_PER_DEG_LNG = 111412.84 * Math.cos(phi) - 93.5 * Math.cos(3 * phi);

export const round6 = (v: number): number => Math.round(v * 1e6) / 1e6;

export function toLngLat(p: XY): LngLat {
  return [round6(ORIGIN_LNG + p[0] / METERS_PER_DEG_LNG), round6(ORIGIN_LAT + p[1] / METERS_PER_DEG_LAT)];
}

export function toXY(p: readonly number[]): XY {
  return [(p[0]! - ORIGIN_LNG) * METERS_PER_DEG_LNG, (p[1]! - ORIGIN_LAT) * METERS_PER_DEG_LAT];
}

/** A GeoJSON Point at a metric position. */
export const pointAt = (p: XY) => ({ type: 'Point' as const, coordinates: toLngLat(p) });

/** A GeoJSON Polygon from one metric ring: repeated positions dropped, closed, counter-clockwise as RFC 7946 asks. */
export function polygonAt(ring: readonly XY[]) {
  const coords: LngLat[] = [];
  for (const p of ring.map(toLngLat)) if (coords.length === 0 || !samePoint(coords[coords.length - 1]!, p)) coords.push(p);
  if (samePoint(coords[0]!, coords[coords.length - 1]!)) coords.pop();
  if (signedArea(coords.map(toXY)) < 0) coords.reverse();
  coords.push(coords[0]!);
  return { type: 'Polygon' as const, coordinates: [coords] };
}

const samePoint = (a: XY, b: XY) => a[0] === b[0] && a[1] === b[1];

/** Shoelace formula; positive for counter-clockwise rings. */
export function signedArea(ring: readonly XY[]): number {
  let s = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i]!;
    const b = ring[(i + 1) % ring.length]!;
    s += a[0] * b[1] - b[0] * a[1];
  }
  return s / 2;
}

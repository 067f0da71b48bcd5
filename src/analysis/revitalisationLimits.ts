
/**
 * Limits of a revitalisation area (ustawa z dnia 9 października 2015 r. o rewitalizacji, art. 10 ust. 2): the area
 * may cover at most 20 % of the gmina's area and at most 30 % of its residents. A Local Activity Programme's target
 * is checked against the same limits, as the guide "Delimitacja obszarów zdegradowanych i rewitalizacji krok po
 * kroku" (MIiR 2016) advises.
 *
 * Residents: the workspace holds households per address, not persons. Residents = households × the average
 * household size; with one average size for the whole town the size cancels out of the share, so the resident
 * share IS the household share. The UI says so.
 *
 * Pure, GeoJSON [lng, lat] in; nothing is mutated.
 */

export const AREA_LIMIT_SHARE = 0.2;
export const RESIDENT_LIMIT_SHARE = 0.3;

/** WGS84 semi-major axis, metres (as Turf's `area` uses). */
const EARTH_RADIUS_METERS = 6378137;
const RAD = Math.PI / 180;

import type { MultiPolygonGeometry } from '../domain/geometry';
import { pointInGeometry, polygonsOf, type Ring, type SelectionGeometry } from './pointInArea';

export type { SelectionGeometry };

/**
 * Area of a ring on the sphere, m², unsigned: Chamberlain & Duquette (2007), "Some algorithms for polygons on a
 * sphere", eq. for the spherical excess (the formula of Turf's `area`). O(vertices).
 */
export function ringAreaSquareMeters(ring: Ring): number {
  const n = ring.length;
  if (n < 3) return 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const lower = ring[i]!;
    const middle = ring[(i + 1) % n]!;
    const upper = ring[(i + 2) % n]!;
    total += (upper[0]! * RAD - lower[0]! * RAD) * Math.sin(middle[1]! * RAD);
  }
  return Math.abs((total * EARTH_RADIUS_METERS * EARTH_RADIUS_METERS) / 2);
}

/** Area of a polygon or multipolygon, m² (holes subtracted). Parts of a multipolygon are assumed not to overlap. */
export function geometryAreaSquareMeters(geometry: SelectionGeometry): number {
  let area = 0;
  for (const rings of polygonsOf(geometry)) {
    rings.forEach((ring, i) => {
      area += i === 0 ? ringAreaSquareMeters(ring) : -ringAreaSquareMeters(ring);
    });
  }
  return Math.max(0, area);
}

/** Households at points (addresses): lngs[i], lats[i], households[i]. */
export interface HouseholdPoints {
  lngs: ArrayLike<number>;
  lats: ArrayLike<number>;
  households: ArrayLike<number>;
}

export interface RevitalisationCheck {
  areaSquareMeters: number;
  townAreaSquareMeters: number;
  /** areaSquareMeters / townAreaSquareMeters. */
  areaShare: number;
  households: number;
  townHouseholds: number;
  /** households / townHouseholds = the resident share under one average household size. */
  residentShare: number;
  areaWithinLimit: boolean;
  residentsWithinLimit: boolean;
  /** Both limits kept. */
  withinLimits: boolean;
}

/**
 * Checks a selection against art. 10 ust. 2: areaShare ≤ 20 % and residentShare ≤ 30 % (limits inclusive: "nie
 * więcej niż"). Town totals: its area in m², and households summed over every point. O(points × vertices).
 * @example revitalisationLimits(estate.geometry, { townAreaSquareMeters: 12e6, points }) // { areaShare: 0.04, … }
 */
export function revitalisationLimits(selection: SelectionGeometry, town: { townAreaSquareMeters: number; points: HouseholdPoints }): RevitalisationCheck {
  const areaSquareMeters = geometryAreaSquareMeters(selection);
  const { lngs, lats, households: counts } = town.points;
  let households = 0;
  let townHouseholds = 0;
  for (let i = 0; i < counts.length; i++) {
    const h = counts[i]!;
    if (!(h > 0)) continue;
    townHouseholds += h;
    if (pointInGeometry(lngs[i]!, lats[i]!, selection)) households += h;
  }
  const areaShare = town.townAreaSquareMeters > 0 ? areaSquareMeters / town.townAreaSquareMeters : NaN;
  const residentShare = townHouseholds > 0 ? households / townHouseholds : NaN;
  const areaWithinLimit = areaShare <= AREA_LIMIT_SHARE;
  const residentsWithinLimit = residentShare <= RESIDENT_LIMIT_SHARE;
  return {
    areaSquareMeters,
    townAreaSquareMeters: town.townAreaSquareMeters,
    areaShare,
    households,
    townHouseholds,
    residentShare,
    areaWithinLimit,
    residentsWithinLimit,
    withinLimits: areaWithinLimit && residentsWithinLimit,
  };
}

/** Merges polygons and multipolygons into one MultiPolygon (no dissolve: the parts are kept as they are). */
export function combineGeometries(geometries: readonly SelectionGeometry[]): SelectionGeometry | null {
  if (geometries.length === 0) return null;
  if (geometries.length === 1) return geometries[0]!;
  return { type: 'MultiPolygon', coordinates: geometries.flatMap((g) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates)) } as MultiPolygonGeometry;
}

/**
 * How many indicators (need rates) exceed the town's average, as "Delimitacja … krok po kroku" counts them. NaN
 * rates (suppressed, unknown) never count.
 */
export function indicatorsAboveAverage(rates: ArrayLike<number>, townAverageRates: ArrayLike<number>): number {
  let count = 0;
  for (let j = 0; j < rates.length; j++) if (rates[j]! > townAverageRates[j]!) count++;
  return count;
}

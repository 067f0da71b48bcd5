import proj4 from 'proj4';
import type { AxisOrder, CrsChoice, CrsCode } from '../../domain/importing';
import type { CrsGuess } from './importMessages';

/**
 * Coordinate systems of Polish data and their detection. Definitions are the EPSG ones as PROJ strings
 * (epsg.io/2180, epsg.io/2177): ETRS89 on GRS80, which equals WGS84 to well under 1 m for mapping (towgs84 = 0).
 */
export const CRS_DEFINITIONS: Readonly<Record<CrsCode, string>> = {
  'EPSG:4326': '+proj=longlat +datum=WGS84 +no_defs',
  'EPSG:3857': '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs',
  // PUWG 1992: one transverse Mercator zone for the whole country, central meridian 19°E, scale 0.9993.
  'EPSG:2180': '+proj=tmerc +lat_0=0 +lon_0=19 +k=0.9993 +x_0=500000 +y_0=-5300000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  // PUWG 2000, four 3°-wide zones: central meridians 15, 18, 21, 24°E, scale 0.999923, false easting
  // 5,500,000 … 8,500,000 (the zone number is the first digit of the easting, so only the right zone fits Poland).
  'EPSG:2176': '+proj=tmerc +lat_0=0 +lon_0=15 +k=0.999923 +x_0=5500000 +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  'EPSG:2177': '+proj=tmerc +lat_0=0 +lon_0=18 +k=0.999923 +x_0=6500000 +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  'EPSG:2178': '+proj=tmerc +lat_0=0 +lon_0=21 +k=0.999923 +x_0=7500000 +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  'EPSG:2179': '+proj=tmerc +lat_0=0 +lon_0=24 +k=0.999923 +x_0=8500000 +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
};

export const CRS_LABELS: Readonly<Record<CrsCode, string>> = {
  'EPSG:4326': 'WGS 84 longitude/latitude (GPS, OpenStreetMap, GeoJSON)',
  'EPSG:3857': 'Web Mercator (web maps)',
  'EPSG:2180': 'PUWG 1992 (EPSG:2180, national grid)',
  'EPSG:2176': 'PUWG 2000 zone 5 (EPSG:2176, 15°E)',
  'EPSG:2177': 'PUWG 2000 zone 6 (EPSG:2177, 18°E)',
  'EPSG:2178': 'PUWG 2000 zone 7 (EPSG:2178, 21°E)',
  'EPSG:2179': 'PUWG 2000 zone 8 (EPSG:2179, 24°E)',
};

/** Poland with a margin of about 40 km: where a centre's data must land. */
const POLAND = { minLng: 13.5, minLat: 48.6, maxLng: 24.7, maxLat: 55.3 } as const;
const inPoland = (lng: number, lat: number): boolean => lng >= POLAND.minLng && lng <= POLAND.maxLng && lat >= POLAND.minLat && lat <= POLAND.maxLat;

/**
 * PUWG 2000 is four 3°-wide zones; a reading that lands more than 2° (1.5° + margin) from its zone's central meridian
 * is a wrong zone or swapped axes, even when it falls inside Poland (Szczecin's numbers read swapped land near the
 * Slovak border).
 */
const ZONE_MERIDIAN: Partial<Record<CrsCode, number>> = { 'EPSG:2176': 15, 'EPSG:2177': 18, 'EPSG:2178': 21, 'EPSG:2179': 24 };
const inOwnZone = (code: CrsCode, lng: number): boolean => {
  const meridian = ZONE_MERIDIAN[code];
  return meridian === undefined || Math.abs(lng - meridian) <= 2;
};

/** A function from the file's numbers (in the file's order) to [lng, lat]; non-finite results mean "not representable". */
export type Reprojector = (first: number, second: number) => [number, number];

const round7 = (v: number): number => Math.round(v * 1e7) / 1e7; // ~1 cm: keeps files small, far below survey accuracy

/**
 * Builds the converter for a confirmed CRS choice. Output is [lng, lat] rounded to 7 decimals.
 * @example createReprojector({ code: 'EPSG:2180', axisOrder: 'xy' })(636960.47, 486964.37) → [21.006111, 52.231667]
 */
export function createReprojector(choice: CrsChoice): Reprojector {
  const swap = choice.axisOrder === 'yx';
  if (choice.code === 'EPSG:4326') {
    return swap ? (a, b) => [round7(b), round7(a)] : (a, b) => [round7(a), round7(b)];
  }
  const converter = proj4(CRS_DEFINITIONS[choice.code], CRS_DEFINITIONS['EPSG:4326']);
  return (a, b) => {
    const x = swap ? b : a;
    const y = swap ? a : b;
    if (!Number.isFinite(x) || !Number.isFinite(y)) return [Number.NaN, Number.NaN];
    try {
      const [lng, lat] = converter.forward([x, y]);
      return [round7(lng!), round7(lat!)];
    } catch {
      return [Number.NaN, Number.NaN]; // proj4 throws on some out-of-domain inputs
    }
  };
}

export interface CrsCandidate extends CrsChoice {
  /** high: every sampled point lands in Poland and no other system does as well; medium: it fits, but so does another; low: some points land outside. */
  confidence: 'high' | 'medium' | 'low';
  /** Share of sampled points that land in Poland, 0–1. */
  fitInPoland: number;
  /** Positions sampled to measure the fit. */
  sampled: number;
  /** English, for logs and tests (the UI words the candidate from its fields: crsGuess). */
  reason: string;
}

/** A candidate as a message names it. */
export function crsGuess(candidate: Pick<CrsCandidate, 'code' | 'axisOrder' | 'fitInPoland' | 'sampled'>): CrsGuess {
  return { crs: candidate.code, swapped: candidate.axisOrder === 'yx', inPoland: Math.round(candidate.fitInPoland * 100), sampled: candidate.sampled };
}

/** Preference among equally good fits: GeoJSON order first, then the national grid, then the rest. */
const PREFERENCE: readonly CrsChoice[] = [
  { code: 'EPSG:4326', axisOrder: 'xy' },
  { code: 'EPSG:2180', axisOrder: 'xy' },
  { code: 'EPSG:2176', axisOrder: 'xy' },
  { code: 'EPSG:2177', axisOrder: 'xy' },
  { code: 'EPSG:2178', axisOrder: 'xy' },
  { code: 'EPSG:2179', axisOrder: 'xy' },
  { code: 'EPSG:3857', axisOrder: 'xy' },
  // Swapped axes: PUWG 2000 data is often written northing first (the EPSG axis order), sometimes PUWG 1992 too.
  { code: 'EPSG:2176', axisOrder: 'yx' },
  { code: 'EPSG:2177', axisOrder: 'yx' },
  { code: 'EPSG:2178', axisOrder: 'yx' },
  { code: 'EPSG:2179', axisOrder: 'yx' },
  { code: 'EPSG:2180', axisOrder: 'yx' },
  { code: 'EPSG:4326', axisOrder: 'yx' },
];

const MAX_SAMPLE = 500;

/** Reads a GeoJSON `crs` member (`{ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::2180' } }`) → 'EPSG:2180'. */
export function crsFromMember(member: unknown): string | undefined {
  if (typeof member !== 'object' || member === null) return undefined;
  const name = (member as { properties?: { name?: unknown } }).properties?.name;
  if (typeof name !== 'string') return undefined;
  if (/CRS84$/i.test(name)) return 'EPSG:4326';
  const match = /EPSG:{1,2}(?:[\d.]*:)?(\d{4,5})$/i.exec(name.trim());
  return match ? `EPSG:${match[1]}` : undefined;
}

/**
 * Ranks the coordinate systems the numbers can be in, best first, each with the reason a user can check.
 * Every candidate (7 systems × axis orders) reprojects an even sample of at most 500 positions; the share landing in
 * Poland decides. A GeoJSON `crs` member (or a GML srsName as `{ properties: { name } }`) that names a supported system
 * puts it first, in `declaredAxisOrder` (GML's URN forms: northing first) when the numbers fit so. Empty when nothing fits.
 * O(n) to sample, O(500 · 7) to test.
 * @example detectCrs([[636960, 486964]]) → [{ code: 'EPSG:2180', axisOrder: 'xy', confidence: 'medium', … }, { code: 'EPSG:2180', axisOrder: 'yx', … }]
 */
export function detectCrs(positions: ArrayLike<readonly [number, number]>, crsMember?: unknown, declaredAxisOrder: AxisOrder = 'xy'): CrsCandidate[] {
  const sample: (readonly [number, number])[] = [];
  const step = Math.max(1, Math.floor(positions.length / MAX_SAMPLE));
  for (let i = 0; i < positions.length && sample.length < MAX_SAMPLE; i += step) {
    const p = positions[i]!;
    if (Number.isFinite(p[0]) && Number.isFinite(p[1])) sample.push(p);
  }
  const declared = crsFromMember(crsMember);
  const candidates: CrsCandidate[] = [];
  if (sample.length > 0) {
    for (const choice of PREFERENCE) {
      const project = createReprojector(choice);
      let fit = 0;
      for (const [a, b] of sample) {
        const [lng, lat] = project(a, b);
        if (inPoland(lng, lat) && inOwnZone(choice.code, lng)) fit++;
      }
      if (fit === 0) continue;
      candidates.push({ ...choice, confidence: 'low', fitInPoland: fit / sample.length, sampled: sample.length, reason: '' });
    }
  }
  // Stable sort keeps PREFERENCE order among equal fits.
  candidates.sort((a, b) => b.fitInPoland - a.fitInPoland);
  const [first, second] = candidates;
  for (const c of candidates) {
    const share = `${Math.round(c.fitInPoland * 100)}% of ${sample.length} sampled points land in Poland`;
    const order = c.axisOrder === 'yx' ? ' with the first number read as northing/latitude (swapped axes)' : '';
    c.reason = `${CRS_LABELS[c.code]}${order}: ${share}`;
    if (c.fitInPoland >= 0.99) c.confidence = c === first && (!second || second.fitInPoland < 0.99) ? 'high' : 'medium';
    else if (c.fitInPoland >= 0.9) c.confidence = 'medium';
  }
  if (declared) {
    const index = candidates.findIndex((c) => c.code === declared && c.axisOrder === declaredAxisOrder);
    if (index >= 0) {
      const [c] = candidates.splice(index, 1);
      c!.reason = `the file declares ${declared}; ${c!.reason}`;
      if (c!.fitInPoland >= 0.99) c!.confidence = 'high';
      candidates.unshift(c!);
    } else if ((Object.keys(CRS_DEFINITIONS) as string[]).includes(declared)) {
      const swapped = candidates.findIndex((c) => c.code === declared);
      if (swapped >= 0) {
        const [c] = candidates.splice(swapped, 1);
        c!.reason = `the file declares ${declared}, but its numbers fit only with swapped axes; ${c!.reason}`;
        candidates.unshift(c!);
      }
    }
  }
  return candidates;
}

/** Whether the best candidate is a safe default: it fits well and no different system fits as well. */
export function isConfidentGuess(candidates: readonly CrsCandidate[]): boolean {
  const [first, second] = candidates;
  if (!first || first.fitInPoland < 0.9) return false;
  return !second || second.code === first.code || second.fitInPoland < first.fitInPoland;
}

export const axisOrderLabel = (order: AxisOrder): string => (order === 'xy' ? 'easting/longitude first' : 'northing/latitude first');

import { z } from 'zod';

/**
 * The gmina's streets and addressed buildings fetched from OpenStreetMap through the Overpass API, instead of a file
 * downloaded by hand. The query selects the gmina by its TERYT code (OSM tags gminas with `teryt:terc`, the 7-digit
 * code the workspace already holds); the answer (Overpass JSON with `out geom`) becomes the same GeoJSON an OSM export
 * is, so it goes through the streets import unchanged (preview, checks, one commit).
 */

export const OVERPASS_URL = 'https://overpass-api.de/api/interpreter';

/** Overpass QL: named roads, buildings and address points inside the gmina with TERYT code `terc` (7 digits). */
export function overpassQuery(terc: string): string {
  if (!/^\d{7}$/.test(terc)) throw new Error(`a gmina TERYT code has 7 digits, not "${terc}"`);
  return [
    '[out:json][timeout:90];',
    `area["boundary"="administrative"]["teryt:terc"="${terc}"]->.gmina;`,
    '(',
    '  way["highway"]["name"](area.gmina);',
    '  way["building"]["addr:housenumber"](area.gmina);',
    '  node["addr:housenumber"](area.gmina);',
    ');',
    'out geom;',
  ].join('\n');
}

const LatLon = z.object({ lat: z.number().finite(), lon: z.number().finite() });
const Tags = z.record(z.string(), z.string()).optional();
const Element = z.discriminatedUnion('type', [
  z.object({ type: z.literal('node'), id: z.number(), lat: z.number().finite(), lon: z.number().finite(), tags: Tags }),
  z.object({ type: z.literal('way'), id: z.number(), geometry: z.array(LatLon.nullable()).optional(), tags: Tags }),
  z.object({ type: z.literal('relation'), id: z.number(), tags: Tags }),
]);
/** The answer of an Overpass `[out:json]` query (`remark` carries Overpass's own error, e.g. a timeout). */
export const OverpassResponse = z.object({ elements: z.array(z.unknown()), remark: z.string().optional() });

export interface OverpassConversion {
  /** A GeoJSON FeatureCollection (ids "way/123", "node/45"), as an Overpass GeoJSON export would be. */
  geojson: { type: 'FeatureCollection'; features: unknown[] };
  counts: { streets: number; buildings: number; addressPoints: number; skipped: number };
  /** Overpass's own remark (a timeout or memory error means the answer is incomplete). */
  remark?: string;
}

/**
 * Turns Overpass JSON (`out geom`) into GeoJSON features: named highways as LineStrings, addressed buildings as
 * Polygons (closed ways) with their tags, address nodes as Points. Elements with broken geometry are counted as
 * skipped, never guessed. Throws only when the text is not an Overpass answer at all (the caller shows why).
 */
export function overpassToGeoJson(json: unknown): OverpassConversion {
  const parsed = OverpassResponse.safeParse(json);
  if (!parsed.success) throw new Error('the answer is not Overpass JSON (no "elements" list)');
  const features: unknown[] = [];
  const counts = { streets: 0, buildings: 0, addressPoints: 0, skipped: 0 };
  for (const raw of parsed.data.elements) {
    const element = Element.safeParse(raw);
    if (!element.success) {
      counts.skipped++;
      continue;
    }
    const e = element.data;
    const tags = e.tags ?? {};
    if (e.type === 'node') {
      if (!tags['addr:housenumber']) continue;
      features.push({ type: 'Feature', id: `node/${e.id}`, properties: tags, geometry: { type: 'Point', coordinates: [e.lon, e.lat] } });
      counts.addressPoints++;
      continue;
    }
    if (e.type !== 'way') continue;
    const points = e.geometry ?? [];
    if (points.length < 2 || points.some((p) => p === null)) {
      counts.skipped++;
      continue;
    }
    const line = (points as Array<{ lat: number; lon: number }>).map((p) => [p.lon, p.lat]);
    if (tags.building && tags['addr:housenumber']) {
      const closed = line.length >= 4 && line[0]![0] === line.at(-1)![0] && line[0]![1] === line.at(-1)![1];
      if (!closed) {
        counts.skipped++;
        continue;
      }
      features.push({ type: 'Feature', id: `way/${e.id}`, properties: tags, geometry: { type: 'Polygon', coordinates: [line] } });
      counts.buildings++;
    } else if (tags.highway && tags.name) {
      features.push({ type: 'Feature', id: `way/${e.id}`, properties: tags, geometry: { type: 'LineString', coordinates: line } });
      counts.streets++;
    }
  }
  return { geojson: { type: 'FeatureCollection', features }, counts, ...(parsed.data.remark ? { remark: parsed.data.remark } : {}) };
}

/**
 * Asks Overpass for the gmina's streets and addresses. Rejects with a readable Error when offline, refused (429: too
 * many requests), or the answer is not Overpass JSON; an abort rejects with an AbortError.
 */
export async function fetchGminaFromOverpass(terc: string, options: { signal?: AbortSignal; url?: string; fetch?: typeof fetch } = {}): Promise<OverpassConversion> {
  const doFetch = options.fetch ?? fetch;
  const response = await doFetch(options.url ?? OVERPASS_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
    body: `data=${encodeURIComponent(overpassQuery(terc))}`,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (!response.ok) throw new Error(`OpenStreetMap (Overpass) answered ${response.status}${response.status === 429 ? ': too many requests, try again in a minute' : ''}`);
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new Error('OpenStreetMap (Overpass) sent an answer that is not JSON');
  }
  return overpassToGeoJson(json);
}

import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { createReprojector, CRS_DEFINITIONS, crsFromMember, detectCrs, isConfidentGuess } from '../../../src/data/import';

/** Distance in metres between two lon/lat points at Polish latitudes (equirectangular; fine below 1 km). */
function metresBetween([lng1, lat1]: [number, number], [lng2, lat2]: [number, number]): number {
  const latRad = ((lat1 + lat2) / 2) * (Math.PI / 180);
  return Math.hypot((lng1 - lng2) * 111_320 * Math.cos(latRad), (lat1 - lat2) * 110_574);
}

describe('reprojection with the EPSG definitions', () => {
  it('EPSG:2180 matches the published centre point of the CRS to < 1 m', () => {
    // Source: epsg.io/2180 (EPSG dataset via PROJ) lists "Center coordinates 509847.9 511024.24" (easting, northing) for the
    // centre of the WGS84 bounds 14.14–24.15 E, 49.0–55.93 N, i.e. (19.145 E, 52.465 N).
    const toLngLat = createReprojector({ code: 'EPSG:2180', axisOrder: 'xy' });
    expect(metresBetween(toLngLat(509847.9, 511024.24), [19.145, 52.465])).toBeLessThan(1);
    // Same page (onshore bounds 49.0–54.89 N): "509963.53 453203.74" ↔ (19.145 E, 51.945 N).
    expect(metresBetween(toLngLat(509963.53, 453203.74), [19.145, 51.945])).toBeLessThan(1);
  });

  it('EPSG:2180 hand check at the central meridian: 19°E maps to easting 500,000 m exactly', () => {
    // On the central meridian the transverse Mercator easting is the false easting: x_0 = 500000.
    const [easting] = proj4(CRS_DEFINITIONS['EPSG:4326'], CRS_DEFINITIONS['EPSG:2180']).forward([19, 52]);
    expect(easting).toBeCloseTo(500_000, 3);
  });

  it('Warsaw Palace of Culture (52.231667 N, 21.006111 E) lands in PUWG 1992 and back within 1 cm', () => {
    // Spire position 52°13′54″N 21°00′22″E (Wikipedia, "Pałac Kultury i Nauki"). No published PUWG 1992 value of the spire was
    // found to cite, so this checks the round trip and the magnitudes: ~137 km east of 19°E, ~487 km north of the y_0 origin.
    const forward = proj4(CRS_DEFINITIONS['EPSG:4326'], CRS_DEFINITIONS['EPSG:2180']);
    const [e, n] = forward.forward([21.006111, 52.231667]);
    expect(e).toBeGreaterThan(636_000);
    expect(e).toBeLessThan(638_000);
    expect(n).toBeGreaterThan(486_000);
    expect(n).toBeLessThan(488_000);
    expect(metresBetween(createReprojector({ code: 'EPSG:2180', axisOrder: 'xy' })(e!, n!), [21.006111, 52.231667])).toBeLessThan(0.01);
  });

  it('EPSG:2177 (zone 6) matches its published centre point, also when the axes are swapped', () => {
    // Source: epsg.io/2177 "Center coordinates 6578725.35 5757400.01" for (19.145 E, 51.945 N).
    expect(metresBetween(createReprojector({ code: 'EPSG:2177', axisOrder: 'xy' })(6578725.35, 5757400.01), [19.145, 51.945])).toBeLessThan(1);
    expect(metresBetween(createReprojector({ code: 'EPSG:2177', axisOrder: 'yx' })(5757400.01, 6578725.35), [19.145, 51.945])).toBeLessThan(1);
  });

  it('EPSG:3857: x = R·λ, so 19.145° E is 6378137 · 19.145 · π/180 = 2,131,207.6 m', () => {
    const x = (6378137 * 19.145 * Math.PI) / 180;
    const [lng] = createReprojector({ code: 'EPSG:3857', axisOrder: 'xy' })(x, 6_800_000);
    expect(lng).toBeCloseTo(19.145, 6);
  });
});

describe('detectCrs', () => {
  const chelmLngLat: [number, number][] = [[23.47, 51.13], [23.49, 51.14], [23.5, 51.15]];
  const to = (code: keyof typeof CRS_DEFINITIONS) => proj4(CRS_DEFINITIONS['EPSG:4326'], CRS_DEFINITIONS[code]);

  it('recognises WGS84 lon/lat with high confidence', () => {
    const [best] = detectCrs(chelmLngLat);
    expect(best).toMatchObject({ code: 'EPSG:4326', axisOrder: 'xy', confidence: 'high', fitInPoland: 1 });
    expect(isConfidentGuess(detectCrs(chelmLngLat))).toBe(true);
  });

  it('recognises lat/lon written the wrong way round', () => {
    expect(detectCrs(chelmLngLat.map(([a, b]) => [b, a] as [number, number]))[0]).toMatchObject({ code: 'EPSG:4326', axisOrder: 'yx' });
  });

  it('recognises EPSG:2180 and lists the swapped reading as an alternative', () => {
    const candidates = detectCrs(chelmLngLat.map((p) => to('EPSG:2180').forward(p) as [number, number]));
    expect(candidates[0]).toMatchObject({ code: 'EPSG:2180', axisOrder: 'xy' });
    expect(candidates.map((c) => `${c.code} ${c.axisOrder}`)).toContain('EPSG:2180 yx');
    expect(candidates[0]!.reason).toMatch(/PUWG 1992/);
  });

  it('recognises EPSG:2177 with northing first (the Gdańsk export trap) and EPSG:3857', () => {
    const gdansk: [number, number][] = [[18.65, 54.35], [18.6, 54.38]];
    const swapped = gdansk.map((p) => to('EPSG:2177').forward(p)).map(([e, n]) => [n!, e!] as [number, number]);
    expect(detectCrs(swapped)[0]).toMatchObject({ code: 'EPSG:2177', axisOrder: 'yx', confidence: 'high' });
    expect(detectCrs(gdansk.map((p) => to('EPSG:3857').forward(p) as [number, number]))[0]).toMatchObject({ code: 'EPSG:3857', axisOrder: 'xy' });
  });

  it('puts a declared crs member first and reads its URN', () => {
    expect(crsFromMember({ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::2180' } })).toBe('EPSG:2180');
    expect(crsFromMember({ type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } })).toBe('EPSG:4326');
    const points = chelmLngLat.map((p) => to('EPSG:2180').forward(p) as [number, number]);
    expect(detectCrs(points, { type: 'name', properties: { name: 'EPSG:2180' } })[0]!.reason).toMatch(/declares EPSG:2180/);
  });

  it('returns nothing for numbers that land nowhere in Poland', () => {
    expect(detectCrs([[0, 0], [1, 1]])).toEqual([]);
    expect(detectCrs([[Number.NaN, 5]])).toEqual([]);
  });
});

describe('PUWG 2000: all four zones', () => {
  // One town in each zone: Szczecin (zone 5, 15°E), Łódź (6, 18°E), Warszawa (7, 21°E), Lublin (8, 24°E).
  const towns = [
    { code: 'EPSG:2176', lng: 14.55, lat: 53.43 },
    { code: 'EPSG:2177', lng: 19.46, lat: 51.76 },
    { code: 'EPSG:2178', lng: 21.01, lat: 52.23 },
    { code: 'EPSG:2179', lng: 22.57, lat: 51.25 },
  ] as const;
  it('detects each zone from its numbers alone (the first digit of the easting is the zone), in either axis order', () => {
    for (const town of towns) {
      const forward = proj4(CRS_DEFINITIONS['EPSG:4326'], CRS_DEFINITIONS[town.code]);
      const points = Array.from({ length: 20 }, (_, i) => forward.forward([town.lng + (i % 5) * 0.01, town.lat + Math.floor(i / 5) * 0.01]) as [number, number]);
      // EPSG:2176 → zone 5 → eastings 5,xxx,xxx m … EPSG:2179 → zone 8.
      expect(Math.floor(points[0]![0] / 1_000_000)).toBe(Number(town.code.slice(-1)) - 1);
      const best = detectCrs(points)[0]!;
      expect({ code: best.code, axisOrder: best.axisOrder }).toEqual({ code: town.code, axisOrder: 'xy' });
      // Near a zone's edge the swapped reading can also land inside Poland's bounding box (Szczecin's numbers read
      // swapped fall near the Slovak border): then the guess is "medium" and the wizard asks to confirm it.
      expect(best.confidence).not.toBe('low');
      const swapped = detectCrs(points.map(([x, y]) => [y, x] as [number, number]))[0]!;
      expect({ code: swapped.code, axisOrder: swapped.axisOrder }).toEqual({ code: town.code, axisOrder: 'yx' });
      const back = createReprojector({ code: town.code, axisOrder: 'xy' })(points[0]![0], points[0]![1]);
      expect(back[0]).toBeCloseTo(town.lng, 6);
      expect(back[1]).toBeCloseTo(town.lat, 6);
    }
  });
});

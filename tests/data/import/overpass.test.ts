import { describe, expect, it } from 'vitest';
import { planImport } from '../../../src/data/import';
import { fetchGminaFromOverpass, overpassQuery, overpassToGeoJson } from '../../../src/data/import/overpass';
import { deepFreeze, emptyWorkspace } from './fixtures';

/** An Overpass `out geom` answer for a corner of Chełm, written by the test: Lwowska in two ways, a building, a node. */
function overpassAnswer() {
  const geom = (pts: Array<[number, number]>) => pts.map(([lon, lat]) => ({ lat, lon }));
  return {
    version: 0.6,
    generator: 'Overpass API',
    elements: [
      { type: 'way', id: 11, tags: { highway: 'secondary', name: 'Lwowska' }, geometry: geom([[23.47, 51.13], [23.475, 51.131]]) },
      { type: 'way', id: 12, tags: { highway: 'secondary', name: 'Lwowska' }, geometry: geom([[23.475, 51.131], [23.48, 51.132]]) },
      { type: 'way', id: 13, tags: { highway: 'residential', name: 'Aleja Armii Krajowej' }, geometry: geom([[23.47, 51.14], [23.48, 51.14]]) },
      { type: 'way', id: 14, tags: { building: 'apartments', 'addr:street': 'Lwowska', 'addr:housenumber': '12a', 'building:flats': '24' }, geometry: geom([[23.476, 51.1312], [23.4764, 51.1312], [23.4764, 51.1316], [23.476, 51.1316], [23.476, 51.1312]]) },
      { type: 'node', id: 15, lat: 51.1401, lon: 23.475, tags: { 'addr:street': 'Aleja Armii Krajowej', 'addr:housenumber': '3' } },
      { type: 'way', id: 16, tags: { highway: 'residential', name: 'Urwana' }, geometry: [{ lat: 51.1, lon: 23.4 }, null] },
      { type: 'way', id: 17, tags: { building: 'house', 'addr:street': 'Lwowska', 'addr:housenumber': '1' }, geometry: geom([[23.47, 51.13], [23.4702, 51.13], [23.4702, 51.1302]]) },
      { type: 'relation', id: 18, tags: { type: 'associatedStreet' } },
      { type: 'node', id: 19, lat: 51.13, lon: 23.47 },
    ],
  };
}

describe('streets and addresses from Overpass', () => {
  it('asks for the gmina by its TERYT code, and refuses a code that is not one', () => {
    expect(overpassQuery('0662011')).toContain('area["boundary"="administrative"]["teryt:terc"="0662011"]->.gmina;');
    expect(overpassQuery('0662011')).toContain('out geom;');
    expect(() => overpassQuery('066201"];node(1);')).toThrow(/7 digits/);
  });

  it('turns out-geom JSON into the GeoJSON of an OSM export; broken ways are counted, not guessed', async () => {
    const { geojson, counts } = overpassToGeoJson(overpassAnswer());
    expect(counts).toEqual({ streets: 3, buildings: 1, addressPoints: 1, skipped: 2 });
    expect(geojson.features.map((f) => (f as { id: string }).id)).toEqual(['way/11', 'way/12', 'way/13', 'way/14', 'node/15']);
    // The streets import reads it as it reads a downloaded export: Lwowska merged, the building and the node as addresses.
    const plan = await planImport('streets', JSON.stringify(geojson), { idPrefix: 't' }, deepFreeze(emptyWorkspace()), { fileName: 'overpass.geojson' });
    expect(plan.ok).toBe(true);
    expect(plan.records.streets.map((s) => `${s.prefix} ${s.name}`)).toEqual(['ul. Lwowska', 'al. Armii Krajowej']);
    expect(plan.records.addresses.map((a) => a.houseNumber).sort()).toEqual(['12A', '3']);
  });

  it('fetches with POST and says why it failed: refused, not Overpass, or an Overpass remark', async () => {
    const seen: Array<{ url: string; body: string }> = [];
    const reply = (status: number, body: string) => async (url: RequestInfo | URL, init?: RequestInit) => {
      seen.push({ url: String(url), body: String(init?.body) });
      return new Response(body, { status });
    };
    const ok = await fetchGminaFromOverpass('0662011', { fetch: reply(200, JSON.stringify({ ...overpassAnswer(), remark: 'runtime error: Query timed out' })) as typeof fetch });
    expect(ok.counts.streets).toBe(3);
    expect(ok.remark).toBe('runtime error: Query timed out');
    expect(seen[0]!.url).toBe('https://overpass-api.de/api/interpreter');
    expect(decodeURIComponent(seen[0]!.body.replace(/^data=/, ''))).toBe(overpassQuery('0662011'));
    await expect(fetchGminaFromOverpass('0662011', { fetch: reply(429, 'rate limited') as typeof fetch })).rejects.toThrow('answered 429: too many requests');
    await expect(fetchGminaFromOverpass('0662011', { fetch: reply(200, '<html>') as typeof fetch })).rejects.toThrow('not JSON');
    await expect(fetchGminaFromOverpass('0662011', { fetch: reply(200, '{"nodes":[]}') as typeof fetch })).rejects.toThrow('not Overpass JSON');
  });
});

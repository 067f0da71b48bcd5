import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { planAreaImport, suggestNameField } from '../../../src/data/import/areaImport';
import { CRS_DEFINITIONS } from '../../../src/data/import';
import type { Area, Workspace } from '../../../src/domain';
import { deepFreeze, townWorkspace } from './fixtures';
import { PRJ_2180, zippedShapefile, type ShapefilePolygon } from './shapefileZip';

const to2180 = proj4(CRS_DEFINITIONS['EPSG:4326'], CRS_DEFINITIONS['EPSG:2180']);

/** A square of side `size` degrees with its south-west corner at [lng, lat], as [lng, lat] corners. */
const square = (lng: number, lat: number, size: number): Array<[number, number]> => [[lng, lat], [lng + size, lat], [lng + size, lat + size], [lng, lat + size], [lng, lat]];

/** Three estates of Nowy Sącz, 0.01° squares side by side, names with Polish letters. */
const ESTATES = [
  { name: 'Osiedle Łąkowe', sw: [20.68, 49.61] as const },
  { name: 'Zielone Wzgórze', sw: [20.70, 49.61] as const },
  { name: 'Śródmieście', sw: [20.69, 49.625] as const },
];

function shapefilePolygons(project: (p: [number, number]) => [number, number]): ShapefilePolygon[] {
  return ESTATES.map((e, i) => ({ rings: [square(e.sw[0], e.sw[1], 0.01).map(project)], attributes: { NAZWA: e.name, KOD: `O${i + 1}` } }));
}

/** Nowy Sącz as a workspace: one district around the three estates, and addresses placing the town. */
function nowySacz(): Workspace {
  const town = townWorkspace();
  const district: Area = { id: 'area-dzielnica-centrum', name: 'Centrum', kind: 'district', geometry: { type: 'Polygon', coordinates: [square(20.67, 49.60, 0.05)] } };
  return {
    ...town,
    organisation: { ...town.organisation, town: 'Nowy Sącz' },
    areas: [district],
    addresses: town.addresses.map((a, i) => ({ ...a, location: { type: 'Point', coordinates: [20.69 + i * 0.001, 49.62] } })),
  };
}

describe('planAreaImport', () => {
  it('reads a zipped Shapefile in PUWG 1992 with its .prj: names from NAZWA, WGS84 corners, estates under their district', async () => {
    const file = zippedShapefile(shapefilePolygons((p) => to2180.forward(p) as [number, number]), { prj: PRJ_2180 });
    const plan = await planAreaImport(file, { kind: 'estate' }, deepFreeze(nowySacz()));
    expect(plan.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(plan.ok).toBe(true);
    expect(plan.format).toBe('shapefile');
    expect(plan.crs.fromPrj).toBe(true);
    expect(plan.fields).toEqual(['NAZWA', 'KOD']);
    expect(plan.nameField).toBe('NAZWA');
    expect(plan.areas.map((a) => [a.id, a.name, a.kind, a.parentId])).toEqual([
      ['area-osiedle-osiedle-lakowe', 'Osiedle Łąkowe', 'estate', 'area-dzielnica-centrum'],
      ['area-osiedle-zielone-wzgorze', 'Zielone Wzgórze', 'estate', 'area-dzielnica-centrum'],
      ['area-osiedle-srodmiescie', 'Śródmieście', 'estate', 'area-dzielnica-centrum'],
    ]);
    // Every corner comes back where it was drawn, to a few centimetres (1e-6° ≈ 7 cm).
    const ring = plan.areas[0]!.geometry.type === 'Polygon' ? plan.areas[0]!.geometry.coordinates[0]! : [];
    const expected = square(20.68, 49.61, 0.01);
    for (const corner of expected) expect(ring.some(([lng, lat]) => Math.abs(lng! - corner[0]) < 1e-6 && Math.abs(lat! - corner[1]) < 1e-6)).toBe(true);
    expect(plan.farFromTown).toBeNull();
  });

  it('without a .prj, detects PUWG 1992 from the numbers and gives the same areas', async () => {
    const withPrj = await planAreaImport(zippedShapefile(shapefilePolygons((p) => to2180.forward(p) as [number, number]), { prj: PRJ_2180 }), { kind: 'estate' }, nowySacz());
    const withoutPrj = await planAreaImport(zippedShapefile(shapefilePolygons((p) => to2180.forward(p) as [number, number])), { kind: 'estate' }, nowySacz());
    expect(withoutPrj.crs.used).toEqual({ code: 'EPSG:2180', axisOrder: 'xy' });
    expect(withoutPrj.crs.fromPrj).toBe(false);
    expect(withoutPrj.areas.map((a) => a.name)).toEqual(withPrj.areas.map((a) => a.name));
    const corners = (plan: typeof withPrj) => plan.areas.flatMap((a) => (a.geometry.type === 'Polygon' ? a.geometry.coordinates[0]! : []));
    corners(withoutPrj).forEach(([lng, lat], i) => {
      expect(Math.abs(lng! - corners(withPrj)[i]![0]!)).toBeLessThan(1e-6);
      expect(Math.abs(lat! - corners(withPrj)[i]![1]!)).toBeLessThan(1e-6);
    });
  });

  it('reads GeoJSON; names each feature that is not an area or has no name, and imports nothing then', async () => {
    const geojson = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { nazwa_dzielnicy: 'Centrum' }, geometry: { type: 'Polygon', coordinates: [square(20.68, 49.61, 0.01)] } },
        { type: 'Feature', properties: { nazwa_dzielnicy: 'Szkoła' }, geometry: { type: 'Point', coordinates: [20.69, 49.62] } },
        { type: 'Feature', properties: { nazwa_dzielnicy: '  ' }, geometry: { type: 'Polygon', coordinates: [square(20.70, 49.61, 0.01)] } },
      ],
    };
    const plan = await planAreaImport(JSON.stringify(geojson), { kind: 'district' }, nowySacz());
    expect(plan.nameField).toBe('nazwa_dzielnicy');
    expect(plan.ok).toBe(false);
    expect(plan.areas).toEqual([]);
    expect(plan.issues.filter((i) => i.severity === 'error').map((i) => [i.displayRow, i.field, i.column])).toEqual([
      [2, 'geometry', 'geometry'],
      [3, 'name', 'nazwa_dzielnicy'],
    ]);
  });

  it('stops a file whose areas lie far from the town, with the distance; imports it once the user confirms', async () => {
    const gdansk = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'Oliwa' }, geometry: { type: 'Polygon', coordinates: [square(18.55, 54.40, 0.02)] } }] };
    const plan = await planAreaImport(JSON.stringify(gdansk), { kind: 'district' }, nowySacz());
    expect(plan.ok).toBe(false);
    expect(plan.farFromTown!.distanceKm).toBeGreaterThan(500);
    expect(plan.issues.find((i) => i.field === '(file)')!.message).toMatch(/lie about \d+ km from Nowy Sącz: is this the right file for this workspace\?/);
    const confirmed = await planAreaImport(JSON.stringify(gdansk), { kind: 'district', acceptFarFromTown: true }, nowySacz());
    expect(confirmed.ok).toBe(true);
    expect(confirmed.areas.map((a) => a.name)).toEqual(['Oliwa']);
    // An empty workspace has no town to be far from.
    const empty = await planAreaImport(JSON.stringify(gdansk), { kind: 'district' }, { ...nowySacz(), areas: [], addresses: [], streets: [] });
    expect(empty.ok).toBe(true);
  });

  it('a second import of the same file replaces its areas (same ids), never duplicates them', async () => {
    const file = zippedShapefile(shapefilePolygons((p) => to2180.forward(p) as [number, number]), { prj: PRJ_2180 });
    const first = await planAreaImport(file, { kind: 'estate' }, nowySacz());
    const after = { ...nowySacz(), areas: [...nowySacz().areas, ...first.areas] };
    const second = await planAreaImport(file, { kind: 'estate' }, after);
    expect(second.ok).toBe(true);
    expect(second.replaced).toBe(3);
    expect(second.areas.map((a) => a.id)).toEqual(first.areas.map((a) => a.id));
  });

  it('says why a zip without a Shapefile cannot be read, and suggests no name column where none fits', async () => {
    const plan = await planAreaImport(zippedShapefile([], { name: 'pusty' }).slice(0, 40), { kind: 'estate' }, nowySacz());
    expect(plan.ok).toBe(false);
    expect(plan.issues[0]!.field).toBe('(file)');
    expect(suggestNameField([{ index: 0, geometry: null, properties: { id: 1 } }])).toBeUndefined();
  });

  it('tells apart gminas that share a name by their TERYT kind (Bochnia town and rural gmina), with the code where the kind is shared too', async () => {
    const gmina = (name: string, terc: string, lng: number) => ({ type: 'Feature', properties: { name, terc }, geometry: { type: 'Polygon', coordinates: [square(lng, 49.6, 0.02)] } });
    const file = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        gmina('Bochnia', '1201011', 20.60), // TERC's last digit: 1 gmina miejska
        gmina('Bochnia', '1201022', 20.62), //                    2 gmina wiejska
        gmina('Dobra', '3027033', 20.64), // two urban-rural gminas named Dobra (Turek and Łobez counties): the code too
        gmina('Dobra', '3218013', 20.66),
        gmina('Dobra', '1205022', 20.68), // and a rural one
        gmina('Nowy Sącz', '1262011', 20.70), // a name of its own stays as it is
      ],
    });
    const plan = await planAreaImport(file, { kind: 'custom' }, nowySacz());
    const names = ['Bochnia (gmina miejska)', 'Bochnia (gmina wiejska)', 'Dobra (gmina miejsko-wiejska, TERYT 3027033)', 'Dobra (gmina miejsko-wiejska, TERYT 3218013)', 'Dobra (gmina wiejska)', 'Nowy Sącz'];
    expect(plan.ok).toBe(true);
    expect(plan.areas.map((a) => a.name)).toEqual(names);
    expect(plan.features.map((f) => f.name)).toEqual(names);
    expect(plan.issues.filter((i) => i.areaCode === 'duplicate_name')).toEqual([]);
    expect(new Set(plan.areas.map((a) => a.id)).size).toBe(6);
    // A feature keeps its name (and id) whichever others are taken: a later import of one of them replaces it.
    const one = await planAreaImport(file, { kind: 'custom', skipFeatures: [0, 2, 3, 4, 5] }, nowySacz());
    expect(one.areas.map((a) => [a.id, a.name])).toEqual([[plan.areas[1]!.id, 'Bochnia (gmina wiejska)']]);
    // Without TERYT codes a shared name stays shared, with its warning.
    const plain = JSON.stringify({ type: 'FeatureCollection', features: [gmina('Bochnia', '', 20.6), gmina('Bochnia', '', 20.62)] });
    const warned = await planAreaImport(plain, { kind: 'custom' }, nowySacz());
    expect(warned.areas.map((a) => a.name)).toEqual(['Bochnia', 'Bochnia']);
    expect(warned.issues.map((i) => i.areaCode)).toEqual(['duplicate_name']);
  });

  it('leaves out the features the user unticks, and keeps only the own gmina of a national file by its TERYT code', async () => {
    const gminas = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { JPT_NAZWA_: 'Nowy Sącz', JPT_KOD_JE: '1262011' }, geometry: { type: 'Polygon', coordinates: [square(20.65, 49.58, 0.1)] } },
        { type: 'Feature', properties: { JPT_NAZWA_: 'Chełmiec', JPT_KOD_JE: '1210032' }, geometry: { type: 'Polygon', coordinates: [square(20.55, 49.58, 0.1)] } },
        { type: 'Feature', properties: { JPT_NAZWA_: 'Stary Sącz', JPT_KOD_JE: '1210114' }, geometry: { type: 'Polygon', coordinates: [square(20.6, 49.5, 0.08)] } },
      ],
    };
    const town = { ...nowySacz(), organisation: { ...nowySacz().organisation, gminaTeryt: '1262011' } };
    const all = await planAreaImport(JSON.stringify(gminas), { kind: 'custom' }, town);
    expect(all.teryt).toEqual({ field: 'JPT_KOD_JE', ownGmina: 1 });
    expect(all.features).toEqual([{ index: 0, name: 'Nowy Sącz' }, { index: 1, name: 'Chełmiec' }, { index: 2, name: 'Stary Sącz' }]);
    expect(all.areas).toHaveLength(3);
    const own = await planAreaImport(JSON.stringify(gminas), { kind: 'custom', onlyOwnGmina: true }, town);
    expect(own.areas.map((a) => a.name)).toEqual(['Nowy Sącz']);
    const chosen = await planAreaImport(JSON.stringify(gminas), { kind: 'custom', skipFeatures: [1] }, town);
    expect(chosen.areas.map((a) => a.name)).toEqual(['Nowy Sącz', 'Stary Sącz']);
    expect(chosen.features).toHaveLength(3); // the list to choose from stays whole
    const none = await planAreaImport(JSON.stringify(gminas), { kind: 'custom', skipFeatures: [0, 1, 2] }, town);
    expect(none.ok).toBe(false);
    expect(none.issues.map((i) => i.areaCode)).toEqual(['none_chosen']);
  });

  it('answers every truncated or corrupted copy of a good zip with an issue, never a hang or a throw', async () => {
    const good = zippedShapefile(shapefilePolygons((p) => to2180.forward(p) as [number, number]), { prj: PRJ_2180 });
    let refused = 0;
    for (let cut = 5; cut < good.length; cut += Math.max(1, Math.floor(good.length / 40))) {
      const plan = await planAreaImport(good.slice(0, cut), { kind: 'estate' }, nowySacz());
      expect(plan.ok).toBe(false);
      refused++;
    }
    // Flipped bytes inside the archive: read or refused, but answered.
    for (let at = 0; at < good.length; at += 97) {
      const bad = good.slice();
      bad[at] = bad[at]! ^ 0xff;
      const plan = await planAreaImport(bad, { kind: 'estate' }, nowySacz());
      expect(typeof plan.ok).toBe('boolean');
    }
    expect(refused).toBeGreaterThan(30);
  });
});

describe('a districts file with the whole town in it (Warsaw: 18 districts and "Warszawa")', () => {
  const feature = (name: string, ring: Array<[number, number]>) => ({ type: 'Feature', properties: { name }, geometry: { type: 'Polygon', coordinates: [ring] } });
  const file = JSON.stringify({
    type: 'FeatureCollection',
    features: [
      feature('Nowy Sącz', square(20.66, 49.59, 0.08)),
      feature('Centrum', square(20.67, 49.60, 0.03)),
      feature('Zachód', square(20.67, 49.63, 0.03)),
      feature('Wschód', square(20.70, 49.60, 0.03)),
      feature('Północ', square(20.70, 49.63, 0.03)),
    ],
  });

  it('leaves the outline that encloses every other area out by default, says so, and imports it when ticked', async () => {
    const plan = await planAreaImport(file, { kind: 'district' }, nowySacz());
    expect(plan.skippedFeatures).toEqual([0]);
    expect(plan.areas.map((a) => a.name)).toEqual(['Centrum', 'Zachód', 'Wschód', 'Północ']);
    expect(plan.issues.find((i) => i.areaCode === 'encloses_others')).toMatchObject({ severity: 'warning', displayRow: 1, areaParams: { name: 'Nowy Sącz' } });
    const all = await planAreaImport(file, { kind: 'district', skipFeatures: [] }, nowySacz());
    expect(all.skippedFeatures).toEqual([]);
    expect(all.areas).toHaveLength(5);
  });
});

describe('areas of one kind that overlap (issue 14)', () => {
  const feature = (name: string, ring: Array<[number, number]>) => ({ type: 'Feature', properties: { nazwa: name }, geometry: { type: 'Polygon', coordinates: [ring] } });
  const file = (...features: ReturnType<typeof feature>[]) => JSON.stringify({ type: 'FeatureCollection', features });
  const overlaps = (plan: Awaited<ReturnType<typeof planAreaImport>>) => plan.issues.filter((i) => i.areaCode === 'areas_overlap').map((i) => [i.areaParams!.first, i.areaParams!.second, i.areaParams!.squareMeters, i.severity]);

  it('warns, naming both, when two estates of the file share ground; the import still goes ahead', async () => {
    // Łąkowe 20.68–20.69 and Zielone 20.685–20.695 (both 49.61–49.62) share 0.005° × 0.01°:
    // 0.005 · 111 320 · cos(49.615°) m × 0.01 · 111 320 m = 360.7 m × 1 113.2 m ≈ 401 500 m², written to the 100 m².
    const plan = await planAreaImport(file(feature('Osiedle Łąkowe', square(20.68, 49.61, 0.01)), feature('Zielone Wzgórze', square(20.685, 49.61, 0.01))), { kind: 'estate' }, nowySacz());
    expect(plan.ok).toBe(true);
    const found = overlaps(plan);
    expect(found).toHaveLength(1);
    expect(found[0]!.slice(0, 2)).toEqual(['Osiedle Łąkowe', 'Zielone Wzgórze']);
    expect(found[0]![3]).toBe('warning');
    const expected = 0.005 * 111_320 * Math.cos((49.615 * Math.PI) / 180) * 0.01 * 111_320;
    expect(Math.abs((found[0]![2] as number) - expected)).toBeLessThan(0.01 * expected);
    expect(plan.issues.find((i) => i.areaCode === 'areas_overlap')!.message).toMatch(/^"Osiedle Łąkowe" and "Zielone Wzgórze" overlap \(about \d+ m²\)/);
  });

  it('says nothing for neighbours sharing a boundary, a sliver between them, or an area of another kind', async () => {
    // Side by side on the same edge; the third is digitised 0.3 m (≈ 4e-6°) over its neighbour's edge.
    const plan = await planAreaImport(
      file(feature('A', square(20.68, 49.61, 0.01)), feature('B', square(20.69, 49.61, 0.01)), feature('C', square(20.70 - 0.000004, 49.61, 0.01))),
      { kind: 'estate' },
      nowySacz(), // its district "Centrum" covers all three: another kind, no warning
    );
    expect(plan.ok).toBe(true);
    expect(overlaps(plan)).toEqual([]);
  });

  it('warns against an estate already in the workspace, but not against the area the import replaces', async () => {
    const existing: Area = { id: 'area-osiedle-stare', name: 'Stare Osiedle', kind: 'estate', geometry: { type: 'Polygon', coordinates: [square(20.68, 49.61, 0.01)] } };
    const workspace = { ...nowySacz(), areas: [...nowySacz().areas, existing] };
    const inside = await planAreaImport(file(feature('Nowe Osiedle', square(20.682, 49.612, 0.004))), { kind: 'estate' }, workspace);
    expect(overlaps(inside).map((o) => o.slice(0, 2))).toEqual([['Nowe Osiedle', 'Stare Osiedle']]);
    // The same estate imported again (same name): it replaces the old one, which is then no longer there to overlap.
    const again = await planAreaImport(file(feature('Stare Osiedle', square(20.6805, 49.61, 0.01))), { kind: 'estate' }, workspace);
    expect(again.replaced).toBe(1);
    expect(overlaps(again)).toEqual([]);
  });
});

import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { CRS_DEFINITIONS, namesInOsmValue, planImport } from '../../../src/data/import';
import { deepFreeze, emptyWorkspace, townWorkspace } from './fixtures';

const to2180 = proj4(CRS_DEFINITIONS['EPSG:4326'], CRS_DEFINITIONS['EPSG:2180']);
const way = (id: number, props: Record<string, unknown>, coords: [number, number][]) => ({ type: 'Feature', id: `way/${id}`, properties: props, geometry: { type: 'LineString', coordinates: coords } });

/** An Overpass-like export: Lwowska split into three ways, an avenue, a roundabout, two unnamed ways, a building and an address node. */
function overpassExport(project: (p: [number, number]) => [number, number] = (p) => p) {
  const line = (pts: [number, number][]) => pts.map(project);
  return {
    type: 'FeatureCollection',
    features: [
      way(1, { highway: 'secondary', name: 'Lwowska' }, line([[23.47, 51.13], [23.475, 51.131]])),
      way(2, { highway: 'secondary', name: 'Lwowska' }, line([[23.475, 51.131], [23.48, 51.132]])),
      way(3, { highway: 'residential', name: 'Aleja Armii Krajowej' }, line([[23.47, 51.14], [23.48, 51.14]])),
      way(4, { highway: 'service' }, line([[23.47, 51.15], [23.471, 51.151]])),
      way(5, { highway: 'primary', name: 'Lwowska' }, line([[23.48, 51.132], [23.49, 51.133]])),
      way(6, { highway: 'primary_link', noname: 'yes' }, line([[23.49, 51.133], [23.491, 51.134]])),
      way(7, { highway: 'tertiary', name: 'Rondo Jana Pawła II', junction: 'roundabout' }, line([[23.46, 51.12], [23.461, 51.121], [23.46, 51.12]])),
      { type: 'Feature', id: 'way/8', properties: { building: 'apartments', 'addr:street': 'Lwowska', 'addr:housenumber': '12a', 'building:flats': '24' },
        geometry: { type: 'Polygon', coordinates: [line([[23.476, 51.1312], [23.4764, 51.1312], [23.4764, 51.1316], [23.476, 51.1316], [23.476, 51.1312]])] } },
      { type: 'Feature', id: 'node/9', properties: { 'addr:street': 'Aleja Armii Krajowej', 'addr:housenumber': '3' }, geometry: { type: 'Point', coordinates: project([23.475, 51.1401]) } },
      { type: 'Feature', id: 'node/10', properties: { highway: 'crossing' }, geometry: { type: 'Point', coordinates: project([23.475, 51.131]) } },
    ],
  };
}

describe("planImport('streets') from OSM", () => {
  it('merges split segments into one street per name, infers prefixes, lists unnamed ways, turns buildings into address points', async () => {
    const plan = await planImport('streets', JSON.stringify(overpassExport()), { idPrefix: 't' }, deepFreeze(emptyWorkspace()), { fileName: 'chelm.geojson' });
    expect(plan.ok).toBe(true);
    expect(plan.records.streets.map((s) => [s.id, s.prefix, s.name, s.geometry.coordinates.length])).toEqual([
      ['street-lwowska', 'ul.', 'Lwowska', 3],
      ['street-al-armii-krajowej', 'al.', 'Armii Krajowej', 1],
      ['street-rondo-jana-pawla-ii', 'rondo', 'Jana Pawła II', 1],
    ]);
    expect(plan.unnamedWays).toEqual([
      { index: 3, osmId: 'way/4', highway: 'service' },
      { index: 5, osmId: 'way/6', highway: 'primary_link' },
    ]);
    expect(plan.issues.find((i) => i.msg?.code === 'unnamed_lines')).toMatchObject({ severity: 'warning', msg: { count: 2 } });
    // The building's centre of mass: the middle of the 0.0004° square; households from building:flats.
    const [building, node] = plan.records.addresses;
    expect(building).toMatchObject({ streetId: 'street-lwowska', houseNumber: '12A', households: 24 });
    expect(building!.location.coordinates[0]).toBeCloseTo(23.4762, 6);
    expect(building!.location.coordinates[1]).toBeCloseTo(51.1314, 6);
    expect(node).toMatchObject({ streetId: 'street-al-armii-krajowej', houseNumber: '3' });
    expect(node).not.toHaveProperty('households'); // no building:flats: unknown, never 1
  });

  it('reads the same export in EPSG:2180 to the same streets within 1 cm', async () => {
    const wgs = await planImport('streets', JSON.stringify(overpassExport()), {}, emptyWorkspace());
    const puwg = await planImport('streets', JSON.stringify(overpassExport((p) => to2180.forward(p) as [number, number])), { crs: { code: 'EPSG:2180', axisOrder: 'xy' } }, emptyWorkspace());
    expect(puwg.ok).toBe(true);
    expect(puwg.crs?.candidates[0]).toMatchObject({ code: 'EPSG:2180', axisOrder: 'xy' });
    const a = wgs.records.streets.flatMap((s) => s.geometry.coordinates.flat());
    const b = puwg.records.streets.flatMap((s) => s.geometry.coordinates.flat());
    expect(b).toHaveLength(a.length);
    a.forEach(([lng, lat], i) => {
      expect(Math.abs(lng! - b[i]![0]!) * 70_000).toBeLessThan(0.01);
      expect(Math.abs(lat! - b[i]![1]!) * 111_000).toBeLessThan(0.01);
    });
  });

  it('keeps the id of a street the workspace already has (replacing its line) and says so', async () => {
    const ws = townWorkspace();
    ws.streets.push({ id: 'street-old-lwowska', prefix: 'ul.', name: 'Lwowska', geometry: { type: 'MultiLineString', coordinates: [[[23.4, 51.1], [23.41, 51.1]]] } });
    const plan = await planImport('streets', JSON.stringify(overpassExport()), {}, ws);
    expect(plan.records.streets[0]!.id).toBe('street-old-lwowska');
    expect(plan.issues.some((i) => i.msg?.code === 'street_replaced' && i.msg.street === 'ul. Lwowska')).toBe(true);
  });

  it('leaves out a line whose points all lie in one place (an OSM stub PostGIS refuses), with a warning naming the street and feature', async () => {
    const fc = { type: 'FeatureCollection', features: [
      way(1, { name: 'Kwiatowa', highway: 'residential' }, [[23.47, 51.14], [23.48, 51.14]]),
      way(2, { name: 'Kwiatowa', highway: 'residential' }, [[23.475, 51.141], [23.475, 51.141]]),
      way(3, { name: 'Kropkowa', highway: 'service' }, [[23.471, 51.142], [23.471, 51.142], [23.471, 51.142]]),
    ] };
    const plan = await planImport('streets', JSON.stringify(fc), { crs: { code: 'EPSG:4326', axisOrder: 'xy' } }, townWorkspace());
    expect(plan.ok).toBe(true);
    expect(plan.records.streets.map((st) => [st.name, st.geometry.coordinates.length])).toEqual([['Kwiatowa', 1]]);
    const left = plan.issues.filter((i) => i.msg?.code === 'line_one_point_left_out');
    expect(left.map((i) => [i.severity, i.displayRow, i.msg])).toEqual([
      ['warning', 2, { code: 'line_one_point_left_out', street: 'ul. Kwiatowa' }],
      ['warning', 3, { code: 'line_one_point_left_out', street: 'ul. Kropkowa' }],
    ]);
  });

  it('one street written two ways in the file ("1 Pułku…" on two lines, "1. Pułku…" on one) is one street under the commoner spelling, and its address points find it', async () => {
    const file = {
      type: 'FeatureCollection',
      features: [
        way(1, { highway: 'residential', name: '1 Pułku Szwoleżerów' }, [[23.47, 51.13], [23.475, 51.131]]),
        way(2, { highway: 'residential', name: '1. Pułku Szwoleżerów' }, [[23.475, 51.131], [23.48, 51.132]]),
        way(3, { highway: 'residential', name: '1 Pułku Szwoleżerów' }, [[23.48, 51.132], [23.485, 51.133]]),
        way(4, { highway: 'residential', name: 'Lwowska' }, [[23.47, 51.14], [23.48, 51.14]]),
        way(5, { highway: 'residential', name: 'Aleja Lwowska' }, [[23.47, 51.15], [23.48, 51.15]]),
        { type: 'Feature', id: 'node/9', properties: { 'addr:street': '1. Pułku Szwoleżerów', 'addr:housenumber': '7' }, geometry: { type: 'Point', coordinates: [23.476, 51.1312] } },
      ],
    };
    const plan = await planImport('streets', JSON.stringify(file), {}, deepFreeze(emptyWorkspace()));
    expect(plan.ok).toBe(true);
    expect(plan.records.streets.map((s) => [s.id, s.prefix, s.name, s.geometry.coordinates.length])).toEqual([
      ['street-1-pulku-szwolezerow', 'ul.', '1 Pułku Szwoleżerów', 3],
      ['street-lwowska', 'ul.', 'Lwowska', 1],
      // Another prefix is another street: an avenue and a street may share a name.
      ['street-al-lwowska', 'al.', 'Lwowska', 1],
    ]);
    expect(plan.issues.filter((i) => i.msg?.code === 'street_spellings_merged').map((i) => i.msg)).toEqual([
      { code: 'street_spellings_merged', street: 'ul. 1 Pułku Szwoleżerów', others: ['ul. 1. Pułku Szwoleżerów'], lines: 1 },
    ]);
    expect(plan.records.addresses).toMatchObject([{ streetId: 'street-1-pulku-szwolezerow', houseNumber: '7' }]);
  });

  it('reads OSMnx list names', () => {
    expect(namesInOsmValue("['Elizy Orzeszkowej', 'Boczna']")).toEqual(['Elizy Orzeszkowej', 'Boczna']);
    expect(namesInOsmValue('Lubelska')).toEqual(['Lubelska']);
  });
});

describe('a municipal street-axis layer (columns named its own way)', () => {
  // Poznań's layout of columns, drawn in the test town (a file 470 km from the workspace's town would be asked about first).
  const line = (props: Record<string, string>, x: number) => ({ type: 'Feature', properties: props, geometry: { type: 'LineString', coordinates: [[23.46 + x, 51.145], [23.465 + x, 51.145]] } });
  const file = (props: Array<Record<string, string>>) => JSON.stringify({ type: 'FeatureCollection', features: props.map((p, i) => line(p, i * 0.01)) });

  it('takes the text column with the most distinct names when there is no "name" (Poznań: a4 type, a6 display name)', async () => {
    const plan = await planImport('streets', file([{ a4: 'ul.', a6: 'Edwarda Raczyńskiego' }, { a4: 'ul.', a6: 'Cynamonowa' }, { a4: 'ul.', a6: 'Karmelowa' }]), {}, townWorkspace());
    expect(plan.columns?.mapping).toMatchObject({ name: 'a6' });
    expect(plan.records.streets.map((s) => s.name).sort()).toEqual(['Cynamonowa', 'Edwarda Raczyńskiego', 'Karmelowa']);
  });

  it('refuses to "import" no streets: a column without names is an error naming the file\'s columns', async () => {
    const plan = await planImport('streets', file([{ l: '12.5', a6: '' }, { l: '30', a6: '' }]), { columnMapping: { kind: 'streets', name: 'a6' } }, townWorkspace());
    expect(plan.ok).toBe(false);
    expect(plan.issues.find((i) => i.severity === 'error')?.msg).toEqual({ code: 'streets_no_names', column: 'a6', columns: 'l, a6' });
  });
});

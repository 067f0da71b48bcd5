import { describe, expect, it } from 'vitest';
import { buildAddressMatcher, buildStreetProximity, planImport, registerOrderKeys, rejectedRowsCsv, suggestColumnMapping, suggestValueCategories, valueCategory } from '../../../src/data/import';
import type { Street } from '../../../src/domain';
import { CAMPAIGN, deepFreeze, townWorkspace } from './fixtures';

/** Issue 12: street names in register order, the coordinate / name cross-check, value mapping, household-size headers. */

const line = (x0: number, y0: number, x1: number, y1: number): Street['geometry'] => ({ type: 'MultiLineString', coordinates: [[[x0, y0], [x1, y1]]] });
// East–west streets 0.01° of latitude apart (≈ 1,113 m), from 23.47 to 23.48 (≈ 700 m long at 51.1°N).
const TOWN: Street[] = deepFreeze([
  { id: 'street-matejki', prefix: 'ul.', name: 'Jana Matejki', geometry: line(23.47, 51.10, 23.48, 51.10) },
  { id: 'street-paderewskiego', prefix: 'ul.', name: 'Ignacego Paderewskiego', geometry: line(23.47, 51.11, 23.48, 51.11) },
  { id: 'street-ofiar-katynia', prefix: 'ul.', name: 'Ofiar Katynia', geometry: line(23.47, 51.12, 23.48, 51.12) },
  { id: 'street-sw-rodziny', prefix: 'ul.', name: 'Świętej Rodziny', geometry: line(23.47, 51.13, 23.48, 51.13) },
  { id: 'street-sw-mikolaja', prefix: 'ul.', name: 'Świętego Mikołaja', geometry: line(23.47, 51.14, 23.48, 51.14) },
  { id: 'street-kopernika', prefix: 'ul.', name: 'Mikołaja Kopernika', geometry: line(23.47, 51.15, 23.48, 51.15) },
  { id: 'street-jp2', prefix: 'al.', name: 'Jana Pawła II', geometry: line(23.47, 51.16, 23.48, 51.16) },
  { id: 'street-wolnosci', prefix: 'pl.', name: 'Wolności', geometry: line(23.47, 51.17, 23.48, 51.17) },
  { id: 'street-sloneczne', prefix: 'os.', name: 'Słoneczne', geometry: line(23.47, 51.18, 23.48, 51.18) },
]);

describe('street names in any usual order and form', () => {
  const matcher = buildAddressMatcher(TOWN, []);
  it.each([
    ['Matejki Jana', 'street-matejki', 'register_order'],
    ['MATEJKI JANA', 'street-matejki', 'register_order'],
    ['Matejki J.', 'street-matejki', 'register_order'],
    ['ul. Paderewskiego Ignacego', 'street-paderewskiego', 'register_order'],
    ['Katynia Ofiar', 'street-ofiar-katynia', 'register_order'],
    ['Rodziny Świętej', 'street-sw-rodziny', 'register_order'],
    ['Kopernika Mikołaja', 'street-kopernika', 'register_order'],
    ['J. Pawła II', 'street-jp2', 'variant'],
    ['al. Jana Pawła 2', 'street-jp2', 'name'],
    ['pl. Wolnosci', 'street-wolnosci', 'name'],
    ['os. Słoneczne', 'street-sloneczne', 'name'],
    ['osiedle SŁONECZNE', 'street-sloneczne', 'name'],
    ['Św. Mikołaja', 'street-sw-mikolaja', 'name'],
  ])('%s → %s (by %s)', (text, streetId, by) => {
    const m = matcher.match(text);
    expect(m.streetId).toBe(streetId);
    expect(m.streetMatchedBy).toBe(by);
  });

  it('register-order keys are the rotations at word boundaries, numerals never first', () => {
    expect(registerOrderKeys('Jana Matejki')).toEqual(['matejki jana']);
    expect(registerOrderKeys('Ofiar Katynia')).toEqual(['katynia ofiar']);
    expect(registerOrderKeys('Jana Pawła II')).toEqual(['pawla 2 jana']);
    expect(registerOrderKeys('Lubelska')).toEqual([]);
  });

  it('never drops the surname of a register-order name to reach another street', () => {
    // Without Kopernika and Rodziny Lutaków in the town, "Mikołaja"/"Rodziny" alone must not be used (issue 12).
    const small = buildAddressMatcher(TOWN.filter((s) => s.id !== 'street-kopernika'), []);
    expect(small.match('Kopernika Mikołaja').status).toBe('unmatched');
    expect(small.match('Lutaków Rodziny').status).toBe('unmatched');
    expect(small.match('Lutaków Rodziny').reason).toBe('unknown_street');
    // A one-word name written alone still finds its street.
    expect(small.match('Mikołaja').streetId).toBe('street-sw-mikolaja');
  });
});

describe('street proximity', () => {
  const near = buildStreetProximity(TOWN, 200);
  it('measures metres to a line: 0.001° of latitude ≈ 111 m', () => {
    const d = near.distanceToStreet('street-matejki', 23.475, 51.101);
    expect(d).toBeGreaterThan(110);
    expect(d).toBeLessThan(112.5);
    // Past the end of the line, the distance is to the end point: 0.001° of longitude at 51.1°N ≈ 69.9 m.
    expect(near.distanceToStreet('street-matejki', 23.481, 51.10)).toBeCloseTo(69.9, 0);
  });
  it('finds the streets within a radius, nearest first, and none when there is none', () => {
    expect(near.nearestStreets(23.475, 51.1002, 80).map((s) => s.streetId)).toEqual(['street-matejki']);
    expect(near.nearestStreets(23.475, 51.105, 80)).toEqual([]);
    expect(near.nearestStreets(23.475, 51.105, 600).map((s) => s.streetId)).toEqual(['street-matejki', 'street-paderewskiego']);
  });
});

/** A CSV in WGS84 (x = lng, y = lat) against TOWN; `rows` are [street, number, lng, lat]. */
function surveyCsv(rows: [string, string, number, number][], needs: string[] = []): string {
  return ['Ulica;Nr;X;Y;Data;osoby;Potrzeby', ...rows.map(([s, n, x, y], k) => `${s};${n};${String(x).replace('.', ',')};${String(y).replace('.', ',')};01.10.2026;${k + 1};${needs[k] ?? ''}`)].join('\n');
}
const workspace = () => deepFreeze({ ...townWorkspace(), streets: TOWN, addresses: [] });
const settings = { campaignId: CAMPAIGN.id, idPrefix: 't', crs: { code: 'EPSG:4326' as const, axisOrder: 'xy' as const } };

describe('the coordinate / name cross-check', () => {
  it('flags a name whose street lies far from the point, naming both streets', async () => {
    // "Lutaków Rodziny 26" written on a point 20 m from ul. Świętego Mikołaja: not ul. Świętej Rodziny (1.1 km away).
    const plan = await planImport('responses', surveyCsv([['Świętej Rodziny', '26', 23.475, 51.1402], ['Kopernika Mikołaja', '3', 23.475, 51.1302]]), settings, workspace());
    expect(plan.ok).toBe(false);
    const far = plan.issues.filter((i) => i.msg?.code === 'street_far_from_point');
    expect(far.map((i) => i.displayRow)).toEqual([2, 3]);
    expect(far[0]).toMatchObject({ severity: 'error', column: 'Ulica', value: 'Świętej Rodziny 26', msg: { street: 'ul. Świętej Rodziny', nearest: 'ul. Świętego Mikołaja' } });
    expect(far[0]!.msg?.code === 'street_far_from_point' && far[0]!.msg.distance).toBeGreaterThan(1000);
  });

  it('checks an institution\'s coordinates against its named street too: a contradiction from 500 m is an error, the rest import', async () => {
    // A register's geocoding (RSPO Rzeszów: "Wincentego Pola" placed at ul. Polna 3.7 km away). Rows: on its street;
    // 300 m off its street (school grounds: kept); 1.1 km off, 20 m from another street (error naming both); an
    // unknown street name (nothing to check it against: kept at its point).
    const csv = ['Nazwa;Typ;Ulica;Nr;X;Y', 'SP 1;szkoła;Jana Matejki;1;23,475;51,1001', 'SP 2;szkoła;Ignacego Paderewskiego;2;23,475;51,1137', 'SP 3;szkoła;Świętej Rodziny;3;23,475;51,1402', 'SP 4;szkoła;Nieznana;4;23,475;51,105'].join('\n');
    const plan = await planImport('resources', csv, settings, workspace());
    expect(plan.ok).toBe(false);
    const far = plan.issues.filter((i) => i.msg?.code === 'street_far_from_point');
    expect(far).toHaveLength(1);
    expect(far[0]).toMatchObject({ severity: 'error', displayRow: 4, column: 'Ulica', msg: { street: 'ul. Świętej Rodziny', nearest: 'ul. Świętego Mikołaja' } });
    expect(far[0]!.msg?.code === 'street_far_from_point' && far[0]!.msg.distance).toBeGreaterThan(1000);
    expect(plan.partial.records.resources.map((r) => r.name)).toEqual(['SP 1', 'SP 2', 'SP 4']);
  });

  it('asks once what an institutions file\'s own kind codes mean (Gdańsk\'s RODZAJ "p"), and imports them as the user says', async () => {
    const csv = ['Nazwa;RODZAJ;X;Y', 'Galeria;p;23,475;51,1001', 'Instytut;p;23,476;51,1001', 'Klub;i;23,477;51,1001', 'Biblioteka;biblioteka;23,478;51,1001'].join('\n');
    const mappingColumns = { columnMapping: { kind: 'resources' as const, name: 'Nazwa', resourceKind: 'RODZAJ', x: 'X', y: 'Y' } };
    const asked = await planImport('resources', csv, { ...settings, ...mappingColumns }, workspace());
    expect(asked.ok).toBe(false);
    expect(asked.issues.filter((i) => i.msg?.code === 'unknown_resource_kind').map((i) => i.displayRow)).toEqual([2, 3, 4]);
    expect(asked.unknownValues?.map((v) => [v.field, v.value, v.count, v.mapped])).toEqual([['resourceKinds', 'p', 2, false], ['resourceKinds', 'i', 1, false]]);
    const answered = await planImport('resources', csv, { ...settings, ...mappingColumns, valueMapping: { needs: {}, nuisances: {}, offers: {}, resourceKinds: { p: 'culture_house', i: 'ignore' } } }, workspace()); // 'ignore' (a saved decision) imports as other
    expect(answered.ok).toBe(true);
    expect(answered.records.resources.map((r) => [r.name, r.kind])).toEqual([['Galeria', 'culture_house'], ['Instytut', 'culture_house'], ['Klub', 'other'], ['Biblioteka', 'library']]);
    // The decisions stay listed, so they can be changed.
    expect(answered.unknownValues?.map((v) => [v.value, v.mapped])).toEqual([['p', true], ['i', true]]);
  });

  it('lets the point decide an unknown name (nearest street within the tolerance, warned), and not beyond it', async () => {
    const plan = await planImport('responses', surveyCsv([['Lutaków Rodziny', '26', 23.475, 51.1302], ['Nieznana', '1', 23.475, 51.105]]), { ...settings, onUnmatched: 'skip' }, workspace());
    const decided = plan.issues.find((i) => i.msg?.code === 'street_from_point');
    expect(decided).toMatchObject({ severity: 'warning', displayRow: 2, msg: { street: 'ul. Świętej Rodziny' } });
    expect(decided!.msg?.code === 'street_from_point' ? decided!.msg.distance : NaN).toBeCloseTo(22, 0); // 0.0002° of latitude ≈ 22.3 m
    expect(plan.records.responses).toHaveLength(1);
    expect(plan.records.responses[0]).toMatchObject({ streetId: 'street-sw-rodziny' });
    // Row 3 lies 550 m from any street: left out, not guessed.
    expect(plan.partial.rejected.map((r) => r.displayRow)).toEqual([3]);
  });

  it('prefers, among near streets, the one whose name the clerk misspelt', async () => {
    // 60 m from Matejki and 50 m... both within 80 m only if streets were close: build two parallel streets 100 m apart.
    const twin: Street[] = [
      { id: 'street-a', prefix: 'ul.', name: 'Lubelska', geometry: line(23.47, 51.1000, 23.48, 51.1000) },
      { id: 'street-b', prefix: 'ul.', name: 'Hrubieszowska', geometry: line(23.47, 51.1009, 23.48, 51.1009) },
    ];
    const plan = await planImport('responses', surveyCsv([['Hrubieszowkska', '5', 23.475, 51.1004]]), settings, { ...workspace(), streets: twin });
    expect(plan.records.responses[0]).toMatchObject({ streetId: 'street-b' });
  });
});

describe('value mapping', () => {
  it('suggests categories by folded words', () => {
    expect(suggestValueCategories('needs', 'samotnosc_seniorow')[0]).toBe('loneliness_seniors');
    expect(suggestValueCategories('needs', 'CZAS_WOLNY_DZIECI')[0]).toBe('children_youth_leisure');
    expect(suggestValueCategories('needs', 'uzaleznienie_alkohol')[0]).toBe('addiction');
    expect(suggestValueCategories('needs', 'xyz')).toEqual([]);
    expect(suggestValueCategories('nuisances', 'psy_bez_smyczy')[0]).toBe('stray_dogs');
  });
  it('uses the mapping by folded text; ignore drops the item', () => {
    const mapping = { needs: { 'samotnosc seniorow': 'loneliness_seniors' as const, inne: 'ignore' as const }, nuisances: {}, offers: {}, resourceKinds: {} };
    expect(valueCategory('needs', 'Samotność_Seniorów', mapping)).toBe('loneliness_seniors');
    expect(valueCategory('needs', 'INNE', mapping)).toBe('ignore');
    expect(valueCategory('needs', 'bezrobocie', mapping)).toBe('unemployment');
    expect(valueCategory('needs', 'czas_wolny_dzieci', mapping)).toBeUndefined();
  });
  it('lists each unknown value once with its count, and a mapped plan has no such error', async () => {
    const rows: [string, string, number, number][] = [['Jana Matejki', '1', 23.475, 51.1002], ['Jana Matejki', '2', 23.475, 51.1002], ['Jana Matejki', '3', 23.475, 51.1002]];
    const csv = surveyCsv(rows, ['samotnosc_seniorow, czas_wolny_dzieci', 'samotnosc_seniorow', 'inne']);
    const plan = await planImport('responses', csv, settings, workspace());
    expect(plan.unknownValues?.map((v) => [v.folded, v.count, v.firstDisplayRow])).toEqual([['samotnosc seniorow', 2, 2], ['czas wolny dzieci', 1, 2], ['inne', 1, 4]]);
    const mapped = await planImport('responses', csv, { ...settings, valueMapping: { needs: { 'samotnosc seniorow': 'loneliness_seniors', 'czas wolny dzieci': 'children_youth_leisure', inne: 'ignore' } } }, workspace());
    expect(mapped.ok).toBe(true);
    expect(mapped.records.responses.map((r) => r.needs.map((n) => n.category))).toEqual([['loneliness_seniors', 'children_youth_leisure'], ['loneliness_seniors'], []]);
  });
  it('rejects a mapping to a category that does not exist', async () => {
    const plan = await planImport('responses', surveyCsv([]), { ...settings, valueMapping: { needs: { x: 'no_such' } } } as never, workspace());
    expect(plan.issues[0]!.field).toMatch(/^settings\.valueMapping\.needs/);
  });
});

describe('household size and household count headers', () => {
  it.each(['osoby', 'Liczba osób', 'l. osób w gospodarstwie', 'L. OSÓB W GOSP.', 'Ilość osób', 'liczba członków gospodarstwa'])('%s → householdSize', (header) => {
    expect(suggestColumnMapping('responses', ['Ulica', 'Nr', 'Data', header])).toMatchObject({ householdSize: header });
  });
  it.each(['liczba gospodarstw domowych', 'L. gosp.', 'gospodarstwa', 'liczba lokali'])('%s → households', (header) => {
    expect(suggestColumnMapping('addresses', ['Ulica', 'Nr', 'X', 'Y', header])).toMatchObject({ households: header });
  });
  it('reads the size from "osoby" (no default of 1)', async () => {
    const plan = await planImport('responses', surveyCsv([['Jana Matejki', '1', 23.475, 51.1002], ['Jana Matejki', '2', 23.475, 51.1002]]), settings, workspace());
    expect(plan.records.responses.map((r) => r.householdSize)).toEqual([1, 2]);
    expect(plan.issues.some((i) => i.msg?.code === 'household_size_default')).toBe(false);
  });
  it('says that response rates cannot be computed when an address file has no counts', async () => {
    const plan = await planImport('addresses', 'Ulica;Nr;X;Y\nJana Matejki;1;23,475;51,1002', { crs: settings.crs }, workspace());
    expect(plan.issues.find((i) => i.msg?.code === 'no_household_counts')).toMatchObject({ severity: 'warning', msg: { residents: '' } });
    // Unknown, never 1: a count of 1 would invent a response rate.
    expect(plan.records.addresses[0]).not.toHaveProperty('households');
    const counted = await planImport('addresses', 'Ulica;Nr;X;Y;Liczba gospodarstw domowych\nJana Matejki;1;23,475;51,1002;7', { crs: settings.crs }, workspace());
    expect(counted.records.addresses[0]!.households).toBe(7);
    expect(counted.issues.some((i) => i.msg?.code === 'no_household_counts')).toBe(false);
  });
});

describe('forms met in real registers (tried by hand on Poznań, Chełm and Rzeszów data)', () => {
  const streets: Street[] = [
    { id: 'street-kutrzeby', prefix: 'ul.', name: 'Kutrzeby Tadeusza gen.', geometry: line(23.47, 51.10, 23.48, 51.10) },
    { id: 'street-stablewskiego', prefix: 'ul.', name: 'Stablewskiego Floriana', geometry: line(23.47, 51.11, 23.48, 51.11) },
    { id: 'street-floriana', prefix: 'ul.', name: 'Floriana', geometry: line(23.47, 51.12, 23.48, 51.12) },
    { id: 'street-28-czerwca', prefix: 'ul.', name: '28 Czerwca 1956 r.', geometry: line(23.47, 51.13, 23.48, 51.13) },
    { id: 'street-keplera', prefix: 'ul.', name: 'Keplera', geometry: line(23.47, 51.14, 23.48, 51.14) },
    { id: 'street-niepodleglosci', prefix: 'al.', name: 'Niepodległości', geometry: line(23.47, 51.15, 23.48, 51.15) },
  ];
  const matcher = buildAddressMatcher(streets, []);
  it.each([
    ['Generała Tadeusza Kutrzeby', 'street-kutrzeby'],
    ['Świętego Floriana', 'street-floriana'],
    ['28 Czerwca 1956 roku', 'street-28-czerwca'],
    ['Jana Keplera', 'street-keplera'],
    ['Niepodległości al.', 'street-niepodleglosci'],
  ])('%s → %s', (text, streetId) => {
    expect(matcher.match(text).streetId).toBe(streetId);
  });
});

describe('the rejected-rows CSV', () => {
  it('quotes cells with ; " or line breaks, keeps the file\'s cells, and never reuses a header for the reason', () => {
    const plan = {
      partial: {
        allowed: true,
        records: { streets: [], addresses: [], resources: [], responses: [] },
        headers: ['Ulica', 'Powód'],
        rejected: [{ row: 4, displayRow: 5, cells: ['Rondo "Inka"; wjazd', 'x\ny'], issues: [{ source: 'f', severity: 'error' as const, field: 'streetId', message: 'far' }] }],
      },
    };
    expect(rejectedRowsCsv(plan, 'Powód', (i) => i.message)).toBe('\uFEFFUlica;Powód;Powód (2)\r\n"Rondo ""Inka""; wjazd";"x\ny";far\r\n');
  });
});

describe('the match report counts what the coordinates did', () => {
  it('one row placed by its point, one row whose name contradicts its point (not counted as matched)', async () => {
    const plan = await planImport('responses', surveyCsv([['Lutaków Rodziny', '26', 23.475, 51.1302], ['Świętej Rodziny', '26', 23.475, 51.1402], ['Jana Matejki', '1', 23.475, 51.1002]]), settings, workspace());
    expect(plan.matchReport).toMatchObject({ total: 3, matched: 0, matchedStreetOnly: 2, streetFromPoint: 1, nameFarFromPoint: 1, unmatchedCount: 3 });
    expect(plan.matchReport!.unmatched.find((u) => u.reason === 'name_far_from_point')).toMatchObject({ displayRow: 3, streetSuggestions: ['ul. Świętego Mikołaja'] });
  });
});

describe('residents are not households', () => {
  it('says which column counts residents and that response rates cannot be computed; households are not derived from it', async () => {
    const plan = await planImport('addresses', 'Ulica;Nr;X;Y;Liczba mieszkańców\nJana Matejki;1;23,475;51,1002;7', { crs: settings.crs }, workspace());
    expect(plan.columns?.mapping).not.toHaveProperty('households');
    expect(plan.columns?.mapping).toHaveProperty('residents', 'Liczba mieszkańców');
    expect(plan.records.addresses[0]).toMatchObject({ houseNumber: '1', residents: 7 });
    expect(plan.records.addresses[0]).not.toHaveProperty('households');
    expect(plan.issues.find((i) => i.msg?.code === 'no_household_counts')?.msg).toEqual({ code: 'no_household_counts', residents: 'Liczba mieszkańców' });
  });

  it.each([['Mieszkańcy'], ['osoby zameldowane'], ['Liczba osób zameldowanych'], ['L. mieszkańców']])('reads "%s" as residents, next to the households column', async (header) => {
    const plan = await planImport('addresses', `Ulica;Nr;X;Y;Liczba gospodarstw;${header}\nJana Matejki;1;23,475;51,1002;3;8`, { crs: settings.crs }, workspace());
    expect(plan.columns?.mapping).toMatchObject({ households: 'Liczba gospodarstw', residents: header });
    expect(plan.records.addresses[0]).toMatchObject({ households: 3, residents: 8 });
    expect(plan.issues.some((i) => i.msg?.code === 'no_household_counts')).toBe(false);
  });

  it('names the row and the column of a count that is not a whole number', async () => {
    const plan = await planImport('addresses', 'Ulica;Nr;X;Y;Gospodarstwa;Mieszkańcy\nJana Matejki;1;23,475;51,1002;2;0', { crs: settings.crs }, workspace());
    expect(plan.issues.filter((i) => i.severity === 'error').map((i) => [i.displayRow, i.column, i.field, i.value])).toEqual([[2, 'Mieszkańcy', 'residents', '0']]);
  });
});

describe('a town with streets but no address points yet', () => {
  it('keeps the answers on their streets with ONE warning, not one per row', async () => {
    const rows: [string, string, number, number][] = [['Jana Matejki', '1', 23.475, 51.1002], ['Matejki Jana', '2', 23.475, 51.1002], ['Ofiar Katynia', '3', 23.475, 51.1202]];
    const plan = await planImport('responses', surveyCsv(rows), settings, workspace());
    expect(plan.ok).toBe(true);
    expect(plan.records.responses.map((r) => r.streetId)).toEqual(['street-matejki', 'street-matejki', 'street-ofiar-katynia']);
    expect(plan.issues.filter((i) => i.field === 'addressId')).toEqual([expect.objectContaining({ msg: { code: 'kept_on_streets_without_addresses', count: 3 }, severity: 'warning' })]);
  });
});

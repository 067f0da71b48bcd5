import { describe, expect, it } from 'vitest';
import { commitImport, formatIssueRow, planImport, suggestColumnMapping } from './planHelpers';
import { deepFreeze, encodeCp1250, townWorkspace, utf8WithBom } from './fixtures';
import type { DataSource } from '../../../src/data/dataSource';

const SURVEY_CP1250 = [
  'Imię i nazwisko;Telefon;Adres;Data wywiadu;Liczba osób;Bezrobocie;Samotność i potrzeby seniorów;Uciążliwości;Zasoby;Lider',
  'Jan Kowalski;600100200;ul. Jana Pawła II 12A/3;05.05.2025;3;2;0;hałas, śmieci;wolontariat;tak',
  'Anna Nowak;601;J. Pawła II 14;2025-05-06;1;;3;;;nie',
  'X;;Lubelska 6;7.05.2025;2;1;;;;',
  'Y;;ul. Lubleska 5;08.05.2025;4;;;;;',
].join('\r\n');

describe("planImport('responses')", () => {
  it('reads a Windows-1250 ;-file from Polish Excel, never reads personal columns, matches addresses, blocks on an unmatched row', async () => {
    const progress: [number, number][] = [];
    const ws = deepFreeze(townWorkspace());
    const plan = await planImport('responses', encodeCp1250(SURVEY_CP1250), { campaignId: 'campaign-2025-w1', idPrefix: 't' }, ws, { fileName: 'ankiety.csv', onProgress: (d, t) => progress.push([d, t]) });
    expect(plan.file).toMatchObject({ format: 'csv', encoding: 'windows-1250', delimiter: ';', rowCount: 4 });
    expect(plan.columns?.personalData).toEqual(['Imię i nazwisko', 'Telefon']);
    expect(plan.columns?.mapping).toMatchObject({ address: 'Adres', date: 'Data wywiadu', householdSize: 'Liczba osób', nuisancesList: 'Uciążliwości', offersList: 'Zasoby', leaderConsent: 'Lider', needColumns: { Bezrobocie: 'unemployment', 'Samotność i potrzeby seniorów': 'loneliness_seniors' } });
    expect(progress.at(-1)).toEqual([4, 4]);
    // Row 5 (spreadsheet) "ul. Lubleska 5" is misspelt: an error with a suggestion, so nothing is imported.
    expect(plan.ok).toBe(false);
    expect(plan.records).toEqual({ streets: [], addresses: [], resources: [], responses: [] });
    const error = plan.issues.find((i) => i.severity === 'error')!;
    expect(error).toMatchObject({ row: 4, displayRow: 5, column: 'Adres', value: 'ul. Lubleska 5', field: 'addressId' });
    expect(error.msg).toEqual({ code: 'address_unmatched', reason: 'unknown_street', streets: ['ul. Lubelska'], numbers: [] });
    expect(formatIssueRow(error)).toBe('ankiety.csv row 5, field addressId: ' + error.message);
    expect(plan.matchReport).toMatchObject({ total: 4, matched: 2, matchedStreetOnly: 1, matchedByVariant: 1, unmatchedCount: 2, rate: 0.5, streetRate: 0.75 });
    expect(plan.matchReport!.unmatched[1]).toMatchObject({ displayRow: 5, reason: 'unknown_street', streetSuggestions: ['ul. Lubelska'] });
  });

  it('with the misspelt row fixed, imports every row: needs with severity, lists, leader with consent, street-level fallback', async () => {
    const fixed = SURVEY_CP1250.replace('ul. Lubleska 5', 'ul. Lubelska 5');
    const plan = await planImport('responses', encodeCp1250(fixed), { campaignId: 'campaign-2025-w1', idPrefix: 't' }, townWorkspace(), { fileName: 'ankiety.csv' });
    expect(plan.ok).toBe(true);
    expect(plan.records.responses).toEqual([
      { id: 'resp-t-2', campaignId: 'campaign-2025-w1', addressId: 'addr-jp2-12a', date: '2025-05-05', householdSize: 3, needs: [{ category: 'unemployment', severity: 2 }], nuisances: ['noise', 'litter'], offers: ['volunteering_time'], leaderCandidate: { consent: true, interests: [] } },
      { id: 'resp-t-3', campaignId: 'campaign-2025-w1', addressId: 'addr-jp2-14', date: '2025-05-06', householdSize: 1, needs: [{ category: 'loneliness_seniors', severity: 3 }], nuisances: [], offers: [] },
      { id: 'resp-t-4', campaignId: 'campaign-2025-w1', streetId: 'street-lubelska', date: '2025-05-07', householdSize: 2, needs: [{ category: 'unemployment', severity: 1 }], nuisances: [], offers: [] },
      { id: 'resp-t-5', campaignId: 'campaign-2025-w1', addressId: 'addr-lubelska-5', date: '2025-05-08', householdSize: 4, needs: [], nuisances: [], offers: [] },
    ]);
    // No record carries anything from the personal columns.
    expect(JSON.stringify(plan.records)).not.toMatch(/Kowalski|600100200|Nowak/);
    expect(plan.issues.find((i) => i.displayRow === 4)).toMatchObject({ severity: 'warning', msg: { code: 'address_kept_on_street', reason: 'unknown_house_number', streets: [], numbers: ['5', '7'] } });
  });

  it('warns, naming row, column and the wave, about answers dated outside the wave, and keeps them', async () => {
    // The wave runs 2025-04-01 … 2025-05-31: a visit on the last day is inside, 2024-05-05 (a typo for 2025) is not.
    const csv = 'Ulica,Numer,Data,Liczba osób\nLubelska,5,2025-05-31,3\nLubelska,5,05.05.2024,2\nLubelska,5,2025-04-01,1\n';
    const plan = await planImport('responses', utf8WithBom(csv), { campaignId: 'campaign-2025-w1', idPrefix: 't' }, townWorkspace());
    expect(plan.ok).toBe(true);
    expect(plan.records.responses).toHaveLength(3);
    const outside = plan.issues.filter((i) => i.msg?.code === 'date_outside_wave');
    expect(outside).toEqual([expect.objectContaining({ severity: 'warning', displayRow: 3, column: 'Data', value: '05.05.2024', msg: { code: 'date_outside_wave', date: '2024-05-05', start: '2025-04-01', end: '2025-05-31', wave: 'Wiosna 2025' } })]);
  });

  it('lists the first 20 answers dated outside the wave by row and counts the rest in one warning (a file on the wrong wave)', async () => {
    const rows = Array.from({ length: 25 }, () => 'Lubelska,5,2024-10-01,2').join('\n');
    const plan = await planImport('responses', utf8WithBom(`Ulica,Numer,Data,Liczba osób\n${rows}\n`), { campaignId: 'campaign-2025-w1', idPrefix: 't' }, townWorkspace());
    expect(plan.records.responses).toHaveLength(25);
    expect(plan.issues.filter((i) => i.msg?.code === 'date_outside_wave').map((i) => i.displayRow)).toEqual(Array.from({ length: 20 }, (_, k) => k + 2));
    expect(plan.issues.filter((i) => i.msg?.code === 'dates_outside_wave').map((i) => i.msg)).toEqual([{ code: 'dates_outside_wave', count: 25, listed: 20, start: '2025-04-01', end: '2025-05-31', wave: 'Wiosna 2025' }]);
  });

  it('reports each bad cell with row, column and value', async () => {
    const csv = 'Ulica,Numer,Data,Liczba osób,Bezrobocie\nLubelska,5,2025-02-30,3,5\nLubelska,7,jutro,abc,tak\n';
    const plan = await planImport('responses', utf8WithBom(csv), { campaignId: 'campaign-2025-w1', idPrefix: 't' }, townWorkspace());
    expect(plan.ok).toBe(false);
    const errors = plan.issues.filter((i) => i.severity === 'error').map((i) => [i.displayRow, i.column, i.value, i.field]);
    expect(errors).toEqual([
      [2, 'Bezrobocie', '5', 'needs'],
      [2, 'Data', '2025-02-30', 'date'],
      [3, 'Data', 'jutro', 'date'],
      [3, 'Liczba osób', 'abc', 'householdSize'],
    ]);
  });

  it('refuses to map a personal-data column and needs a campaign', async () => {
    const plan = await planImport('responses', 'PESEL,Adres,Data\n1,Lubelska 5,2025-05-05\n', { columnMapping: { kind: 'responses', address: 'Adres', date: 'Data', householdSize: 'PESEL', needColumns: {}, nuisanceColumns: {}, offerColumns: {} } }, townWorkspace());
    expect(plan.ok).toBe(false);
    expect(plan.issues.filter((i) => i.severity === 'error').map((i) => i.field)).toEqual(['campaignId', 'columnMapping.householdSize']);
  });

  it('suggests mappings from English headers too', () => {
    expect(suggestColumnMapping('addresses', ['street', 'house number', 'lon', 'lat', 'households'])).toEqual({ kind: 'addresses', street: 'street', houseNumber: 'house number', x: 'lon', y: 'lat', households: 'households' });
  });

  it('keeps HTML-like text in names as plain text, unaltered', async () => {
    const name = '<img src=x onerror=alert(1)><script>alert("x")</script> Klub "Senior"';
    const csv = `nazwa;rodzaj;lon;lat\n"${name.replace(/"/g, '""')}";klub seniora;23,471;51,1301\n`;
    const plan = await planImport('resources', csv, { idPrefix: 't', crs: { code: 'EPSG:4326', axisOrder: 'xy' } }, townWorkspace());
    expect(plan.ok).toBe(true);
    expect(plan.records.resources[0]).toMatchObject({ id: 'res-t-2', name, kind: 'senior_club', location: { type: 'Point', coordinates: [23.471, 51.1301] } });
  });

  it('stops a file whose records lie far from the town with a question (no partial import), and imports it once confirmed', async () => {
    // Three institutions in Kraków (≈ 250 km from the test town) and one point read as 0,0: the file's median position is Kraków.
    const csv = 'nazwa;rodzaj;lon;lat\nSP 1;szkoła;19,94;50,06\nKlub;klub seniora;19,95;50,05\nBiblioteka;biblioteka;19,93;50,07\nZły punkt;szkoła;0;0\n';
    const settings = { idPrefix: 't', crs: { code: 'EPSG:4326', axisOrder: 'xy' } } as const;
    const plan = await planImport('resources', csv, settings, townWorkspace());
    expect(plan.ok).toBe(false);
    expect(plan.farFromTown!.distanceKm).toBeGreaterThan(200);
    expect(plan.farFromTown!.distanceKm).toBeLessThan(300);
    const far = plan.issues.find((i) => i.msg?.code === 'far_from_town')!;
    expect(far).toMatchObject({ severity: 'error', field: '(file)', msg: { code: 'far_from_town', km: plan.farFromTown!.distanceKm, town: townWorkspace().organisation.town } });
    expect(far.row).toBeUndefined();
    expect(plan.partial.allowed).toBe(false);
    const confirmed = await planImport('resources', csv, { ...settings, acceptFarFromTown: true }, townWorkspace());
    expect(confirmed.ok).toBe(true);
    expect(confirmed.records.resources.map((r) => r.name)).toEqual(['SP 1', 'Klub', 'Biblioteka', 'Zły punkt']);
    // A file of the town itself asks nothing; nor does one for a workspace with no town yet.
    const near = await planImport('resources', 'nazwa;rodzaj;lon;lat\nKlub;klub seniora;23,471;51,1301\n', settings, townWorkspace());
    expect(near.farFromTown).toBeUndefined();
    const empty = await planImport('resources', csv, settings, { ...townWorkspace(), streets: [], addresses: [], areas: [] });
    expect(empty.farFromTown).toBeUndefined();
    expect(empty.ok).toBe(true);
  });

  it('asks the same of another town\'s street lines (they would replace the town\'s streets of the same name) and of a file whose rows have errors', async () => {
    const osm = { type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { name: 'Lubelska', highway: 'residential' }, geometry: { type: 'LineString', coordinates: [[19.94, 50.06], [19.95, 50.06]] } },
    ] };
    const streets = await planImport('streets', JSON.stringify(osm), {}, townWorkspace());
    expect(streets.ok).toBe(false);
    expect(streets.issues.find((i) => i.msg?.code === 'far_from_town')).toMatchObject({ severity: 'error', field: '(file)' });
    expect((await planImport('streets', JSON.stringify(osm), { acceptFarFromTown: true }, townWorkspace())).ok).toBe(true);
    // Rows refused for their own reasons (an unknown kind) still show where the file lies.
    const broken = await planImport('resources', 'nazwa;rodzaj;lon;lat\nSP 1;coś nieznanego;19,94;50,06\n', { idPrefix: 't', crs: { code: 'EPSG:4326', axisOrder: 'xy' } }, townWorkspace());
    expect(broken.records.resources).toEqual([]);
    expect(broken.farFromTown!.distanceKm).toBeGreaterThan(200);
  });

  it('locates a resource by its address when it has no coordinates', async () => {
    const plan = await planImport('resources', 'Nazwa,Typ,Adres,Obszary\nSP nr 1,szkoła,ul. 3 Maja 1,"dzieci i młodzież, bezrobocie"\n', { idPrefix: 't' }, townWorkspace());
    expect(plan.ok).toBe(true);
    expect(plan.records.resources[0]).toMatchObject({ kind: 'school', address: 'ul. 3 Maja 1', location: { coordinates: [23.471, 51.1501] }, serves: ['children_youth_leisure', 'unemployment'] });
  });

  it('imports addresses from CSV in EPSG:2180 with a decimal comma', async () => {
    // 812935,69 / 373230,21 is 23.4755 E 51.1401 N (proj4), beside ul. Lubelska of the test town. (It was the Palace
    // of Culture in Warsaw, 170 km away: the import now asks about such a file first.)
    const plan = await planImport('addresses', 'ulica;numer;x;y;gospodarstwa\nLubelska;9;812935,69;373230,21;12\n', { crs: { code: 'EPSG:2180', axisOrder: 'xy' } }, townWorkspace());
    expect(plan.ok).toBe(true);
    expect(plan.records.addresses[0]).toMatchObject({ id: 'addr-lubelska-9', streetId: 'street-lubelska', houseNumber: '9', households: 12 });
    expect(plan.records.addresses[0]!.location.coordinates[0]).toBeCloseTo(23.4755, 5);
    expect(plan.records.addresses[0]!.location.coordinates[1]).toBeCloseTo(51.1401, 5);
  });

  it('commits all or nothing through applyChanges, and refuses a plan with errors', async () => {
    const calls: string[] = [];
    const source = { kind: 'embedded', applyChanges: async (changes: { upserts: Record<string, readonly unknown[]> }) => (calls.push(...Object.entries(changes.upserts).map(([c, r]) => `${c}:${r.length}`)), { ok: true as const }) } as unknown as DataSource;
    const good = await planImport('responses', 'Adres,Data\nLubelska 5,2025-05-05\n', { campaignId: 'campaign-2025-w1', idPrefix: 't' }, townWorkspace());
    expect(await commitImport(good, source)).toEqual({ ok: true });
    expect(calls).toEqual(['responses:1']);
    const bad = await planImport('responses', 'Adres,Data\nNowhere 5,2025-05-05\n', { campaignId: 'campaign-2025-w1' }, townWorkspace());
    expect((await commitImport(bad, source)).ok).toBe(false);
    expect(calls).toEqual(['responses:1']);
  });

  it('stops on abort with an AbortError', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(planImport('responses', 'a\n1\n', {}, townWorkspace(), { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});

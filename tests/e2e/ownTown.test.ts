import { join } from 'node:path';
import proj4 from 'proj4';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CRS_DEFINITIONS } from '../../src/data/import';
import { encodeCp1250, mulberry32 } from '../data/import/fixtures';
import { PRJ_2180, zippedShapefile } from '../data/import/shapefileZip';
import { generateSurvey } from '../data/import/surveyGenerator';
import { ARTIFACTS, useBuiltApp } from './support/builtApp';

/**
 * Issue 12's whole path in Chromium, from an empty browser to a need map of a centre's own town, with files a centre
 * has (all generated here from a seed: tests/data/import/surveyGenerator.ts, no network, nothing from ../shared):
 * a new workspace; streets from an OpenStreetMap-like export; estates from a zipped Shapefile in PUWG 1992; addresses
 * with household counts; a survey wave; the centre's own survey spreadsheet (Windows-1250, `;`, EPSG:2180,
 * surname-first street names, clerks' spellings, local need codes mapped once); and the hot spot the generator
 * planted, found on the map. What was stored is read back and checked against the generator's truth file.
 */

const app = useBuiltApp();

const to2180 = proj4(CRS_DEFINITIONS['EPSG:4326'], CRS_DEFINITIONS['EPSG:2180']);
const comma = (v: number) => v.toFixed(2).replace('.', ',');
const OSM_PREFIX: Record<string, string> = { 'ul.': '', 'al.': 'Aleja ', 'pl.': 'Plac ', 'os.': 'Osiedle ', rondo: 'Rondo ' };

/** The generated town as a centre gets it, plus a planted cluster of seniors' loneliness around one point. */
function town() {
  const survey = generateSurvey(2027, 3000);
  const { streets, addresses } = survey.workspace;
  const addressById = new Map(addresses.map((a) => [a.id, a]));
  // The town's middle, where the planted cluster sits: 1 km around the centre of the street grid.
  const lngs = addresses.map((a) => a.location.coordinates[0]);
  const lats = addresses.map((a) => a.location.coordinates[1]);
  const centre: [number, number] = [(Math.min(...lngs) + Math.max(...lngs)) / 2, (Math.min(...lats) + Math.max(...lats)) / 2];
  const metres = ([lng, lat]: readonly number[]) => Math.hypot((lng! - centre[0]) * 111_320 * Math.cos((centre[1] * Math.PI) / 180), (lat! - centre[1]) * 110_574);
  const random = mulberry32(12);
  const lines = survey.text.split('\r\n');
  const header = lines[0]!.split(';');
  const needsColumn = header.indexOf('Potrzeby');
  let planted = 0;
  const rows = lines.slice(1).map((line, i) => {
    if (line === '') return line;
    const cells = line.split(';');
    const truth = survey.truth[i]!;
    const inside = metres(addressById.get(truth.addressId)!.location.coordinates) < 1000;
    const codes = cells[needsColumn]!.split(', ').filter((c) => c !== '' && c !== 'samotnosc_seniorow');
    // Inside: 95 % of households name seniors' loneliness; outside: 5 %.
    if (random() < (inside ? 0.95 : 0.05)) codes.push('samotnosc_seniorow');
    if (inside) planted++;
    cells[needsColumn] = codes.join(', ');
    return cells.join(';');
  });
  const surveyCsv = encodeCp1250([lines[0], ...rows].join('\r\n'));

  const osm = {
    type: 'FeatureCollection',
    features: streets.map((s, i) => ({ type: 'Feature', id: `way/${1000 + i}`, properties: { highway: 'residential', name: `${OSM_PREFIX[s.prefix] ?? ''}${s.name}` }, geometry: { type: 'LineString', coordinates: s.geometry.coordinates[0] } })),
  };
  const streetName = new Map(streets.map((s) => [s.id, `${s.prefix} ${s.name}`]));
  const addressCsv = [
    'Ulica;Nr;Liczba gospodarstw domowych;X;Y',
    ...addresses.map((a) => {
      const [x, y] = to2180.forward(a.location.coordinates as [number, number]);
      return `${streetName.get(a.streetId)};${a.houseNumber};${a.households};${comma(x!)};${comma(y!)}`;
    }),
  ].join('\r\n');
  // Four estates: the quarters of the town, in PUWG 1992, as a gmina's Shapefile.
  const [minLng, maxLng, minLat, maxLat] = [Math.min(...lngs) - 0.002, Math.max(...lngs) + 0.002, Math.min(...lats) - 0.002, Math.max(...lats) + 0.002];
  const quarter = (lng0: number, lat0: number, lng1: number, lat1: number): Array<[number, number]> =>
    ([[lng0, lat0], [lng1, lat0], [lng1, lat1], [lng0, lat1], [lng0, lat0]] as Array<[number, number]>).map((p) => to2180.forward(p) as [number, number]);
  const estates = zippedShapefile(
    [
      { rings: [quarter(minLng, centre[1], centre[0], maxLat)], attributes: { NAZWA: 'Osiedle Północno-Zachodnie' } },
      { rings: [quarter(centre[0], centre[1], maxLng, maxLat)], attributes: { NAZWA: 'Osiedle Północno-Wschodnie' } },
      { rings: [quarter(minLng, minLat, centre[0], centre[1])], attributes: { NAZWA: 'Osiedle Południowo-Zachodnie' } },
      { rings: [quarter(centre[0], minLat, maxLng, centre[1])], attributes: { NAZWA: 'Osiedle Południowo-Wschodnie' } },
    ],
    { prj: PRJ_2180, name: 'osiedla' },
  );
  // Two care regions (west and east halves) as GML 3.2 from a municipal WFS: PUWG 1992 as a URN, so northing first.
  const posList = (ring: Array<[number, number]>) => ring.map((p) => to2180.forward(p) as [number, number]).map(([x, y]) => `${y.toFixed(2)} ${x.toFixed(2)}`).join(' ');
  const lonLatRing = (lng0: number, lat0: number, lng1: number, lat1: number): Array<[number, number]> => [[lng0, lat0], [lng1, lat0], [lng1, lat1], [lng0, lat1], [lng0, lat0]];
  const region = (id: number, name: string, ring: Array<[number, number]>) =>
    `<wfs:member><mops:RejonOpiekunczy gml:id="rejon.${id}"><mops:nazwa>${name}</mops:nazwa><mops:geom><gml:Polygon gml:id="g${id}" srsName="urn:ogc:def:crs:EPSG::2180"><gml:exterior><gml:LinearRing><gml:posList>${posList(ring)}</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></mops:geom></mops:RejonOpiekunczy></wfs:member>`;
  const careRegionsGml = `<?xml version="1.0" encoding="UTF-8"?>
<wfs:FeatureCollection xmlns:wfs="http://www.opengis.net/wfs/2.0" xmlns:gml="http://www.opengis.net/gml/3.2" xmlns:mops="urn:mopr:rejony">
${region(1, 'Rejon 1 (zachód)', lonLatRing(minLng, minLat, centre[0], maxLat))}
${region(2, 'Rejon 2 (wschód)', lonLatRing(centre[0], minLat, maxLng, maxLat))}
</wfs:FeatureCollection>`;
  return { survey, osm, addressCsv, estates, careRegionsGml, surveyCsv, centre, planted, streetsCount: streets.length, addressesCount: addresses.length };
}

const waitForMap = (page: Page) => page.waitForFunction(() => window.__calmap?.ready === true, undefined, { timeout: 30_000, polling: 50 });

async function importFile(page: Page, file: { name: string; mimeType: string; buffer: Buffer }, kind: string) {
  await page.evaluate(() => (window.location.hash = '#import'));
  const another = page.locator('button', { hasText: 'Importuj kolejny plik' });
  if (await another.count()) await another.click();
  await page.locator('[data-testid="import-file-input"]').setInputFiles(file);
  await expect.poll(() => page.locator(`input[name="import-kind"][value="${kind}"]`).isChecked(), { timeout: 30_000 }).toBe(true);
}

describe('a centre goes from an empty browser to the need map of its own town', () => {
  it('creates the workspace, brings in streets, estates, addresses, a wave and its survey spreadsheet, and finds the planted hot spot', async () => {
    const data = town();
    const context = await app.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'pl-PL', acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(app.server.origin + '/');
    await waitForMap(page);

    // 1. The centre's own workspace.
    await page.getByRole('button', { name: 'Ustawienia' }).click();
    await page.locator('[data-testid="workspace-list"]').getByRole('button', { name: 'Nowy obszar / nowa gmina…' }).click();
    const form = page.locator('[data-testid="new-workspace-form"]');
    await form.getByLabel('Nazwa ośrodka').fill('Miejski Ośrodek Pomocy Rodzinie w Chełmie');
    await form.getByLabel('Rodzaj ośrodka').selectOption('MOPR');
    await form.getByLabel('Kod TERYT gminy').fill('0662011');
    await form.getByLabel('Miejscowość (miasto lub gmina)').fill('Chełm');
    await form.getByRole('button', { name: 'Utwórz i otwórz' }).click();
    await expect.poll(() => page.locator('h1').innerText(), { timeout: 30_000 }).toMatch(/Chełm/);

    // 2. Streets from an OpenStreetMap export.
    await importFile(page, { name: 'chelm-ulice.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(data.osm)) }, 'streets');
    await expect.poll(() => page.locator('[data-testid="import-commit"]').isEnabled(), { timeout: 30_000 }).toBe(true);
    await page.locator('[data-testid="import-commit"]').click();
    await expect.poll(() => page.locator('[data-testid="import-success"]').innerText(), { timeout: 30_000 }).toContain(`ulice: ${data.streetsCount}`);

    // 3. Estates from the gmina's Shapefile (PUWG 1992).
    const areaPanel = page.locator('[data-testid="area-import"]');
    await areaPanel.locator('[data-testid="area-file-input"]').setInputFiles({ name: 'osiedla.zip', mimeType: 'application/zip', buffer: Buffer.from(data.estates) });
    await expect.poll(() => areaPanel.locator('[data-testid="area-commit"]').isEnabled(), { timeout: 30_000 }).toBe(true);
    await areaPanel.locator('[data-testid="area-commit"]').click();
    await expect.poll(() => areaPanel.innerText(), { timeout: 30_000 }).toContain('Zaimportowano obszary: 4.');

    // 3b. Care regions from the gmina's WFS as GML 3.2 (read with the browser's DOMParser), PUWG 1992 northing first.
    await areaPanel.locator('[data-testid="area-file-input"]').setInputFiles({ name: 'rejony-opiekuncze.gml', mimeType: 'application/gml+xml', buffer: Buffer.from(data.careRegionsGml, 'utf8') });
    await expect.poll(() => areaPanel.locator('[data-testid="area-plan"]').innerText(), { timeout: 30_000 }).toContain('Rejon 1 (zachód), Rejon 2 (wschód)');
    expect(await areaPanel.locator('[data-testid="area-plan"]').innerText()).toContain('PUWG 1992');
    await areaPanel.locator('[data-testid="area-commit"]').click();
    await expect.poll(() => areaPanel.innerText(), { timeout: 30_000 }).toContain('Zaimportowano obszary: 2.');

    // 4. Addresses with the number of households (the gmina's register, as a spreadsheet in PUWG 1992).
    await importFile(page, { name: 'adresy.csv', mimeType: 'text/csv', buffer: Buffer.from(data.addressCsv, 'utf8') }, 'addresses');
    await expect.poll(() => page.locator('[data-testid="import-commit"]').isEnabled(), { timeout: 60_000 }).toBe(true);
    await page.locator('[data-testid="import-commit"]').click();
    await expect.poll(() => page.locator('[data-testid="import-success"]').innerText(), { timeout: 60_000 }).toContain(`adresy: ${data.addressesCount}`);

    // 5. The survey wave, over the four estates, with the households they hold.
    await page.evaluate(() => (window.location.hash = '#ankiety'));
    await page.getByRole('button', { name: 'Nowa fala badania' }).click();
    const waveForm = page.locator('[data-testid="wave-form"]');
    await waveForm.getByLabel('Nazwa badania').fill('Diagnoza lokalna Chełm 2027');
    const households = data.survey.workspace.addresses.reduce((sum, a) => sum + a.households!, 0);
    expect(await waveForm.getByLabel('Gospodarstwa domowe objęte badaniem').inputValue()).toBe(String(households));
    await waveForm.getByRole('button', { name: 'Zapisz falę' }).click();
    await expect.poll(() => page.locator('[data-testid="wave-table"]').innerText().catch(() => ''), { timeout: 30_000 }).toContain('Diagnoza lokalna Chełm 2027');

    // 6. The centre's own survey spreadsheet: local codes mapped once, the rows with another street's name left out.
    await importFile(page, { name: 'ankiety-chelm.csv', mimeType: 'text/csv', buffer: Buffer.from(data.surveyCsv) }, 'responses');
    const values = page.locator('[data-testid="import-values"]');
    await values.waitFor({ timeout: 60_000 });
    await values.locator('[data-testid="import-values-accept"]').click();
    const partial = page.locator('[data-testid="import-partial"]');
    await partial.waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'own-town-survey-import.png') });
    await page.locator('[data-testid="import-commit-valid"]').click();
    const success = page.locator('[data-testid="import-success"]');
    await expect.poll(() => success.innerText(), { timeout: 60_000 }).toMatch(/ankiety: \d+/);
    const imported = Number(/ankiety: (\d+)/.exec(await success.innerText())![1]);
    console.log(`survey rows ${data.survey.truth.length}, imported ${imported}, planted in the centre ${data.planted}`);

    // What was stored, against the generator's truth: ≥ 98 % of rows on their street, none on another silently.
    // Read from both stores in one transaction, as the app reads them: the town may already be folded into one snapshot
    // per collection (compaction after a large import), with later change entries on top.
    const storedTown = await page.evaluate(async () => {
      type StoredRecord = { id: string; name?: string; streetId?: string; addressId?: string };
      const id = localStorage.getItem('calmap.workspace');
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(`cal-map-ws-${id}`);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const transaction = db.transaction(['snapshot', 'overlay']);
      const all = <T,>(store: string) => new Promise<T[]>((resolve, reject) => {
        const request = transaction.objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as T[]);
        request.onerror = () => reject(request.error);
      });
      const [snapshots, entries] = await Promise.all([all<{ collection: string; bytes: ArrayBuffer }>('snapshot'), all<{ collection: string; id: string; op: string; record?: StoredRecord }>('overlay')]);
      const records: Record<string, Map<string, StoredRecord>> = {};
      const of = (collection: string) => (records[collection] ??= new Map());
      for (const snapshot of snapshots) for (const record of JSON.parse(new TextDecoder().decode(snapshot.bytes)) as StoredRecord[]) of(snapshot.collection).set(record.id, record);
      for (const entry of entries) {
        if (entry.op === 'delete') of(entry.collection).delete(entry.id);
        else if (entry.record) of(entry.collection).set(entry.id, entry.record);
      }
      const streetOfAddress = new Map([...of('addresses').values()].map((a) => [a.id, a.streetId!]));
      return {
        responses: [...of('responses').values()].map((r) => ({ id: r.id, street: r.streetId ?? streetOfAddress.get(r.addressId ?? '') ?? null })),
        streetNames: Object.fromEntries([...of('streets').values()].map((st) => [st.id, st.name!])),
      };
    });
    const stored = storedTown.responses;
    expect(stored).toHaveLength(imported);
    // The imported streets and addresses got the import's own ids: compare by street name.
    const nameOfTruthStreet = new Map(data.survey.workspace.streets.map((s) => [s.id, s.name]));
    const storedStreetNames = storedTown.streetNames;
    let right = 0;
    let wrong = 0;
    for (const response of stored) {
      const row = Number(/-(\d+)(?:-\d+)?$/.exec(response.id)![1]);
      const truth = data.survey.truth.find((t) => t.displayRow === row)!;
      if (response.street && storedStreetNames[response.street] === nameOfTruthStreet.get(truth.streetId)) right++;
      else wrong++;
    }
    const share = right / data.survey.truth.length;
    console.log(`rows on their street: ${right} of ${data.survey.truth.length} (${(share * 100).toFixed(1)} %); stored on another street: ${wrong}`);
    expect(share).toBeGreaterThanOrEqual(0.98);
    expect(wrong).toBe(0);

    // 7. The need map of the town: after the imports the map shows the town (fitted to its extent), with the care
    // regions outlined; seniors' loneliness by hexagon, hot spots; the planted centre is hot.
    await page.evaluate(() => (window.location.hash = '#map'));
    await waitForMap(page);
    const view = await page.evaluate((centre) => {
      const map = window.__calmap!.map;
      return { contains: map.getBounds().contains(centre), outlines: map.querySourceFeatures('area-outlines').map((f) => String(f.properties.name)) };
    }, data.centre);
    expect(view.contains).toBe(true);
    expect(new Set(view.outlines)).toEqual(new Set(['Rejon 1 (zachód)', 'Rejon 2 (wschód)']));
    await page.selectOption('#explore-need', 'loneliness_seniors');
    await page.check('input[name="explore-unit"][value="hex"]');
    await page.check('input[data-explore-toggle="hotSpots"]');
    // Scale advice: at 250 m most answers sit in hexagons with fewer than 5; one click uses the advised size.
    const offer = page.locator('[data-testid="scale-offer"]');
    await offer.waitFor({ timeout: 120_000 });
    console.log(`scale advice: ${await offer.locator('p').innerText()}`);
    const advised = Number(/Użyj heksagonów (\d+) m/.exec(await offer.getByRole('button').innerText())?.[1]);
    expect([500, 1000]).toContain(advised);
    await offer.getByRole('button').click();
    await expect.poll(() => page.evaluate(() => window.location.hash), { timeout: 10_000 }).toContain(`hex=${advised}`);
    expect(await page.locator('[data-testid="explore-hex-size"]').inputValue()).toBe(String(advised));
    await expect.poll(() => page.evaluate((size) => window.__calmap?.explore?.unitKind === 'hex' && (window.__calmap.explore.unitIds[0] ?? '').startsWith(`hex${size}:`) && window.__calmap.explore.giBin !== null, advised), { timeout: 60_000 }).toBe(true);
    const hex = await page.evaluate(() => ({ centers: window.__calmap!.explore!.centers, giBin: window.__calmap!.explore!.giBin!, ids: window.__calmap!.explore!.unitIds }));
    let nearest = 0;
    let best = Infinity;
    for (let u = 0; u < hex.ids.length; u++) {
      const d = (hex.centers[2 * u]! - data.centre[0]) ** 2 + (hex.centers[2 * u + 1]! - data.centre[1]) ** 2;
      if (d < best) [best, nearest] = [d, u];
    }
    const hot = hex.giBin.filter((b) => b >= 2).length;
    console.log(`hexagon at the planted centre: Gi bin ${hex.giBin[nearest]}; hot hexagons (≥ 95 %): ${hot} of ${hex.ids.length}`);
    expect(hex.giBin[nearest]).toBeGreaterThanOrEqual(2);
    // And no hot spot far from where the need was planted (1 km radius; hexagons reach 250 m beyond it).
    const km = (u: number) => Math.hypot((hex.centers[2 * u]! - data.centre[0]) * 111_320 * Math.cos((data.centre[1] * Math.PI) / 180), (hex.centers[2 * u + 1]! - data.centre[1]) * 110_574) / 1000;
    const farHot = hex.ids.filter((_, u) => hex.giBin[u]! >= 2 && km(u) > 1.5).length;
    console.log(`hot hexagons farther than 1.5 km from the planted centre: ${farHot}`);
    expect(farHot).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'own-town-hot-spot.png') });
    expect(errors).toEqual([]);
    await context.close();
  }, 600_000);
});

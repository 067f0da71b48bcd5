import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe';
import { ARTIFACTS, useBuiltApp } from './support/builtApp';
import proj4 from 'proj4';
import { CRS_DEFINITIONS } from '../../src/data/import';
import { PRJ_2180, zippedShapefile } from '../data/import/shapefileZip';

/**
 * Issue 12 part 1 in Chromium: a centre starts its own workspace from an empty browser (name, kind, TERYT, town),
 * lands on an empty town that says what to do, imports its streets, and switches to the demo and back with
 * nothing lost in either.
 */


const app = useBuiltApp();


/** Streets of Nowy Sącz as an OpenStreetMap export (GeoJSON from Overpass), written by the test: Lwowska split in two ways. */
function osmStreets(): string {
  const way = (id: number, name: string, coordinates: [number, number][]) => ({ type: 'Feature', id: `way/${id}`, properties: { highway: 'residential', name }, geometry: { type: 'LineString', coordinates } });
  return JSON.stringify({
    type: 'FeatureCollection',
    features: [
      way(1, 'Lwowska', [[20.700, 49.618], [20.705, 49.617]]),
      way(2, 'Lwowska', [[20.705, 49.617], [20.712, 49.615]]),
      way(3, 'Jagiellońska', [[20.693, 49.622], [20.694, 49.614]]),
      way(4, 'Kazimierza Wielkiego', [[20.688, 49.618], [20.699, 49.6185]]),
    ],
  });
}

/** Three estates of Nowy Sącz around the streets above, as a zipped Shapefile in PUWG 1992 (EPSG:2180) with its .prj. */
function estatesShapefile(): Uint8Array {
  const to2180 = proj4(CRS_DEFINITIONS['EPSG:4326'], CRS_DEFINITIONS['EPSG:2180']);
  const square = (lng: number, lat: number): Array<[number, number]> =>
    ([[lng, lat], [lng + 0.008, lat], [lng + 0.008, lat + 0.005], [lng, lat + 0.005], [lng, lat]] as Array<[number, number]>).map((p) => to2180.forward(p) as [number, number]);
  return zippedShapefile(
    [
      { rings: [square(20.688, 49.616)], attributes: { NAZWA: 'Osiedle Jagiellońskie' } },
      { rings: [square(20.700, 49.614)], attributes: { NAZWA: 'Osiedle Łwowskie' } },
      { rings: [square(20.690, 49.621)], attributes: { NAZWA: 'Śródmieście Północ' } },
    ],
    { prj: PRJ_2180, name: 'osiedla-nowy-sacz' },
  );
}

const waitForMap = (page: Page) => page.waitForFunction(() => window.__calmap?.ready === true, undefined, { timeout: 30_000, polling: 50 });
/** The street count the map's text summary states (what a screen reader user hears). */
const streetCount = async (page: Page) => Number(/ulice: (\d+)/.exec(await page.locator('[data-testid="map-summary"]').textContent() ?? '')?.[1] ?? -1);

async function chooseWorkspace(page: Page, label: RegExp) {
  await page.getByRole('button', { name: 'Ustawienia' }).click();
  await page.locator('[data-testid="workspace-list"]').getByRole('button', { name: label }).click();
}

describe('a centre starts its own town', () => {
  it('creates a workspace, sees an empty town that says what to do, imports streets, and switches to the demo and back without loss', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'pl-PL' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(app.server.origin + '/');
    await waitForMap(page);
    expect(await page.locator('h1').innerText()).toMatch(/Dębowo/);
    const demoStreets = await streetCount(page);
    expect(demoStreets).toBeGreaterThan(100);

    await page.getByRole('button', { name: 'Ustawienia' }).click();
    const list = page.locator('[data-testid="workspace-list"]');
    expect(await list.getByRole('button', { name: /Miasto demonstracyjne/ }).getAttribute('aria-current')).toBe('true');
    await list.getByRole('button', { name: 'Nowy obszar / nowa gmina…' }).click();
    const form = page.locator('[data-testid="new-workspace-form"]');
    await form.waitFor({ state: 'visible' });
    await form.getByLabel('Nazwa ośrodka').fill('Miejski Ośrodek Pomocy Społecznej w Nowym Sączu');
    await form.getByLabel('Rodzaj ośrodka').selectOption('MOPS');
    await form.getByLabel('Kod TERYT gminy').fill('12 620');
    await form.getByLabel('Miejscowość (miasto lub gmina)').fill('Nowy Sącz');
    await form.getByRole('button', { name: 'Utwórz i otwórz' }).click();
    // A wrong code is named at its field, and focus goes there.
    const teryt = form.getByLabel('Kod TERYT gminy');
    await expect.poll(() => teryt.getAttribute('aria-invalid')).toBe('true');
    expect(await form.innerText()).toContain('Kod TERYT gminy to 7 cyfr; ostatnia (1–5) to rodzaj gminy.');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('gminaTeryt');
    await page.screenshot({ path: join(ARTIFACTS, 'workspace-new-error.png') });
    expect(await axeViolations(page)).toEqual([]);
    await teryt.fill('1262011');
    await form.getByRole('button', { name: 'Utwórz i otwórz' }).click();

    // The new workspace opens on the import screen, with its own name; nothing of Dębowo is in it.
    await expect.poll(() => page.evaluate(() => window.location.hash), { timeout: 30_000 }).toMatch(/^#import|v=import/);
    await expect.poll(() => page.locator('h1').innerText(), { timeout: 30_000 }).toMatch(/CAL Map\s*·\s*Nowy Sącz/);
    await page.evaluate(() => (window.location.hash = '#map'));
    await waitForMap(page);
    await expect.poll(() => page.locator('[data-testid="empty-workspace"]').isVisible()).toBe(true);
    expect(await streetCount(page)).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'workspace-empty.png') });
    expect(await axeViolations(page)).toEqual([]);

    // Streets from an OSM export go into this workspace.
    await page.locator('[data-testid="empty-workspace"]').getByRole('link', { name: 'Przejdź do importu danych' }).click();
    await page.locator('[data-testid="import-file-input"]').setInputFiles({ name: 'nowy-sacz-ulice.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(osmStreets(), 'utf8') });
    await expect.poll(() => page.locator('input[name="import-kind"][value="streets"]').isChecked(), { timeout: 30_000 }).toBe(true);
    const commit = page.locator('[data-testid="import-commit"]');
    await expect.poll(() => commit.isEnabled(), { timeout: 30_000 }).toBe(true);
    await commit.click();
    await expect.poll(() => page.locator('[data-testid="import-success"]').innerText(), { timeout: 30_000 }).toMatch(/ulice: 3/);
    // Undone in one step, then brought in again.
    await page.locator('[data-testid="import-undo"]').click();
    await expect.poll(() => page.locator('[data-testid="import-undone"]').isVisible(), { timeout: 30_000 }).toBe(true);
    await page.evaluate(() => (window.location.hash = '#map'));
    await waitForMap(page);
    await expect.poll(() => streetCount(page)).toBe(0);
    await page.evaluate(() => (window.location.hash = '#import'));
    await page.locator('[data-testid="import-file-input"]').setInputFiles({ name: 'nowy-sacz-ulice.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(osmStreets(), 'utf8') });
    await expect.poll(() => commit.isEnabled(), { timeout: 30_000 }).toBe(true);
    await commit.click();
    await expect.poll(() => page.locator('[data-testid="import-success"]').innerText(), { timeout: 30_000 }).toMatch(/ulice: 3/);
    await page.evaluate(() => (window.location.hash = '#map'));
    await waitForMap(page);
    await expect.poll(() => streetCount(page)).toBe(3);
    expect(await page.locator('[data-testid="empty-workspace"]').count()).toBe(0);
    expect(await page.locator('.map-attribution').innerText()).toBe('Dane: Miejski Ośrodek Pomocy Społecznej w Nowym Sączu');
    await page.screenshot({ path: join(ARTIFACTS, 'workspace-own-streets.png') });

    // A wrong file first: twelve areas named alike (no TERYT codes) 150 km from Nowy Sącz. What blocks the import (the
    // question, then its answer) comes before the warnings, which fold after eight: the file's order put it last.
    await page.evaluate(() => (window.location.hash = '#import'));
    const areaPanel = page.locator('[data-testid="area-import"]');
    const far = { type: 'FeatureCollection', features: Array.from({ length: 12 }, (_, i) => ({ type: 'Feature', properties: { nazwa: 'Rejon' }, geometry: { type: 'Polygon', coordinates: [[[19 + i * 0.02, 50.9], [19.01 + i * 0.02, 50.9], [19.01 + i * 0.02, 50.91], [19 + i * 0.02, 50.91], [19 + i * 0.02, 50.9]]] } })) };
    await areaPanel.locator('[data-testid="area-file-input"]').setInputFiles({ name: 'rejony.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(far), 'utf8') });
    await expect.poll(() => areaPanel.locator('[data-testid="area-plan"]').innerText().catch(() => ''), { timeout: 30_000 }).toContain('obszarów do importu: 0');
    const planText = await areaPanel.locator('[data-testid="area-plan"]').innerText();
    const question = planText.indexOf('km od miejscowości Nowy Sącz. Czy to właściwy plik');
    const answer = planText.indexOf('Tak, ten plik dotyczy miejscowości Nowy Sącz');
    const firstWarning = planText.indexOf('„Rejon” występuje w pliku więcej niż raz');
    expect([question > 0, answer > question, firstWarning > answer]).toEqual([true, true, true]);
    expect(await areaPanel.locator('[data-testid="area-warnings"] li').count()).toBe(8);
    expect(await areaPanel.locator('[data-testid="area-more-warnings"] summary').innerText()).toBe('Pokaż jeszcze 3 ostrzeżenia');
    await areaPanel.getByLabel('Tak, ten plik dotyczy miejscowości Nowy Sącz').check();
    await expect.poll(() => areaPanel.locator('[data-testid="area-commit"]').innerText(), { timeout: 30_000 }).toBe('Importuj obszary (12)');
    await page.screenshot({ path: join(ARTIFACTS, 'workspace-areas-far.png') });
    expect(await axeViolations(page)).toEqual([]);

    // Estates from the gmina's Shapefile (PUWG 1992, zipped): read, named, imported in one step, and undone in one.
    await areaPanel.locator('[data-testid="area-file-input"]').setInputFiles({ name: 'osiedla-nowy-sacz.zip', mimeType: 'application/zip', buffer: Buffer.from(estatesShapefile()) });
    await expect.poll(() => areaPanel.locator('[data-testid="area-plan"]').innerText().catch(() => ''), { timeout: 30_000 }).toContain('obszarów do importu: 3');
    expect(await areaPanel.innerText()).toContain('Osiedle Jagiellońskie, Osiedle Łwowskie, Śródmieście Północ');
    expect(await areaPanel.innerText()).toContain('Układ współrzędnych: odczytany z pliku .prj i przeliczony na WGS 84.');
    expect(await areaPanel.getByLabel('Co to za obszary').inputValue()).toBe('estate');
    await areaPanel.locator('[data-testid="area-plan"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'workspace-areas-plan.png') });
    expect(await axeViolations(page)).toEqual([]);
    await areaPanel.locator('[data-testid="area-commit"]').click();
    await expect.poll(() => areaPanel.innerText(), { timeout: 30_000 }).toContain('Zaimportowano obszary: 3.');
    await areaPanel.locator('[data-testid="area-undo"]').click();
    await expect.poll(() => areaPanel.innerText(), { timeout: 30_000 }).toContain('Import obszarów cofnięto.');
    await page.evaluate(() => (window.location.hash = '#map'));
    await waitForMap(page);
    await expect.poll(async () => /osiedla: 0,/.test((await page.locator('[data-testid="map-summary"]').textContent()) ?? '')).toBe(true);
    await page.evaluate(() => (window.location.hash = '#import'));
    await areaPanel.locator('[data-testid="area-file-input"]').setInputFiles({ name: 'osiedla-nowy-sacz.zip', mimeType: 'application/zip', buffer: Buffer.from(estatesShapefile()) });
    await expect.poll(() => areaPanel.locator('[data-testid="area-commit"]').isEnabled(), { timeout: 30_000 }).toBe(true);
    // Areas can be left out one by one (a whole-city outline in a file of districts, say).
    const choose = areaPanel.locator('[data-testid="area-choose"]');
    await choose.locator('summary').click();
    await choose.getByLabel('Śródmieście Północ').uncheck();
    await expect.poll(() => areaPanel.locator('[data-testid="area-commit"]').innerText(), { timeout: 30_000 }).toBe('Importuj obszary (2)');
    expect(await choose.locator('summary').innerText()).toBe('Które obszary zaimportować (2 z 3)');
    await choose.getByLabel('Śródmieście Północ').check();
    await expect.poll(() => areaPanel.locator('[data-testid="area-commit"]').innerText(), { timeout: 30_000 }).toBe('Importuj obszary (3)');
    await areaPanel.locator('[data-testid="area-commit"]').click();
    await expect.poll(() => areaPanel.innerText(), { timeout: 30_000 }).toContain('Zaimportowano obszary: 3.');
    await page.evaluate(() => (window.location.hash = '#map'));
    await waitForMap(page);
    await expect.poll(async () => /osiedla: 3,/.test((await page.locator('[data-testid="map-summary"]').textContent()) ?? '')).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'workspace-own-areas.png') });

    // A first survey wave over the estates; with no addresses the households targeted must be typed (a response
    // rate is never invented).
    await page.click('a.app-tab[href="#ankiety"]');
    await page.getByRole('button', { name: 'Nowa fala badania' }).click();
    const waveForm = page.locator('[data-testid="wave-form"]');
    await waveForm.waitFor({ state: 'visible' });
    for (const estate of ['Osiedle Jagiellońskie', 'Osiedle Łwowskie', 'Śródmieście Północ']) expect(await waveForm.getByLabel(estate).isChecked()).toBe(true);
    expect(await waveForm.innerText()).toContain('Bez adresów z liczbą gospodarstw nie da się policzyć odsetka odpowiedzi');
    expect(await waveForm.getByLabel('Numer fali').inputValue()).toBe('1');
    await waveForm.getByRole('button', { name: 'Zapisz falę' }).click();
    await expect.poll(() => waveForm.getByLabel('Nazwa badania').getAttribute('aria-invalid')).toBe('true');
    expect(await waveForm.innerText()).toContain('Liczba gospodarstw to liczba całkowita od 1.');
    await page.screenshot({ path: join(ARTIFACTS, 'workspace-wave-errors.png') });
    expect(await axeViolations(page)).toEqual([]);
    await waveForm.getByLabel('Nazwa badania').fill('Diagnoza lokalna 2027 — Nowy Sącz');
    await waveForm.getByLabel('Gospodarstwa domowe objęte badaniem').fill('350');
    await waveForm.getByRole('button', { name: 'Zapisz falę' }).click();
    const waves = page.locator('[data-testid="wave-table"]');
    await expect.poll(() => waves.innerText().catch(() => ''), { timeout: 30_000 }).toContain('Diagnoza lokalna 2027 — Nowy Sącz');
    expect(await waves.innerText()).toContain('350');
    // Edited in place: the same wave, new numbers.
    await page.getByRole('button', { name: 'Edytuj falę 1' }).click();
    await waveForm.getByLabel('Gospodarstwa domowe objęte badaniem').fill('420');
    await waveForm.getByRole('button', { name: 'Zapisz falę' }).click();
    await expect.poll(() => waves.innerText(), { timeout: 30_000 }).toContain('420');
    expect(await waves.locator('tbody tr').count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'workspace-wave-saved.png') });

    // The demo is one click away and unchanged; back again, Nowy Sącz still has its streets.
    await chooseWorkspace(page, /Miasto demonstracyjne/);
    await expect.poll(() => page.locator('h1').innerText(), { timeout: 30_000 }).toMatch(/Dębowo/);
    await waitForMap(page);
    await expect.poll(() => streetCount(page)).toBe(demoStreets);
    await chooseWorkspace(page, /Nowy Sącz/);
    await expect.poll(() => page.locator('h1').innerText(), { timeout: 30_000 }).toMatch(/Nowy Sącz/);
    await waitForMap(page);
    await expect.poll(() => streetCount(page)).toBe(3);
    await page.click('a.app-tab[href="#ankiety"]');
    await expect.poll(() => page.locator('[data-testid="wave-table"]').innerText().catch(() => ''), { timeout: 30_000 }).toContain('Diagnoza lokalna 2027 — Nowy Sącz');
    // "Przywróć dane demo" belongs to the demo only.
    await page.getByRole('button', { name: 'Ustawienia' }).click();
    expect(await page.getByRole('button', { name: 'Przywróć dane demo' }).count()).toBe(0);

    // Exported as one file and opened in another browser (here: a fresh profile on the demo), nothing is lost.
    await page.evaluate(() => (window.location.hash = '#import'));
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="export-workspace"]').click()]);
    const exported = await download.path();
    const other = await app.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'pl-PL' });
    const second = await other.newPage();
    second.on('pageerror', (error) => errors.push(error.message));
    await second.goto(app.server.origin + '/#import');
    await expect.poll(() => second.locator('[data-testid="load-workspace-input"]').isEnabled(), { timeout: 30_000 }).toBe(true);
    await second.locator('[data-testid="load-workspace-input"]').setInputFiles(exported);
    await second.locator('[data-testid="load-workspace-as-new"]').waitFor({ state: 'visible', timeout: 30_000 }).catch(async () => {
      await second.screenshot({ path: join(ARTIFACTS, 'workspace-load-failed.png') });
    });
    await second.locator('[data-testid="load-workspace-as-new"]').click();
    await expect.poll(() => second.locator('h1').innerText(), { timeout: 30_000 }).toMatch(/Nowy Sącz/);
    await waitForMap(second);
    await expect.poll(async () => /osiedla: 3, ulice: 3,/.test((await second.locator('[data-testid="map-summary"]').textContent()) ?? '')).toBe(true);
    await second.click('a.app-tab[href="#ankiety"]');
    await expect.poll(() => second.locator('[data-testid="wave-table"]').innerText().catch(() => ''), { timeout: 30_000 }).toContain('Diagnoza lokalna 2027 — Nowy Sącz');
    // The demo of that browser is still there, untouched.
    await chooseWorkspace(second, /Miasto demonstracyjne/);
    await expect.poll(() => second.locator('h1').innerText(), { timeout: 30_000 }).toMatch(/Dębowo/);
    await other.close();
    expect(errors).toEqual([]);
    await context.close();
  });

  it("fetches a new town's streets and addressed buildings from OpenStreetMap by its TERYT code (Overpass answered by the test)", async () => {
    const context = await app.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'pl-PL' });
    const queries: string[] = [];
    // No network in tests: the Overpass API's answer is written here, in its own JSON format (out geom).
    await context.route('https://overpass-api.de/**', async (route) => {
      queries.push(decodeURIComponent((route.request().postData() ?? '').replace(/^data=/, '')));
      const geom = (pts: Array<[number, number]>) => pts.map(([lon, lat]) => ({ lat, lon }));
      await route.fulfill({
        status: 200,
        contentType: 'application/json',
        headers: { 'access-control-allow-origin': '*' },
        body: JSON.stringify({
          elements: [
            { type: 'way', id: 1, tags: { highway: 'secondary', name: 'Lwowska' }, geometry: geom([[23.47, 51.13], [23.475, 51.131]]) },
            { type: 'way', id: 2, tags: { highway: 'secondary', name: 'Lwowska' }, geometry: geom([[23.475, 51.131], [23.48, 51.132]]) },
            { type: 'way', id: 3, tags: { highway: 'residential', name: 'Aleja Armii Krajowej' }, geometry: geom([[23.47, 51.14], [23.48, 51.14]]) },
            { type: 'way', id: 4, tags: { building: 'apartments', 'addr:street': 'Lwowska', 'addr:housenumber': '12a' }, geometry: geom([[23.476, 51.1312], [23.4764, 51.1312], [23.4764, 51.1316], [23.476, 51.1316], [23.476, 51.1312]]) },
          ],
        }),
      });
    });
    const page = await context.newPage();
    await page.goto(app.server.origin + '/');
    await waitForMap(page);
    await page.getByRole('button', { name: 'Ustawienia' }).click();
    await page.locator('[data-testid="workspace-list"]').getByRole('button', { name: 'Nowy obszar / nowa gmina…' }).click();
    const form = page.locator('[data-testid="new-workspace-form"]');
    await form.getByLabel('Nazwa ośrodka').fill('Miejski Ośrodek Pomocy Rodzinie w Chełmie');
    await form.getByLabel('Rodzaj ośrodka').selectOption('MOPR');
    await form.getByLabel('Kod TERYT gminy').fill('0662011');
    await form.getByLabel('Miejscowość (miasto lub gmina)').fill('Chełm');
    await form.getByRole('button', { name: 'Utwórz i otwórz' }).click();
    await expect.poll(() => page.locator('h1').innerText(), { timeout: 30_000 }).toMatch(/Chełm/);
    await page.getByRole('button', { name: 'Pobierz ulice i budynki gminy z OpenStreetMap (Chełm)' }).click();
    await expect.poll(() => page.locator('[data-testid="overpass"]').innerText(), { timeout: 30_000 }).toContain('ulice (odcinki): 3, budynki i punkty adresowe: 1');
    expect(queries[0]).toContain('["teryt:terc"="0662011"]');
    await expect.poll(() => page.locator('input[name="import-kind"][value="streets"]').isChecked(), { timeout: 30_000 }).toBe(true);
    const commit = page.locator('[data-testid="import-commit"]');
    await expect.poll(() => commit.isEnabled(), { timeout: 30_000 }).toBe(true);
    await commit.click();
    await expect.poll(() => page.locator('[data-testid="import-success"]').innerText(), { timeout: 30_000 }).toMatch(/ulice: 2/);
    await page.evaluate(() => (window.location.hash = '#map'));
    await waitForMap(page);
    await expect.poll(() => streetCount(page)).toBe(2);
    await context.close();
  });
});

import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { buildApp, REPO_ROOT } from './support/buildApp';
import { startStaticServer, type StaticServer } from './support/staticServer';
import { encodeCp1250 } from '../data/import/fixtures';

const ARTIFACTS = join(REPO_ROOT, 'tests/e2e/artifacts');
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let server: StaticServer;
let browser: Browser;
let dist: string;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dist = await buildApp();
  server = await startStaticServer(dist);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dist) rmSync(dist, { recursive: true, force: true });
});

async function openImport(): Promise<{ page: Page; consoleErrors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'pl-PL' });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(server.origin + '/#import', { waitUntil: 'commit' });
  await page.getByRole('heading', { name: 'Import danych', level: 2 }).waitFor();
  await page.locator('[data-testid="import-file-input"]:not([disabled])').waitFor({ timeout: 30_000 });
  return { page, consoleErrors };
}

const waitForMap = (page: Page) => page.waitForFunction(() => window.__calmap?.ready === true, undefined, { timeout: 30_000, polling: 50 });
/** The import preview map has drawn what it was given (before a screenshot), instead of a fixed wait. */
const previewMapIdle = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.__calmapImportPreview?.map;
        if (!map || (map.loaded() && !map.isMoving())) resolve();
        else map.once('idle', () => resolve());
      }),
  );

/** Names of every resource in the main map's source (all of them, not only those on screen). */
const resourceNamesOnMap = (page: Page) =>
  page.evaluate(async () => {
    const source = window.__calmap!.map.getSource('resources') as unknown as { getData(): Promise<GeoJSON.FeatureCollection> };
    const data = await source.getData();
    return data.features.map((f) => String(f.properties?.name));
  });

async function axeViolations(page: Page) {
  await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }));
  });
  if (violations.length) console.log('axe violations:', JSON.stringify(violations, null, 2));
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Three institutions in Dębowo, as a Polish Excel saves them: `;`, decimal commas, Polish letters. */
const RESOURCES_CSV = [
  'Nazwa;Rodzaj;Długość;Szerokość;Adres',
  // At ul. Łąkowa 3 of the demo town: a point that contradicts its street's name is an error (rowConverters.ts).
  'Świetlica „Źdźbło” przy Łąkowej;świetlica;19,3236;50,1526;ul. Łąkowa 3',
  'Klub Seniora „Jesień Życia”;klub seniora;19,2987;50,1521;',
  'Fundacja Żółty Żagiel;NGO;19,3105;50,1467;',
].join('\r\n');

describe('the import wizard in Chromium', () => {
  it('imports a ;-separated CSV of resources with Polish letters: detection, preview, commit, points on the main map', async () => {
    const { page, consoleErrors } = await openImport();
    await page.locator('[data-testid="import-file-input"]').setInputFiles({ name: 'zasoby-łąkowa.csv', mimeType: 'text/csv', buffer: Buffer.from(RESOURCES_CSV, 'utf8') });

    // The kind is suggested from the headers; the reading is shown with its reasons.
    await expect.poll(() => page.locator('input[name="import-kind"][value="resources"]').isChecked()).toBe(true);
    await page.locator('[data-testid="import-detection"]').waitFor();
    expect(await page.locator('[data-testid="import-encoding"]').innerText()).toBe('UTF-8');
    expect(await page.locator('[data-testid="import-delimiter"]').innerText()).toBe('średnik (;)');
    expect(await page.locator('[data-testid="import-crs"]').innerText()).toMatch(/WGS 84/);
    expect(await page.locator('[data-testid="import-detection"]').innerText()).toMatch(/100% z 3 sprawdzonych punktów leży w Polsce/);
    // Columns pre-filled from the headers.
    expect(await page.locator('select[data-field="name"]').inputValue()).toBe('Nazwa');
    expect(await page.locator('select[data-field="x"]').inputValue()).toBe('Długość');

    // The preview puts all three points in Dębowo.
    await expect.poll(() => page.locator('[data-testid="import-preview-summary"]').innerText()).toBe('Na mapie: 3 z 3 punktów; w obrębie miasta Dębowo: 3.');
    await expect.poll(() => page.evaluate(() => window.__calmapImportPreview?.points ?? -1)).toBe(3);
    expect(await page.locator('[data-testid="import-issues"]').innerText()).not.toMatch(/Błędy:/);
    const commit = page.locator('[data-testid="import-commit"]');
    await expect.poll(() => commit.isEnabled()).toBe(true);
    // Screenshots of the viewport, as the user sees it (a full-page capture would draw the sticky import bar mid-page).
    await page.locator('[data-testid="import-preview-map"]').scrollIntoViewIfNeeded();
    await previewMapIdle(page);
    await page.screenshot({ path: join(ARTIFACTS, 'import-resources-preview.png') });
    expect(await axeViolations(page)).toEqual([]);

    await commit.click();
    const success = page.locator('[data-testid="import-success"]');
    await expect.poll(() => success.innerText()).toMatch(/Zaimportowano — zasoby: 3\./);
    await page.screenshot({ path: join(ARTIFACTS, 'import-resources-done.png') });

    // Back on the main map, the three new institutions are in the resources source and drawn.
    await success.getByRole('link', { name: 'Pokaż na mapie' }).click();
    await waitForMap(page);
    const names = await resourceNamesOnMap(page);
    expect(names).toEqual(expect.arrayContaining(['Świetlica „Źdźbło” przy Łąkowej', 'Klub Seniora „Jesień Życia”', 'Fundacja Żółty Żagiel']));
    expect(names).toHaveLength(60 + 3);
    const drawn = await page.evaluate(() => window.__calmap!.map.queryRenderedFeatures({ layers: ['resources-symbol'] }).map((f) => String(f.properties.name)));
    expect(drawn).toEqual(expect.arrayContaining(['Fundacja Żółty Żagiel']));
    await page.screenshot({ path: join(ARTIFACTS, 'import-resources-on-map.png') });

    // Stored: still there after a reload.
    await page.reload({ waitUntil: 'commit' });
    await waitForMap(page);
    expect(await resourceNamesOnMap(page)).toHaveLength(63);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('lists an error with its row and column, keeps "Importuj wszystko" disabled, and writes nothing', async () => {
    const { page } = await openImport();
    const csv = [RESOURCES_CSV.split('\r\n')[0], 'Dom Kultury „Iskra”;dom kultury;19,3012;50,1498;', 'Świetlica Ósemka;świetlica;abc;50,1501;', ''].join('\n');
    await page.locator('[data-testid="import-file-input"]').setInputFiles({ name: 'zasoby-z-bledem.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    const issues = page.locator('[data-testid="import-issues"]');
    await expect.poll(() => issues.innerText(), { timeout: 15_000 }).toMatch(/Błędy: 1/);
    const errorRow = issues.locator('tr.import-row-error').first();
    expect(await errorRow.locator('td').allInnerTexts()).toEqual(['błąd', '3', 'Długość', 'abc', 'x / długość geograficzna musi być liczbą, np. 19.2563 albo 19,2563']);
    expect(await page.locator('[data-testid="import-commit"]').isDisabled()).toBe(true);
    expect(await page.locator('.import-commit').innerText()).toMatch(/Import zablokowany: błędy \(1\)/);
    // The row that is fine still shows where it would land (the plan has no records, so the file's coordinates are drawn).
    await expect.poll(() => page.locator('[data-testid="import-preview-summary"]').innerText()).toMatch(/^Na mapie: 1 z 1 punktów/);
    await issues.scrollIntoViewIfNeeded();
    await previewMapIdle(page);
    await page.screenshot({ path: join(ARTIFACTS, 'import-error-row.png') });
    expect(await axeViolations(page)).toEqual([]);

    // Nothing was written: after a reload the map holds the demo's 60 resources and neither row.
    await page.goto(server.origin + '/#map', { waitUntil: 'commit' });
    await page.reload({ waitUntil: 'commit' });
    await waitForMap(page);
    const names = await resourceNamesOnMap(page);
    expect(names).toHaveLength(60);
    expect(names).not.toContain('Dom Kultury „Iskra”');
    await page.context().close();
  });

  it('asks before importing a file of another town (Kraków, 60 km away), and imports it once the box is ticked', async () => {
    const { page, consoleErrors } = await openImport();
    const csv = [RESOURCES_CSV.split('\r\n')[0], 'Klub „Wawel”;klub seniora;19,9383;50,0614;', 'Świetlica „Kazimierz”;świetlica;19,9447;50,0513;', ''].join('\n');
    await page.locator('[data-testid="import-file-input"]').setInputFiles({ name: 'zasoby-krakow.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    const issues = page.locator('[data-testid="import-issues"]');
    await expect.poll(() => issues.innerText(), { timeout: 15_000 }).toMatch(/rekordy z tego pliku leżą ok\. \d+ km od miejscowości/);
    expect(await page.locator('[data-testid="import-commit"]').isDisabled()).toBe(true);
    const confirm = page.locator('[data-testid="import-far-confirm"]');
    await confirm.scrollIntoViewIfNeeded();
    expect(await confirm.isChecked()).toBe(false);
    await page.screenshot({ path: join(ARTIFACTS, 'import-far-from-town.png') });
    expect(await axeViolations(page)).toEqual([]);
    await confirm.check();
    await expect.poll(() => page.locator('[data-testid="import-commit"]').isDisabled(), { timeout: 15_000 }).toBe(false);
    expect(await issues.innerText()).not.toMatch(/km od miejscowości/);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('shows a progress bar with a row count while it checks 20,000 survey answers', async () => {
    const streets = JSON.parse(readFileSync(join(REPO_ROOT, 'data/demo/streets.json'), 'utf8')) as Array<{ id: string; prefix: string; name: string }>;
    const addresses = JSON.parse(readFileSync(join(REPO_ROOT, 'data/demo/addresses.json'), 'utf8')) as Array<{ streetId: string; houseNumber: string }>;
    const streetById = new Map(streets.map((s) => [s.id, s]));
    const rows = ['Adres;Data wywiadu;Liczba osób;Bezrobocie;Samotność'];
    for (let i = 0; i < 20_000; i++) {
      const a = addresses[(i * 7919) % addresses.length]!;
      const s = streetById.get(a.streetId)!;
      rows.push(`${s.prefix} ${s.name} ${a.houseNumber};${String(1 + (i % 28)).padStart(2, '0')}.04.2025;${1 + (i % 5)};${i % 4};${(i + 1) % 4}`);
    }
    const { page } = await openImport();
    // Record every text the progress line shows: the worker reports after each 2,000 rows.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __progressSeen: string[] }).__progressSeen = seen;
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="import-progress-text"]')?.textContent;
        if (text && seen[seen.length - 1] !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.locator('[data-testid="import-file-input"]').setInputFiles({ name: 'ankiety-2025.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n'), 'utf8') });
    await page.locator('.import-progress progress').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'import-progress.png') });
    // A count line ("n / 20 000 wierszy") lives for a moment only: on a slow or busy machine a polling wait can miss
    // it, so the test reads what the MutationObserver above recorded (every text the line ever showed).
    const countsSeen = () =>
      page.evaluate(() => (window as unknown as { __progressSeen: string[] }).__progressSeen.filter((text) => / \/ 20\s000 wierszy$/.test(text)).length);
    await expect.poll(countsSeen, { timeout: 60_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-testid="import-match"]').innerText(), { timeout: 30_000 }).toMatch(/Dopasowane adresy: 20\s000 z 20\s000 \(100 %\)/);
    const seen = await page.evaluate(() => (window as unknown as { __progressSeen: string[] }).__progressSeen);
    console.log('progress texts seen:', JSON.stringify(seen));
    const counts = seen.map((text) => /^([\d\s]+) \/ 20\s000 wierszy$/.exec(text)?.[1]?.replace(/\s/g, '')).filter((n): n is string => n !== undefined).map(Number);
    expect(counts.some((n) => n > 0 && n < 20_000)).toBe(true);
    expect(await page.locator('input[name="import-kind"][value="responses"]').isChecked()).toBe(true);
    expect(await page.locator('[data-testid="import-commit"]').isEnabled()).toBe(true);
    await page.context().close();
  });
  it('maps a local need code once, imports the valid rows of a Windows-1250 survey, offers the rejected ones as CSV, and remembers the mapping', async () => {
    const streets = JSON.parse(readFileSync(join(REPO_ROOT, 'data/demo/streets.json'), 'utf8')) as Array<{ id: string; name: string }>;
    const addresses = JSON.parse(readFileSync(join(REPO_ROOT, 'data/demo/addresses.json'), 'utf8')) as Array<{ streetId: string; houseNumber: string }>;
    // Register order, as the TERYT ULIC register writes these demo streets.
    const registerNames: Record<string, string> = { 'Bolesława Chrobrego': 'Chrobrego Bolesława', 'Władysława Jagiełły': 'Jagiełły Władysława', 'Królowej Jadwigi': 'Jadwigi Królowej', 'Kazimierza Wielkiego': 'Wielkiego Kazimierza' };
    const rows = ['Ulica;Nr;Data wywiadu;osoby;Potrzeby'];
    for (const [official, register] of Object.entries(registerNames)) {
      const street = streets.find((s) => s.name === official)!;
      const numbers = addresses.filter((a) => a.streetId === street.id).slice(0, 2).map((a) => a.houseNumber);
      rows.push(`${register};${numbers[0]};03.11.2026;2;samotnosc_seniorow`, `${register};${numbers[1]};04.11.2026;4;bezrobocie, samotnosc_seniorow`);
    }
    rows.push('Zagumienna;7;05.11.2026;1;samotnosc_seniorow');
    const file = { name: 'ankiety-gminy.csv', mimeType: 'text/csv', buffer: Buffer.from(encodeCp1250(rows.join('\r\n'))) };

    const { page, consoleErrors } = await openImport();
    await page.locator('[data-testid="import-file-input"]').setInputFiles(file);
    await expect.poll(() => page.locator('input[name="import-kind"][value="responses"]').isChecked()).toBe(true);
    // The value-mapping step: the local code once, with its 9 rows and a suggestion.
    const values = page.locator('[data-testid="import-values"]');
    await values.waitFor({ timeout: 20_000 });
    const valueRows = values.locator('tbody tr');
    expect(await valueRows.count()).toBe(1);
    expect(await valueRows.first().locator('th, td').allInnerTexts()).toEqual(expect.arrayContaining(['samotnosc_seniorow', 'potrzeby', '9']));
    await values.locator('[data-testid="import-values-accept"]').click();
    await expect.poll(() => values.locator('select').inputValue(), { timeout: 10_000 }).toBe('loneliness_seniors');

    // Only the unknown street is left: "Importuj wszystko" stays disabled, the valid 8 rows can go in.
    const partial = page.locator('[data-testid="import-partial"]');
    await partial.waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-testid="import-commit"]').isDisabled()).toBe(true);
    expect(await partial.innerText()).toMatch(/Błędnych wierszy: 1\. Możesz zaimportować poprawne \(8\)/);
    await page.screenshot({ path: join(ARTIFACTS, 'import-value-mapping.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('[data-testid="import-commit-valid"]').click();
    await page.locator('[data-testid="import-success"]').waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-testid="import-success"]').innerText()).toMatch(/ankiety: 8/);

    // The rejected row, as Polish Excel reads it.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="import-success"] [data-testid="import-download-rejected"]').click()]);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.startsWith('\uFEFFUlica;Nr;Data wywiadu;osoby;Potrzeby;Powód odrzucenia\r\n')).toBe(true);
    expect(text).toMatch(/^Zagumienna;7;05\.11\.2026;1;samotnosc_seniorow;"wiersz 10, kolumna Ulica: nie ma takiej ulicy w danych miasta; czy chodziło o: .*"$/m);
    expect(text.trimEnd().split('\r\n')).toHaveLength(2);

    // The same file again: the mapping is remembered, the 8 answers are recognised and not added twice.
    await page.locator('button', { hasText: 'Importuj kolejny plik' }).click();
    await page.locator('[data-testid="import-file-input"]').setInputFiles(file);
    const issues = page.locator('[data-testid="import-issues"]');
    await expect.poll(() => issues.innerText(), { timeout: 20_000 }).toMatch(/ta sama odpowiedź jest już w danych/);
    expect(await issues.innerText()).not.toMatch(/samotnosc_seniorow” — tej wartości/);
    expect(await page.locator('[data-testid="import-values"] select').inputValue()).toBe('loneliness_seniors');
    expect(await page.locator('[data-testid="import-partial"]').count()).toBe(0);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});

import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExploreSession } from '../../src/analysis/exploreSession';
import { NeedMapQuery, UnitChoice } from '../../src/domain/analysisRequest';
import { Workspace, type Resource } from '../../src/domain';
import { launchChromium } from './support/browser';
import { buildApp, REPO_ROOT } from './support/buildApp';
import { startStaticServer, type StaticServer } from './support/staticServer';

/**
 * The two table views in real Chromium: "Zasoby" (inventory: filters, counts, the map showing the same points,
 * selection both ways) and "Ankiety" (waves, response rates per street and estate equal to the engine's).
 */

const ARTIFACTS = join(REPO_ROOT, 'tests/e2e/artifacts');
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const DEMO = join(REPO_ROOT, 'data/demo');
const read = (name: string): unknown => JSON.parse(readFileSync(join(DEMO, `${name}.json`), 'utf8'));

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

async function open(hash: string, viewport = { width: 1366, height: 768 }): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport, locale: 'pl-PL' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.origin}/${hash}`, { waitUntil: 'commit' });
  return { page, errors };
}

const waitForViewMap = (page: Page, name: 'inventory' | 'campaigns') =>
  page.waitForFunction((n) => window.__calmapViews?.[n]?.ready === true, name, { timeout: 30_000, polling: 50 });

/** Ids of the inventory points drawn on the map now (each once). */
const drawnInventoryIds = (page: Page) =>
  page.evaluate(() => {
    const map = window.__calmapViews!.inventory!.map;
    return [...new Set(map.queryRenderedFeatures({ layers: ['inventory-symbol', 'inventory-dot'] }).map((f) => String(f.properties.id)))].sort();
  });

async function axeSeriousOrCritical(page: Page) {
  await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }));
  });
  if (violations.length) console.log('axe violations:', JSON.stringify(violations, null, 2));
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

describe('the inventory view (#zasoby)', () => {
  it('filters by kind and need, counts, shows the same points on the map, selects both ways, and passes axe', async () => {
    const resources = read('resources') as Resource[];
    const { page, errors } = await open('#zasoby');
    const table = page.locator('[data-testid="inventory-table"]');
    const count = page.locator('[data-testid="inventory-count"]');
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 30_000 }).toBe(resources.length);
    await waitForViewMap(page, 'inventory');
    expect(await page.locator('a.app-tab[aria-current="page"]').textContent()).toBe('Zasoby');
    expect(await count.textContent()).toBe(`Zasoby: ${resources.length} z ${resources.length}`);
    expect(await drawnInventoryIds(page)).toHaveLength(resources.length);
    await page.screenshot({ path: join(ARTIFACTS, 'resources-all-pl.png') });

    // Kind "school": the demo's schools, computed here from resources.json.
    const rowIds = () => table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')!).sort());
    const expectRows = async (expected: Resource[]) => {
      const ids = expected.map((r) => r.id).sort();
      await expect.poll(rowIds).toEqual(ids);
      expect(await count.textContent()).toBe(`Zasoby: ${expected.length} z ${resources.length}`);
      await waitForViewMap(page, 'inventory');
      expect(await drawnInventoryIds(page)).toEqual(ids);
    };
    await page.getByLabel('Rodzaj').selectOption('school');
    const schools = resources.filter((r) => r.kind === 'school');
    expect(schools.length).toBeGreaterThan(2);
    await expectRows(schools);

    // …and the need "disability": schools that serve it.
    await page.getByLabel('Potrzeba').selectOption('disability');
    const disabilitySchools = schools.filter((r) => r.serves.includes('disability'));
    expect(disabilitySchools.length).toBeGreaterThan(0);
    await expectRows(disabilitySchools);
    await page.screenshot({ path: join(ARTIFACTS, 'resources-school-disability-pl.png') });

    // Any kind serving disability.
    await page.getByLabel('Rodzaj').selectOption('');
    await expectRows(resources.filter((r) => r.serves.includes('disability')));

    // Name search without Polish letters.
    await page.getByRole('button', { name: 'Wyczyść filtry' }).click();
    await page.getByLabel('Szukaj po nazwie').fill('szkola podstawowa');
    await expectRows(resources.filter((r) => /Szkoła Podstawowa/.test(r.name)));

    // Sorting: the name column descending puts the Polish-last name first.
    await page.getByLabel('Szukaj po nazwie').fill('');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(resources.length);
    const collator = new Intl.Collator('pl', { numeric: true, sensitivity: 'base' });
    const byName = [...resources].sort((a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));
    expect(await table.locator('tbody tr').first().getAttribute('data-id')).toBe(byName[0]!.id);
    await table.locator('th button[data-column="name"]').click();
    expect(await table.locator('th:has(button[data-column="name"])').getAttribute('aria-sort')).toBe('descending');
    expect(await table.locator('tbody tr').first().getAttribute('data-id')).toBe(byName.at(-1)!.id);

    // Row → map: the keyboard way (Tab to the row's button, Enter) marks the point with feature-state.
    const target = schools[0]!;
    await page.getByLabel('Rodzaj').selectOption('school');
    await table.locator(`tr[data-id="${target.id}"] .row-button`).focus();
    await page.keyboard.press('Enter');
    expect(await table.locator(`tr[data-id="${target.id}"] .row-button`).getAttribute('aria-pressed')).toBe('true');
    const selectedOnMap = (id: string) => page.evaluate((i) => window.__calmapViews!.inventory!.map.getFeatureState({ source: 'inventory', id: i }).selected, id);
    expect(await selectedOnMap(target.id)).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'resources-selected-pl.png') });

    // Map → row: click another school's point.
    const other = schools[1]!;
    await page.keyboard.press('Escape');
    await waitForViewMap(page, 'inventory');
    const point = await page.evaluate((lngLat) => {
      const map = window.__calmapViews!.inventory!.map;
      const p = map.project(lngLat);
      const box = map.getCanvas().getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    }, other.location.coordinates as [number, number]);
    await page.mouse.click(point.x, point.y);
    await expect.poll(() => table.locator(`tr[data-id="${other.id}"]`).getAttribute('class')).toBe('is-selected');
    expect(await selectedOnMap(other.id)).toBe(true);
    expect(await selectedOnMap(target.id)).toBe(false);

    // Groups.
    await page.getByRole('radio', { name: 'Grupy' }).check();
    const groups = read('groups') as unknown[];
    await expect.poll(() => table.locator('tbody tr').count()).toBe(groups.length);
    expect(await count.textContent()).toBe(`Grupy: ${groups.length} z ${groups.length}`);
    await waitForViewMap(page, 'inventory');
    expect(await drawnInventoryIds(page)).toHaveLength(groups.length);
    await page.screenshot({ path: join(ARTIFACTS, 'resources-groups-pl.png') });

    expect(await axeSeriousOrCritical(page)).toEqual([]);

    // English one click away.
    await page.locator('button.lang-button[lang="en"]').click();
    await expect.poll(() => page.locator('#inventory-title').textContent()).toBe('Resources and groups');
    expect(await count.textContent()).toBe(`Groups: ${groups.length} of ${groups.length}`);
    await page.screenshot({ path: join(ARTIFACTS, 'resources-groups-en.png') });
    await page.locator('button.lang-button[lang="pl"]').click();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('stacks the map above the table at 820 px', async () => {
    const { page } = await open('#zasoby', { width: 820, height: 1180 });
    await expect.poll(() => page.locator('[data-testid="inventory-table"] tbody tr').count(), { timeout: 30_000 }).toBeGreaterThan(10);
    await waitForViewMap(page, 'inventory');
    const mapBox = await page.locator('[data-testid="inventory-map"]').boundingBox();
    const tableBox = await page.locator('[data-testid="inventory-table"]').boundingBox();
    expect(mapBox!.width).toBeGreaterThan(700);
    expect(mapBox!.y + mapBox!.height).toBeLessThanOrEqual(tableBox!.y);
    await page.screenshot({ path: join(ARTIFACTS, 'resources-820.png') });
    expect(await axeSeriousOrCritical(page)).toEqual([]);
    await page.context().close();
  });
});

describe('the survey campaigns view (#ankiety)', () => {
  it('lists the waves and shows response rates per street and estate equal to the engine, with a map, and passes axe', async () => {
    // The numbers the worker computes, computed here in Node by the same engine over the same files.
    const workspace = Workspace.parse({
      v: 1,
      organisation: read('organisation'),
      ...Object.fromEntries(['areas', 'streets', 'addresses', 'campaigns', 'responses', 'resources', 'groups', 'programmes', 'events'].map((n) => [n, read(n)])),
    });
    const manifest = read('manifest') as { plantedStreet: { streetId: string; households: number }; largestEstate: { areaId: string; responseRate: Record<string, number> } };
    const session = createExploreSession(workspace);
    const engine = (kind: 'street' | 'estate', unitId: string) => {
      const unit = UnitChoice.parse({ kind });
      const map = session.needMap(NeedMapQuery.parse({ unit, campaignId: 'campaign-2025-w1', selection: { kind: 'need', needId: 'unemployment' } }));
      if (!map.ok) throw new Error(map.message);
      const u = session.layer(unit).unitIds.indexOf(unitId);
      return { households: session.layer(unit).households[u]!, responses: map.value.responses[u]!, rate: map.value.responseRate[u]!, total: map.value.totalResponses };
    };
    const obiezowa = engine('street', manifest.plantedStreet.streetId);
    expect(obiezowa.households).toBe(85);
    expect(Math.abs(obiezowa.rate - 0.7)).toBeLessThan(0.01); // planted ~70 %
    const pl1 = (share: number) => new Intl.NumberFormat('pl-PL', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(share * 100);

    const { page, errors } = await open('#ankiety');
    const waves = page.locator('[data-testid="wave-table"]');
    await expect.poll(() => waves.locator('tbody tr').count(), { timeout: 30_000 }).toBe(workspace.campaigns.length);
    // Wave 1's answers come from the worker: the row shows its total and rate over the households targeted.
    const wave1 = workspace.campaigns.find((c) => c.wave === 1)!;
    await expect.poll(() => waves.locator(`tr[data-id="${wave1.id}"]`).innerText(), { timeout: 30_000 }).toContain(pl1(obiezowa.total / wave1.householdsTargeted));
    expect((await waves.locator(`tr[data-id="${wave1.id}"]`).innerText()).replace(/\s/g, ' ')).toContain(new Intl.NumberFormat('pl-PL').format(obiezowa.total).replace(/\s/g, ' '));

    // Pick wave 1, streets.
    await page.getByLabel('Fala badania').selectOption(wave1.id);
    const rates = page.locator('[data-testid="rate-table"]');
    const row = rates.locator(`tr[data-id="${manifest.plantedStreet.streetId}"]`);
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => rates.locator('caption').textContent()).toContain('Fala 1');
    const cells = async () => (await row.locator('th, td').allInnerTexts()).map((c) => c.replace(/\s+/g, ' ').trim());
    await expect.poll(cells).toEqual(['ul. Obieżowa', '85', String(obiezowa.responses), `${pl1(obiezowa.rate)} % z 85 gosp.`]);
    console.log(`ul. Obieżowa, wave 1: ${(await cells()).join(' | ')}`);
    await waitForViewMap(page, 'campaigns');
    const rateClassOf = (id: string) => page.evaluate((i) => window.__calmapViews!.campaigns!.map.getFeatureState({ source: 'rate-streets', id: i }).rateClass as number, id);
    expect(await rateClassOf(manifest.plantedStreet.streetId)).toBe(4); // 30 % and more
    await page.screenshot({ path: join(ARTIFACTS, 'campaigns-streets-wave1-pl.png') });

    // Sort by rate: Obieżowa, the planted high-rate street, is at the top (descending is the default).
    expect(await rates.locator('th:has(button[data-column="responseRate"])').getAttribute('aria-sort')).toBe('descending');
    expect(await rates.locator('tbody tr').first().getAttribute('data-id')).toBe(manifest.plantedStreet.streetId);

    // Estates: Osiedle Górnicze about 19.8 %.
    await page.getByRole('radio', { name: 'Osiedla' }).check();
    const gornicze = engine('estate', manifest.largestEstate.areaId);
    expect(Math.abs(gornicze.rate - manifest.largestEstate.responseRate['campaign-2025-w1']!)).toBeLessThan(0.01);
    const estateRow = rates.locator(`tr[data-id="${manifest.largestEstate.areaId}"]`);
    await expect.poll(() => estateRow.count(), { timeout: 30_000 }).toBe(1);
    const estateCells = (await estateRow.locator('th, td').allInnerTexts()).map((c) => c.replace(/\s+/g, ' ').trim());
    const h = new Intl.NumberFormat('pl-PL').format(3525); // CLDR: Polish groups only from 5 digits ("3525", "21 390")
    expect(estateCells).toEqual(['Osiedle Górnicze', h, String(gornicze.responses), `${pl1(gornicze.rate)} % z ${h} gosp.`]);
    console.log(`Osiedle Górnicze, wave 1: ${estateCells.join(' | ')}`);
    await waitForViewMap(page, 'campaigns');
    expect(await page.evaluate((id) => window.__calmapViews!.campaigns!.map.getFeatureState({ source: 'rate-areas', id }).rateClass as number, manifest.largestEstate.areaId)).toBe(2); // 15–20 %

    // Select the estate from the table: outlined on the map.
    await estateRow.locator('.row-button').click();
    expect(await page.evaluate((id) => window.__calmapViews!.campaigns!.map.getFeatureState({ source: 'rate-areas', id }).selected, manifest.largestEstate.areaId)).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'campaigns-estates-wave1-pl.png') });

    expect(await axeSeriousOrCritical(page)).toEqual([]);

    await page.locator('button.lang-button[lang="en"]').click();
    await expect.poll(() => estateRow.locator('td').last().innerText()).toBe(`${(gornicze.rate * 100).toFixed(1)}% of 3,525 households`);
    await page.screenshot({ path: join(ARTIFACTS, 'campaigns-estates-wave1-en.png') });
    await page.locator('button.lang-button[lang="pl"]').click();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('fits an 820 px screen', async () => {
    const { page } = await open('#ankiety', { width: 820, height: 1180 });
    await expect.poll(() => page.locator('[data-testid="rate-table"] tbody tr').count(), { timeout: 30_000 }).toBeGreaterThan(10);
    await waitForViewMap(page, 'campaigns');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(ARTIFACTS, 'campaigns-820.png') });
    expect(await axeSeriousOrCritical(page)).toEqual([]);
    await page.context().close();
  });
});

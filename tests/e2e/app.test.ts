import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { buildApp, REPO_ROOT } from './support/buildApp';
import { startStaticServer, type StaticServer } from './support/staticServer';

const ARTIFACTS = join(REPO_ROOT, 'tests/e2e/artifacts');
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
/**
 * UX goal: the demo town on screen within 3 s of navigation (built app, local server). The brief forbids timed tests
 * as performance gates (a loaded CI machine would fail them at random): the time is logged and reported in the closing
 * note; the assertion only catches a map that effectively never appears.
 */
const FIRST_MAP_GOAL_MS = 3000;
const FIRST_MAP_HANG_MS = 20_000;

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

interface OpenedPage { page: Page; requestedUrls: string[]; consoleErrors: string[]; firstMapMs: number }

async function openApp(): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'pl-PL' });
  const page = await context.newPage();
  const requestedUrls: string[] = [];
  const consoleErrors: string[] = [];
  page.on('request', (request) => requestedUrls.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  const started = Date.now();
  await page.goto(server.origin + '/', { waitUntil: 'commit' });
  await waitForMap(page);
  const firstMapMs = Date.now() - started;
  const marks = await page.evaluate(() => {
    const at = (name: string) => Math.round(performance.getEntriesByName(name)[0]?.startTime ?? NaN);
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    return { domContentLoaded: Math.round(nav?.domContentLoadedEventEnd ?? NaN), dataLoaded: at('calmap:data-loaded'), mapDrawn: at('calmap:map-drawn') };
  });
  console.log(`page timeline (ms since navigation start): ${JSON.stringify(marks)}`);
  return { page, requestedUrls, consoleErrors, firstMapMs };
}

const waitForMap = (page: Page) => page.waitForFunction(() => window.__calmap?.ready === true, undefined, { timeout: 30_000, polling: 50 });

/** Number of features a layer draws on screen now. */
const renderedCount = (page: Page, layerId: string) =>
  page.evaluate((id) => window.__calmap!.map.queryRenderedFeatures({ layers: [id] }).length, layerId);

describe('the planner opens CAL Map on the demo town', () => {
  it('draws Dębowo quickly, toggles layers, selects a street, switches language, and passes axe', async () => {
    const { page, requestedUrls, consoleErrors, firstMapMs } = await openApp();
    console.log(`time to first map (navigation → data drawn): ${firstMapMs} ms (goal ${FIRST_MAP_GOAL_MS} ms)`);

    await expect.poll(() => page.locator('h1').innerText()).toMatch(/CAL Map\s*·\s*Dębowo/);
    expect(await renderedCount(page, 'streets-line')).toBeGreaterThan(20);
    // The whole town in view, to come back to before checking the reset (searches below zoom in on one place).
    const townCamera = await page.evaluate(() => ({ center: window.__calmap!.map.getCenter().toArray() as [number, number], zoom: window.__calmap!.map.getZoom() }));
    expect(await renderedCount(page, 'estates-fill')).toBeGreaterThan(3);
    expect(await renderedCount(page, 'resources-symbol')).toBeGreaterThan(5);
    expect(await page.locator('[data-testid="map-summary"]').textContent()).toMatch(/Dębowo\..*ulice: [1-9]/);
    expect(firstMapMs).toBeLessThan(FIRST_MAP_HANG_MS);
    await page.screenshot({ path: join(ARTIFACTS, 'map-pl.png') });

    // Hide addresses, then show them again: the layer's visibility follows the checkbox.
    const addresses = page.locator('input[data-layer-group="addresses"]');
    await addresses.uncheck();
    expect(await page.evaluate(() => window.__calmap!.map.getLayoutProperty('addresses-circle', 'visibility'))).toBe('none');
    await addresses.check();
    expect(await page.evaluate(() => window.__calmap!.map.getLayoutProperty('addresses-circle', 'visibility'))).toBe('visible');

    // Find a point of a street where the street is the top-most thing, and click it.
    const target = await page.evaluate(() => {
      const map = window.__calmap!.map;
      const canvas = map.getCanvas().getBoundingClientRect();
      const interactive = ['resources-symbol', 'addresses-circle', 'streets-line', 'streets-casing', 'estates-fill'];
      for (const feature of map.queryRenderedFeatures({ layers: ['streets-line'] })) {
        const geometry = feature.geometry;
        const lines = geometry.type === 'LineString' ? [geometry.coordinates] : geometry.type === 'MultiLineString' ? geometry.coordinates : [];
        for (const line of lines) {
          for (let i = 0; i + 1 < line.length; i++) {
            const [a, b] = [line[i]!, line[i + 1]!];
            const p = map.project([(a[0]! + b[0]!) / 2, (a[1]! + b[1]!) / 2]);
            if (p.x < 40 || p.y < 40 || p.x > canvas.width - 60 || p.y > canvas.height - 40) continue;
            const box: [[number, number], [number, number]] = [[p.x - 5, p.y - 5], [p.x + 5, p.y + 5]];
            const hits = map.queryRenderedFeatures(box, { layers: interactive });
            const others = hits.filter((h) => h.layer.id === 'resources-symbol' || h.layer.id === 'addresses-circle');
            const streets = new Set(hits.filter((h) => h.layer.id.startsWith('streets')).map((h) => h.id));
            if (others.length === 0 && streets.size === 1 && streets.has(feature.id)) {
              return { x: canvas.left + p.x, y: canvas.top + p.y, id: String(feature.id), label: String(feature.properties.label) };
            }
          }
        }
      }
      return null;
    });
    expect(target).not.toBeNull();
    await page.mouse.move(target!.x, target!.y);
    await expect.poll(() => page.locator('.map-tooltip').textContent()).toContain(target!.label);
    expect(await page.evaluate((id) => window.__calmap!.map.getFeatureState({ source: 'streets', id }).hover, target!.id)).toBe(true);
    await page.mouse.click(target!.x, target!.y);
    await expect.poll(() => page.locator('[data-testid="details-title"]').textContent()).toBe(target!.label);
    expect(await page.locator('#panel-details').innerText()).toMatch(/Gospodarstwa domowe\s*\d+/);
    expect(await page.evaluate((id) => window.__calmap!.map.getFeatureState({ source: 'streets', id }).selected, target!.id)).toBe(true);
    // A street drawn as several records is selected whole: every record with its name is highlighted.
    const records = await page.evaluate((label) => {
      const map = window.__calmap!.map;
      const ids = [...new Set(map.querySourceFeatures('streets').filter((f) => f.properties.label === label).map((f) => String(f.id)))];
      return ids.map((id) => ({ id, selected: map.getFeatureState({ source: 'streets', id }).selected === true }));
    }, target!.label);
    expect(records.length).toBeGreaterThan(0);
    expect(records.filter((r) => !r.selected)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'street-selected-pl.png') });

    // Accessibility: no serious or critical axe violations with a selection shown.
    await page.addScriptTag({ path: AXE_PATH });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
      const result = await axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }));
    });
    if (violations.length) console.log('axe violations:', JSON.stringify(violations, null, 2));
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);

    // Esc clears the selection.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-testid="details-title"]').count()).toBe(0);
    expect(await page.evaluate((id) => window.__calmap!.map.getFeatureState({ source: 'streets', id }).selected, target!.id)).toBe(false);

    // The keyboard way: find the same street by name, then an estate without its Polish letters, then the centre by
    // its abbreviation, choosing from the list with the arrows.
    const search = page.getByRole('combobox', { name: 'Znajdź na mapie' });
    await search.fill('gornicze');
    await expect.poll(() => page.getByRole('listbox', { name: 'Pasujące miejsca' }).getByRole('option').first().textContent()).toContain('Osiedle Górnicze');
    await page.screenshot({ path: join(ARTIFACTS, 'map-place-search.png') });
    await search.press('ArrowDown');
    await expect.poll(() => search.getAttribute('aria-activedescendant')).not.toBeNull();
    await search.press('Enter');
    await expect.poll(() => page.locator('[data-testid="details-title"]').textContent()).toBe('Osiedle Górnicze');
    await search.fill('MOPS');
    await search.press('Enter');
    await expect.poll(() => page.locator('[data-testid="details-title"]').textContent()).toBe('Miejski Ośrodek Pomocy Społecznej w Dębowie');
    await search.fill('zzzz');
    await search.press('Enter');
    await expect.poll(() => page.locator('.place-search .hint').textContent()).toContain('Nic nie pasuje do „zzzz”');
    await search.fill(target!.label);
    await search.press('Enter');
    await expect.poll(() => page.locator('[data-testid="details-title"]').textContent()).toBe(target!.label);
    await page.keyboard.press('Escape');

    // English one click away, remembered across a reload; then back to Polish.
    // The English words are a chunk of their own (i18n/dictionary.ts loadLanguage): the switch comes when they are here.
    await page.locator('button.lang-button[lang="en"]').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    await expect.poll(() => page.locator('#panel-layers h2').first().textContent()).toBe('What to show');
    await page.reload({ waitUntil: 'commit' });
    await waitForMap(page);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.screenshot({ path: join(ARTIFACTS, 'map-en.png') });
    await page.locator('button.lang-button[lang="pl"]').click();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('pl');
    await expect.poll(() => page.locator('#panel-layers h2').first().textContent()).toBe('Co pokazać');

    // Reset to the demo data: asks first, then reloads the town.
    await page.evaluate((camera) => window.__calmap!.map.jumpTo(camera), townCamera);
    await page.getByRole('button', { name: 'Ustawienia' }).click();
    await page.getByRole('button', { name: 'Przywróć dane demo' }).click();
    // Other confirm dialogs (exports) live in the page too: pick the reset one by its accessible name.
    const dialog = page.getByRole('dialog', { name: 'Przywrócić dane demonstracyjne?' });
    expect(await dialog.isVisible()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'reset-confirm-pl.png') });
    await page.evaluate(() => {
      window.__calmap!.ready = false;
    });
    await dialog.getByRole('button', { name: 'Tak, przywróć' }).click();
    await waitForMap(page);
    expect(await dialog.isVisible()).toBe(false);
    expect(await renderedCount(page, 'streets-line')).toBeGreaterThan(20);

    // Nothing left this machine: every request went to the local server (or stayed in the page).
    const outside = requestedUrls.filter((url) => !url.startsWith(server.origin) && !url.startsWith('data:') && !url.startsWith('blob:'));
    expect(outside).toEqual([]);
    // Glyphs for Polish labels were served locally.
    expect(requestedUrls.some((url) => /\/fonts\/NotoSans-(Regular|Bold)\/256-511\.pbf$/.test(url))).toBe(true);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('shows a clear notice when a demo file is broken, and still draws the rest', async () => {
    server.setOverride((pathname) => (/\/assets\/streets-[^/]*\.json$/.test(pathname) ? { body: '[{"id": "s1", "prefix": "ul.", ' } : undefined));
    try {
      const { page } = await openApp();
      const notice = page.locator('[data-testid="data-issues"]');
      await expect.poll(() => notice.isVisible()).toBe(true);
      expect(await notice.innerText()).toMatch(/streets\.json/);
      expect(await renderedCount(page, 'estates-fill')).toBeGreaterThan(3);
      expect(await renderedCount(page, 'resources-symbol')).toBeGreaterThan(5);
      expect(await renderedCount(page, 'streets-line')).toBe(0);
      await page.screenshot({ path: join(ARTIFACTS, 'broken-streets-file.png') });
      await page.context().close();
    } finally {
      server.setOverride(undefined);
    }
  });
});

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe';
import { ARTIFACTS, useBuiltApp } from './support/builtApp';

/**
 * Issue 12: a planner draws an area on the map (terra-draw, mouse clicks in Chromium), names it and chooses its kind,
 * saves it; after a reload it is still there, on the editor's map and on the town map; renamed, deleted, and the
 * deletion undone. The demo town is the workspace (an empty browser opens it).
 */

const app = useBuiltApp();

const mapReady = (page: Page) => page.waitForFunction(() => window.__calmapViews?.areas?.ready === true, undefined, { timeout: 30_000, polling: 50 });
const editorAreas = (page: Page) =>
  page.evaluate(() => {
    const map = window.__calmapViews!.areas!.map;
    return map.querySourceFeatures('edit-areas').map((f) => `${String(f.properties.name)}|${String(f.properties.kind)}`);
  });

describe('areas drawn on the map', () => {
  it('draws a care region by clicks, names it, saves it, finds it after a reload, renames, deletes and undoes', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'pl-PL' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${app.server.origin}/#import`);
    const section = page.locator('[data-testid="area-draw"]');
    await section.scrollIntoViewIfNeeded();
    await mapReady(page);

    // Zoom to the middle of Dębowo so four clicks make a block-sized region.
    await page.evaluate(async () => {
      const map = window.__calmapViews!.areas!.map;
      map.jumpTo({ center: [19.3, 50.152], zoom: 14 });
      await new Promise((resolve) => map.once('idle', resolve));
    });
    await page.click('[data-testid="area-draw-start"]');
    const box = (await page.locator('[data-testid="area-draw-map"]').boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const clicks = [
      [cx - 80, cy - 60],
      [cx + 80, cy - 60],
      [cx + 80, cy + 60],
      [cx - 80, cy + 60],
    ] as const;
    for (const [x, y] of clicks) {
      await page.mouse.click(x, y);
      await page.waitForTimeout(120);
    }
    await page.mouse.click(clicks[0][0], clicks[0][1]); // close on the first corner
    const form = page.locator('[data-testid="area-draw-form"]');
    await form.waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'draw-area-drawn.png') });

    // An empty name is refused with a message at the field; then a name and kind are saved.
    await page.click('[data-testid="area-draw-save"]');
    await expect.poll(() => form.innerText()).toContain('Wpisz nazwę obszaru.');
    await form.getByLabel('Nazwa obszaru').fill('Rejon opiekuńczy Zachód');
    await form.getByLabel('Rodzaj obszaru').selectOption('care_region');
    await page.screenshot({ path: join(ARTIFACTS, 'draw-area-form.png') });
    expect(await axeViolations(page)).toEqual([]);
    await page.click('[data-testid="area-draw-save"]');
    await expect.poll(() => page.locator('[data-testid="area-draw-status"]').innerText()).toContain('Zapisano obszar „Rejon opiekuńczy Zachód”.');

    // Reload: the area is in the editor's list and map, and on the town map as a care region outline.
    await page.reload();
    await mapReady(page);
    await expect.poll(() => editorAreas(page), { timeout: 15_000 }).toContain('Rejon opiekuńczy Zachód|care_region');
    const ring = await page.evaluate(async () => {
      const source = window.__calmapViews!.areas!.map.getSource('edit-areas') as unknown as { getData(): Promise<GeoJSON.FeatureCollection> };
      const feature = (await source.getData()).features.find((f) => f.properties?.name === 'Rejon opiekuńczy Zachód');
      return feature && feature.geometry.type === 'Polygon' ? (feature.geometry.coordinates[0] as number[][]) : [];
    });
    // The stored ring is the four clicks around the map's centre (19.3° E, 50.152° N), closed: 160 × 120 px at zoom 14,
    // about 1,370 × 660 m (6.1 m per px at 50° N: 160 px ≈ 0.00687° of longitude, 120 px ≈ 0.0033° of latitude).
    expect(ring).toHaveLength(5);
    expect(ring[0]).toEqual(ring[4]);
    const lngs = ring.map((p) => p[0]!);
    const lats = ring.map((p) => p[1]!);
    expect((Math.min(...lngs) + Math.max(...lngs)) / 2).toBeCloseTo(19.3, 3);
    expect((Math.min(...lats) + Math.max(...lats)) / 2).toBeCloseTo(50.152, 3);
    expect(Math.max(...lngs) - Math.min(...lngs)).toBeCloseTo(0.00687, 4);
    expect(Math.max(...lats) - Math.min(...lats)).toBeCloseTo(0.0033, 4);
    await page.goto(`${app.server.origin}/#map`);
    await page.waitForFunction(() => window.__calmap?.ready === true, undefined, { timeout: 30_000, polling: 50 });
    const outlines = await page.evaluate(() => window.__calmap!.map.querySourceFeatures('area-outlines').map((f) => String(f.properties.name)));
    expect(outlines).toContain('Rejon opiekuńczy Zachód');
    await page.screenshot({ path: join(ARTIFACTS, 'draw-area-town-map.png') });

    // Rename it (chosen from the list, by keyboard-reachable buttons), then delete it and undo the deletion.
    await page.goto(`${app.server.origin}/#import`);
    await mapReady(page);
    await section.locator('summary').click();
    await section.getByRole('button', { name: /Rejon opiekuńczy Zachód/ }).click();
    await form.getByLabel('Nazwa obszaru').fill('Rejon 7');
    await page.click('[data-testid="area-draw-save"]');
    await expect.poll(() => editorAreas(page), { timeout: 15_000 }).toContain('Rejon 7|care_region');
    await section.getByRole('button', { name: /Rejon 7/ }).click();
    await page.click('[data-testid="area-draw-delete"]');
    await expect.poll(() => page.locator('[data-testid="area-draw-status"]').innerText()).toContain('Usunięto obszar „Rejon 7”.');
    await expect.poll(() => editorAreas(page), { timeout: 15_000 }).not.toContain('Rejon 7|care_region');
    await page.click('[data-testid="area-draw-undo"]');
    await expect.poll(() => editorAreas(page), { timeout: 15_000 }).toContain('Rejon 7|care_region');
    await page.screenshot({ path: join(ARTIFACTS, 'draw-area-editor.png') });
    expect(errors).toEqual([]);
    await context.close();
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCityWorkspaceFile } from '../../data/town/city';
import { DEMO_DIR } from '../../data/generate';
import type { TownCollections } from '../../data/town/validate';
import { hexRgb, NEED_CLASS_COLOURS } from '../../src/map/explorePalette';
import { MAP_COLOURS } from '../../src/map/palette';
import { streetLabel } from '../../src/domain';
import { TILED_TOWN_MIN_ADDRESSES } from '../../src/map/tiledTown';
import { ARTIFACTS, useBuiltApp } from './support/builtApp';
import { colourCounts } from './support/pixels';
import { mapIdle, recolourWithAnotherNeed } from './support/mapState';

/**
 * Issue #16 item 2, what a person sees of a town above the tiling threshold (src/map/tiledTown.ts): a generated city
 * of three demo-sized districts (≈ 24,000 addresses; data/town/city.ts, the generator the city benchmark uses) opened
 * as a workspace of its own. Its streets and addresses are the analysis worker's vector tiles: the streets are drawn
 * and coloured by the need, a need change recolours them, address dots appear when zoomed in, and a click on a
 * street or an address opens its panel. Pixels are read from screenshots of the page, as a person sees it.
 */

const app = useBuiltApp();
let dir: string;
let file: string;
let town: TownCollections;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'calmap-city-tiles-'));
  ({ file, town } = writeCityWorkspaceFile({ cols: 3, rows: 1 }, dir, DEMO_DIR));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));


describe('a city-sized town drawn from the worker\'s vector tiles', () => {
  it('draws and recolours the streets, shows the address dots, and opens a street\'s and an address\'s panel', async () => {
    expect(town.addresses.length).toBeGreaterThanOrEqual(TILED_TOWN_MIN_ADDRESSES);
    const context = await app.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'pl-PL' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
      if (m.type() === 'error') console.log('console error:', m.text());
    });
    await page.goto(`${app.server.origin}/#import`);
    await expect.poll(() => page.locator('[data-testid="load-workspace-input"]').isEnabled(), { timeout: 60_000 }).toBe(true);
    await page.locator('[data-testid="load-workspace-input"]').setInputFiles(file);
    await page.locator('[data-testid="load-workspace-as-new"]').click({ timeout: 120_000 });
    await expect.poll(() => page.locator('h1').innerText(), { timeout: 120_000 }).toMatch(/Dębogród/);
    await page.waitForFunction(() => Number.isFinite(window.__calmap?.explore?.recolouredAt) && window.__calmap?.ready === true, undefined, { timeout: 120_000, polling: 100 });

    // The streets and addresses are vector sources of the worker's tiles, not GeoJSON.
    const sources = await page.evaluate(() => ['streets', 'addresses'].map((id) => window.__calmap!.map.getSource(id)?.type));
    expect(sources).toEqual(['vector', 'vector']);

    // The town view: streets coloured by the need (the YlOrRd classes) cover the map.
    await mapIdle(page);
    await page.screenshot({ path: join(ARTIFACTS, 'city-tiles-town.png') });
    const before = await colourCounts(page, NEED_CLASS_COLOURS);
    const colouredBefore = before.counts.reduce((a, b) => a + b, 0);
    console.log(`need classes drawn (pixels per class): ${before.counts.join(', ')}`);
    expect(colouredBefore).toBeGreaterThan(2000);
    expect(before.counts.filter((n) => n > 100).length).toBeGreaterThanOrEqual(3);

    // Another need: the streets take other colours (the same pixels change class).
    const { after, changed } = await recolourWithAnotherNeed(page, before);
    console.log(`after the need change: ${after.counts.join(', ')}; ${changed} street pixels changed class`);
    expect(changed).toBeGreaterThan(1000);
    await page.screenshot({ path: join(ARTIFACTS, 'city-tiles-recoloured.png') });

    // Close up on one street of the second district: its address dots are drawn.
    const street = town.streets.find((s) => s.id.startsWith('d2-') && town.addresses.filter((a) => a.streetId === s.id).length >= 6)!;
    const onStreet = town.addresses.filter((a) => a.streetId === street.id);
    await page.evaluate(async (points) => {
      const map = window.__calmap!.map;
      const lngs = points.map((p) => p[0]!);
      const lats = points.map((p) => p[1]!);
      map.fitBounds([Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)], { padding: 200, minZoom: 16, maxZoom: 16.5, animate: false } as never);
      map.jumpTo({ zoom: Math.max(map.getZoom(), 16) });
    }, onStreet.map((a) => a.location.coordinates));
    await mapIdle(page);
    await page.screenshot({ path: join(ARTIFACTS, 'city-tiles-addresses.png') });
    // The dots are drawn at 0.9 opacity over the estates: their colour is the address colour a tenth towards paper.
    const [r, g, b] = hexRgb(MAP_COLOURS.address);
    const dotColour = `#${[r, g, b].map((c) => Math.round(0.9 * c + 0.1 * 232).toString(16).padStart(2, '0')).join('')}`;
    const dots = await colourCounts(page, [dotColour], 40);
    console.log(`address dot pixels at zoom 16: ${dots.counts[0]}`);
    expect(dots.counts[0]).toBeGreaterThan(300);

    // Click a point of the street (or an address) where nothing else is on top: its panel opens.
    const clickAt = (candidates: Array<{ id: string; at: number[] }>, layer: string) =>
      page.evaluate(
        ({ candidates, layer }) => {
          const map = window.__calmap!.map;
          const rect = map.getCanvas().getBoundingClientRect();
          const top = ['resources-symbol', 'addresses-circle', 'streets-line', 'streets-casing'].filter((id) => map.getLayer(id));
          for (const { id, at } of candidates) {
            const p = map.project([at[0]!, at[1]!]);
            if (p.x < 60 || p.y < 60 || p.x > rect.width - 60 || p.y > rect.height - 60) continue;
            const hits = map.queryRenderedFeatures([[p.x - 5, p.y - 5], [p.x + 5, p.y + 5]], { layers: top });
            const first = hits[0];
            if (!first || first.layer.id !== layer || String(first.id) !== id) continue;
            if (layer !== 'addresses-circle' && hits.some((h) => h.layer.id === 'addresses-circle')) continue;
            if (layer === 'addresses-circle' && hits.some((h) => h.layer.id === layer && String(h.id) !== id)) continue;
            return { x: rect.left + p.x, y: rect.top + p.y };
          }
          return null;
        },
        { candidates, layer },
      );
    const alongStreet = street.geometry.coordinates.flatMap((line) =>
      line.slice(1).flatMap((b, i) => [0.5, 0.3, 0.7, 0.15, 0.85].map((f) => ({ id: street.id, at: [line[i]![0] + f * (b[0] - line[i]![0]), line[i]![1] + f * (b[1] - line[i]![1])] }))),
    );
    const streetPoint = await clickAt(alongStreet, 'streets-line');
    expect(streetPoint).not.toBeNull();
    await page.mouse.click(streetPoint!.x, streetPoint!.y);
    await expect.poll(() => page.locator('[data-testid="details-title"]').textContent(), { timeout: 10_000 }).toBe(streetLabel(street));
    await page.screenshot({ path: join(ARTIFACTS, 'city-tiles-street-panel.png') });

    const addressPoint = await clickAt(onStreet.map((a) => ({ id: a.id, at: a.location.coordinates })), 'addresses-circle');
    expect(addressPoint).not.toBeNull();
    await page.mouse.click(addressPoint!.x, addressPoint!.y);
    await expect.poll(() => page.locator('[data-testid="details-title"]').textContent(), { timeout: 10_000 }).toContain(street.name);
    const title = (await page.locator('[data-testid="details-title"]').textContent()) ?? '';
    expect(onStreet.some((a) => title.endsWith(` ${a.houseNumber}`))).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'city-tiles-address-panel.png') });
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);
});

import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExploreSession, type ExploreInput, type ExploreResult } from '../../src/analysis/exploreSession';
import { NeedMapQuery, UnitChoice, UnitDetailQuery } from '../../src/domain/analysisRequest';
import { launchChromium } from './support/browser';
import { buildApp, REPO_ROOT } from './support/buildApp';
import { startStaticServer, type StaticServer } from './support/staticServer';

/**
 * Issue 5's planner scenario on the demo town, in Debian's Chromium: the need map by street for wave 1
 * ("Samotność i potrzeby seniorów"), the street with the highest rate clicked and its panel checked against the
 * engine run here in Node on the same files; hexagons with hot spots and cluster outlines finding the planted
 * Stare Miasto seniors' cluster; a weight slider's input → re-coloured map, measured in the page; axe-core.
 */

const ARTIFACTS = join(REPO_ROOT, 'tests/e2e/artifacts');
const DEMO = join(REPO_ROOT, 'data/demo');
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const WAVE_1 = 'campaign-2025-w1';
const NEED = 'loneliness_seniors';

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

const read = (name: string): unknown => JSON.parse(readFileSync(join(DEMO, `${name}.json`), 'utf8'));
const value = <T>(r: ExploreResult<T>): T => {
  if (!r.ok) throw new Error(`expected an answer, got: ${r.message}`);
  return r.value;
};

/** The engine in Node on the committed demo files: the reference the browser's numbers must equal. */
function engine() {
  const input = { streets: read('streets'), addresses: read('addresses'), areas: read('areas'), responses: read('responses'), campaigns: read('campaigns'), resources: read('resources'), groups: read('groups') } as ExploreInput;
  return createExploreSession(input);
}

// Polish writes a non-breaking space before the percent sign: "54 %".
const pct = (v: number) => `${new Intl.NumberFormat('pl-PL', { maximumFractionDigits: 0 }).format(v * 100)} %`; // compared after plain()
const int = (v: number) => new Intl.NumberFormat('pl-PL').format(v);
/** Intl puts no-break spaces in Polish numbers; innerText keeps them: compare with plain spaces. */
const plain = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

interface Snapshot { unitKind: string; campaignId: string; unitIds: string[]; labels: string[]; values: Array<number | null>; responses: number[]; households: number[]; centers: number[]; giBin: number[] | null; lisa: number[] | null; clusterIds: string[]; requestedAt: number; recolouredAt: number }
const snapshot = (page: Page) => page.evaluate(() => window.__calmap?.explore ?? null) as Promise<Snapshot | null>;

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

describe('the planner explores needs on the map', () => {
  it('finds the street with the highest need, opens it, sees hot spots and clusters, and re-weights the index quickly', async () => {
    const session = engine();
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'pl-PL' });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));

    await page.goto(server.origin + '/', { waitUntil: 'commit' });
    await page.waitForFunction(() => Number.isFinite(window.__calmap?.explore?.recolouredAt), undefined, { timeout: 30_000, polling: 20 });
    const firstColoured = await page.evaluate(() => ({ recoloured: Math.round(window.__calmap!.explore!.recolouredAt), mapDrawn: Math.round(performance.getEntriesByName('calmap:map-drawn')[0]?.startTime ?? NaN) }));
    console.log(`navigation → first coloured need map: ${firstColoured.recoloured} ms (town map drawn at ${firstColoured.mapDrawn} ms)`);

    // Wave 1, the need "Samotność i potrzeby seniorów", unit: street.
    await page.selectOption('#explore-wave', WAVE_1);
    await page.selectOption('#explore-need', NEED);
    await page.check('input[name="explore-unit"][value="street"]');
    const query = NeedMapQuery.parse({ unit: { kind: 'street' }, campaignId: WAVE_1, selection: { kind: 'need', needId: NEED }, minResponses: 5 });
    const expected = value(session.needMap(query));
    const layer = session.layer(UnitChoice.parse({ kind: 'street' }));
    await expect.poll(async () => (await snapshot(page))?.campaignId, { timeout: 10_000 }).toBe(WAVE_1);
    const shown = (await snapshot(page))!;
    expect(shown.unitKind).toBe('street');
    expect(shown.unitIds).toEqual(layer.unitIds);
    // Suppressed units are NaN in both (compared as null).
    expect(shown.values.map((v) => (v === null || Number.isNaN(v) ? null : Number(v.toFixed(12))))).toEqual(Array.from(expected.values, (v) => (Number.isNaN(v) ? null : Number(v.toFixed(12)))));

    let top = -1;
    expected.values.forEach((v, u) => {
      if (Number.isFinite(v) && (top < 0 || v > expected.values[top]!)) top = u;
    });
    const topFromPage = shown.values.reduce<number>((best, v, u) => (v !== null && Number.isFinite(v) && (best < 0 || v > shown.values[best]!) ? u : best), -1);
    expect(topFromPage).toBe(top);
    console.log(`highest ${NEED} in wave 1: ${layer.labels[top]} ${pct(expected.values[top]!)} of ${expected.responses[top]} responses`);
    await page.screenshot({ path: join(ARTIFACTS, 'explore-streets-w1.png') });

    // Bring that street into view (as a planner would zoom in), then click it where it is the top-most thing.
    const streetIds = layer.streetIds![top]!;
    await page.evaluate(async (ids) => {
      const map = window.__calmap!.map;
      const points = map.querySourceFeatures('streets').filter((f) => ids.includes(String(f.id))).flatMap((f) => (f.geometry.type === 'LineString' ? f.geometry.coordinates : f.geometry.type === 'MultiLineString' ? f.geometry.coordinates.flat() : []));
      const lngs = points.map((p) => p[0]!);
      const lats = points.map((p) => p[1]!);
      map.fitBounds([Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)], { padding: 120, maxZoom: 16, animate: false });
      await new Promise((resolve) => map.once('idle', resolve));
    }, streetIds);
    const target = await page.evaluate((ids) => {
      const map = window.__calmap!.map;
      const canvas = map.getCanvas().getBoundingClientRect();
      const interactive = ['resources-symbol', 'addresses-circle', 'explore-cluster-line', 'streets-line', 'streets-casing', 'estates-fill'].filter((id) => map.getLayer(id) && map.getLayoutProperty(id, 'visibility') !== 'none');
      for (const feature of map.querySourceFeatures('streets')) {
        if (!ids.includes(String(feature.id))) continue;
        const g = feature.geometry;
        const lines = g.type === 'LineString' ? [g.coordinates] : g.type === 'MultiLineString' ? g.coordinates : [];
        for (const line of lines) {
          for (let i = 0; i + 1 < line.length; i++) for (const f of [0.5, 0.3, 0.7, 0.15, 0.85]) {
            const [a, b] = [line[i]!, line[i + 1]!];
            const p = map.project([a[0]! + f * (b[0]! - a[0]!), a[1]! + f * (b[1]! - a[1]!)]);
            if (p.x < 40 || p.y < 40 || p.x > canvas.width - 60 || p.y > canvas.height - 40) continue;
            const hits = map.queryRenderedFeatures([[p.x - 5, p.y - 5], [p.x + 5, p.y + 5]], { layers: interactive });
            const others = hits.filter((h) => h.layer.id === 'resources-symbol' || h.layer.id === 'addresses-circle' || (h.layer.id.startsWith('streets') && !ids.includes(String(h.id))));
            if (others.length === 0 && hits.some((h) => h.layer.id === 'streets-line')) return { x: canvas.left + p.x, y: canvas.top + p.y };
          }
        }
      }
      return null;
    }, streetIds);
    expect(target).not.toBeNull();
    await page.mouse.move(target!.x, target!.y);
    await expect.poll(async () => plain(await page.locator('.map-tooltip').textContent())).toContain(`${pct(expected.values[top]!)} z ${int(expected.responses[top]!)} ankiet`);
    await page.mouse.click(target!.x, target!.y);
    await expect.poll(() => page.locator('[data-testid="details-title"]').textContent(), { timeout: 10_000 }).toBe(layer.labels[top]);
    const detail = value(session.unitDetail(UnitDetailQuery.parse({ unit: { kind: 'street' }, unitId: layer.unitIds[top], campaignId: WAVE_1, minResponses: 5 })));
    expect(plain(await page.locator('[data-testid="detail-households"]').textContent())).toBe(int(layer.households[top]!));
    expect(plain(await page.locator('[data-testid="detail-responses"]').textContent())).toBe(int(expected.responses[top]!));
    expect(detail.responses).toBe(expected.responses[top]);
    expect(plain(await page.locator('[data-testid="detail-response-rate"]').textContent())).toBe(pct(detail.responseRate));
    expect(plain(await page.locator('[data-testid="detail-value"]').textContent())).toBe(`${pct(expected.values[top]!)} z ${int(expected.responses[top]!)} ankiet`);
    expect(plain(await page.locator(`.bar-row[data-need="${NEED}"]`).getAttribute('aria-label'))).toContain(pct(expected.values[top]!));
    // Issue 13: the summary ranks by the EB-shrunk value and gives each unit's base, so it may lead with another street.
    let topShrunk = -1;
    expected.rankingValues.forEach((v, u) => {
      if (Number.isFinite(v) && Number.isFinite(expected.values[u]!) && (topShrunk < 0 || v > expected.rankingValues[topShrunk]!)) topShrunk = u;
    });
    expect(plain(await page.locator('[data-testid="map-summary"]').textContent())).toContain(`Najwyższa potrzeba: ${layer.labels[topShrunk]} ${pct(expected.values[topShrunk]!)} z ${int(expected.responses[topShrunk]!)} ankiet`);
    await page.screenshot({ path: join(ARTIFACTS, 'explore-street-selected.png') });
    expect(await axeSeriousOrCritical(page)).toEqual([]);

    // Hexagons, hot spots and problem clusters: the planted Stare Miasto seniors' cluster is found.
    const manifest = read('manifest') as { clusters: Array<{ id: string; centre: [number, number] }> };
    const planted = manifest.clusters.find((c) => c.id === 'cluster-stare-miasto-seniors')!;
    await page.check('input[name="explore-unit"][value="hex"]');
    await page.check('input[data-explore-toggle="hotSpots"]');
    await page.check('input[data-explore-toggle="clusters"]');
    await expect.poll(async () => {
      const s = await snapshot(page);
      return s?.unitKind === 'hex' && s.giBin !== null && s.clusterIds.length > 0;
    }, { timeout: 15_000 }).toBe(true);
    const hex = (await snapshot(page))!;
    let nearest = 0;
    let best = Infinity;
    for (let u = 0; u < hex.unitIds.length; u++) {
      const d = (hex.centers[2 * u]! - planted.centre[0]) ** 2 * Math.cos((planted.centre[1] * Math.PI) / 180) ** 2 + (hex.centers[2 * u + 1]! - planted.centre[1]) ** 2;
      if (d < best) [best, nearest] = [d, u];
    }
    console.log(`hexagon at the Stare Miasto cluster centre: ${hex.unitIds[nearest]}, Gi bin ${hex.giBin![nearest]}`);
    expect(hex.giBin![nearest]).toBeGreaterThanOrEqual(2);
    const outlineHere = await page.evaluate((centre) => {
      const map = window.__calmap!.map;
      const features = map.queryRenderedFeatures({ layers: ['explore-cluster-line'] });
      const inside = (ring: number[][], [x, y]: number[]) => {
        let c = false;
        for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
          const [xi, yi] = ring[i]!, [xj, yj] = ring[j]!;
          if (yi! > y! !== yj! > y! && x! < ((xj! - xi!) * (y! - yi!)) / (yj! - yi!) + xi!) c = !c;
        }
        return c;
      };
      const source = map.querySourceFeatures('explore-clusters');
      return {
        rendered: features.length,
        containing: source.filter((f) => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.type === 'MultiPolygon' ? f.geometry.coordinates : []).some((poly) => inside(poly[0] as number[][], centre))).length,
      };
    }, planted.centre);
    expect(outlineHere.rendered).toBeGreaterThan(0);
    expect(outlineHere.containing).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'explore-hex-hotspots.png') });

    // LISA instead of hot spots: the same hexagon is in a High-High cluster, the legend counts the classes,
    // hot spots switch off (both colour the units), and the address says so.
    await page.check('input[data-explore-toggle="lisa"]');
    expect(await page.isChecked('input[data-explore-toggle="hotSpots"]')).toBe(false);
    await expect.poll(async () => (await snapshot(page))?.lisa?.length ?? 0, { timeout: 15_000 }).toBe(hex.unitIds.length);
    const lisaClasses = (await snapshot(page))!.lisa!;
    console.log(`LISA at the Stare Miasto centre: class ${lisaClasses[nearest]}; HH ${lisaClasses.filter((c) => c === 1).length}, LL ${lisaClasses.filter((c) => c === 2).length}, outliers ${lisaClasses.filter((c) => c === 3 || c === 4).length}`);
    expect(lisaClasses[nearest]).toBe(1);
    const lisaLegend = plain(await page.locator('[data-testid="lisa-legend"]').innerText());
    expect(lisaLegend).toContain(`wysoko wśród wysokich (skupisko potrzeb) (${lisaClasses.filter((c) => c === 1).length})`);
    expect(plain(await page.locator('[data-testid="lisa-method"]').innerText())).toMatch(/999 permutacji warunkowych/);
    await expect.poll(() => page.evaluate(() => window.location.hash)).toMatch(/layers=[a-z,]*lisa/);
    await page.screenshot({ path: join(ARTIFACTS, 'explore-hex-lisa.png') });
    expect(await axeSeriousOrCritical(page)).toEqual([]);
    await page.uncheck('input[data-explore-toggle="lisa"]');
    await page.check('input[data-explore-toggle="hotSpots"]');

    // Need index: move a weight slider; measure input event → first frame drawn with the new colours.
    // Hot spots and clusters off: their runs (Gi* + DBSCAN, ~100 ms in the one worker) would queue a need map asked
    // while they run; the controller defers them while a slider moves (exploreController.ts, SECONDARY_DELAY_MS).
    await page.uncheck('input[data-explore-toggle="hotSpots"]');
    await page.uncheck('input[data-explore-toggle="clusters"]');
    await page.check('input[name="explore-mode"][value="index"]');
    await expect.poll(async () => (await page.locator('#weight-loneliness_seniors').count()) > 0).toBe(true);
    await page.waitForFunction(() => Number.isFinite(window.__calmap?.explore?.recolouredAt) && window.__calmap!.explore!.giBin === null, undefined, { timeout: 10_000 });
    const timings: number[] = [];
    for (const weight of ['3', '0.5', '5', '2', '4', '1.5', '4.5']) {
      const started = await page.evaluate((w) => {
        const input = document.querySelector<HTMLInputElement>('#weight-loneliness_seniors')!;
        const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
        const t0 = performance.now();
        setValue.call(input, w);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        return t0;
      }, weight);
      await page.waitForFunction((t0) => (window.__calmap?.explore?.requestedAt ?? 0) >= t0 && Number.isFinite(window.__calmap?.explore?.recolouredAt), started, { timeout: 10_000, polling: 'raf' });
      const recoloured = (await snapshot(page))!.recolouredAt;
      timings.push(recoloured - started);
    }
    const sorted = [...timings].sort((a, b) => a - b);
    console.log(`weight change → re-coloured map (ms): ${timings.map((t) => t.toFixed(1)).join(', ')}; median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} (target < 50 ms)`);
    // The 50 ms goal is measured and printed above (and in `npm run bench`), not enforced here: a loaded 2-core CI
    // machine must not fail the suite. This bound only catches a hang (a recolour that never comes back promptly).
    expect(sorted[Math.floor(sorted.length / 2)]!).toBeLessThan(10_000);
    await page.screenshot({ path: join(ARTIFACTS, 'explore-index.png') });

    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});

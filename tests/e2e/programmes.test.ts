import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExploreSession, type ExploreInput } from '../../src/analysis/exploreSession';
import { revitalisationLimits, type SelectionGeometry } from '../../src/analysis/revitalisationLimits';
import type { Address, Area } from '../../src/domain';
import { RankingQuery } from '../../src/domain/analysisRequest';
import { townTotals } from '../../src/ui/programmes/programmeDraft';
import { rankingQueryFor } from '../../src/ui/programmes/programmeRanking';
import { launchChromium } from './support/browser';
import { buildApp, REPO_ROOT } from './support/buildApp';
import { startStaticServer, type StaticServer } from './support/staticServer';

/**
 * Issue 6, part 1 and the programme scenario of part 5, in Debian's Chromium on the demo town: the ranking of
 * estates equals the engine run here in Node on the same files; select the top estate, check the limits of the
 * revitalisation act, fill in and save a programme, reload and find it in the list and on the map; the demo
 * programmes show and compare waves; draw a boundary with terra-draw by mouse clicks and see the limits recomputed;
 * Esc cancels a drawing; axe-core.
 */

const ARTIFACTS = join(REPO_ROOT, 'tests/e2e/artifacts');
const DEMO = join(REPO_ROOT, 'data/demo');
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

const read = (name: string): unknown => JSON.parse(readFileSync(join(DEMO, `${name}.json`), 'utf8'));
const plain = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');
const pct1 = (v: number) => plain(`${new Intl.NumberFormat('pl-PL', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v * 100)}\u00a0%`);

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

const mapIdle = (page: Page) =>
  page.waitForFunction(() => window.__calmapViews?.programmes?.ready === true, undefined, { timeout: 20_000 });

describe('the planner chooses a target area for a Local Activity Programme', () => {
  it('ranks, selects, checks the limits, saves, reloads and finds the programme; draws a boundary', async () => {
    const input = { streets: read('streets'), addresses: read('addresses'), areas: read('areas'), responses: read('responses'), campaigns: read('campaigns'), resources: read('resources'), groups: read('groups') } as ExploreInput;
    const session = createExploreSession(input);
    const latest = [...session.summary().campaigns].sort((a, b) => a.wave - b.wave).at(-1)!;
    const expected = session.ranking(RankingQuery.parse(rankingQueryFor(latest.id, 'index', 'estate')));
    if (!expected.ok) throw new Error(expected.message);
    const totals = townTotals({ areas: read('areas') as Area[], addresses: read('addresses') as Address[] });

    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'pl-PL' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });

    await page.goto(server.origin + '/#programy', { waitUntil: 'commit' });
    await page.waitForSelector('[data-testid="programmes-ranking"] tbody tr', { timeout: 30_000 });

    // The ranking's rows equal the engine's, in order (ids, ranks, rounded scores, above-average counts).
    const rows = await page.$$eval('[data-testid="programmes-ranking"] tbody tr', (trs) =>
      trs.map((tr) => ({ id: tr.getAttribute('data-id'), rank: Number(tr.querySelector('td')?.textContent), text: (tr as HTMLElement).innerText })),
    );
    const engineRows = expected.value.targets;
    expect(rows.map((r) => r.id)).toEqual(engineRows.map((t) => t.id));
    for (const [i, t] of engineRows.slice(0, 5).entries()) {
      expect(rows[i]!.rank).toBe(t.rank);
      expect(plain(rows[i]!.text)).toContain(`przekracza średnią miasta w ${t.aboveAverageCount} z 12 wskaźników`);
      if (!t.suppressed) expect(plain(rows[i]!.text)).toContain(`${plain(new Intl.NumberFormat('pl-PL').format(Math.round(t.score)))} gosp.`);
    }
    const top = engineRows[0]!;
    console.log(`top estate for ${latest.id}: ${top.label} (score ${top.score.toFixed(1)}, ${top.aboveAverageCount}/12 above average)`);

    // The demo programmes show.
    const list = page.locator('[data-testid="programmes-list"]');
    await expect.poll(() => list.innerText()).toContain('Moja dzielnica – moje miejsce');
    expect(await list.innerText()).toContain('Kolejowe – nasze wspólne podwórko');

    // Select the top estate: the limits panel checks it.
    await page.locator(`[data-testid="programmes-ranking"] tr[data-id="${top.id}"] input[type="checkbox"]`).check();
    const area = (read('areas') as Area[]).find((a) => a.id === top.id)!;
    const limits = revitalisationLimits(area.geometry, totals);
    const panel = page.locator('[data-testid="programmes-limits"]');
    await expect.poll(async () => plain(await panel.innerText())).toContain(`Powierzchnia: ${pct1(limits.areaShare)} powierzchni gminy`);
    expect(plain(await panel.innerText())).toContain(`Mieszkańcy: ${pct1(limits.residentShare)} mieszkańców gminy`);
    expect(plain(await panel.innerText())).toContain(limits.withinLimits ? 'mieści się w limitach' : 'przekracza limity');
    console.log(`limits for ${top.label}: area ${pct1(limits.areaShare)}, residents ${pct1(limits.residentShare)} → ${limits.withinLimits ? 'pass' : 'fail'}`);
    await mapIdle(page);
    await page.screenshot({ path: join(ARTIFACTS, 'programmes-selected.png') });

    // Saving with no goal: the error is next to the field.
    await page.fill('#programme-name', 'Razem na osiedlu');
    await page.fill('#programme-year-from', '2026');
    await page.fill('#programme-year-to', '2028');
    await page.click('button[type="submit"]');
    await expect.poll(() => page.locator('#programme-goals-error').count()).toBe(1);
    expect(await page.getAttribute('#programme-goals', 'aria-invalid')).toBe('true');

    await page.fill('#programme-goals', 'Klub sąsiedzki dla seniorów\nWolontariat młodzieży');
    const partnerBoxes = page.locator('.programmes-partner-list input[type="checkbox"]');
    const partnerIds = [await partnerBoxes.nth(0).getAttribute('value'), await partnerBoxes.nth(1).getAttribute('value')];
    await partnerBoxes.nth(0).check();
    await partnerBoxes.nth(1).check();
    await page.click('button[type="submit"]');
    await expect.poll(() => page.locator('.programmes-form [role="status"]').innerText(), { timeout: 10_000 }).toContain('Zapisano program „Razem na osiedlu”');

    // Reload: the programme comes back from the DataSource, in the list and on the map.
    await page.reload({ waitUntil: 'commit' });
    await page.waitForSelector('[data-testid="programmes-list"] li[data-id="pal-razem-na-osiedlu"]', { timeout: 30_000 });
    const savedItem = page.locator('li[data-id="pal-razem-na-osiedlu"]');
    expect(plain(await savedItem.innerText())).toContain('Razem na osiedlu · 2026–2028 · partnerów: 2');
    await savedItem.getByRole('button').click();
    const rendered = () =>
      page.evaluate(() => {
        const map = window.__calmapViews!.programmes!.map;
        const outlines = map.queryRenderedFeatures({ layers: ['programmes-line'] }).map((f) => String(f.properties.id));
        const labels = map.queryRenderedFeatures({ layers: ['programmes-label'] }).map((f) => String(f.properties.name));
        return { moving: map.isMoving(), outlines: [...new Set(outlines)], labels: [...new Set(labels)] };
      });
    // The map flies to the programme (400 ms): wait until it has come to rest with the outline drawn, not a fixed time.
    await expect.poll(async () => {
      const now = await rendered();
      return !now.moving && now.outlines.includes('pal-razem-na-osiedlu');
    }, { timeout: 20_000 }).toBe(true);
    await mapIdle(page);
    const onMap = await rendered();
    expect(onMap.outlines).toContain('pal-razem-na-osiedlu');
    expect(onMap.labels.some((l) => l.split('\n').includes('Razem na osiedlu'))).toBe(true);
    expect(partnerIds.every((id) => id !== null)).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'programmes-saved-after-reload.png') });

    // A demo programme compared across waves, in plain words.
    await page.locator('li[data-id="pal-moja-dzielnica"]').getByRole('button').click();
    const waves = page.locator('[data-testid="programme-waves"][data-programme="pal-moja-dzielnica"]');
    await expect.poll(async () => plain(await waves.innerText()), { timeout: 15_000 }).toMatch(/fala 1 \(2025\): \d+ ankiet[ay]?/);
    console.log('waves:', plain(await waves.innerText()).replace(/\n/g, ' | '));
    // Twelve needs compared at once: the words rest on q-values corrected across them, and say so.
    expect(plain(await waves.innerText())).toMatch(/\(q [=<] /);
    expect(plain(await waves.innerText())).toContain('po korekcie Benjaminiego-Hochberga');
    await mapIdle(page);
    await page.screenshot({ path: join(ARTIFACTS, 'programmes-waves.png') });

    // A whole district: the engine's top district, checked against the limits (a quarter of the town fails the 20 % area limit).
    await page.check('input[name="programmes-kind"][value="district"]');
    const districts = session.ranking(RankingQuery.parse(rankingQueryFor(latest.id, 'index', 'district')));
    if (!districts.ok) throw new Error(districts.message);
    const topDistrict = districts.value.targets[0]!;
    await page.waitForSelector(`[data-testid="programmes-ranking"] tr[data-id="${topDistrict.id}"]`, { timeout: 15_000 });
    await page.locator(`[data-testid="programmes-ranking"] tr[data-id="${topDistrict.id}"] input[type="checkbox"]`).check();
    const districtLimits = revitalisationLimits((read('areas') as Area[]).find((a) => a.id === topDistrict.id)!.geometry, totals);
    await expect.poll(async () => plain(await panel.innerText())).toContain(`Powierzchnia: ${pct1(districtLimits.areaShare)} powierzchni gminy`);
    expect(plain(await panel.innerText())).toContain(districtLimits.withinLimits ? 'mieści się w limitach' : 'przekracza limity');
    console.log(`limits for ${topDistrict.label}: area ${pct1(districtLimits.areaShare)}, residents ${pct1(districtLimits.residentShare)} → ${districtLimits.withinLimits ? 'pass' : 'fail'}`);
    await panel.scrollIntoViewIfNeeded();
    await mapIdle(page);
    await page.screenshot({ path: join(ARTIFACTS, 'programmes-district-limits.png') });
    await page.check('input[name="programmes-kind"][value="estate"]');
    await page.waitForSelector(`[data-testid="programmes-ranking"] tr[data-id="${top.id}"]`, { timeout: 15_000 });

    // Draw a boundary by mouse clicks (terra-draw polygon mode); the limits follow it.
    await page.locator(`[data-testid="programmes-ranking"] tr[data-id="${top.id}"] input[type="checkbox"]`).uncheck();
    await page.evaluate(async () => {
      const map = window.__calmapViews!.programmes!.map;
      map.jumpTo({ center: [19.3, 50.152], zoom: 13.5 });
      await new Promise((resolve) => map.once('idle', resolve));
    });
    await page.click('[data-testid="programmes-draw"]');
    const box = (await page.locator('[data-testid="programmes-map"]').boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const clicks = [
      [cx - 90, cy - 70],
      [cx + 90, cy - 70],
      [cx + 90, cy + 70],
      [cx - 90, cy + 70],
    ] as const;
    for (const [x, y] of clicks) {
      await page.mouse.click(x, y);
      await page.waitForTimeout(120);
    }
    await page.mouse.click(clicks[0][0], clicks[0][1]); // close on the first vertex
    await expect.poll(async () => plain(await panel.innerText()), { timeout: 10_000 }).toContain('Granica narysowana na mapie');
    const ring = await page.evaluate(
      (pts) => {
        const map = window.__calmapViews!.programmes!.map;
        const rect = map.getCanvas().getBoundingClientRect();
        return pts.map((pt) => map.unproject([pt[0]! - rect.left, pt[1]! - rect.top]).toArray());
      },
      clicks.map(([x, y]) => [x, y]),
    );
    const drawnGeometry = { type: 'Polygon', coordinates: [[...ring, ring[0]!]] } as SelectionGeometry;
    const drawnLimits = revitalisationLimits(drawnGeometry, totals);
    await expect.poll(async () => plain(await panel.innerText())).toContain(`Powierzchnia: ${pct1(drawnLimits.areaShare)} powierzchni gminy`);
    expect(plain(await panel.innerText())).toContain(`Mieszkańcy: ${pct1(drawnLimits.residentShare)} mieszkańców gminy`);
    console.log(`drawn boundary: area ${pct1(drawnLimits.areaShare)}, residents ${pct1(drawnLimits.residentShare)} (${drawnLimits.households} households)`);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(ARTIFACTS, 'programmes-drawn.png') });

    // Esc cancels a drawing in progress.
    await page.click('[data-testid="programmes-draw"]');
    await page.mouse.click(cx - 40, cy - 40);
    await page.mouse.click(cx + 40, cy - 40);
    await page.keyboard.press('Escape');
    await expect.poll(async () => plain(await panel.innerText())).toContain('Nic nie wybrano');
    expect(await page.locator('[data-testid="programmes-draw"]').count()).toBe(1);

    const serious = await axeSeriousOrCritical(page);
    expect(serious).toEqual([]);
    expect(errors.filter((e) => !/favicon/.test(e))).toEqual([]);
    await context.close();
  });
});

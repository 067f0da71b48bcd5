import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createExploreSession, type ExploreInput, type ExploreResult } from '../../src/analysis/exploreSession';
import { MatchingQuery, OfferMapQuery } from '../../src/domain/analysisRequest';
import { hexRgb, NEED_CLASS_COLOURS, OFFER_CLASS_COLOURS } from '../../src/map/explorePalette';
import { axeViolations } from './support/axe';
import { pngPixels } from './support/pixels';
import { REPO_ROOT } from './support/buildApp';
import { ARTIFACTS, useBuiltApp } from './support/builtApp';

/**
 * Issue 14 in Debian's Chromium: a planner switches the map to residents' resources, finds the planted volunteer
 * street (ul. Mieszka I, data/town/offers.ts) at the top for help for seniors, opens "Gdzie potrzeba, a gdzie pomoc"
 * for children's free time on hexagons and sees the planted gap around Osiedle Tysiąclecia — the same units the
 * engine finds in Node on the committed demo files. The view is in the address; axe finds nothing serious.
 */

const app = useBuiltApp();
const DEMO = join(REPO_ROOT, 'data/demo');
const read = (name: string): unknown => JSON.parse(readFileSync(join(DEMO, `${name}.json`), 'utf8'));
const value = <T>(r: ExploreResult<T>): T => {
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
const plain = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

interface Snap { unitKind: string; campaignId: string; labels: string[]; unitIds: string[]; values: Array<number | null>; recolouredAt: number }
const snapshot = (page: Page) =>
  page.evaluate(() => {
    const e = window.__calmap?.explore;
    return e ? { unitKind: e.unitKind, campaignId: e.campaignId, labels: e.labels, unitIds: e.unitIds, values: e.values.map((v) => (Number.isFinite(v) ? v : null)), recolouredAt: e.recolouredAt } : null;
  }) as Promise<Snap | null>;

/**
 * Pixels of the map as a person sees it (a screenshot of the map element) within a small distance of a class colour
 * of the need scale (YlOrRd) and of the resources scale (Greens).
 */
async function paletteCounts(page: Page): Promise<{ needs: number; resources: number }> {
  const { data } = await pngPixels(page, await page.locator('.maplibregl-canvas').screenshot());
  const [needs, resources] = [NEED_CLASS_COLOURS.map(hexRgb), OFFER_CLASS_COLOURS.map(hexRgb)];
  const near = (i: number, colours: number[][]) => colours.some(([r, g, b]) => Math.abs(data[i]! - r!) + Math.abs(data[i + 1]! - g!) + Math.abs(data[i + 2]! - b!) <= 12);
  const counts = { needs: 0, resources: 0 };
  for (let i = 0; i < data.length; i += 4) {
    if (near(i, needs)) counts.needs++;
    else if (near(i, resources)) counts.resources++;
  }
  return counts;
}

describe('residents’ resources and needs matched with help', () => {
  it('finds the volunteer street, then the gap where the need has no help nearby', async () => {
    const input = { streets: read('streets'), addresses: read('addresses'), areas: read('areas'), responses: read('responses'), campaigns: read('campaigns'), resources: read('resources'), groups: read('groups') } as ExploreInput;
    const session = createExploreSession(input);
    const manifest = read('manifest') as { residentHelp: { volunteerStreet: { streetId: string } }; clusters: Array<{ id: string; centre: [number, number] }> };
    const latest = session.campaigns.at(-1)!.id;

    const context = await app.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'pl-PL' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(app.server.origin + '/', { waitUntil: 'commit' });
    await page.waitForFunction(() => Number.isFinite(window.__calmap?.explore?.recolouredAt), undefined, { timeout: 30_000, polling: 50 });
    // The need map is drawn in the red need scale (YlOrRd) …
    const needPixels = await paletteCounts(page);
    expect(needPixels.needs).toBeGreaterThan(2000);
    expect(needPixels.resources).toBeLessThan(needPixels.needs / 20);

    // Residents' resources, help for seniors, by street: the volunteer street leads.
    await page.check('input[name="explore-subject"][value="resources"]');
    await page.selectOption('#explore-offer', 'senior_care');
    await expect.poll(async () => plain(await page.locator('[data-testid="explore-legend"]').textContent()), { timeout: 15_000 }).toContain('Odsetek gospodarstw oferujących: Pomoc seniorom');
    const expected = value(session.offerMap(OfferMapQuery.parse({ unit: { kind: 'street' }, campaignId: latest, selection: { kind: 'offer', offerId: 'senior_care' } })));
    const streets = session.layer({ kind: 'street', hexSizeMeters: 250 });
    await expect.poll(async () => (await snapshot(page))?.values.filter((v) => v !== null).length, { timeout: 15_000 }).toBe(expected.values.filter(Number.isFinite).length);
    const snap = (await snapshot(page))!;
    expect(snap.campaignId).toBe(latest);
    const top = snap.values.reduce<number>((best, v, u) => (v !== null && (best < 0 || v > snap.values[best]!) ? u : best), -1);
    expect(snap.unitIds[top]).toBe(manifest.residentHelp.volunteerStreet.streetId);
    expect(snap.labels[top]).toBe('ul. Mieszka I');
    expect(snap.values[top]).toBeCloseTo(expected.values[streets.unitIds.indexOf(snap.unitIds[top]!)]!, 12);
    expect(plain(await page.locator('[data-testid="map-summary"]').textContent())).toContain('Najwięcej chętnych do pomocy: ul. Mieszka I');
    // … and what residents offer in green, never in the red of needs (UX.md "The resources side"); the legend too.
    await expect
      .poll(async () => {
        const counts = await paletteCounts(page);
        return counts.resources > 2000 && counts.needs < counts.resources / 20;
      }, { timeout: 15_000 })
      .toBe(true);
    const swatches = await page.locator('[data-testid="explore-legend"] .legend-list rect').evaluateAll((rects) => rects.map((r) => r.getAttribute('fill')));
    expect(swatches.filter((fill) => (OFFER_CLASS_COLOURS as readonly string[]).includes(fill ?? '')).length).toBeGreaterThanOrEqual(3);
    expect(swatches.some((fill) => (NEED_CLASS_COLOURS as readonly string[]).includes(fill ?? ''))).toBe(false);
    await page.screenshot({ path: join(ARTIFACTS, 'offers-green.png') });
    // The link follows the view (written a moment after the last change, like the camera).
    await expect.poll(() => new URL(page.url()).hash, { timeout: 5_000 }).toContain('show=zasoby');
    await expect.poll(() => new URL(page.url()).hash, { timeout: 5_000 }).toContain('offer=senior_care');

    // "Gdzie potrzeba, a gdzie pomoc": children's free time on hexagons, 800 m.
    await page.check('input[name="explore-subject"][value="matching"]');
    await page.selectOption('#explore-need', 'children_youth_leisure');
    await page.check('input[name="explore-unit"][value="hex"]');
    const matching = value(session.matching(MatchingQuery.parse({ unit: { kind: 'hex' }, campaignId: latest, needId: 'children_youth_leisure', thresholdMeters: 800 })));
    const hexes = session.layer({ kind: 'hex', hexSizeMeters: 250 });
    const gapIds = hexes.unitIds.filter((_, u) => matching.gap[u] === 1);
    expect(gapIds.length).toBeGreaterThan(0);
    await expect.poll(async () => page.locator('[data-testid="matching-gaps"] li').count(), { timeout: 20_000 }).toBe(Math.min(8, gapIds.length));
    const shownIds = await page.locator('[data-testid="matching-gaps"] li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-unit-id')));
    expect(shownIds.every((id) => gapIds.includes(id!))).toBe(true);
    expect(plain(await page.locator('[data-testid="matching-counts"]').textContent())).toContain(`Luki: ${gapIds.length}.`);
    expect(plain(await page.locator('[data-testid="matching-offers"]').textContent())).toContain('korepetycje');
    await expect.poll(() => new URL(page.url()).hash, { timeout: 5_000 }).toContain('show=dopasowanie');
    const hash = new URL(page.url()).hash;
    expect(hash).toContain('need=children_youth_leisure');
    expect(hash).toContain('unit=hex');

    // Nearer to the gap for the picture: the planted cluster in view.
    const cluster = manifest.clusters.find((c) => c.id === 'cluster-tysiaclecia-youth')!;
    await page.evaluate(([lng, lat]) => window.__calmap!.map.jumpTo({ center: [lng!, lat!], zoom: 13.6 }), cluster.centre);
    // The first gap listed, selected: its details on the right (a link may carry the selection: sel=hex:…).
    await page.evaluate((id) => {
      window.location.hash = `${window.location.hash}&sel=hex:${id}`;
    }, shownIds[0]!);
    await expect.poll(() => page.locator('[data-testid="details-title"]').textContent(), { timeout: 10_000 }).toBe(hexes.labels[hexes.unitIds.indexOf(shownIds[0]!)]);
    await page.locator('[data-testid="explore-subject"]').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(1200);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'matching-view.png') });
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});

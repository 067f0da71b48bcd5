import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createExploreSession, type ExploreInput, type ExploreResult } from '../../src/analysis/exploreSession';
import { OfferMapQuery } from '../../src/domain/analysisRequest';
import { SharePackage } from '../../src/domain/sharePackage';
import { OFFER_IDS, type OfferId } from '../../src/domain';
import { formatPercent } from '../../src/ui/common/format';
import { axeViolations } from './support/axe';
import { REPO_ROOT } from './support/buildApp';
import { ARTIFACTS, useBuiltApp } from './support/builtApp';

/**
 * Issue 14, the potential index's weights, in Debian's Chromium: on "Mapa" → "Zasoby mieszkańców" a planner moves the
 * sliders of the potential index, the map recolours with the engine's numbers (computed here in Node on the committed
 * demo files), the legend names the weights, the partner package keeps the chosen offers but weighs them equally
 * (a shared index never carries unequal weights), the link (`ow=`) reopens the same map in a fresh browser, the report's
 * residents section follows the link's weights, and a link with bad weights opens with a notice naming them.
 */

const app = useBuiltApp();
const DEMO = join(REPO_ROOT, 'data/demo');
const read = (name: string): unknown => JSON.parse(readFileSync(join(DEMO, `${name}.json`), 'utf8'));
const value = <T>(r: ExploreResult<T>): T => {
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
/** The same number (to 1e-12) or both hidden. */
const near = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) < 1e-12);
const plain = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

interface Snap { unitIds: string[]; values: Array<number | null>; classes: number[]; requestedAt: number; recolouredAt: number }
const snapshot = (page: Page) =>
  page.evaluate(() => {
    const e = window.__calmap?.explore;
    return e ? { unitIds: e.unitIds, values: e.values.map((v) => (Number.isFinite(v) ? v : null)), classes: e.classes, requestedAt: e.requestedAt, recolouredAt: e.recolouredAt } : null;
  }) as Promise<Snap | null>;

/** Moves a range input as a user's drag does (the value, then an input event React listens to). */
const slide = (page: Page, selector: string, to: number) =>
  page.evaluate(
    ([sel, v]) => {
      const input = document.querySelector<HTMLInputElement>(sel as string)!;
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, String(v));
      input.dispatchEvent(new Event('input', { bubbles: true }));
    },
    [selector, to] as const,
  );

describe('the potential index’s weights', () => {
  it('a planner weighs help for seniors up and cooking out: the map recolours, the link reproduces it, the report follows', async () => {
    const session = createExploreSession({ streets: read('streets'), addresses: read('addresses'), areas: read('areas'), responses: read('responses'), campaigns: read('campaigns'), resources: read('resources'), groups: read('groups') } as ExploreInput);
    const latest = session.campaigns.at(-1)!.id;
    const weights = Object.fromEntries(OFFER_IDS.map((id) => [id, id === 'senior_care' ? 5 : id === 'cooking' ? 0 : 1])) as Record<OfferId, number>;
    const positive = Object.fromEntries(Object.entries(weights).filter(([, w]) => w > 0));
    const equal = value(session.offerMap(OfferMapQuery.parse({ unit: { kind: 'street' }, campaignId: latest, selection: { kind: 'index', weights: Object.fromEntries(OFFER_IDS.map((id) => [id, 1])) } })));
    const weighted = value(session.offerMap(OfferMapQuery.parse({ unit: { kind: 'street' }, campaignId: latest, selection: { kind: 'index', weights: positive } })));
    const streets = session.layer({ kind: 'street', hexSizeMeters: 250 });
    const engineValue = (map: typeof equal, id: string) => {
      const v = map.values[streets.unitIds.indexOf(id)]!;
      return Number.isFinite(v) ? v : null;
    };

    const context = await app.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'pl-PL', acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(app.server.origin + '/#show=zasoby', { waitUntil: 'commit' });
    await page.waitForFunction(() => Number.isFinite(window.__calmap?.explore?.recolouredAt), undefined, { timeout: 30_000, polling: 50 });
    const legend = page.locator('[data-testid="explore-legend"]');
    await expect.poll(async () => plain(await legend.textContent()), { timeout: 15_000 }).toContain('wszystkie zasoby po równo');
    // Every street shows the engine's potential index with equal weights (polled: the need map may be drawn first).
    const mismatchesWith = (map: typeof equal) => async () => {
      const s = await snapshot(page);
      return s ? s.unitIds.filter((id, u) => !near(s.values[u]!, engineValue(map, id))).length : -1;
    };
    await expect.poll(mismatchesWith(equal), { timeout: 15_000 }).toBe(0);
    const before = (await snapshot(page))!;

    // The sliders: one per offer, under the offer select, all at 1.
    const sliders = page.locator('[data-testid="explore-offer-weights"] input[type="range"]');
    expect(await sliders.count()).toBe(OFFER_IDS.length);
    expect(await page.locator('#offer-weight-senior_care').inputValue()).toBe('1');
    const started = await page.evaluate(() => performance.now());
    await slide(page, '#offer-weight-senior_care', 5);
    await slide(page, '#offer-weight-cooking', 0);
    await page.waitForFunction((t0) => (window.__calmap?.explore?.requestedAt ?? 0) >= t0 && Number.isFinite(window.__calmap?.explore?.recolouredAt), started, { timeout: 15_000, polling: 50 });
    // Both moves drawn (the first may be drawn alone first): every street shows the engine's weighted index.
    await expect.poll(mismatchesWith(weighted), { timeout: 15_000 }).toBe(0);
    const after = (await snapshot(page))!;
    expect(Number.isFinite(after.recolouredAt)).toBe(true);
    // Recoloured: values and colour classes moved on some streets.
    expect(after.values.some((v, u) => v !== before.values[u])).toBe(true);
    expect(after.classes.some((c, u) => c !== before.classes[u])).toBe(true);
    await expect.poll(async () => plain(await legend.textContent()), { timeout: 5_000 }).toContain('wagi: czas na wolontariat ×1');
    const legendText = plain(await legend.textContent());
    expect(legendText).toContain('pomoc seniorom ×5');
    expect(legendText).not.toContain('gotowanie');
    // The link carries the weights (written a moment after the last change).
    await expect.poll(() => /[&#]ow=.*senior_care:5/.test(new URL(page.url()).hash) && !new URL(page.url()).hash.includes('cooking'), { timeout: 5_000 }).toBe(true);
    const hash = new URL(page.url()).hash;
    expect(hash).toContain('show=zasoby');
    expect(hash).toContain('senior_care:5');
    expect(hash).not.toContain('cooking');

    // The partner package follows the choice of offers (cooking left out) but weighs them equally: unequal weights
    // would let a unit's index be decoded into small offer counts (the rule of shared indexes, domain/sharePackage.ts).
    const chosenEqually = Object.fromEntries(Object.keys(positive).map((id) => [id, 1]));
    const shared = value(session.offerMap(OfferMapQuery.parse({ unit: { kind: 'street' }, campaignId: latest, selection: { kind: 'index', weights: chosenEqually } })));
    await page.getByRole('button', { name: 'Udostępnij partnerowi' }).click();
    const dialog = page.locator('dialog.share-dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(plain(await dialog.locator('[data-testid="share-offer-weights-note"]').textContent())).toContain('liczy wybrane zasoby po równo');
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Pobierz pakiet dla partnera' }).click()]);
    const pkg = SharePackage.parse(JSON.parse(readFileSync(await download.path(), 'utf8')));
    expect(pkg.view.selection).toEqual({ kind: 'offerIndex', weights: chosenEqually });
    const published = pkg.units.filter((u) => !u.suppressed && u.rate !== null);
    expect(published.length).toBeGreaterThan(0);
    // Rates travel to four decimals (buildSharePackage.ts): the shared index's, not the map's weighted one.
    const four = (v: number | null) => Math.round((v ?? NaN) * 10_000) / 10_000;
    expect(published.filter((u) => u.rate !== four(engineValue(shared, u.id))).map((u) => u.id)).toEqual([]);
    expect(published.some((u) => u.rate !== four(engineValue(weighted, u.id)))).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);

    await page.locator('[data-testid="explore-offer-weights"]').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.waitForTimeout(800);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'offer-weights.png') });
    await context.close();

    // A fresh browser opens the link: same sliders, same numbers, same legend.
    const fresh = await app.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'pl-PL' });
    const second = await fresh.newPage();
    second.on('pageerror', (e) => errors.push(e.message));
    await second.goto(app.server.origin + '/' + hash, { waitUntil: 'commit' });
    await second.waitForFunction(() => Number.isFinite(window.__calmap?.explore?.recolouredAt), undefined, { timeout: 30_000, polling: 50 });
    await expect.poll(async () => (await snapshot(second))?.values, { timeout: 15_000 }).toEqual(after.values);
    expect((await snapshot(second))!.classes).toEqual(after.classes);
    expect(await second.locator('#offer-weight-senior_care').inputValue()).toBe('5');
    expect(await second.locator('#offer-weight-cooking').inputValue()).toBe('0');
    expect(plain(await second.locator('[data-testid="explore-legend"]').textContent())).toBe(legendText);
    expect(await second.locator('[data-testid="url-notice"]').count()).toBe(0);

    // The report from the same link: its residents' section uses the weights and says so.
    const estates = session.layer({ kind: 'estate', hexSizeMeters: 250 });
    const estatePotential = value(session.offerMap(OfferMapQuery.parse({ unit: { kind: 'estate' }, campaignId: latest, selection: { kind: 'index', weights: positive } })));
    const estateEqual = value(session.offerMap(OfferMapQuery.parse({ unit: { kind: 'estate' }, campaignId: latest, selection: { kind: 'index', weights: Object.fromEntries(OFFER_IDS.map((id) => [id, 1])) } })));
    await second.goto(app.server.origin + '/' + hash.replace('#', '#v=raport&'), { waitUntil: 'commit' });
    await second.waitForFunction(() => window.__calmapReport?.ready === true, undefined, { timeout: 60_000, polling: 50 });
    const section = second.locator('[data-testid="report-zasoby"]');
    expect(plain(await section.locator('[data-testid="report-zasoby-index"]').textContent())).toContain('pomoc seniorom ×5');
    const cells = await section.locator('tbody tr').evaluateAll((rows) => rows.map((tr) => [tr.querySelector('th')!.textContent, tr.querySelectorAll('td')[1]!.textContent]));
    let differs = 0;
    for (const [label, cell] of cells) {
      const u = estates.labels.indexOf(label!);
      const v = estatePotential.values[u]!;
      expect(plain(cell ?? null), label!).toBe(Number.isFinite(v) ? plain(formatPercent('pl', v, 1)) : 'za mało odpowiedzi');
      if (Number.isFinite(v) && formatPercent('pl', v, 1) !== formatPercent('pl', estateEqual.values[u]!, 1)) differs++;
    }
    expect(differs).toBeGreaterThan(0); // the weights changed the report's numbers, not only its words
    await fresh.close();

    // A link with bad weights: the good ones are kept, the notice names the part left out.
    const bad = await app.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'pl-PL' });
    const third = await bad.newPage();
    third.on('pageerror', (e) => errors.push(e.message));
    await third.goto(app.server.origin + '/#show=zasoby&ow=senior_care:9,flying:1,tutoring:2', { waitUntil: 'commit' });
    await third.waitForFunction(() => Number.isFinite(window.__calmap?.explore?.recolouredAt), undefined, { timeout: 30_000, polling: 50 });
    await expect.poll(async () => plain(await third.locator('[data-testid="url-notice"]').textContent()), { timeout: 10_000 }).toContain('wagi wskaźnika potencjału');
    expect(await third.locator('#offer-weight-tutoring').inputValue()).toBe('2');
    expect(await third.locator('#offer-weight-senior_care').inputValue()).toBe('0');
    await bad.close();
    expect(errors).toEqual([]);
  }, 180_000);
});

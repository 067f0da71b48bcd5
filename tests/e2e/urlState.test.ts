import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeViewState, encodeViewState } from '../../src/share/urlCodec';
import { defaultViewState } from '../../src/share/viewState';
import { translate } from '../../src/ui/i18n/dictionary';
import { launchChromium } from './support/browser';
import { buildApp, REPO_ROOT } from './support/buildApp';
import { startStaticServer, type StaticServer } from './support/staticServer';
import { seededRandom as prng } from '../analysis/seededRandom';

/**
 * Issue 6 part 2 in Debian's Chromium: a view set by hand (wave 2, one need, hexagons, hot spots, a selection,
 * the map moved) is written to the address; that address opened in a fresh context shows the same view; and
 * 1,000 malformed addresses never crash the app (no page error, the app and its map stay, a notice says so).
 */

const ARTIFACTS = join(REPO_ROOT, 'tests/e2e/artifacts');
const WAVE_2 = 'campaign-2026-w2';
const NEED = 'addiction';

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

interface Snap { unitKind: string; campaignId: string; unitIds: string[]; values: Array<number | null>; giBin: number[] | null }
const snapshot = (page: Page) =>
  page.evaluate(() => {
    const e = window.__calmap?.explore;
    return e ? { unitKind: e.unitKind, campaignId: e.campaignId, unitIds: e.unitIds, values: e.values.map((v) => (Number.isFinite(v) ? v : null)), giBin: e.giBin } : null;
  }) as Promise<Snap | null>;
const camera = (page: Page) => page.evaluate(() => ({ zoom: window.__calmap!.map.getZoom(), lat: window.__calmap!.map.getCenter().lat, lon: window.__calmap!.map.getCenter().lng }));

async function openPage(url: string) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'pl-PL' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`${e.message} (at ${new URL(page.url()).hash})`));
  await page.goto(url, { waitUntil: 'commit' });
  return { context, page, errors };
}


describe('the address always encodes the view', () => {
  it('reopens the same view from a copied link in a fresh page', async () => {
    const { context, page, errors } = await openPage(server.origin + '/');
    await page.waitForFunction(() => Number.isFinite(window.__calmap?.explore?.recolouredAt), undefined, { timeout: 30_000, polling: 50 });
    expect(await page.evaluate(() => window.location.hash)).toMatch(/^#map=[\d.]+\/[\d.]+\/[\d.]+/);

    await page.selectOption('#explore-wave', WAVE_2);
    await page.selectOption('#explore-need', NEED);
    await page.check('input[name="explore-unit"][value="hex"]');
    await page.check('input[data-explore-toggle="hotSpots"]');
    await expect.poll(async () => (await snapshot(page))?.giBin !== null && (await snapshot(page))?.unitKind, { timeout: 15_000 }).toBe('hex');
    // Move the map, then click its centre: a hexagon (the unit shown) is selected.
    await page.evaluate(async () => {
      const map = window.__calmap!.map;
      map.jumpTo({ center: [map.getCenter().lng + 0.004, map.getCenter().lat - 0.002], zoom: map.getZoom() + 1.3 });
      await new Promise((resolve) => map.once('idle', resolve));
    });
    const box = (await page.locator('.map-canvas').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => page.evaluate(() => window.location.hash), { timeout: 15_000 }).toMatch(/&sel=hex:/);
    // The camera reaches the address with the throttled replaceState of the last move: wait for it, not for a fixed time.
    await expect
      .poll(async () => {
        const m = decodeViewState(await page.evaluate(() => window.location.hash)).state.map;
        const c = await camera(page);
        return m !== null && Math.abs(m.zoom - c.zoom) < 0.006 && Math.abs(m.lat - c.lat) < 1e-4 && Math.abs(m.lon - c.lon) < 1e-4;
      }, { timeout: 15_000 })
      .toBe(true);
    const href = await page.evaluate(() => window.location.href);
    const hash = new URL(href).hash;
    console.log(`copied link: ${hash}`);
    const decoded = decodeViewState(hash);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.warnings).toEqual([]);
    expect(decoded.state).toMatchObject({ view: 'map', campaignId: WAVE_2, need: NEED, weights: null, unit: 'hex', layers: ['hotspots'] });
    expect(decoded.state.selection?.kind).toBe('hex');
    expect(encodeViewState(decoded.state)).toBe(hash); // the app writes the canonical form
    const before = (await snapshot(page))!;
    const cameraBefore = await camera(page);
    // The unit's details come from the worker (and their panel is a chunk of its own): read them once they are there.
    await expect.poll(() => page.locator('#panel-details').innerText()).toContain(translate('pl', 'detailNeeds'));
    const selectedText = await page.locator('#panel-details').innerText();

    const fresh = await openPage(href);
    await fresh.page.waitForFunction((wave) => window.__calmap?.explore?.campaignId === wave && window.__calmap.explore.giBin !== null, WAVE_2, { timeout: 30_000, polling: 50 });
    const after = (await snapshot(fresh.page))!;
    expect(after).toEqual(before);
    const cameraAfter = await camera(fresh.page);
    const m = decoded.state.map!;
    expect(cameraAfter.zoom).toBeCloseTo(m.zoom, 6);
    expect(cameraAfter.lat).toBeCloseTo(m.lat, 6);
    expect(cameraAfter.lon).toBeCloseTo(m.lon, 6);
    expect(Math.abs(cameraAfter.lat - cameraBefore.lat)).toBeLessThan(1e-4);
    expect(Math.abs(cameraAfter.zoom - cameraBefore.zoom)).toBeLessThan(0.006);
    expect(await fresh.page.evaluate(() => window.location.hash)).toBe(hash);
    await expect.poll(() => fresh.page.locator('#panel-details').innerText()).toBe(selectedText);
    expect(await fresh.page.locator('#explore-need').inputValue()).toBe(NEED);
    expect(await fresh.page.isChecked('input[data-explore-toggle="hotSpots"]')).toBe(true);
    expect(await fresh.page.locator('[data-testid="url-notice"]').count()).toBe(0);

    // A tab switch is a new history entry: Back returns to the same map view.
    await fresh.page.click('a.app-tab[href="#zasoby"]');
    await expect.poll(() => fresh.page.evaluate(() => window.location.hash)).toBe(hash.replace(/^(#map=[^&]*)/, '$1&v=zasoby'));
    await fresh.page.goBack();
    await expect.poll(() => fresh.page.evaluate(() => window.location.hash)).toBe(hash);
    await fresh.page.waitForFunction((wave) => window.__calmap?.explore?.campaignId === wave && window.__calmap.explore.unitKind === 'hex', WAVE_2, { timeout: 30_000, polling: 50 });

    expect(errors).toEqual([]);
    expect(fresh.errors).toEqual([]);
    await fresh.context.close();
    await context.close();
  });

  it('opens a link to a wave that does not exist with the rest of the view and a notice', async () => {
    const { context, page, errors } = await openPage(`${server.origin}/#map=14/50.15/19.3&wave=no-such-wave&unit=estate&sel=street:no-such-street&zzz=<script>`);
    const notice = page.locator('[data-testid="url-notice"]');
    await expect.poll(() => notice.getAttribute('data-kind'), { timeout: 30_000 }).toBe('unknown');
    expect(await notice.innerText()).toContain('fala badania');
    await page.waitForFunction(() => window.__calmap?.explore?.unitKind === 'estate', undefined, { timeout: 30_000, polling: 50 });
    await page.screenshot({ path: join(ARTIFACTS, 'url-notice.png') });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('survives 1,000 random malformed links without a crash', async () => {
    const { context, page, errors } = await openPage(server.origin + '/#%%%map=zz');
    await expect.poll(() => page.locator('[data-testid="url-notice"]').getAttribute('data-kind'), { timeout: 30_000 }).toBe('default');
    expect(await page.locator('[data-testid="url-notice"]').innerText()).toContain('Link był niepełny — otwarto widok domyślny');
    await page.waitForFunction(() => window.__calmap?.ready === true, undefined, { timeout: 30_000, polling: 50 });
    await page.evaluate(() => window.addEventListener('hashchange', (e) => ((window as unknown as { __lastHash: string }).__lastHash = new URL(e.newURL).hash)));

    const r = prng(6);
    const valid = '#map=15/50.15/19.3&v=mapa&wave=campaign-2026-w2&need=addiction&unit=estate&layers=gaps&sel=street:x';
    const pieces = ['#', '&', '=', 'map=', '/', '%', '%2', '%E0%A4%A', '%00', 'NaN', 'Infinity', '-', '1e308', '99999999999999999999', '<script>alert(1)</script>', 'v=', 'w=', ':', ',', 'sel=', 'wave=', '😀', 'ą', '__proto__', 'constructor', 'unit=', 'layers=', '..', ' ', '"', "'", '\\'];
    const generators: Array<() => string> = [
      () => String.fromCharCode(...Array.from({ length: Math.floor(r() * 60) }, () => 32 + Math.floor(r() * 0x3000))),
      () => Array.from({ length: 1 + Math.floor(r() * 10) }, () => pieces[Math.floor(r() * pieces.length)]!).join(''),
      () => valid.slice(0, 1 + Math.floor(r() * valid.length)),
      () => valid.replace(/[\d=&]/g, (d) => (r() < 0.25 ? pieces[Math.floor(r() * pieces.length)]! : d)),
      () => `#map=${(r() - 0.5) * 10 ** Math.floor(r() * 40)}/${r() < 0.5 ? 'NaN' : (r() - 0.5) * 1e4}/${r() < 0.5 ? '-1e309' : r() * 400 - 200}`,
      () => '#' + encodeURIComponent(valid).slice(0, Math.floor(r() * 120)),
    ];
    let checked = 0;
    let notices = 0;
    let settledChecks = 0;
    const started = Date.now();
    for (let i = 0; i < 1000; i++) {
      const hash = generators[i % generators.length]!();
      const seen = await page.evaluate(async (h) => {
        const w = window as unknown as { __lastHash: string | null };
        w.__lastHash = null;
        window.location.hash = h;
        await new Promise((resolve) => setTimeout(resolve, 0));
        await new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
        const notice = document.querySelector('[data-testid="url-notice"]');
        return { read: w.__lastHash, notice: notice?.getAttribute('data-kind') ?? null, app: !!document.querySelector('.app .app-header'), view: document.querySelector('.app')?.getAttribute('data-view') ?? null, map: !!document.querySelector('#map .map-canvas canvas') };
      }, hash);
      expect(seen.app, hash).toBe(true);
      if (seen.read === null) continue; // the same address as before: no navigation
      checked += 1;
      const expected = decodeViewState(seen.read);
      // React renders the store's change in a task of its own: poll briefly when it is not on screen yet.
      const noticeKind = () => page.evaluate(() => document.querySelector('[data-testid="url-notice"]')?.getAttribute('data-kind') ?? null);
      if (!expected.ok) {
        notices += 1;
        if (seen.notice !== 'default') await expect.poll(noticeKind, { timeout: 15_000, message: seen.read }).toBe('default');
      } else if (expected.warnings.length) {
        notices += 1;
        if (seen.notice === null) await expect.poll(noticeKind, { timeout: 15_000, message: seen.read }).not.toBeNull();
      }
      if (seen.view === 'map') expect(seen.map, seen.read).toBe(true);
      // Back to a plain map now and then, so the notices seen are the ones of this link.
      if (i % 100 === 99) console.log(`${i + 1} links, ${Date.now() - started} ms`);
      if (i % 50 === 49) {
        // Links that come faster than the app applies them are coalesced (urlStore URL_APPLY_DEBOUNCE_MS): after a
        // burst the map settles on the last link read, with its unit (or the default) and its camera.
        const settled = decodeViewState(await page.evaluate(() => window.location.hash)).state;
        if (settled.view === 'map') {
          await expect.poll(() => page.evaluate(() => window.__calmap?.explore?.unitKind ?? null), { timeout: 15_000, message: `unit after ${seen.read}` }).toBe(settled.unit ?? 'street');
          if (settled.map) {
            const zoom = Math.min(Math.max(settled.map.zoom, 0), 24);
            await expect.poll(() => page.evaluate(() => window.__calmap!.map.getZoom()), { timeout: 15_000 }).toBeCloseTo(zoom, 1);
          }
          settledChecks += 1;
        }
        await page.evaluate(() => (window.location.hash = '#map=13/50.15/19.3'));
      }
    }
    console.log(`1,000 malformed links: ${checked} navigations checked, ${notices} with a notice, ${settledChecks} bursts checked as applied, ${Date.now() - started} ms`);
    expect(checked).toBeGreaterThan(900);
    expect(errors).toEqual([]);
    expect(await page.locator('#map .map-canvas').count()).toBe(1);
    expect(decodeViewState(await page.evaluate(() => window.location.hash)).state).not.toBeUndefined();
    expect(defaultViewState().view).toBe('map');
    await context.close();
  }, 600_000);
});
